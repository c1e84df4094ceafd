// Backoff: full jitter within the exponential ceiling, the cap, the app's retry_after as a
// floor, and the switch into recovery mode that the sync engine shows.
#include <gtest/gtest.h>

#include <set>

#include "accord/sdk/testing/fake_clock.h"
#include "net/backoff.h"

namespace {

using accord::net::Backoff;
using accord::net::BackoffOptions;
using accord::net::HealthMode;
using accord::sdk::ErrorKind;
using accord::sdk::makeError;
using accord::sdk::testing::FakeClock;
using std::chrono::milliseconds;

const auto kTimeout =
    makeError(ErrorKind::retryable, "GET https://api.xero.com/Contacts: timed out");

BackoffOptions options() {
  BackoffOptions o;
  o.base = milliseconds(1000);
  o.cap = milliseconds(8000);
  o.recovery_after = 6;
  o.recovery_delay = milliseconds(600'000);
  return o;
}

TEST(Backoff, DelaysStayUnderTheDoublingCeilingAndTheCap) {
  FakeClock clock;
  for (std::uint64_t seed = 0; seed < 50; ++seed) {
    Backoff backoff(clock, options(), seed);
    const long long ceilings[] = {1000, 2000, 4000, 8000, 8000};
    for (long long ceiling : ceilings) {
      auto delay = backoff.onFailure(kTimeout);
      EXPECT_GE(delay.count(), 0);
      EXPECT_LE(delay.count(), ceiling);
    }
  }
}

TEST(Backoff, JitterIsSpreadAndReproducibleFromTheSeed) {
  FakeClock clock;
  std::set<long long> firsts;
  for (std::uint64_t seed = 0; seed < 40; ++seed) {
    Backoff a(clock, options(), seed), b(clock, options(), seed);
    auto delay = a.onFailure(kTimeout);
    EXPECT_EQ(delay, b.onFailure(kTimeout));
    firsts.insert(delay.count());
  }
  EXPECT_GT(firsts.size(), 30u) << "full jitter should rarely repeat a delay";
}

TEST(Backoff, RetryAfterFromTheAppIsAFloor) {
  FakeClock clock;
  Backoff backoff(clock, options(), 1);
  auto limited = makeError(ErrorKind::rate_limited, "429");
  limited.retry_after = std::chrono::seconds(30);
  EXPECT_GE(backoff.onFailure(limited), milliseconds(30'000));
}

TEST(Backoff, SeveralFailuresInARowSwitchToRecoveryUntilASuccess) {
  FakeClock clock;
  Backoff backoff(clock, options(), 7);
  for (int i = 0; i < 5; ++i) backoff.onFailure(kTimeout);
  EXPECT_EQ(backoff.health().mode, HealthMode::backing_off);

  auto delay = backoff.onFailure(kTimeout);
  EXPECT_GE(delay.count(), 300'000);
  EXPECT_LE(delay.count(), 600'000);
  auto health = backoff.health();
  EXPECT_EQ(health.mode, HealthMode::recovery);
  EXPECT_EQ(health.consecutive_failures, 6);
  EXPECT_EQ(health.retry_at, clock.now() + delay);
  EXPECT_NE(health.describe().find("recovery after 6 failures in a row"), std::string::npos);
  EXPECT_NE(health.describe().find("timed out"), std::string::npos);

  backoff.onSuccess();
  EXPECT_EQ(backoff.health().mode, HealthMode::healthy);
  EXPECT_EQ(backoff.health().consecutive_failures, 0);
  EXPECT_EQ(backoff.health().describe(), "healthy");
}

TEST(Backoff, ReadyOnlyOnceTheDelayHasPassed) {
  FakeClock clock;
  Backoff backoff(clock, options(), 3);
  EXPECT_TRUE(backoff.ready());
  auto limited = makeError(ErrorKind::rate_limited, "429");
  limited.retry_after = std::chrono::seconds(10);
  auto delay = backoff.onFailure(limited);
  clock.advance(delay - milliseconds(1));
  EXPECT_FALSE(backoff.ready());
  clock.advance(milliseconds(1));
  EXPECT_TRUE(backoff.ready());
}

}  // namespace
