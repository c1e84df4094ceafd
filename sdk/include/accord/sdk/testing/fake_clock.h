// Test doubles for plugin authors: a clock the test sets and advances by hand, so that nothing
// in a test depends on the wall clock or sleeps.
#pragma once

#include <atomic>
#include <chrono>

#include "accord/sdk/host_context.h"
#include "accord/sdk/timestamp.h"

namespace accord::sdk::testing {

// Starts at 2024-01-01T00:00:00Z unless told otherwise. Thread-safe.
class FakeClock final : public Clock {
 public:
  using time_point = std::chrono::system_clock::time_point;
  static constexpr std::chrono::milliseconds kDefaultStart{1704067200000};  // 2024-01-01Z

  explicit FakeClock(time_point start = time_point{kDefaultStart}) : now_(start) {}

  time_point now() const override { return now_.load(); }
  void set(time_point when) { now_.store(when); }
  void set(const Timestamp& when) { now_.store(when.timePoint()); }
  void advance(std::chrono::milliseconds by) { now_.store(now_.load() + by); }

 private:
  std::atomic<time_point> now_;
};

}  // namespace accord::sdk::testing
