#include "scheduler/trigger.h"

#include <algorithm>

namespace accord::scheduler {

std::string_view toString(TriggerKind kind) noexcept {
  switch (kind) {
    case TriggerKind::webhook: return "webhook";
    case TriggerKind::interval: return "interval";
    case TriggerKind::retry: return "retry";
    case TriggerKind::manual: return "manual";
  }
  return "unknown";
}

void Trigger::merge(const Trigger& other) {
  kind = std::max(kind, other.kind);
  connections.insert(other.connections.begin(), other.connections.end());
  for (const auto& [connection, records] : other.changes) {
    changes[connection].insert(records.begin(), records.end());
  }
}

std::string Trigger::describe() const {
  std::string text(toString(kind));
  if (targeted()) {
    std::size_t records = 0;
    for (const auto& [connection, ids] : changes) records += ids.size();
    text += " (" + std::to_string(records) + " record" + (records == 1 ? "" : "s") + " from " +
            std::to_string(changes.size()) + " connection" + (changes.size() == 1 ? "" : "s") +
            ")";
  }
  return text;
}

bool RunOutcome::failedFor(ConnectionId connection) const {
  return error.has_value() || failed_connections.count(connection) > 0;
}

std::string_view RunOutcome::label() const noexcept {
  if (error || !failed_connections.empty()) return "failed";
  return partial ? "partial" : "succeeded";
}

}  // namespace accord::scheduler
