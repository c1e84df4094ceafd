// A connection's status after a run: doubling backoff, recovery after N failed runs in a row,
// healthy again after a good one.
#include "runtime/health.h"

#include <gtest/gtest.h>

namespace accord::runtime {
namespace {

constexpr std::int64_t kNow = 1'800'000'000'000;

RecoveryOptions options() {
  RecoveryOptions o;
  o.failures_before_recovery = 4;
  o.base = std::chrono::minutes(1);
  o.cap = std::chrono::minutes(3);
  o.recovery_delay = std::chrono::hours(1);
  return o;
}

std::int64_t waitMs(const store::ConnectionStatus& s) { return s.retry_at->epochMillis() - kNow; }

TEST(HealthTest, FailedRunsDoubleTheBackoffUpToTheCapThenRecovery) {
  std::mt19937_64 rng(3);
  const sdk::Timestamp now(kNow, 0);
  const sdk::Error error = sdk::makeError(sdk::ErrorKind::retryable, "GET /Contacts: HTTP 503");
  store::ConnectionStatus status;
  const std::int64_t nominal[] = {60'000, 120'000, 180'000, 3'600'000};
  for (int run = 1; run <= 4; ++run) {
    status = nextStatus(status, error, now, options(), rng);
    EXPECT_EQ(status.consecutive_failures, run);
    EXPECT_EQ(status.state, run < 4 ? store::HealthState::backing_off
                                    : store::HealthState::recovery);
    EXPECT_GE(waitMs(status), nominal[run - 1] / 2) << run;
    EXPECT_LE(waitMs(status), nominal[run - 1]) << run;
    EXPECT_EQ(status.last_error, "retryable: GET /Contacts: HTTP 503");
    EXPECT_EQ(status.last_failure_at, now);
  }
  status = nextStatus(status, error, now, options(), rng);
  EXPECT_EQ(status.state, store::HealthState::recovery);
  EXPECT_EQ(status.consecutive_failures, 5);
}

TEST(HealthTest, AGoodRunMakesItHealthyAndDueAtOnce) {
  std::mt19937_64 rng(3);
  const sdk::Timestamp now(kNow, 0);
  store::ConnectionStatus failing;
  failing.state = store::HealthState::recovery;
  failing.consecutive_failures = 6;
  failing.retry_at = sdk::Timestamp(kNow + 1000, 0);
  failing.last_error = "retryable: timeout";
  auto healed = nextStatus(failing, std::nullopt, now, options(), rng);
  EXPECT_EQ(healed.state, store::HealthState::healthy);
  EXPECT_EQ(healed.consecutive_failures, 0);
  EXPECT_FALSE(healed.retry_at.has_value());
  EXPECT_TRUE(healed.due(now));
  EXPECT_EQ(healed.last_success_at, now);
  EXPECT_EQ(healed.describe(), "healthy");
}

}  // namespace
}  // namespace accord::runtime
