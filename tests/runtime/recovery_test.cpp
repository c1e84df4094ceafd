// Recovery mode: failed runs in a row back off, then put the connection in recovery with a long
// backoff kept in the store; until it ends the connection is not tried; a good run ends it.
#include <gtest/gtest.h>

#include "runtime_env.h"

namespace accord::runtime::testing {
namespace {

class RecoveryTest : public RuntimeTest {
 protected:
  RuntimeOptions options() {
    RuntimeOptions o;
    o.retries.read_attempts = 2;
    o.recovery.failures_before_recovery = 3;
    o.recovery.base = std::chrono::minutes(1);
    o.recovery.cap = std::chrono::minutes(10);
    o.recovery.recovery_delay = std::chrono::hours(2);
    return o;
  }
  void vtigerDown(bool down) {
    if (!down) return transport_->setHook({});
    transport_->setHook([](const sdk::HttpRequest& request) -> std::optional<sdk::HttpResponse> {
      if (request.url.find("webservice.php") == std::string::npos) return {};
      return sdk::HttpResponse{503, {}, "down for maintenance"};
    });
  }
  int vtigerCalls() {
    return transport_->count(
        [](const SentRequest& r) { return r.url.find("webservice.php") != std::string::npos; });
  }
  void waitUntil(const store::ConnectionStatus& status) {
    ASSERT_TRUE(status.retry_at.has_value());
    clock_->set(status.retry_at->timePoint());
  }
};

TEST_F(RecoveryTest, FailedRunsBackOffThenRecoveryIsKeptUntilItsDelayPassesAndAGoodRunEndsIt) {
  const auto vtiger = addVtiger();
  auto runtime = makeRuntime(options());
  vtigerDown(true);
  for (int run = 1; run <= 3; ++run) {
    ASSERT_TRUE(runSync(*runtime, org_).ok());
    auto status = runtime->status(vtiger.id).value();
    EXPECT_EQ(status.consecutive_failures, run);
    EXPECT_EQ(status.state,
              run < 3 ? store::HealthState::backing_off : store::HealthState::recovery);
    EXPECT_NE(status.last_error.find("retryable"), std::string::npos) << status.last_error;
    const auto wait = status.retry_at->epochMillis() - store::nowMillis(*clock_);
    if (run < 3) {
      EXPECT_LE(wait, 60'000 << (run - 1));
      EXPECT_GE(wait, (60'000 << (run - 1)) / 2);
    } else {
      EXPECT_GE(wait, 3'600'000) << "recovery waits in the upper half of two hours";
    }
    if (run < 3) waitUntil(status);
  }
  // Another process (the scheduler, `accord connection list`) sees it.
  auto other = store::Store::open(dir_ / "accord.db");
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other.value()->connectionStatuses().get(vtiger.id).value().state,
            store::HealthState::recovery);

  // Before the delay ends the connection is not called, and that does not count as a failure.
  const int calls = vtigerCalls();
  auto skipped = runSync(*runtime, org_);
  ASSERT_TRUE(skipped.ok());
  EXPECT_EQ(vtigerCalls(), calls);
  ASSERT_FALSE(skipped->errors.empty());
  EXPECT_NE(skipped->errors.front().message.find("not tried: recovery"), std::string::npos)
      << skipped->errors.front().message;
  EXPECT_EQ(runtime->status(vtiger.id).value().consecutive_failures, 3);

  vtigerDown(false);
  waitUntil(runtime->status(vtiger.id).value());
  auto good = runSync(*runtime, org_);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(good->counts.errors, 0);
  auto healthy = runtime->status(vtiger.id).value();
  EXPECT_EQ(healthy.state, store::HealthState::healthy);
  EXPECT_EQ(healthy.consecutive_failures, 0);
}

// One runtime serves the scheduler's runs and an admin's "sync now": only the latter passes
// the backoff, and only for that run.
TEST_F(RecoveryTest, OnlyTheManualRunOfASharedRuntimePassesTheBackoff) {
  const auto vtiger = addVtiger();
  auto runtime = makeRuntime(options());
  vtigerDown(true);
  ASSERT_TRUE(runSync(*runtime, org_).ok());
  ASSERT_EQ(runtime->status(vtiger.id).value().state, store::HealthState::backing_off);

  int calls = vtigerCalls();
  ASSERT_TRUE(runSync(*runtime, org_, {}, /*manual=*/true).ok());
  EXPECT_GT(vtigerCalls(), calls) << "the manual run tried the app";
  EXPECT_EQ(runtime->status(vtiger.id).value().consecutive_failures, 2);

  calls = vtigerCalls();
  auto scheduled = runSync(*runtime, org_);
  ASSERT_TRUE(scheduled.ok());
  EXPECT_EQ(vtigerCalls(), calls) << "the next scheduled run waits out the backoff again";
  ASSERT_FALSE(scheduled->errors.empty());
  EXPECT_NE(scheduled->errors.front().message.find("not tried: backing off"), std::string::npos)
      << scheduled->errors.front().message;
}

TEST_F(RecoveryTest, AManualRunReachesAConnectionThatIsBackingOff) {
  const auto vtiger = addVtiger();
  {
    auto runtime = makeRuntime(options());
    vtigerDown(true);
    ASSERT_TRUE(runSync(*runtime, org_).ok());
    EXPECT_EQ(runtime->status(vtiger.id).value().state, store::HealthState::backing_off);
  }
  vtigerDown(false);
  auto manual_options = options();
  manual_options.respect_backoff = false;
  auto manual = makeRuntime(manual_options);
  auto report = runSync(*manual, org_);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->counts.errors, 0);
  EXPECT_EQ(manual->status(vtiger.id).value().state, store::HealthState::healthy);
}

TEST_F(RecoveryTest, AMissingPluginIsNamedAndCountsAsAFailedRun) {
  store::NewConnection spec;
  spec.org_id = org_;
  spec.plugin = "salesforce";
  const auto connection = store_->connections().add(spec, nullptr).value();
  auto runtime = makeRuntime(options());
  auto handle = runtime->connectorFor(connection);
  ASSERT_FALSE(handle.ok());
  EXPECT_NE(handle.error().message.find("organisation 'acme', connection 'salesforce' (plugin "
                                        "'salesforce'): plugin 'salesforce' is not loaded"),
            std::string::npos)
      << handle.error().message;
  ASSERT_TRUE(runSync(*runtime, org_).ok());
  EXPECT_EQ(runtime->status(connection.id).value().state, store::HealthState::backing_off);
}

}  // namespace
}  // namespace accord::runtime::testing
