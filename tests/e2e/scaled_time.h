// Time that runs `scale` times faster than the wall clock from a fixed origin. It is a pure
// function of the wall clock, so the test process (the sandboxes) and the hub processes it
// starts and kills agree on it without sharing anything but two numbers.
#pragma once

#include <chrono>
#include <thread>

#include "accord/sdk/host_context.h"
#include "net/waiter.h"
#include "sandbox/common/clock.h"

namespace accord::e2e {

struct Scale {
  std::chrono::system_clock::time_point origin;
  double factor = 1;

  std::chrono::system_clock::time_point now() const {
    auto real = std::chrono::system_clock::now() - origin;
    return origin + std::chrono::duration_cast<std::chrono::system_clock::duration>(real * factor);
  }
};

class ScaledSandboxClock final : public sandbox::Clock {
 public:
  explicit ScaledSandboxClock(Scale scale) : scale_(scale) {}
  TimePoint now() const override { return scale_.now(); }

 private:
  Scale scale_;
};

// The hub's side: its clock, and a waiter that sleeps the scaled-down wall time.
class ScaledHubTime final : public sdk::Clock, public net::Waiter {
 public:
  explicit ScaledHubTime(Scale scale) : scale_(scale) {}
  std::chrono::system_clock::time_point now() const override { return scale_.now(); }
  void wait(std::chrono::milliseconds duration) override {
    std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(duration.count() / scale_.factor));
  }

 private:
  Scale scale_;
};

}  // namespace accord::e2e
