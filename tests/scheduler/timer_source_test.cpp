// The timer sources: the manual one fires in time order as the test advances it; the Asio one
// fires, and a cancelled timer never does.
#include <gtest/gtest.h>

#include <condition_variable>
#include <vector>

#include "scheduler/timer_source.h"

namespace accord::scheduler {
namespace {

using namespace std::chrono_literals;

TEST(ManualTimerSource, FiresDueTimersInTimeOrderIncludingOnesScheduledOnTheWay) {
  ManualTimerSource timers;
  const TimePoint start = timers.now();
  std::vector<std::string> fired;
  timers.schedule(start + 3s, [&] { fired.push_back("3s"); });
  timers.schedule(start + 1s, [&] {
    fired.push_back("1s@" + std::to_string((timers.now() - start) / 1s));
    timers.schedule(timers.now() + 1s, [&] { fired.push_back("2s"); });
  });
  TimerId cancelled = timers.schedule(start + 2500ms, [&] { fired.push_back("cancelled"); });
  timers.cancel(cancelled);
  timers.advance(2s);
  EXPECT_EQ(fired, (std::vector<std::string>{"1s@1", "2s"}));
  EXPECT_EQ(timers.now(), start + 2s);
  timers.advance(5s);
  EXPECT_EQ(fired.back(), "3s");
  EXPECT_EQ(timers.pending(), 0u);
}

TEST(AsioTimerSource, FiresADueTimerAndNeverACancelledOne) {
  AsioTimerSource timers;
  std::mutex mutex;
  std::condition_variable done;
  std::vector<int> fired;
  TimerId later = timers.schedule(timers.now() + 1h, [&] {
    std::lock_guard lock(mutex);
    fired.push_back(2);
  });
  timers.cancel(later);
  timers.schedule(timers.now(), [&] {
    std::lock_guard lock(mutex);
    fired.push_back(1);
    done.notify_all();
  });
  std::unique_lock lock(mutex);
  ASSERT_TRUE(done.wait_for(lock, 10s, [&] { return !fired.empty(); }));
  EXPECT_EQ(fired, std::vector<int>{1});
}

}  // namespace
}  // namespace accord::scheduler
