// How the hub waits. Pacing code never sleeps itself: it says how long to wait and a Waiter
// does it, so tests substitute a waiter that advances a fake clock and run in no wall time.
#pragma once

#include <chrono>

namespace accord::net {

// Thread-safe: many threads may wait at once.
class Waiter {
 public:
  virtual ~Waiter() = default;
  virtual void wait(std::chrono::milliseconds duration) = 0;
};

// The production waiter: blocks the calling thread.
class SleepingWaiter final : public Waiter {
 public:
  void wait(std::chrono::milliseconds duration) override;
};

}  // namespace accord::net
