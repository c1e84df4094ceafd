// Admin API tokens: `accord token create` makes one and shows it once; the service checks the
// bearer token of every /api/v1 request against the stored hashes. A token is either for
// every organisation (org empty) or for one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/common.h"

namespace accord::store {

struct AdminToken {
  std::int64_t id = 0;
  std::string name;
  std::optional<OrgId> org;          // nullopt: every organisation
  std::optional<std::string> org_slug;
  sdk::Timestamp created_at;
  std::optional<sdk::Timestamp> last_used_at;
};

// The hash a token is stored and looked up by (SHA-256, hex). Tokens are 32 random bytes, so
// a fast hash is enough: there is nothing to guess as with a password.
std::string hashAdminToken(std::string_view token);

class AdminTokens {
 public:
  explicit AdminTokens(StoreContext ctx) : ctx_(ctx) {}

  struct Created {
    AdminToken token;
    std::string secret;  // "acc_" + 43 base64url characters; shown once, never stored
  };
  // Refuses an empty or taken name.
  Result<Created> create(std::string_view name, std::optional<OrgId> org);
  Result<std::vector<AdminToken>> list();
  // The token a bearer secret belongs to (its last use is stamped), or nullopt.
  Result<std::optional<AdminToken>> verify(std::string_view secret);
  Result<void> revoke(std::string_view name);  // error "no token 'x'"

 private:
  StoreContext ctx_;
};

}  // namespace accord::store
