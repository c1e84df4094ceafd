// How long a connection waits after a failure, and whether it is healthy. One Backoff per
// connection, held by the sync engine.
//
// Exponential with full jitter (AWS architecture blog, "Exponential Backoff and Jitter"): the
// n-th consecutive failure waits a uniform random time in [0, min(cap, base * 2^(n-1))], so many
// connections failing together do not retry in lockstep. After `recovery_after` failures in a
// row the connection is in recovery: it waits `recovery_delay` (jittered in its upper half)
// between attempts until one succeeds, and its status says so.
//
// Which failures count is the engine's call: retryable and rate_limited errors do; an
// auth_expired that a refresh fixed does not; invalid_config and permanent are not retried.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>

#include "accord/sdk/host_context.h"
#include "accord/sdk/result.h"

namespace accord::net {

struct BackoffOptions {
  std::chrono::milliseconds base{1'000};
  std::chrono::milliseconds cap{5 * 60'000};
  int recovery_after = 5;  // consecutive failures before recovery mode
  std::chrono::milliseconds recovery_delay{30 * 60'000};
};

enum class HealthMode { healthy, backing_off, recovery };
std::string_view toString(HealthMode mode) noexcept;

struct ConnectionHealth {
  HealthMode mode = HealthMode::healthy;
  int consecutive_failures = 0;
  std::optional<std::chrono::system_clock::time_point> retry_at;  // not before this
  std::string last_error;  // Error::describe() of the latest failure (errors carry no secrets)

  // One line for the CLI: "recovery after 5 failures in a row, next attempt
  // 2024-01-01T00:30:00Z: retryable: GET ... timed out".
  std::string describe() const;
};

// Thread-safe. The clock must outlive it.
class Backoff {
 public:
  Backoff(const sdk::Clock& clock, BackoffOptions options, std::uint64_t seed);
  // Seeded from std::random_device.
  Backoff(const sdk::Clock& clock, BackoffOptions options = {});

  // Records a failure; returns how long to wait before the next attempt. An error's
  // retry_after (the app said) is a floor under the random delay.
  std::chrono::milliseconds onFailure(const sdk::Error& error);
  void onSuccess();

  ConnectionHealth health() const;
  bool ready() const;  // no wait pending: now >= retry_at

 private:
  std::chrono::milliseconds delayFor(int failures);

  const sdk::Clock& clock_;
  BackoffOptions options_;
  mutable std::mutex mutex_;
  std::mt19937_64 rng_;
  ConnectionHealth health_;
};

}  // namespace accord::net
