// Sandbox time. Everything time-dependent in a sandbox (token expiry, rate windows, dates it
// stamps on records) reads a Clock so tests can move time by hand. All clocks are thread-safe.
#pragma once

#include <chrono>
#include <mutex>
#include <string>

namespace accord::sandbox {

class Clock {
 public:
  using TimePoint = std::chrono::system_clock::time_point;
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

class SystemClock : public Clock {
 public:
  TimePoint now() const override { return std::chrono::system_clock::now(); }
};

// Time that only moves when a test says so.
class ManualClock : public Clock {
 public:
  explicit ManualClock(TimePoint start = TimePoint{std::chrono::seconds{1767225600}});  // 2026-01-01
  TimePoint now() const override;
  void set(TimePoint time);
  void advance(std::chrono::system_clock::duration delta);

 private:
  mutable std::mutex mutex_;
  TimePoint now_;
};

// Real time sped up by `scale` from the moment of construction (CLI --time-scale): with scale
// 60 a sandbox minute passes every real second, so rate-limit windows and token expiry can be
// exercised in demos without waiting.
class ScaledClock : public Clock {
 public:
  explicit ScaledClock(double scale, TimePoint origin = std::chrono::system_clock::now());
  TimePoint now() const override;
  double scale() const { return scale_; }

 private:
  double scale_;
  TimePoint origin_;
  std::chrono::steady_clock::time_point start_;
};

// RFC 3339 UTC with milliseconds, "2026-01-01T00:00:00.000Z"-style helpers used by both apps.
std::string formatIsoUtc(Clock::TimePoint time, bool with_millis = false, bool with_zone = true);

}  // namespace accord::sandbox
