// Per-key call windows (minute/hour/day...) and a concurrency cap, on a sandbox Clock. Used for
// Xero's per-tenant and app-wide limits and vTiger's per-user limits. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sandbox/common/clock.h"

namespace accord::sandbox {

struct RateWindow {
  std::string name;              // reported as the problem when exhausted: "minute", "day"
  std::chrono::seconds length;   // the window starts with its first call (fixed window)
  std::uint64_t limit;
};

struct RateLimits {
  std::vector<RateWindow> windows;
  std::uint32_t concurrent = 0;  // in-flight calls per key; 0 = no cap
};

struct RateDecision {
  bool allowed = true;
  std::chrono::seconds retry_after{0};  // when not allowed: until the exhausted window resets
  std::string problem;                  // the exhausted window's name, or "concurrent"
  std::vector<std::pair<std::string, std::uint64_t>> remaining;  // per window, after this call

  std::uint64_t remainingIn(std::string_view window) const;  // 0 if unknown
};

class RateLimiter {
 public:
  RateLimiter(const Clock& clock, RateLimits limits);

  // Counts one call for `key` if every window has room (and, with a concurrency cap, takes a
  // slot that release() must give back). A refused call counts against nothing.
  RateDecision check(const std::string& key);
  // Gives back the concurrency slot taken by an allowed check().
  void release(const std::string& key);
  // What check() would report, without counting anything.
  RateDecision peek(const std::string& key) const;
  void reset();

 private:
  struct Window {
    Clock::TimePoint start{};
    std::uint64_t used = 0;
  };
  struct KeyState {
    std::vector<Window> windows;
    std::uint32_t in_flight = 0;
  };
  RateDecision evaluate(KeyState& state, Clock::TimePoint now) const;

  const Clock& clock_;
  RateLimits limits_;
  mutable std::mutex mutex_;
  std::map<std::string, KeyState, std::less<>> keys_;
};

}  // namespace accord::sandbox
