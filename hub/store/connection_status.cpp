#include "store/connection_status.h"

namespace accord::store {
namespace {

constexpr std::string_view kColumns =
    "connection_id, state, consecutive_failures, retry_at, last_success_at, last_failure_at, "
    "last_error";

ConnectionStatus readStatus(const Statement& st) {
  ConnectionStatus status;
  status.connection_id = st.columnInt(0);
  status.state = healthStateFromString(st.columnText(1)).value_or(HealthState::healthy);
  status.consecutive_failures = static_cast<int>(st.columnInt(2));
  status.retry_at = fromMillis(st.columnOptInt(3));
  status.last_success_at = fromMillis(st.columnOptInt(4));
  status.last_failure_at = fromMillis(st.columnOptInt(5));
  status.last_error = st.columnText(6);
  return status;
}

}  // namespace

std::string_view toString(HealthState state) noexcept {
  switch (state) {
    case HealthState::healthy: return "healthy";
    case HealthState::backing_off: return "backing_off";
    case HealthState::recovery: return "recovery";
  }
  return "healthy";
}

std::optional<HealthState> healthStateFromString(std::string_view text) noexcept {
  for (HealthState s : {HealthState::healthy, HealthState::backing_off, HealthState::recovery}) {
    if (toString(s) == text) return s;
  }
  return std::nullopt;
}

std::string ConnectionStatus::describe() const {
  if (state == HealthState::healthy) return "healthy";
  std::string text = state == HealthState::recovery ? "recovery" : "backing off";
  text += " (" + std::to_string(consecutive_failures) + " failed run" +
          (consecutive_failures == 1 ? "" : "s") + " in a row)";
  if (retry_at) text += ", next attempt " + retry_at->toString();
  if (!last_error.empty()) text += ": " + last_error;
  return text;
}

Result<ConnectionStatus> ConnectionStatuses::get(ConnectionId id) {
  auto found = firstRow<ConnectionStatus>(
      ctx_.db.prepare("SELECT " + std::string(kColumns) +
                          " FROM connection_status WHERE connection_id = ?1",
                      id),
      readStatus);
  if (!found) return found.error();
  if (found.value()) return std::move(*found.value());
  ConnectionStatus healthy;
  healthy.connection_id = id;
  return healthy;
}

Result<std::vector<ConnectionStatus>> ConnectionStatuses::list(std::optional<OrgId> org) {
  return collectRows<ConnectionStatus>(
      ctx_.db.prepare("SELECT s." + std::string(kColumns) +
                          " FROM connection_status s JOIN connections c ON c.id = s.connection_id"
                          " WHERE ?1 IS NULL OR c.org_id = ?1 ORDER BY s.connection_id",
                      org),
      readStatus);
}

Result<void> ConnectionStatuses::save(const ConnectionStatus& status) {
  if (status.consecutive_failures < 0) {
    return sdk::makeError(ErrorKind::permanent, "connection " +
                                                    std::to_string(status.connection_id) +
                                                    ": consecutive failures must not be negative",
                          "consecutive_failures");
  }
  return ctx_.db.run(
      "INSERT INTO connection_status (connection_id, state, consecutive_failures, retry_at, "
      "last_success_at, last_failure_at, last_error, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (connection_id) DO UPDATE SET "
      "state = excluded.state, consecutive_failures = excluded.consecutive_failures, "
      "retry_at = excluded.retry_at, last_success_at = excluded.last_success_at, "
      "last_failure_at = excluded.last_failure_at, last_error = excluded.last_error, "
      "updated_at = excluded.updated_at",
      status.connection_id, std::string(toString(status.state)), status.consecutive_failures,
      toMillis(status.retry_at), toMillis(status.last_success_at),
      toMillis(status.last_failure_at), status.last_error, ctx_.now());
}

Result<void> ConnectionStatuses::clear(ConnectionId id) {
  return ctx_.db.run("DELETE FROM connection_status WHERE connection_id = ?1", id);
}

}  // namespace accord::store
