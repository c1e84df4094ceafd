// The managed client over a scripted app on a fake clock: pacing a steady stream with no 429s,
// bearer tokens and the one retry after a 401, no retries of anything else, and its counters.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "accord/sdk/testing/fake_clock.h"
#include "accord/sdk/testing/scripted_http_client.h"
#include "fakes.h"
#include "net/managed_http_client.h"

namespace {

using accord::net::ManagedHttpClient;
using accord::net::ManagedHttpOptions;
using accord::net::RateKey;
using accord::net::RateLimiter;
using accord::net::TokenManager;
using accord::net::testing::AdvancingWaiter;
using accord::sdk::ErrorKind;
using accord::sdk::HttpRequest;
using accord::sdk::HttpResponse;
using accord::sdk::Result;
using accord::sdk::Timestamp;
using accord::sdk::TokenSet;
using accord::sdk::testing::FakeClock;
using accord::sdk::testing::ScriptedHttpClient;
using std::chrono::milliseconds;
using std::chrono::seconds;

const RateKey kKey{"xero", "tenant-1"};

HttpRequest get(std::string url = "https://api.example.com/Contacts") {
  HttpRequest r;
  r.url = std::move(url);
  return r;
}

std::string authorizationOf(const HttpRequest& r) {
  for (const auto& [name, value] : r.headers) {
    if (name == "Authorization") return value;
  }
  return "";
}

// An app that counts calls in a rolling minute, as strictly as any app could, and answers 429
// over `limit`, with Xero's remaining-count header otherwise.
class CountingApp {
 public:
  CountingApp(const FakeClock& clock, int limit) : clock_(clock), limit_(limit) {}
  Result<HttpResponse> operator()(const HttpRequest&) {
    const auto now = clock_.now();
    while (!calls_.empty() && calls_.front() <= now - seconds(60)) calls_.pop_front();
    if (static_cast<int>(calls_.size()) >= limit_) {
      ++rejected;
      return HttpResponse{429, {{"Retry-After", "1"}, {"X-Rate-Limit-Problem", "minute"}}, ""};
    }
    calls_.push_back(now);
    const int left = limit_ - static_cast<int>(calls_.size());
    return HttpResponse{200, {{"X-MinLimit-Remaining", std::to_string(left)}}, "{}"};
  }
  int rejected = 0;

 private:
  const FakeClock& clock_;
  int limit_;
  std::deque<std::chrono::system_clock::time_point> calls_;
};

class ManagedHttpClientTest : public ::testing::Test {
 protected:
  ManagedHttpClientTest() {
    accord::sdk::RateLimits limits;
    limits.per_minute = 60;
    limiter_.setLimits(kKey, limits);
  }

  TokenManager tokens(std::chrono::minutes valid_for) {
    TokenSet t{"access-0", "refresh-0", Timestamp::fromTimePoint(clock_.now() + valid_for), {}};
    return TokenManager(t, clock_, [this](const std::string&) -> Result<TokenSet> {
      ++refreshes_;
      const std::string n = std::to_string(refreshes_);
      return TokenSet{"access-" + n, "refresh-" + n,
                      Timestamp::fromTimePoint(clock_.now() + std::chrono::minutes(30)), {}};
    }, [](const TokenSet&) -> Result<void> { return {}; });
  }

  FakeClock clock_;
  AdvancingWaiter waiter_{clock_};
  RateLimiter limiter_{clock_};
  ScriptedHttpClient app_;
  int refreshes_ = 0;
};

TEST_F(ManagedHttpClientTest, SteadyStreamUnderSixtyPerMinuteSeesNoTooManyRequests) {
  CountingApp counting(clock_, 60);
  app_.setHandler([&](const HttpRequest& r) { return counting(r); });
  ManagedHttpClient client(app_, limiter_, kKey, waiter_);
  const auto start = clock_.now();
  for (int i = 0; i < 500; ++i) ASSERT_EQ(client.send(get()).value().status, 200);
  const auto elapsed = std::chrono::duration_cast<milliseconds>(clock_.now() - start);

  EXPECT_EQ(counting.rejected, 0);
  // The fastest any client could go: 60 at once, then 60 more each minute, the 500th at 480 s.
  // Even spacing costs at most one interval per call over the first minute.
  EXPECT_GE(elapsed, seconds(480));
  EXPECT_LE(elapsed, seconds(500));
  auto m = client.metrics();
  EXPECT_EQ(m.requests, 500u);
  EXPECT_EQ(m.sent, 500u);
  EXPECT_EQ(m.throttled, 0u);
  EXPECT_EQ(m.waits, 499u);
  EXPECT_EQ(m.waited, elapsed);
}

TEST_F(ManagedHttpClientTest, AnotherClientOnTheTenantIsAbsorbedFromTheAppsHeaders) {
  // The app sees 30 calls a minute from elsewhere; only its remaining-count header tells us.
  CountingApp counting(clock_, 60);
  for (int i = 0; i < 30; ++i) ASSERT_EQ(counting(get()).value().status, 200);
  app_.setHandler([&](const HttpRequest& r) { return counting(r); });
  ManagedHttpClient client(app_, limiter_, kKey, waiter_);
  for (int i = 0; i < 40; ++i) ASSERT_EQ(client.send(get()).value().status, 200);
  EXPECT_EQ(counting.rejected, 0);
}

TEST_F(ManagedHttpClientTest, InjectsTheCurrentBearerTokenButLeavesOtherSchemesAlone) {
  auto manager = tokens(std::chrono::minutes(1));  // inside the refresh margin
  app_.setHandler(
      [](const HttpRequest&) -> Result<HttpResponse> { return HttpResponse{200, {}, ""}; });
  ManagedHttpClient client(app_, limiter_, kKey, waiter_, &manager);

  HttpRequest basic = get("https://identity.example.com/connect/token");
  basic.setHeader("Authorization", "Basic Y2xpZW50OnNlY3JldA==");
  ASSERT_TRUE(client.send(basic).ok());
  EXPECT_EQ(refreshes_, 0) << "a token request must not trigger a token refresh";

  HttpRequest stale = get();
  stale.setHeader("Authorization", "Bearer from-old-secrets");
  ASSERT_TRUE(client.send(stale).ok());
  ASSERT_TRUE(client.send(get()).ok());

  auto sent = app_.requests();
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_EQ(authorizationOf(sent[0]), "Basic Y2xpZW50OnNlY3JldA==");
  EXPECT_EQ(authorizationOf(sent[1]), "Bearer access-1");
  EXPECT_EQ(authorizationOf(sent[2]), "Bearer access-1");
  EXPECT_EQ(refreshes_, 1);
}

TEST_F(ManagedHttpClientTest, UnauthorisedRefreshesOnceAndRetriesOnce) {
  auto manager = tokens(std::chrono::minutes(20));
  app_.enqueue(401, R"({"Title":"Unauthorized"})");
  app_.enqueue(200, "{}");
  ManagedHttpClient client(app_, limiter_, kKey, waiter_, &manager);
  auto response = client.send(get());
  ASSERT_EQ(response.value().status, 200);
  auto sent = app_.requests();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(authorizationOf(sent[0]), "Bearer access-0");
  EXPECT_EQ(authorizationOf(sent[1]), "Bearer access-1");
  EXPECT_EQ(client.metrics().auth_retries, 1u);

  // Refused again after the refresh: the 401 goes back to the plugin, no loop.
  app_.enqueue(401, "");
  app_.enqueue(401, "");
  EXPECT_EQ(client.send(get()).value().status, 401);
  EXPECT_EQ(app_.requests().size(), 4u);
  EXPECT_EQ(refreshes_, 2);
}

TEST_F(ManagedHttpClientTest, ManyRequestsRefusedTogetherCauseOneRefresh) {
  auto manager = tokens(std::chrono::minutes(20));
  app_.setHandler([](const HttpRequest& r) -> Result<HttpResponse> {
    return HttpResponse{authorizationOf(r) == "Bearer access-0" ? 401 : 200, {}, ""};
  });
  ManagedHttpClient client(app_, limiter_, kKey, waiter_, &manager);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] { EXPECT_EQ(client.send(get()).value().status, 200); });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(refreshes_, 1);
}

TEST_F(ManagedHttpClientTest, UnauthorisedWithoutOurTokenIsNotRetried) {
  app_.enqueue(401, "");
  ManagedHttpClient client(app_, limiter_, kKey, waiter_);
  EXPECT_EQ(client.send(get()).value().status, 401);
  EXPECT_EQ(app_.requests().size(), 1u);
  EXPECT_EQ(authorizationOf(app_.requests()[0]), "");
}

TEST_F(ManagedHttpClientTest, TransportErrorsAndTooManyRequestsAreReturnedNotRetried) {
  app_.enqueueError(ErrorKind::retryable, "GET https://api.example.com/Contacts: timed out");
  app_.enqueue(429, "", {{"Retry-After", "30"}});
  app_.enqueue(200, "{}");
  ManagedHttpClient client(app_, limiter_, kKey, waiter_);

  auto failed = client.send(get());
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().kind, ErrorKind::retryable);
  EXPECT_EQ(client.send(get()).value().status, 429);
  EXPECT_EQ(app_.requests().size(), 2u);

  // The next request waits out the app's Retry-After first.
  const auto before = clock_.now();
  EXPECT_EQ(client.send(get()).value().status, 200);
  EXPECT_EQ(clock_.now() - before, seconds(30));
  auto m = client.metrics();
  EXPECT_EQ(m.transport_errors, 1u);
  EXPECT_EQ(m.throttled, 1u);
}

TEST_F(ManagedHttpClientTest, AWaitLongerThanTheLimitIsRefusedAsRateLimited) {
  app_.enqueue(429, "", {{"Retry-After", "3600"}, {"X-Rate-Limit-Problem", "day"}});
  ManagedHttpClient client(app_, limiter_, kKey, waiter_, nullptr,
                           ManagedHttpOptions{.max_wait = milliseconds(60'000)});
  EXPECT_EQ(client.send(get()).value().status, 429);
  auto refused = client.send(get());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::rate_limited);
  EXPECT_EQ(refused.error().retry_after, seconds(3600));
  EXPECT_NE(refused.error().message.find("xero/tenant-1"), std::string::npos);
  EXPECT_EQ(app_.requests().size(), 1u);
  EXPECT_EQ(client.metrics().refused, 1u);
  EXPECT_TRUE(waiter_.waits().empty());
}

TEST(ManagedHttpClientConcurrency, NeverMoreRequestsInFlightThanTheCap) {
  FakeClock clock;
  AdvancingWaiter waiter(clock);
  RateLimiter limiter(clock);
  accord::sdk::RateLimits limits;
  limits.concurrent = 2;
  limiter.setLimits(kKey, limits);
  // Each request holds until a third is in flight, which the cap must prevent; the bound keeps
  // a correct cap from hanging (20 ms per pair of requests).
  std::mutex mutex;
  std::condition_variable changed;
  int in_flight = 0, most = 0;
  ScriptedHttpClient app([&](const HttpRequest&) -> Result<HttpResponse> {
    std::unique_lock lock(mutex);
    most = std::max(most, ++in_flight);
    changed.notify_all();
    changed.wait_for(lock, std::chrono::milliseconds(20), [&] { return in_flight >= 3; });
    --in_flight;
    return HttpResponse{200, {}, ""};
  });
  // Waiting for a slot polls; on a fake clock the polls add up fast, so no wait limit here.
  ManagedHttpClient client(app, limiter, kKey, waiter, nullptr,
                           ManagedHttpOptions{.max_wait = std::chrono::hours(24 * 365)});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 5; ++i) EXPECT_EQ(client.send(get()).value().status, 200);
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(most, 2);
  EXPECT_EQ(client.metrics().sent, 20u);
  EXPECT_EQ(limiter.status(kKey).in_flight, 0);
}

}  // namespace
