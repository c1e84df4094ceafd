// A connection's health across sync runs: how many runs in a row failed, whether it is backing
// off or in recovery mode (long backoff), and when it may be tried again. Written by the runtime
// after each run (runtime::runSync), read by the scheduler and `accord connection list`.
// A connection without a row is healthy.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/common.h"

namespace accord::store {

enum class HealthState { healthy, backing_off, recovery };
std::string_view toString(HealthState state) noexcept;
std::optional<HealthState> healthStateFromString(std::string_view text) noexcept;

struct ConnectionStatus {
  ConnectionId connection_id = 0;
  HealthState state = HealthState::healthy;
  int consecutive_failures = 0;             // failed runs in a row; 0 after a good run
  std::optional<sdk::Timestamp> retry_at;   // not before this (backing_off, recovery)
  std::optional<sdk::Timestamp> last_success_at;
  std::optional<sdk::Timestamp> last_failure_at;
  std::string last_error;  // Error::describe() of the latest failure; errors carry no secrets

  // Whether a run may start at `now` (healthy, or the wait is over).
  bool due(const sdk::Timestamp& now) const { return !retry_at || !(now < *retry_at); }
  // One line for status displays: "recovery (6 failed runs), next attempt 2024-...: <error>".
  std::string describe() const;
};

class ConnectionStatuses {
 public:
  explicit ConnectionStatuses(StoreContext ctx) : ctx_(ctx) {}

  // The stored status, or a healthy one for a connection never recorded. Errors only when
  // the store cannot be read.
  Result<ConnectionStatus> get(ConnectionId id);
  // Every recorded status of the organisation's connections (all when org is nullopt);
  // connections without a row are healthy and not listed.
  Result<std::vector<ConnectionStatus>> list(std::optional<OrgId> org = std::nullopt);
  Result<void> save(const ConnectionStatus& status);
  // Back to healthy (after a human fixed the cause, e.g. re-authorised).
  Result<void> clear(ConnectionId id);

 private:
  StoreContext ctx_;
};

}  // namespace accord::store
