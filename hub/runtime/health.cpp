#include "runtime/health.h"

#include <algorithm>

namespace accord::runtime {
namespace {

std::chrono::milliseconds nominalDelay(int failures, const RecoveryOptions& options) {
  if (failures >= options.failures_before_recovery) return options.recovery_delay;
  auto delay = options.base;
  for (int i = 1; i < failures && delay < options.cap; ++i) delay *= 2;
  return std::min(delay, options.cap);
}

}  // namespace

store::ConnectionStatus nextStatus(const store::ConnectionStatus& previous,
                                   const std::optional<sdk::Error>& failure,
                                   const sdk::Timestamp& now, const RecoveryOptions& options,
                                   std::mt19937_64& rng) {
  store::ConnectionStatus next = previous;
  if (!failure) {
    next.state = store::HealthState::healthy;
    next.consecutive_failures = 0;
    next.retry_at.reset();
    next.last_success_at = now;
    return next;
  }
  next.consecutive_failures = previous.consecutive_failures + 1;
  next.state = next.consecutive_failures >= options.failures_before_recovery
                   ? store::HealthState::recovery
                   : store::HealthState::backing_off;
  const auto nominal = nominalDelay(next.consecutive_failures, options).count();
  std::uniform_int_distribution<std::int64_t> upper_half(nominal / 2, nominal);
  next.retry_at = sdk::Timestamp(now.epochMillis() + upper_half(rng), 0);
  next.last_failure_at = now;
  next.last_error = failure->describe();
  return next;
}

}  // namespace accord::runtime
