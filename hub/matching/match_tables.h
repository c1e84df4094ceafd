// The matching tables (store migration 003): an organisation's settings, the records taken out
// of syncing, and the log of every decision. A cheap view over a Store, like the store's own
// repositories; use it from the Store's thread only.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "matching/rules.h"
#include "store/store.h"

namespace accord::matching {

// What a person (or the matcher on its own) decided.
struct Decision {
  std::int64_t id = 0;
  store::OrgId org_id = 0;
  std::string action;  // confirm, separate, ignore, unsync, resync, push, settings, auto_link
  std::optional<store::IssueId> issue_id;
  std::optional<store::RecordId> record_id;
  std::optional<store::ConnectionId> connection_id;
  std::optional<std::string> external_id;
  std::string detail;  // "kept incoming", "organization.keys = name,email"
  std::string decided_by;
  sdk::Timestamp decided_at;
};

struct UnsyncedRecord {
  store::RecordId record_id;
  std::string entity;
  std::string note;
  std::string by;
  sdk::Timestamp at;
};

// The automatic decisions' author.
inline constexpr std::string_view kMatcherAuthor = "accord (matcher)";

class MatchTables {
 public:
  explicit MatchTables(store::Store& store) : store_(store) {}

  // The defaults with the organisation's stored settings applied.
  Result<MatchSettings> settings(store::OrgId org);
  // Validates (MatchSettings::set), stores and logs the change.
  Result<void> setSetting(store::OrgId org, std::string_view name, std::string_view value,
                          std::string_view by);

  Result<std::int64_t> log(const Decision& decision);  // id and decided_at are filled in
  // Newest first.
  Result<std::vector<Decision>> decisions(store::OrgId org, int limit = 100);

  Result<void> markUnsynced(store::OrgId org, std::string_view record_id, std::string_view by,
                            std::string_view note = {});
  Result<void> clearUnsynced(std::string_view record_id);
  Result<bool> isUnsynced(std::string_view record_id);
  Result<std::vector<UnsyncedRecord>> unsynced(store::OrgId org);

  // True when the push phase must not create `record_id` in `connection` (which has no link
  // for it): it is a candidate of an open match issue from that connection (creating it there
  // would duplicate the held app record), or it is unsynced.
  Result<bool> heldFor(store::ConnectionId connection, std::string_view record_id);

  // The open match issue of one app record, if any.
  Result<std::optional<store::IssueId>> openIssue(const store::ExternalKey& key);

 private:
  store::Store& store_;
};

}  // namespace accord::matching
