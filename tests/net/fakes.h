// Test doubles for the pacing layer: a Waiter that advances a FakeClock instead of sleeping, so
// simulated minutes and days pass in no wall time.
#pragma once

#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "accord/sdk/testing/fake_clock.h"
#include "net/waiter.h"

namespace accord::net::testing {

// Thread-safe; records every wait it was asked for.
class AdvancingWaiter final : public Waiter {
 public:
  explicit AdvancingWaiter(sdk::testing::FakeClock& clock) : clock_(clock) {}

  void wait(std::chrono::milliseconds duration) override {
    {
      std::lock_guard lock(mutex_);
      waits_.push_back(duration);
      clock_.advance(duration);
    }
    std::this_thread::yield();  // threads polling for a slot let the holder run
  }

  std::vector<std::chrono::milliseconds> waits() const {
    std::lock_guard lock(mutex_);
    return waits_;
  }

 private:
  sdk::testing::FakeClock& clock_;
  mutable std::mutex mutex_;
  std::vector<std::chrono::milliseconds> waits_;
};

}  // namespace accord::net::testing
