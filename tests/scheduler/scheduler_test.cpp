// Intervals, jitter, triggers, coalescing and recovery, on a manual clock and executor: time
// moves only when a test advances it and runs happen only when a test runs them.
#include <gtest/gtest.h>

#include <chrono>
#include <set>

#include "fake_runs.h"
#include "scheduler/scheduler.h"

namespace accord::scheduler {
namespace {

using namespace std::chrono_literals;
using std::chrono::milliseconds;
using testing::failedFor;
using testing::FakeRuns;
using testing::manual;
using testing::webhook;

constexpr OrgId kAcme = 1;
constexpr ConnectionId kXero = 11;
constexpr ConnectionId kVtiger = 12;

class SchedulerTest : public ::testing::Test {
 protected:
  explicit SchedulerTest(std::uint64_t seed = 7) { options_.seed = seed; }

  Scheduler& scheduler() {
    if (!scheduler_) {
      scheduler_ = std::make_unique<Scheduler>(timers_, executor_, runs_.function(), options_);
    }
    return *scheduler_;
  }
  void addXero(std::optional<TimePoint> first = std::nullopt) {
    scheduler().add({kAcme, kXero, "acme/xero", 10min, first});
  }
  // Moves the clock and runs whatever the scheduler handed to its executor meanwhile.
  void tick(milliseconds by) {
    timers_.advance(by);
    executor_.runAll();
  }
  // Advances exactly to the connection's next run and runs it.
  void runNext(ConnectionId connection) {
    auto status = scheduler().status(connection);
    ASSERT_TRUE(status && status->next_run) << "no next run for " << connection;
    tick(std::chrono::duration_cast<milliseconds>(*status->next_run - timers_.now()));
  }
  void TearDown() override {
    if (scheduler_) scheduler_->requestStop();
    executor_.runAll();
  }

  SchedulerOptions options_;
  ManualTimerSource timers_;
  ManualExecutor executor_;
  FakeRuns runs_{timers_};
  std::unique_ptr<Scheduler> scheduler_;
};

std::vector<milliseconds> gapsBetweenRuns(std::uint64_t seed, int runs) {
  ManualTimerSource timers;
  ManualExecutor executor;
  FakeRuns fake(timers);
  SchedulerOptions options;
  options.seed = seed;
  options.jitter = 0.1;
  Scheduler scheduler(timers, executor, fake.function(), options);
  scheduler.add({kAcme, kXero, "acme/xero", 10min, timers.now()});
  timers.advance(0ms);
  executor.runAll();
  std::vector<milliseconds> gaps;
  for (int i = 0; i < runs; ++i) {
    auto next = scheduler.status(kXero)->next_run;
    auto gap = std::chrono::duration_cast<milliseconds>(*next - timers.now());
    timers.advance(gap);
    executor.runAll();
    gaps.push_back(gap);
  }
  EXPECT_EQ(fake.count(), static_cast<std::size_t>(runs + 1));
  scheduler.requestStop();
  return gaps;
}

TEST(SchedulerJitter, RunsEveryIntervalPlusOrMinusTheJitterAndTheSeedFixesTheSchedule) {
  auto gaps = gapsBetweenRuns(7, 30);
  std::set<std::int64_t> distinct;
  for (auto gap : gaps) {
    EXPECT_GE(gap, 9min);
    EXPECT_LE(gap, 11min);
    distinct.insert(gap.count());
  }
  EXPECT_GT(distinct.size(), 20u) << "the interval is not jittered";
  EXPECT_EQ(gapsBetweenRuns(7, 30), gaps) << "the same seed must give the same schedule";
  EXPECT_NE(gapsBetweenRuns(8, 30), gaps);
}

TEST_F(SchedulerTest, NothingRunsBeforeTheFirstRunIsDueAndTheRunSaysWhy) {
  addXero(timers_.now() + 1min);
  tick(59s);
  EXPECT_EQ(runs_.count(), 0u);
  tick(1s);
  ASSERT_EQ(runs_.count(), 1u);
  auto call = runs_.calls()[0];
  EXPECT_EQ(call.org, kAcme);
  EXPECT_EQ(call.trigger.kind, TriggerKind::interval);
  EXPECT_EQ(call.trigger.connections, std::set<ConnectionId>{kXero});
  EXPECT_FALSE(call.trigger.targeted());
}

TEST_F(SchedulerTest, AWebhookRunsAtOnceForExactlyTheChangedIdsAndLeavesTheTimerAlone) {
  addXero(timers_.now() + 5min);
  auto due = scheduler().status(kXero)->next_run;
  EXPECT_TRUE(scheduler().trigger(kAcme, webhook(kXero, {"i-1", "i-2"})));
  executor_.runAll();
  ASSERT_EQ(runs_.count(), 1u);
  auto call = runs_.calls()[0];
  EXPECT_TRUE(call.trigger.targeted());
  std::set<ChangedRecord> expected{{sdk::model::EntityType::invoice, "i-1"},
                                            {sdk::model::EntityType::invoice, "i-2"}};
  EXPECT_EQ(call.trigger.changes.at(kXero), expected);
  EXPECT_EQ(scheduler().status(kXero)->next_run, due);
}

TEST_F(SchedulerTest, TriggersDuringARunQueueExactlyOneFollowUpWithEverythingTheyAskedFor) {
  addXero(timers_.now() + 1h);
  bool triggered = false;
  runs_.during([&](OrgId org) {
    if (triggered) return;
    triggered = true;
    EXPECT_TRUE(scheduler().trigger(org, webhook(kXero, {"i-1"})));
    EXPECT_TRUE(scheduler().trigger(org, webhook(kXero, {"i-2"})));
    EXPECT_TRUE(scheduler().trigger(org, webhook(kXero, {"i-1"})));
    EXPECT_EQ(scheduler().stats().follow_ups, 1u);
    EXPECT_EQ(executor_.waiting(), 0u) << "a second run of the org started while one runs";
  });
  ASSERT_TRUE(scheduler().trigger(kAcme, manual(kXero)));
  executor_.runAll();
  auto calls = runs_.calls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].trigger.kind, TriggerKind::manual);
  EXPECT_EQ(calls[1].trigger.kind, TriggerKind::webhook);
  EXPECT_EQ(calls[1].trigger.changes.at(kXero).size(), 2u);
  EXPECT_EQ(scheduler().stats().follow_ups, 0u);
}

TEST_F(SchedulerTest, TriggersWhileQueuedMergeIntoTheWaitAndAManualOneMakesItAFullRun) {
  addXero(timers_.now() + 1h);
  ASSERT_TRUE(scheduler().trigger(kAcme, webhook(kXero, {"i-1"})));
  ASSERT_TRUE(scheduler().trigger(kAcme, manual(kVtiger)));
  // The first trigger was handed to the executor at once; the second waits as its follow-up.
  EXPECT_EQ(executor_.waiting(), 1u);
  executor_.runAll();
  auto calls = runs_.calls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_TRUE(calls[0].trigger.targeted());
  EXPECT_FALSE(calls[1].trigger.targeted());
  EXPECT_EQ(calls[1].trigger.connections, std::set<ConnectionId>{kVtiger});
}

TEST(TriggerMerge, AnyFullRunMergedInMakesTheRunFullAndKeepsEveryChange) {
  Trigger a = webhook(kXero, {"i-1"});
  a.merge(webhook(kVtiger, {"x-1"}));
  EXPECT_TRUE(a.targeted());
  EXPECT_EQ(a.changes.size(), 2u);
  a.merge(manual(kXero));
  EXPECT_FALSE(a.targeted());
  EXPECT_EQ(a.kind, TriggerKind::manual);
  EXPECT_EQ(a.describe(), "manual");
}

TEST_F(SchedulerTest, FailedRunsBackOffThenRecoveryWaitsLongAndTheStatusSaysSo) {
  options_.backoff.recovery_after = 3;
  options_.backoff.cap = 2min;
  options_.backoff.recovery_delay = 1h;
  addXero(timers_.now());
  runs_.answer(failedFor(kXero));
  tick(0ms);
  ASSERT_EQ(runs_.count(), 1u);
  auto status = scheduler().status(kXero);
  EXPECT_EQ(status->state, ConnectionState::backing_off);
  EXPECT_LE(*status->next_run - timers_.now(), 2min) << "a failed run waits the backoff";
  runNext(kXero);
  runNext(kXero);
  ASSERT_EQ(runs_.count(), 3u);
  EXPECT_EQ(runs_.calls()[2].trigger.kind, TriggerKind::retry);
  status = scheduler().status(kXero);
  EXPECT_EQ(status->state, ConnectionState::recovery);
  EXPECT_EQ(status->health.consecutive_failures, 3);
  EXPECT_GE(*status->next_run - timers_.now(), 30min) << "recovery waits its long delay";
  EXPECT_NE(status->describe().find("recovery after 3 failures in a row"), std::string::npos)
      << status->describe();
  EXPECT_NE(status->describe().find("GET /Invoices timed out"), std::string::npos);
  tick(29min);
  EXPECT_EQ(runs_.count(), 3u) << "a connection in recovery ran before its wait was over";

  runs_.answer({});
  runNext(kXero);
  status = scheduler().status(kXero);
  EXPECT_EQ(status->state, ConnectionState::waiting);
  EXPECT_EQ(status->health.consecutive_failures, 0);
  EXPECT_EQ(status->last_outcome, "succeeded");
  EXPECT_GE(*status->next_run - timers_.now(), 9min);
}

TEST_F(SchedulerTest, WebhooksForAConnectionBackingOffAreDroppedButManualTriggersRun) {
  addXero(timers_.now());
  runs_.answer(failedFor(kXero));
  tick(0ms);
  ASSERT_EQ(scheduler().status(kXero)->state, ConnectionState::backing_off);
  EXPECT_FALSE(scheduler().trigger(kAcme, webhook(kXero, {"i-1"})));
  executor_.runAll();
  EXPECT_EQ(runs_.count(), 1u);
  EXPECT_EQ(scheduler().stats().webhooks_dropped, 1u);
  EXPECT_TRUE(scheduler().trigger(kAcme, manual(kXero)));
  executor_.runAll();
  EXPECT_EQ(runs_.count(), 2u);
}

TEST_F(SchedulerTest, AFailedOtherConnectionDoesNotBackOffThisOne) {
  addXero(timers_.now());
  scheduler().add({kAcme, kVtiger, "acme/vtiger", 10min, timers_.now() + 1h});
  runs_.answer(failedFor(kVtiger));
  tick(0ms);
  EXPECT_EQ(scheduler().status(kXero)->state, ConnectionState::waiting);
  EXPECT_EQ(scheduler().status(kVtiger)->state, ConnectionState::backing_off);
  EXPECT_EQ(scheduler().status(kXero)->last_outcome, "failed");
  EXPECT_EQ(scheduler().stats().runs_by_outcome.at("failed"), 1u);
}

TEST_F(SchedulerTest, AfterStopNoTimerFiresAndNoTriggerIsTaken) {
  addXero(timers_.now() + 1min);
  scheduler().requestStop();
  tick(1h);
  EXPECT_EQ(runs_.count(), 0u);
  EXPECT_FALSE(scheduler().trigger(kAcme, manual(kXero)));
  EXPECT_EQ(scheduler().status(kXero)->state, ConnectionState::stopped);
  EXPECT_FALSE(scheduler().status(kXero)->next_run.has_value());
}

TEST_F(SchedulerTest, ARunThatThrowsIsAFailedRunNotACrash) {
  Scheduler throwing(timers_, executor_, [](OrgId, const Trigger&) -> RunOutcome {
    throw std::runtime_error("boom");
  }, options_);
  throwing.add({kAcme, kXero, "acme/xero", 10min, timers_.now()});
  tick(0ms);
  auto status = throwing.status(kXero);
  EXPECT_EQ(status->state, ConnectionState::backing_off);
  EXPECT_NE(status->health.last_error.find("boom"), std::string::npos);
  throwing.requestStop();
}

}  // namespace
}  // namespace accord::scheduler
