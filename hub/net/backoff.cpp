#include "net/backoff.h"

#include <algorithm>

#include "accord/sdk/timestamp.h"

namespace accord::net {

using std::chrono::milliseconds;

std::string_view toString(HealthMode mode) noexcept {
  switch (mode) {
    case HealthMode::healthy: return "healthy";
    case HealthMode::backing_off: return "backing_off";
    case HealthMode::recovery: return "recovery";
  }
  return "healthy";
}

std::string ConnectionHealth::describe() const {
  if (mode == HealthMode::healthy) return "healthy";
  std::string text = mode == HealthMode::recovery ? "recovery" : "backing off";
  text += " after " + std::to_string(consecutive_failures) + " failure" +
          (consecutive_failures == 1 ? "" : "s") + " in a row";
  if (retry_at) text += ", next attempt " + sdk::Timestamp::fromTimePoint(*retry_at).toString();
  if (!last_error.empty()) text += ": " + last_error;
  return text;
}

Backoff::Backoff(const sdk::Clock& clock, BackoffOptions options, std::uint64_t seed)
    : clock_(clock), options_(options), rng_(seed) {}

Backoff::Backoff(const sdk::Clock& clock, BackoffOptions options)
    : Backoff(clock, options, std::random_device{}()) {}

milliseconds Backoff::delayFor(int failures) {
  if (failures >= options_.recovery_after) {
    const auto full = options_.recovery_delay.count();
    std::uniform_int_distribution<long long> pick(full / 2, full);
    return milliseconds{pick(rng_)};
  }
  // base * 2^(n-1), stopping at the cap before it can overflow.
  long long ceiling = options_.base.count();
  for (int i = 1; i < failures && ceiling < options_.cap.count(); ++i) ceiling *= 2;
  ceiling = std::min(ceiling, static_cast<long long>(options_.cap.count()));
  std::uniform_int_distribution<long long> pick(0, ceiling);
  return milliseconds{pick(rng_)};
}

milliseconds Backoff::onFailure(const sdk::Error& error) {
  std::lock_guard lock(mutex_);
  ++health_.consecutive_failures;
  milliseconds delay = delayFor(health_.consecutive_failures);
  if (error.retry_after) delay = std::max<milliseconds>(delay, *error.retry_after);
  health_.mode = health_.consecutive_failures >= options_.recovery_after ? HealthMode::recovery
                                                                          : HealthMode::backing_off;
  health_.retry_at = clock_.now() + delay;
  health_.last_error = error.describe();
  return delay;
}

void Backoff::onSuccess() {
  std::lock_guard lock(mutex_);
  health_ = ConnectionHealth{};
}

ConnectionHealth Backoff::health() const {
  std::lock_guard lock(mutex_);
  return health_;
}

bool Backoff::ready() const {
  std::lock_guard lock(mutex_);
  return !health_.retry_at || clock_.now() >= *health_.retry_at;
}

}  // namespace accord::net
