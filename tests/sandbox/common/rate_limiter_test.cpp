#include "sandbox/common/rate_limiter.h"

#include <gtest/gtest.h>

namespace accord::sandbox {
namespace {

using std::chrono::seconds;

RateLimits xeroLike() {
  return RateLimits{{{"minute", seconds(60), 60}, {"day", seconds(86400), 5000}}, 5};
}

TEST(RateLimiter, SixtyFirstCallInAMinuteIsRefusedWithRetryAfter) {
  ManualClock clock;
  RateLimiter limiter(clock, xeroLike());
  for (int i = 0; i < 60; ++i) {
    RateDecision decision = limiter.check("tenant");
    ASSERT_TRUE(decision.allowed) << "call " << i + 1;
    EXPECT_EQ(decision.remainingIn("minute"), 59u - i);
    EXPECT_EQ(decision.remainingIn("day"), 4999u - i);
    limiter.release("tenant");
    clock.advance(std::chrono::milliseconds(500));
  }
  RateDecision refused = limiter.check("tenant");
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.problem, "minute");
  EXPECT_EQ(refused.retry_after, seconds(30));  // the window began 30 s ago
  EXPECT_EQ(refused.remainingIn("minute"), 0u);
  EXPECT_EQ(refused.remainingIn("day"), 4940u);  // a refused call is not counted

  clock.advance(seconds(30));
  EXPECT_TRUE(limiter.check("tenant").allowed) << "a new minute window opens";
}

TEST(RateLimiter, KeysAreIndependent) {
  ManualClock clock;
  RateLimiter limiter(clock, RateLimits{{{"minute", seconds(60), 2}}, 0});
  EXPECT_TRUE(limiter.check("a").allowed);
  EXPECT_TRUE(limiter.check("a").allowed);
  EXPECT_FALSE(limiter.check("a").allowed);
  EXPECT_TRUE(limiter.check("b").allowed);
}

TEST(RateLimiter, DayLimitReportsDayProblem) {
  ManualClock clock;
  RateLimiter limiter(clock, RateLimits{{{"minute", seconds(60), 60}, {"day", seconds(86400), 3}}, 0});
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(limiter.check("t").allowed);
    clock.advance(seconds(61));
  }
  RateDecision refused = limiter.check("t");
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.problem, "day");
  EXPECT_EQ(refused.retry_after, seconds(86400 - 3 * 61));
}

TEST(RateLimiter, ConcurrencyCapFreesOnRelease) {
  ManualClock clock;
  RateLimiter limiter(clock, xeroLike());
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(limiter.check("t").allowed);
  RateDecision refused = limiter.check("t");
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.problem, "concurrent");
  limiter.release("t");
  EXPECT_TRUE(limiter.check("t").allowed);
}

TEST(RateLimiter, PeekCountsNothing) {
  ManualClock clock;
  RateLimiter limiter(clock, xeroLike());
  limiter.check("t");
  EXPECT_EQ(limiter.peek("t").remainingIn("minute"), 59u);
  EXPECT_EQ(limiter.peek("t").remainingIn("minute"), 59u);
  EXPECT_EQ(limiter.peek("unknown").remainingIn("minute"), 60u);
}

}  // namespace
}  // namespace accord::sandbox
