// Match issues: a pulled record the matcher could not place on its own (several candidates, or
// one that is only a likely match). It waits in the review queue with its candidates until a
// person decides: link it to a record, create a new record, or ignore it. The decision is kept
// with who made it and when.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/common.h"

namespace accord::store {

struct MatchCandidate {
  RecordId record_id;
  double score = 0;     // 0..1
  std::string reasons;  // "same email; name differs"
};

struct NewMatchIssue {
  OrgId org_id = 0;
  ConnectionId connection_id = 0;
  std::string entity;
  std::string external_id;
  std::string incoming_json;  // the pulled record, canonical JSON
  std::string reason;         // "2 candidates with the same name"
  std::vector<MatchCandidate> candidates;
};

enum class MatchDecision { link, create, ignore };
std::string_view toString(MatchDecision decision) noexcept;

struct MatchIssue {
  IssueId id = 0;
  OrgId org_id = 0;
  ConnectionId connection_id = 0;
  std::string entity;
  std::string external_id;
  std::string incoming_json;
  std::string reason;
  std::vector<MatchCandidate> candidates;  // best first
  bool open = true;
  std::optional<std::string> decision;  // "link", "create", "ignore"
  std::optional<RecordId> decided_record_id;
  std::optional<std::string> decided_by;
  std::optional<sdk::Timestamp> decided_at;
  std::optional<std::string> note;
  sdk::Timestamp created_at;
  sdk::Timestamp updated_at;
};

class MatchIssues {
 public:
  explicit MatchIssues(StoreContext ctx) : ctx_(ctx) {}

  // At most one open issue per (connection, entity, external id): opening it again refreshes
  // the incoming record, reason and candidates and returns the same id.
  Result<IssueId> open(const NewMatchIssue& issue);
  Result<MatchIssue> get(IssueId id);
  // Open issues of an organisation, oldest first (all issues when include_resolved).
  Result<std::vector<MatchIssue>> list(OrgId org, bool include_resolved = false);
  // decided_record_id: the record linked to (link) or created (create); empty for ignore.
  // Refuses an issue that is not open.
  Result<void> resolve(IssueId id, MatchDecision decision, std::string_view decided_record_id,
                       std::string_view decided_by, std::string_view note = {});

 private:
  Result<void> loadCandidates(MatchIssue& issue);
  StoreContext ctx_;
};

}  // namespace accord::store
