// The rate limiter on a fake clock: manifest windows, even spacing, concurrency, and what the
// app's own headers (remaining counts, Retry-After, problem) change.
#include <gtest/gtest.h>

#include "accord/sdk/testing/fake_clock.h"
#include "net/rate_limiter.h"

namespace {

using accord::net::parseRetryAfter;
using accord::net::RateKey;
using accord::net::RateLimiter;
using accord::net::RateLimiterOptions;
using accord::net::WaitReason;
using accord::sdk::HttpResponse;
using accord::sdk::RateLimits;
using accord::sdk::testing::FakeClock;
using std::chrono::milliseconds;
using std::chrono::seconds;

const RateKey kXero{"xero", "tenant-1"};

RateLimits perMinute(int n) {
  RateLimits limits;
  limits.per_minute = n;
  return limits;
}

class RateLimiterTest : public ::testing::Test {
 protected:
  // Acquires (and releases) one permit, failing the test if the limiter says wait.
  void callNow(const RateKey& key = kXero) {
    auto decision = limiter_.acquire(key);
    ASSERT_TRUE(decision.admitted()) << "asked to wait " << decision.wait.count() << " ms";
  }
  milliseconds waitFor(const RateKey& key = kXero) {
    auto decision = limiter_.acquire(key);
    EXPECT_FALSE(decision.admitted());
    return decision.wait;
  }

  FakeClock clock_;
  RateLimiter limiter_{clock_};
};

TEST_F(RateLimiterTest, SpacesCallsEvenlyAtTheMinuteRate) {
  limiter_.setLimits(kXero, perMinute(60));
  callNow();
  auto decision = limiter_.acquire(kXero);
  EXPECT_FALSE(decision.admitted());
  EXPECT_EQ(decision.wait, milliseconds(1000));
  EXPECT_EQ(decision.reason, WaitReason::window);
  clock_.advance(milliseconds(1000));
  callNow();
}

TEST_F(RateLimiterTest, DailyQuotaCountsWithoutSlowingTheMinutePace) {
  RateLimits limits = perMinute(60);
  limits.per_day = 100;
  limiter_.setLimits(kXero, limits);
  const auto start = clock_.now();
  for (int i = 0; i < 100; ++i) {
    callNow();
    clock_.advance(milliseconds(1000));
  }
  // The first call leaves the day window 24 hours after it was made.
  EXPECT_EQ(waitFor(), std::chrono::duration_cast<milliseconds>(start + std::chrono::hours(24) -
                                                                clock_.now()));
  auto status = limiter_.status(kXero);
  ASSERT_EQ(status.windows.size(), 2u);
  EXPECT_EQ(status.windows[1].name, "day");
  EXPECT_EQ(status.windows[1].used, 100);
}

TEST_F(RateLimiterTest, ConcurrencyCapHoldsUntilAPermitIsReleased) {
  RateLimits limits;
  limits.concurrent = 2;
  limiter_.setLimits(kXero, limits);
  auto first = limiter_.acquire(kXero);
  auto second = limiter_.acquire(kXero);
  ASSERT_TRUE(first.admitted() && second.admitted());
  auto third = limiter_.acquire(kXero);
  EXPECT_FALSE(third.admitted());
  EXPECT_EQ(third.reason, WaitReason::concurrency);
  EXPECT_EQ(limiter_.status(kXero).in_flight, 2);
  first.permit.reset();
  callNow();
}

TEST_F(RateLimiterTest, AClockSteppedBackDoesNotStallTheConnection) {
  limiter_.setLimits(kXero, perMinute(2));
  callNow();
  clock_.advance(seconds(30));
  callNow();
  clock_.advance(-std::chrono::hours(1));  // NTP corrects the wall clock
  EXPECT_LE(waitFor(), milliseconds(60'000));
}

TEST_F(RateLimiterTest, KeysArePacedIndependently) {
  const RateKey other{"xero", "tenant-2"};
  limiter_.setLimits(kXero, perMinute(60));
  limiter_.setLimits(other, perMinute(60));
  callNow(kXero);
  callNow(other);
  EXPECT_GT(waitFor(kXero).count(), 0);
}

TEST_F(RateLimiterTest, AppRemainingCountTightensTheWindow) {
  limiter_.setLimits(kXero, perMinute(60));
  const auto start = clock_.now();
  callNow();
  // Someone else used the tenant too: the app has 2 calls left this minute, not our 59.
  limiter_.observe(kXero, HttpResponse{200, {{"x-minlimit-remaining", "2"}}, ""});
  for (int i = 0; i < 2; ++i) {
    clock_.advance(milliseconds(1000));
    callNow();
  }
  clock_.advance(milliseconds(1000));
  EXPECT_EQ(waitFor(),
            std::chrono::duration_cast<milliseconds>(start + seconds(60) - clock_.now()));
  EXPECT_EQ(limiter_.status(kXero).windows.at(0).used, 60);
}

TEST_F(RateLimiterTest, TooManyRequestsHonoursRetryAfterAndReportsTheProblem) {
  limiter_.setLimits(kXero, perMinute(60));
  callNow();
  limiter_.observe(kXero,
                   HttpResponse{429, {{"Retry-After", "30"}, {"X-Rate-Limit-Problem", "day"}}, ""});
  auto decision = limiter_.acquire(kXero);
  EXPECT_EQ(decision.wait, milliseconds(30'000));
  EXPECT_EQ(decision.reason, WaitReason::app_said);
  EXPECT_EQ(limiter_.status(kXero).problem, "day");
  ASSERT_TRUE(limiter_.status(kXero).blocked_until.has_value());

  clock_.advance(seconds(30));
  callNow();
  limiter_.observe(kXero, HttpResponse{200, {}, ""});
  EXPECT_EQ(limiter_.status(kXero).problem, "");
}

TEST_F(RateLimiterTest, TooManyRequestsWithoutRetryAfterWaitsTheDefault) {
  RateLimiterOptions options;
  options.default_retry_after = seconds(45);
  RateLimiter limiter(clock_, options);
  ASSERT_TRUE(limiter.acquire(kXero).admitted());
  limiter.observe(kXero, HttpResponse{429, {}, ""});
  EXPECT_EQ(limiter.acquire(kXero).wait, milliseconds(45'000));
  EXPECT_EQ(limiter.status(kXero).problem, "unspecified");
}

TEST_F(RateLimiterTest, AKeyCanNameItsAppsOwnHeaders) {
  accord::net::RateHeaders other;
  other.minute_remaining = "X-Calls-Left";
  other.retry_after = "X-Wait";
  const RateKey shop{"shop", "store-1"};
  limiter_.setLimits(shop, perMinute(60), other);
  ASSERT_TRUE(limiter_.acquire(shop).admitted());
  // Xero's header means nothing to this app; its own does.
  limiter_.observe(shop, HttpResponse{200, {{"X-MinLimit-Remaining", "0"}}, ""});
  EXPECT_EQ(limiter_.status(shop).windows.at(0).used, 1);
  limiter_.observe(shop, HttpResponse{200, {{"X-Calls-Left", "0"}}, ""});
  EXPECT_EQ(limiter_.status(shop).windows.at(0).used, 60);
  limiter_.observe(shop, HttpResponse{429, {{"X-Wait", "90"}}, ""});
  EXPECT_EQ(limiter_.acquire(shop).wait, milliseconds(90'000));
}

TEST_F(RateLimiterTest, TheManifestsDeclaredHeadersAreReadWithoutPassingThem) {
  accord::sdk::Manifest shop;
  shop.limits = perMinute(60);
  shop.limits.headers = accord::sdk::RateHeaderNames{"X-Calls-Left", "", "", "", "X-Wait", ""};
  const RateKey key{"shop", "store-1"};
  limiter_.setLimits(key, accord::sdk::effectiveLimits(shop, {}));
  ASSERT_TRUE(limiter_.acquire(key).admitted());
  // A declared list is exact: the defaults (Xero's names, Retry-After) are not read for it.
  limiter_.observe(key, HttpResponse{200, {{"X-MinLimit-Remaining", "0"}}, ""});
  EXPECT_EQ(limiter_.status(key).windows.at(0).used, 1);
  limiter_.observe(key, HttpResponse{200, {{"x-calls-left", "0"}}, ""});
  EXPECT_EQ(limiter_.status(key).windows.at(0).used, 60);
  limiter_.observe(key, HttpResponse{429, {{"Retry-After", "5"}, {"X-Wait", "90"}}, ""});
  EXPECT_EQ(limiter_.acquire(key).wait, milliseconds(90'000));
}

TEST(RateHeadersFrom, EveryDeclaredNameLandsInItsField) {
  accord::sdk::Manifest manifest;
  manifest.limits.headers =
      accord::sdk::RateHeaderNames{"M-Left", "H-Left", "D-Left", "App-Left", "Wait", "Why"};
  const accord::net::RateHeaders h = accord::net::rateHeadersFrom(manifest);
  EXPECT_EQ(h.minute_remaining, "M-Left");
  EXPECT_EQ(h.hour_remaining, "H-Left");
  EXPECT_EQ(h.day_remaining, "D-Left");
  EXPECT_EQ(h.app_minute_remaining, "App-Left");
  EXPECT_EQ(h.retry_after, "Wait");
  EXPECT_EQ(h.problem, "Why");
}

TEST(RateHeadersFrom, AManifestWithoutHeadersKeepsTheDefaults) {
  const accord::net::RateHeaders h = accord::net::rateHeadersFrom(accord::sdk::Manifest{});
  EXPECT_EQ(h.minute_remaining, "X-MinLimit-Remaining");
  EXPECT_EQ(h.day_remaining, "X-DayLimit-Remaining");
  EXPECT_EQ(h.retry_after, "Retry-After");
  EXPECT_EQ(h.problem, "X-Rate-Limit-Problem");
}

TEST_F(RateLimiterTest, AKeyWithoutDeclaredHeadersStillReadsRetryAfter) {
  limiter_.setLimits(kXero, accord::sdk::effectiveLimits(accord::sdk::Manifest{}, {}));
  callNow();
  limiter_.observe(kXero, HttpResponse{429, {{"Retry-After", "20"}}, ""});
  EXPECT_EQ(waitFor(), milliseconds(20'000));
}

TEST_F(RateLimiterTest, ServiceUnavailableWithRetryAfterHoldsTheKey) {
  callNow();
  limiter_.observe(kXero, HttpResponse{503, {{"Retry-After", "12"}}, ""});
  auto decision = limiter_.acquire(kXero);
  EXPECT_EQ(decision.wait, milliseconds(12'000));
  EXPECT_EQ(decision.reason, WaitReason::app_said);
  EXPECT_EQ(limiter_.status(kXero).problem, "");
}

TEST_F(RateLimiterTest, SpentAppWideQuotaHoldsTheKeyForAMinute) {
  callNow();
  limiter_.observe(kXero, HttpResponse{200, {{"X-AppMinLimit-Remaining", "0"}}, ""});
  EXPECT_EQ(waitFor(), milliseconds(60'000));
}

TEST_F(RateLimiterTest, RetryAfterOnASuccessIsIgnoredAndGarbageHeadersAreHarmless) {
  limiter_.observe(kXero, HttpResponse{200, {{"Retry-After", "600"}}, ""});
  limiter_.observe(kXero, HttpResponse{200, {{"X-MinLimit-Remaining", "lots"}}, ""});
  callNow();
}

TEST(ParseRetryAfter, ReadsSecondsAndHttpDates) {
  FakeClock clock;  // 2024-01-01T00:00:00Z
  EXPECT_EQ(parseRetryAfter("120", clock.now()), seconds(120));
  EXPECT_EQ(parseRetryAfter(" 7 ", clock.now()), seconds(7));
  EXPECT_EQ(parseRetryAfter("Mon, 01 Jan 2024 00:01:30 GMT", clock.now()), seconds(90));
  EXPECT_EQ(parseRetryAfter("Sun, 31 Dec 2023 23:00:00 GMT", clock.now()), seconds(0));
  EXPECT_EQ(parseRetryAfter("-5", clock.now()), std::nullopt);
  EXPECT_EQ(parseRetryAfter("soon", clock.now()), std::nullopt);
  EXPECT_EQ(parseRetryAfter("", clock.now()), std::nullopt);
}

}  // namespace
