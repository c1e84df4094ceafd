#include <thread>

#include "xero_test_support.h"

namespace accord::sandbox::xero::testing {
namespace {

using std::chrono::seconds;

class XeroLimitsTest : public XeroSandboxTest {};

TEST_F(XeroLimitsTest, SixtyFirstCallInAMinuteGets429WithRetryAfter) {
  std::string access = login()->getValue<std::string>("access_token");
  for (int i = 0; i < 60; ++i) {
    HttpResult ok = apiGet(access, tenant(), "/api.xro/2.0/Nothing");  // counted even if 404
    ASSERT_NE(ok.status, 429) << "call " << i + 1;
    EXPECT_EQ(ok.header("X-MinLimit-Remaining"), std::to_string(59 - i));
    EXPECT_EQ(ok.header("X-DayLimit-Remaining"), std::to_string(4999 - i));
    EXPECT_EQ(ok.header("X-AppMinLimit-Remaining"), std::to_string(9999 - i));
    clock().advance(std::chrono::milliseconds(500));
  }
  HttpResult refused = apiGet(access, tenant());
  ASSERT_EQ(refused.status, 429);
  EXPECT_EQ(refused.header("X-Rate-Limit-Problem"), "minute");
  EXPECT_EQ(refused.header("Retry-After"), "30");  // the window opened 30 s ago
  EXPECT_EQ(refused.header("X-MinLimit-Remaining"), "0");
  EXPECT_EQ(refused.header("X-DayLimit-Remaining"), "4940");

  // Other organisations have their own minute.
  EXPECT_NE(apiGet(access, tenant(1)).status, 429);
  clock().advance(seconds(30));
  HttpResult again = apiGet(access, tenant());
  EXPECT_NE(again.status, 429);
  EXPECT_EQ(again.header("X-MinLimit-Remaining"), "59");
}

TEST_F(XeroLimitsTest, DayLimitReportsDay) {
  XeroOptions xero = defaultXeroOptions();
  xero.tenant_limits.windows[1].limit = 3;  // 3 calls a day keeps the test short
  start(xero);
  std::string access = login()->getValue<std::string>("access_token");
  for (int i = 0; i < 3; ++i) {
    ASSERT_NE(apiGet(access, tenant()).status, 429);
    clock().advance(std::chrono::minutes(2));
  }
  HttpResult refused = apiGet(access, tenant());
  ASSERT_EQ(refused.status, 429);
  EXPECT_EQ(refused.header("X-Rate-Limit-Problem"), "day");
  EXPECT_EQ(refused.header("Retry-After"), std::to_string(86400 - 6 * 60));
}

// An injected 429 burst is a minute-limit refusal: it must not claim the day's quota is spent
// (a client that believes X-DayLimit-Remaining: 0 stops calling for a day).
TEST_F(XeroLimitsTest, InjectedBurstReportsTheTenantsRealDayRemaining) {
  std::string access = login()->getValue<std::string>("access_token");
  ASSERT_NE(apiGet(access, tenant()).status, 429);
  ASSERT_NE(apiGet(access, tenant()).status, 429);
  FaultOptions faults;
  faults.burst429_rate = 1.0;
  sandbox_->setFaults(faults);
  HttpResult refused = apiGet(access, tenant());
  ASSERT_EQ(refused.status, 429);
  EXPECT_EQ(refused.header("X-Rate-Limit-Problem"), "minute");
  EXPECT_EQ(refused.header("Retry-After"), "1");
  EXPECT_EQ(refused.header("X-MinLimit-Remaining"), "0");
  EXPECT_EQ(refused.header("X-DayLimit-Remaining"), "4998");
}

TEST_F(XeroLimitsTest, AppWideLimitSpansTenants) {
  XeroOptions xero = defaultXeroOptions();
  xero.app_minute_limit = 4;
  start(xero);
  std::string access = login()->getValue<std::string>("access_token");
  EXPECT_NE(apiGet(access, tenant(0)).status, 429);
  EXPECT_NE(apiGet(access, tenant(1)).status, 429);
  EXPECT_NE(apiGet(access, tenant(0)).status, 429);
  EXPECT_NE(apiGet(access, tenant(1)).status, 429);
  HttpResult refused = apiGet(access, tenant(1));
  ASSERT_EQ(refused.status, 429);
  EXPECT_EQ(refused.header("X-Rate-Limit-Problem"), "appminute");
  EXPECT_EQ(refused.header("X-AppMinLimit-Remaining"), "0");
}

TEST_F(XeroLimitsTest, ScaledClockLetsRealClientsWaitOutAMinuteQuickly) {
  XeroSandboxOptions options;
  options.xero.tenant_limits.windows[0].limit = 3;
  auto clock = std::make_shared<ScaledClock>(600.0);  // a sandbox minute every 100 ms
  options.clock = clock;
  sandbox_ = startXeroSandbox(std::move(options));
  std::string access = login()->getValue<std::string>("access_token");
  HttpResult refused;
  for (int i = 0; i < 50 && refused.status != 429; ++i) refused = apiGet(access, tenant());
  ASSERT_EQ(refused.status, 429);
  int retry_after = std::stoi(refused.header("Retry-After"));
  EXPECT_GE(retry_after, 1);
  EXPECT_LE(retry_after, 60);
  auto until = clock->now() + seconds(retry_after);
  while (clock->now() < until) std::this_thread::yield();  // at most ~100 ms of real time
  EXPECT_NE(apiGet(access, tenant()).status, 429);
}

TEST_F(XeroLimitsTest, InjectedBurstLooksLikeTheMinuteLimit) {
  std::string access = login()->getValue<std::string>("access_token");
  FaultOptions faults;
  faults.burst429_rate = 1.0;
  sandbox_->setFaults(faults);
  HttpResult limited = apiGet(access, tenant());
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.header("X-Rate-Limit-Problem"), "minute");
  EXPECT_EQ(limited.header("Retry-After"), "1");
  sandbox_->setFaults({});
  EXPECT_NE(apiGet(access, tenant()).status, 429) << "injected 429s do not use up the real limit";
}

}  // namespace
}  // namespace accord::sandbox::xero::testing
