// Per-user call limits of the cloud editions, on the sandbox clock.
#include "vtiger_test_support.h"

namespace accord::sandbox::vtiger::testing {
namespace {

VtigerOptions professional() {
  VtigerOptions options;
  options.edition = "Professional";
  return options;
}

class LimitsTest : public VtigerTest {
 protected:
  LimitsTest() : VtigerTest(professional()) {}
};

TEST(EditionLimitsTest, ProfessionalAllowsSixtyCallsAMinute) {
  auto limits = editionLimits("Professional");
  ASSERT_TRUE(limits.has_value());
  EXPECT_EQ(limits->windows.at(0).name, "minute");
  EXPECT_EQ(limits->windows.at(0).limit, 60u);
  EXPECT_TRUE(editionLimits("unlimited")->windows.empty());
  EXPECT_FALSE(editionLimits("Platinum").has_value());
}

TEST_F(LimitsTest, SixtyFirstCallInAMinuteIsRefusedUntilTheWindowEnds) {
  const std::string session = login();  // getchallenge + login are calls too
  for (int i = 0; i < 58; ++i) {
    ASSERT_TRUE(get({{"operation", "listtypes"}, {"sessionName", session}}).success()) << i;
  }
  Request r;
  r.method = "GET";
  r.path = "/webservice.php";
  r.query = {{"operation", "listtypes"}, {"sessionName", session}};
  Response refused = app_.handle(r);
  EXPECT_EQ(refused.status, 429);
  EXPECT_TRUE(refused.header("Retry-After").has_value());
  EXPECT_EQ(refused.header("X-Rate-Limit-Problem").value_or(""), "minute");
  Answer body = parseAnswer(refused);
  EXPECT_FALSE(body.success());
  EXPECT_EQ(body.errorCode(), "TOO_MANY_REQUESTS");

  clock_.advance(std::chrono::seconds(61));
  EXPECT_TRUE(get({{"operation", "listtypes"}, {"sessionName", session}}).success());
}

TEST_F(LimitsTest, HourWindowAppliesAcrossMinutes) {
  VtigerOptions options;
  RateLimits limits;
  limits.windows = {{"minute", std::chrono::seconds(60), 60}, {"hour", std::chrono::seconds(3600), 100}};
  options.limits = limits;
  VtigerApp app(clock_, options);
  Request r;
  r.method = "GET";
  r.path = "/webservice.php";
  r.query = {{"operation", "getchallenge"}, {"username", "admin"}};
  int allowed = 0;
  for (int minute = 0; minute < 3; ++minute) {
    for (int i = 0; i < 60; ++i) allowed += app.handle(r).status == 200 ? 1 : 0;
    clock_.advance(std::chrono::seconds(60));
  }
  EXPECT_EQ(allowed, 100);
  Response refused = app.handle(r);
  EXPECT_EQ(refused.status, 429);
  EXPECT_EQ(refused.header("X-Rate-Limit-Problem").value_or(""), "hour");
}

TEST_F(LimitsTest, InjectedBurstLooksLikeTheSandboxLimit) {
  Request r;
  r.method = "GET";
  r.path = "/webservice.php";
  Response injected = app_.injectedError(429, r);
  EXPECT_EQ(injected.status, 429);
  EXPECT_EQ(parseAnswer(injected).errorCode(), "TOO_MANY_REQUESTS");
}

}  // namespace
}  // namespace accord::sandbox::vtiger::testing
