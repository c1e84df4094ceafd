// Where the scheduler gets its time and its timers, so tests never wait on the wall clock.
//
//   AsioTimerSource   production: Boost.Asio system_timers on one thread of their own
//   ManualTimerSource tests: time moves only when the test calls advance(), which runs the
//                     callbacks that fell due, in time order, on the calling thread
//
// Callbacks must be quick (the scheduler's only post work to its executor); a cancelled timer's
// callback never runs after cancel() returns (Asio: unless it was already running).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "accord/sdk/host_context.h"

namespace accord::scheduler {

using TimePoint = std::chrono::system_clock::time_point;
using TimerId = std::uint64_t;

class TimerSource : public sdk::Clock {
 public:
  // Runs `callback` once at `at` (at once when `at` is past). Thread-safe.
  virtual TimerId schedule(TimePoint at, std::function<void()> callback) = 0;
  // Unknown or already fired ids are ignored. Thread-safe.
  virtual void cancel(TimerId id) = 0;
};

class ManualTimerSource final : public TimerSource {
 public:
  explicit ManualTimerSource(TimePoint start = TimePoint{std::chrono::milliseconds{1704067200000}});

  TimePoint now() const override;
  TimerId schedule(TimePoint at, std::function<void()> callback) override;
  void cancel(TimerId id) override;

  // Moves time forward by `by`, running every timer that falls due on the way (timers those
  // callbacks schedule inside the window run too).
  void advance(std::chrono::milliseconds by);
  std::size_t pending() const;
  // When the earliest pending timer fires, if any.
  std::optional<TimePoint> nextDue() const;

 private:
  mutable std::mutex mutex_;
  TimePoint now_;
  TimerId next_id_ = 1;
  std::multimap<TimePoint, std::pair<TimerId, std::function<void()>>> timers_;
};

class AsioTimerSource final : public TimerSource {
 public:
  AsioTimerSource();
  ~AsioTimerSource() override;  // cancels every timer and joins its thread

  TimePoint now() const override;
  TimerId schedule(TimePoint at, std::function<void()> callback) override;
  void cancel(TimerId id) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace accord::scheduler
