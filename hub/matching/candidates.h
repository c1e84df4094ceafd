// Reading the store for the matcher: the records a connection's incoming records may be, and the
// references to rewrite when an empty placeholder turns out to be a record the hub already has.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "matching/matcher.h"
#include "store/store.h"

namespace accord::matching {

// A Matcher over every record of the organisation and entity that may be offered to
// `connection`: not linked to it already, not taken out of syncing, not deleted. The records
// are read once, in pages.
Result<Matcher> loadMatcher(store::Store& store, store::OrgId org, store::ConnectionId connection,
                            model::EntityType entity, const MatchSettings& settings);

// Which records (linked to one connection) mention which canonical ids. Placeholders are only
// ever referred to by records read from the connection they were created for, so that is where
// to look; the bodies are scanned as text for quoted canonical ids (32 hex digits), once.
class ReferenceFinder {
 public:
  static Result<ReferenceFinder> build(store::Store& store, store::ConnectionId connection);
  std::vector<store::RecordId> referencing(const std::string& id) const;

 private:
  std::unordered_map<std::string, std::vector<store::RecordId>> by_target_;
};

// Records of the organisation whose bodies mention `id` (a one-off scan, for review decisions).
Result<std::vector<store::RecordId>> findReferencing(store::Store& store, store::OrgId org,
                                                     std::string_view id);

struct Replacement {
  store::RecordId from;  // the placeholder
  store::RecordId to;    // the record it is
  std::optional<store::ConnectionId> source;  // nullopt: a person's decision
  std::optional<store::RunId> run;
};

// Rewrites every Ref to `from` in `records` to `to` (a new version of each), then marks the
// placeholder `from` deleted: it has no link left, so nothing is ever sent for it. Call inside
// the transaction that moves the link.
Result<void> replacePlaceholder(store::Store& store, store::OrgId org,
                                const std::vector<store::RecordId>& records,
                                const Replacement& replacement);

// True when the record is an unfilled placeholder: no link of it was ever pulled or pushed.
Result<bool> isUnfilledPlaceholder(store::Store& store, std::string_view record_id);

}  // namespace accord::matching
