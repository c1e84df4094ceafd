// Organisations: the businesses a hub serves. Everything else belongs to one and goes with it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/common.h"

namespace accord::store {

struct Organisation {
  OrgId id = 0;
  std::string slug;  // lowercase letters, digits and '-': what the CLI and logs use
  std::string name;
  sdk::Timestamp created_at;
};

// "Acme Pty. Ltd" -> "acme-pty-ltd". Empty when the name has no letters or digits.
std::string slugFromName(std::string_view name);

class Organisations {
 public:
  explicit Organisations(StoreContext ctx) : ctx_(ctx) {}

  // slug empty: derived from the name. Refuses a slug already taken or malformed.
  Result<Organisation> add(std::string_view name, std::string_view slug = {});
  Result<std::vector<Organisation>> list();
  Result<std::optional<Organisation>> find(std::string_view slug);
  Result<Organisation> get(std::string_view slug);  // error "no organisation 'x'"
  Result<Organisation> get(OrgId id);
  // Refuses while the organisation has connections, naming them, unless force: then the
  // organisation and everything under it (connections, records, history) is deleted.
  Result<void> remove(std::string_view slug, bool force = false);

 private:
  StoreContext ctx_;
};

}  // namespace accord::store
