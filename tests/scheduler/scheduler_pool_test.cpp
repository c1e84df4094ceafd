// Many organisations on a bounded pool, one run per organisation, and a clean stop: on the
// manual executor for exact counts, and on a real Asio thread pool for real concurrency (the
// threads wait on each other through condition variables, never on the wall clock; each wait
// has a bound so a broken scheduler fails instead of hanging).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <thread>

#include "fake_runs.h"
#include "scheduler/scheduler.h"

namespace accord::scheduler {
namespace {

using namespace std::chrono_literals;
using testing::FakeRuns;
using testing::manual;

// A gate the test opens, and a count of runs inside it.
class Gate {
 public:
  void enter() {
    std::unique_lock lock(mutex_);
    ++inside_;
    max_inside_ = std::max(max_inside_, inside_);
    changed_.notify_all();
    changed_.wait_for(lock, 10s, [this] { return open_; });
    --inside_;
    ++finished_;
    changed_.notify_all();
  }
  void open() {
    std::lock_guard lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }
  bool waitInside(int n) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, 10s, [&] { return inside_ >= n; });
  }
  bool waitFinished(int n) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, 10s, [&] { return finished_ >= n; });
  }
  int maxInside() {
    std::lock_guard lock(mutex_);
    return max_inside_;
  }
  int finished() {
    std::lock_guard lock(mutex_);
    return finished_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool open_ = false;
  int inside_ = 0, max_inside_ = 0, finished_ = 0;
};

TEST(SchedulerPool, OrganisationsBeyondThePoolWaitInArrivalOrderAndShowAsQueueDepth) {
  ManualTimerSource timers;
  ManualExecutor executor;
  FakeRuns runs(timers);
  SchedulerOptions options;
  options.max_parallel = 2;
  Scheduler scheduler(timers, executor, runs.function(), options);
  for (OrgId org = 1; org <= 5; ++org) {
    scheduler.add({org, org * 10, "org" + std::to_string(org), 10min, timers.now() + 1h});
    ASSERT_TRUE(scheduler.trigger(org, manual(org * 10)));
  }
  EXPECT_EQ(executor.waiting(), 2u);
  EXPECT_EQ(scheduler.stats().running, 2u);
  EXPECT_EQ(scheduler.stats().queued, 3u);
  EXPECT_EQ(scheduler.status(30)->state, ConnectionState::queued);
  ASSERT_TRUE(executor.runOne());
  EXPECT_EQ(scheduler.stats().queued, 2u);
  executor.runAll();
  std::vector<OrgId> order;
  for (const auto& call : runs.calls()) order.push_back(call.org);
  EXPECT_EQ(order, (std::vector<OrgId>{1, 2, 3, 4, 5}));
  EXPECT_EQ(scheduler.stats().runs_by_outcome.at("succeeded"), 5u);
}

TEST(SchedulerPool, RunsOrganisationsInParallelOnAThreadPoolButNeverOneOrganisationTwice) {
  AsioTimerSource timers;
  ThreadPoolExecutor pool(4);
  Gate gate;
  std::mutex mutex;
  std::map<OrgId, int> inside;
  bool overlap = false;
  SchedulerOptions options;
  options.max_parallel = 3;
  Scheduler scheduler(timers, pool, [&](OrgId org, const Trigger&) {
    {
      std::lock_guard lock(mutex);
      if (++inside[org] > 1) overlap = true;
    }
    gate.enter();
    std::lock_guard lock(mutex);
    --inside[org];
    return RunOutcome{};
  }, options);
  for (OrgId org = 1; org <= 5; ++org) ASSERT_TRUE(scheduler.trigger(org, manual(org)));
  ASSERT_TRUE(gate.waitInside(3));
  // Organisation 1 is running: these all merge into one follow-up.
  std::vector<std::thread> triggers;
  for (int i = 0; i < 8; ++i) {
    triggers.emplace_back([&] { scheduler.trigger(1, manual(1)); });
  }
  for (auto& t : triggers) t.join();
  EXPECT_EQ(scheduler.stats().queued, 2u);
  gate.open();
  ASSERT_TRUE(gate.waitFinished(6));
  scheduler.stop();
  EXPECT_EQ(gate.maxInside(), 3) << "the pool bound was not held or nothing ran in parallel";
  EXPECT_FALSE(overlap) << "one organisation ran twice at once";
  EXPECT_EQ(gate.finished(), 6) << "5 runs and exactly one follow-up for organisation 1";
}

TEST(SchedulerStop, StopWaitsForTheRunningSyncAndStartsNoOther) {
  AsioTimerSource timers;
  ThreadPoolExecutor pool(2);
  Gate gate;
  std::atomic<int> started{0};
  Scheduler scheduler(timers, pool, [&](OrgId, const Trigger&) {
    ++started;
    gate.enter();
    return RunOutcome{};
  });
  ASSERT_TRUE(scheduler.trigger(1, manual(1)));
  ASSERT_TRUE(gate.waitInside(1));
  ASSERT_TRUE(scheduler.trigger(1, manual(1)));  // a follow-up, dropped by the stop
  std::atomic<bool> stopped{false};
  std::thread stopper([&] {
    scheduler.stop();
    stopped = true;
  });
  // The gate opens only once stop() is under way; opened earlier, the follow-up could
  // rightly start before stop() was even called (the race this test once lost on CI).
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (!scheduler.stopping() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::yield();
  }
  EXPECT_TRUE(scheduler.stopping());
  // stop() cannot return while the run is inside the gate.
  EXPECT_FALSE(stopped.load());
  gate.open();
  stopper.join();
  EXPECT_EQ(gate.finished(), 1) << "stop() returned before the running sync finished";
  EXPECT_EQ(started.load(), 1) << "a sync started after stop()";
  EXPECT_FALSE(scheduler.trigger(2, manual(2)));
}

}  // namespace
}  // namespace accord::scheduler
