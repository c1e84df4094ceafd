// Sync filters: which records a connection shares, decided when pulling (settings in
// connection_settings.h, rules in docs/preview-and-filters.md).
//
// A record read from the app that does not pass its entity's filter is not merged: never-seen
// records stay out of the hub; a linked record that stops matching is remembered as filtered
// (sync_filtered_links), so the hub neither takes its later changes nor sends it any until it
// matches again. Nothing is deleted or archived anywhere because of a filter. The end of a
// shared record (a removal, or a read with status archived/deleted) is always passed on.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sync/connection_settings.h"

namespace accord::sync {

struct RuleOutcome {
  FilterRule rule;
  bool passed = false;
  std::vector<std::string> values;  // the record's values at the rule's field
};

struct Explanation {
  bool shared = true;
  bool filtered = false;  // the connection has a filter for the entity
  std::vector<RuleOutcome> rules;
  std::string summary;  // one line: "not shared: rule 2 (is_supplier eq false) fails: true"
};

// The values at a filter field ("addresses.country" gives every address's country), as text:
// booleans "true"/"false", decimals and dates as in the JSON form, Refs as ids.
std::vector<std::string> fieldValues(const model::Record& record, const std::string& field);

// Evaluates every rule (all of them, so an explanation names each one). `now` resolves
// relative dates ("today-365d").
Explanation explain(const EntityFilter* filter, const model::Record& record, sdk::Timestamp now);

// Links of a connection the filters took out of sharing.
class FilteredLinks {
 public:
  explicit FilteredLinks(store::Database& db) : db_(db) {}
  // The reason when the record is filtered out of the connection.
  Result<std::optional<std::string>> reason(store::ConnectionId connection,
                                            const std::string& record_id);
  Result<void> mark(store::ConnectionId connection, const std::string& record_id,
                    const std::string& reason, std::int64_t at_ms);
  Result<void> clear(store::ConnectionId connection, const std::string& record_id);
  Result<std::int64_t> count(store::ConnectionId connection);

 private:
  store::Database& db_;
};

// The pull phase's filter step is sharedByFilters() (run_context.h).

}  // namespace accord::sync
