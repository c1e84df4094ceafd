// The review queue's decisions (`accord matches ...`, docs/matching.md). Each one is one
// transaction and is logged with who made it and when (MatchTables::decisions).
//
//   Review review(store, "ann");
//   review.confirm(issue, Side::incoming);   // link; the app's values win
//   review.separate(issue);                  // a new record instead
//   review.unsync(org, record);              // stop syncing it both ways
//   review.resyncRecord(org, record);        // sync it again
//   review.resyncIssue(issue);               // match the held record again
//   review.pushTo(org, record, connection);  // create it in an app that lacks it, next sync
//
// Part of library accord_matching_review (it writes link bases through the sync engine's
// SyncState); use it from the Store's thread only.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "matching/match_tables.h"
#include "matching/matcher.h"
#include "store/store.h"

namespace accord::matching {

// Whose values win when an issue is confirmed: the app record that was held ("incoming"), or
// the hub's record it is linked to ("existing").
enum class Side { incoming, existing };
std::optional<Side> sideFromString(std::string_view text) noexcept;  // "incoming" | "existing"

struct ResyncOutcome {
  MatchKind kind = MatchKind::none;  // full: linked, none: created, conflict: held again
  store::RecordId record_id;         // linked or created
  std::optional<store::IssueId> issue_id;  // the open issue, when held again
};

class Review {
 public:
  // `by` names who decides; refused (at the first decision) when empty.
  Review(store::Store& store, std::string by) : store_(store), by_(std::move(by)) {}

  // Links the issue's held app record to `record_id` (default: its only candidate; required
  // when it has several). Side::incoming puts the app's values on the hub's record (fields the
  // app left empty keep theirs) and sends them to the other apps next sync; Side::existing
  // keeps the hub's record and sends it to this app next sync. Returns the linked record.
  Result<store::RecordId> confirm(store::IssueId issue, Side keep, std::string_view record_id = {});
  // A new canonical record from the held app record (sent to the other apps next sync).
  Result<store::RecordId> separate(store::IssueId issue);
  // Closes an issue without syncing the held record; its next change is matched again.
  Result<void> ignore(store::IssueId issue);

  // Every link of the record opted out both ways; listed by MatchTables::unsynced and never
  // offered as a match candidate.
  Result<void> unsync(store::OrgId org, std::string_view record_id, std::string_view note = {});
  // The opposite: syncing resumes both ways, and the hub's version is offered to every app
  // that holds it on the next sync (sent where it differs from what the app last agreed to).
  Result<void> resyncRecord(store::OrgId org, std::string_view record_id);
  // Matches an issue's held record again with today's records and settings: linked on a full
  // match, created when nothing matches, held (the issue open) on a conflict. Refused when the
  // app record has been linked since.
  Result<ResyncOutcome> resyncIssue(store::IssueId issue);
  // Marks a record for creation in a connection that lacks it: the next sync's push offers it
  // to that app (one way: nothing is read from the app for it until then).
  Result<void> pushTo(store::OrgId org, std::string_view record_id, store::ConnectionId connection);

 private:
  Result<store::MatchIssue> openIssue(store::IssueId id);
  Result<store::RecordId> chooseCandidate(const store::MatchIssue& issue, std::string_view chosen);
  Result<void> linkHeld(const store::MatchIssue& issue, const model::Record& incoming,
                        const store::RecordId& record_id);
  Result<store::RecordId> createFrom(const store::MatchIssue& issue, const model::Record& incoming);
  Result<void> offerToApp(store::ConnectionId connection, const std::string& entity,
                          const store::RecordId& record_id);
  Result<void> decided(const Decision& decision);

  store::Store& store_;
  std::string by_;
};

}  // namespace accord::matching
