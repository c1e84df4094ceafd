// OAuth2 tokens: refresh ahead of expiry, one refresh for many concurrent callers, persist
// before use (and what happens when persist fails), forced refresh after a 401.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "accord/sdk/testing/fake_clock.h"
#include "net/token_manager.h"

namespace {

using accord::net::TokenManager;
using accord::net::TokenOptions;
using accord::sdk::ErrorKind;
using accord::sdk::Result;
using accord::sdk::Timestamp;
using accord::sdk::TokenSet;
using accord::sdk::testing::FakeClock;
using std::chrono::minutes;

// A token endpoint that hands out access-N / refresh-N and accepts each refresh token once.
struct FakeAuthServer {
  std::mutex mutex;
  int refreshes = 0;
  std::vector<std::string> spent;
  std::vector<TokenSet> persisted;
  int persist_failures = 0;  // fail this many persists first

  TokenManager::RefreshFn refresh(const FakeClock& clock) {
    return [this, &clock](const std::string& token) -> Result<TokenSet> {
      std::lock_guard lock(mutex);
      for (const auto& s : spent) {
        if (s == token) return accord::sdk::makeError(ErrorKind::auth_expired, "invalid_grant");
      }
      spent.push_back(token);
      ++refreshes;
      TokenSet fresh;
      fresh.access_token = "access-" + std::to_string(refreshes);
      fresh.refresh_token = "refresh-" + std::to_string(refreshes);
      fresh.expires_at = Timestamp::fromTimePoint(clock.now() + minutes(30));
      return fresh;
    };
  }
  TokenManager::PersistFn persist() {
    return [this](const TokenSet& tokens) -> Result<void> {
      std::lock_guard lock(mutex);
      if (persist_failures > 0) {
        --persist_failures;
        return accord::sdk::makeError(ErrorKind::retryable, "database is locked");
      }
      persisted.push_back(tokens);
      return {};
    };
  }
};

TokenSet initialTokens(const FakeClock& clock, minutes valid_for) {
  TokenSet t;
  t.access_token = "access-0";
  t.refresh_token = "refresh-0";
  t.expires_at = Timestamp::fromTimePoint(clock.now() + valid_for);
  return t;
}

class TokenManagerTest : public ::testing::Test {
 protected:
  TokenManager manager(minutes valid_for) {
    return TokenManager(initialTokens(clock_, valid_for), clock_, server_.refresh(clock_),
                        server_.persist(), TokenOptions{minutes(5)});
  }
  FakeClock clock_;
  FakeAuthServer server_;
};

TEST_F(TokenManagerTest, AValidTokenIsUsedAsItIs) {
  auto tokens = manager(minutes(20));
  EXPECT_EQ(tokens.accessToken().value(), "access-0");
  EXPECT_EQ(server_.refreshes, 0);
}

TEST_F(TokenManagerTest, RefreshesAheadOfExpiryAndPersistsFirst) {
  auto tokens = manager(minutes(20));
  clock_.advance(minutes(16));  // 4 minutes left, inside the 5-minute margin
  EXPECT_EQ(tokens.accessToken().value(), "access-1");
  EXPECT_EQ(server_.spent, std::vector<std::string>{"refresh-0"});
  ASSERT_EQ(server_.persisted.size(), 1u);
  EXPECT_EQ(server_.persisted[0].access_token, "access-1");
  EXPECT_EQ(server_.persisted[0].refresh_token, "refresh-1");
  EXPECT_EQ(tokens.accessToken().value(), "access-1");
  EXPECT_EQ(server_.refreshes, 1);
}

TEST_F(TokenManagerTest, TokensShorterLivedThanTheMarginAreNotRefreshedOnEveryCall) {
  TokenManager tokens(initialTokens(clock_, minutes(1)), clock_,
                      [&](const std::string&) -> Result<TokenSet> {
                        ++server_.refreshes;
                        return TokenSet{"access-" + std::to_string(server_.refreshes), "r",
                                        Timestamp::fromTimePoint(clock_.now() + minutes(4)), {}};
                      },
                      server_.persist(), TokenOptions{minutes(5)});
  EXPECT_EQ(tokens.accessToken().value(), "access-1");
  clock_.advance(minutes(1));
  EXPECT_EQ(tokens.accessToken().value(), "access-1");
  EXPECT_EQ(server_.refreshes, 1);
  clock_.advance(minutes(1) + std::chrono::seconds(1));  // inside half its 4-minute life
  EXPECT_EQ(tokens.accessToken().value(), "access-2");
}

TEST_F(TokenManagerTest, ConcurrentCallersShareOneRefresh) {
  // The refresh holds until every caller has arrived (or a generous bound passes), so the
  // others really are waiting on the one in flight.
  std::mutex gate_mutex;
  std::condition_variable gate;
  int arrived = 0;
  auto inner = server_.refresh(clock_);
  TokenManager tokens(initialTokens(clock_, minutes(1)), clock_,
                      [&](const std::string& t) {
                        std::unique_lock lock(gate_mutex);
                        gate.wait_for(lock, std::chrono::seconds(5), [&] { return arrived == 10; });
                        return inner(t);
                      },
                      server_.persist());
  std::vector<std::string> got(10);
  std::vector<std::thread> threads;
  for (int i = 0; i < 10; ++i) {
    threads.emplace_back([&, i] {
      {
        std::lock_guard lock(gate_mutex);
        ++arrived;
      }
      gate.notify_all();
      got[i] = tokens.accessToken().value();
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(server_.refreshes, 1);
  for (const auto& token : got) EXPECT_EQ(token, "access-1");
}

TEST_F(TokenManagerTest, ConcurrentCallersShareAFailedRefreshToo) {
  // Refresh tokens are single use: callers queued behind a refused refresh must not each try
  // the same token again.
  std::mutex gate_mutex;
  std::condition_variable gate;
  int arrived = 0;
  std::atomic<int> attempts{0};
  TokenManager tokens(initialTokens(clock_, minutes(1)), clock_,
                      [&](const std::string&) -> Result<TokenSet> {
                        ++attempts;
                        std::unique_lock lock(gate_mutex);
                        gate.wait_for(lock, std::chrono::seconds(5), [&] { return arrived == 6; });
                        return accord::sdk::makeError(ErrorKind::auth_expired, "invalid_grant");
                      },
                      server_.persist());
  std::atomic<int> refused{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&] {
      {
        std::lock_guard lock(gate_mutex);
        ++arrived;
      }
      gate.notify_all();
      auto result = tokens.accessToken();
      if (!result.ok() && result.error().kind == ErrorKind::auth_expired) ++refused;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(refused, 6);
  // Callers that were waiting share its answer; later ones get the same, sticky, refusal.
  EXPECT_EQ(attempts, 1);
}

TEST_F(TokenManagerTest, ARefusedRefreshIsNotRetriedUntilReauthorised) {
  int attempts = 0;
  TokenManager tokens(initialTokens(clock_, minutes(1)), clock_,
                      [&](const std::string&) -> Result<TokenSet> {
                        ++attempts;
                        return accord::sdk::makeError(ErrorKind::auth_expired, "invalid_grant");
                      },
                      server_.persist());
  EXPECT_FALSE(tokens.accessToken().ok());
  EXPECT_FALSE(tokens.forceRefresh("access-0").ok());
  EXPECT_EQ(attempts, 1);

  tokens.replace(TokenSet{"access-new", "refresh-new",
                          Timestamp::fromTimePoint(clock_.now() + minutes(30)), {}});
  EXPECT_EQ(tokens.accessToken().value(), "access-new");
}

TEST_F(TokenManagerTest, ATransientRefreshFailureIsRetriedByTheNextCaller) {
  int attempts = 0;
  auto inner = server_.refresh(clock_);
  TokenManager tokens(initialTokens(clock_, minutes(1)), clock_,
                      [&](const std::string& t) -> Result<TokenSet> {
                        if (++attempts == 1) {
                          return accord::sdk::makeError(ErrorKind::retryable, "timed out");
                        }
                        return inner(t);
                      },
                      server_.persist());
  EXPECT_EQ(tokens.accessToken().error().kind, ErrorKind::retryable);
  EXPECT_EQ(tokens.accessToken().value(), "access-1");
  EXPECT_EQ(attempts, 2);
}

TEST_F(TokenManagerTest, PersistFailureKeepsTheOldTokenAndRetriesThePersistNotTheRefresh) {
  auto tokens = manager(minutes(1));
  server_.persist_failures = 1;
  auto first = tokens.accessToken();
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.error().kind, ErrorKind::retryable);
  EXPECT_NE(first.error().message.find("database is locked"), std::string::npos);
  EXPECT_NE(first.error().message.find("not saved"), std::string::npos);
  EXPECT_EQ(tokens.current().access_token, "access-0");
  EXPECT_TRUE(tokens.hasUnpersisted());

  // refresh-0 is spent at the app; asking again would fail, so the saved-aside set is used.
  EXPECT_EQ(tokens.accessToken().value(), "access-1");
  EXPECT_EQ(server_.refreshes, 1);
  ASSERT_EQ(server_.persisted.size(), 1u);
  EXPECT_EQ(server_.persisted[0].refresh_token, "refresh-1");
  EXPECT_FALSE(tokens.hasUnpersisted());
}

TEST_F(TokenManagerTest, RefreshFailureSurfacesAndKeepsTheOldToken) {
  TokenManager tokens(initialTokens(clock_, minutes(1)), clock_,
                      [](const std::string&) -> Result<TokenSet> {
                        return accord::sdk::makeError(ErrorKind::auth_expired, "invalid_grant");
                      },
                      server_.persist());
  auto result = tokens.accessToken();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::auth_expired);
  EXPECT_EQ(tokens.current().access_token, "access-0");
  EXPECT_TRUE(server_.persisted.empty());
}

TEST_F(TokenManagerTest, ForcedRefreshReplacesARejectedTokenOnlyOnce) {
  auto tokens = manager(minutes(20));
  EXPECT_EQ(tokens.forceRefresh("access-0").value(), "access-1");
  // A second caller that was also refused access-0 gets the new token, no second refresh.
  EXPECT_EQ(tokens.forceRefresh("access-0").value(), "access-1");
  EXPECT_EQ(server_.refreshes, 1);
}

TEST_F(TokenManagerTest, NoRefreshTokenMeansAuthoriseAgain) {
  TokenSet initial = initialTokens(clock_, minutes(1));
  initial.refresh_token.clear();
  TokenManager tokens(initial, clock_, server_.refresh(clock_), server_.persist());
  auto result = tokens.accessToken();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::auth_expired);
  EXPECT_NE(result.error().message.find("authorised again"), std::string::npos);
}

TEST_F(TokenManagerTest, AnOmittedRefreshTokenKeepsThePreviousOne) {
  TokenManager tokens(initialTokens(clock_, minutes(1)), clock_,
                      [](const std::string&) -> Result<TokenSet> {
                        TokenSet t;
                        t.access_token = "access-new";
                        return t;
                      },
                      server_.persist());
  EXPECT_EQ(tokens.accessToken().value(), "access-new");
  EXPECT_EQ(tokens.current().refresh_token, "refresh-0");
  EXPECT_EQ(server_.persisted.at(0).refresh_token, "refresh-0");
}

TEST(TokenSecrets, RoundTripThroughTheSecretMap) {
  TokenSet t;
  t.access_token = "a";
  t.refresh_token = "r";
  t.expires_at = Timestamp::parse("2024-01-01T00:30:00Z");
  auto secrets = accord::net::tokenSecrets(t);
  EXPECT_EQ(secrets.at("access_token"), "a");
  EXPECT_EQ(secrets.at("access_token_expires_at"), "2024-01-01T00:30:00Z");
  auto back = accord::net::tokenSetFromSecrets(secrets);
  EXPECT_EQ(back.access_token, "a");
  EXPECT_EQ(back.refresh_token, "r");
  EXPECT_EQ(back.expires_at, t.expires_at);
  secrets["access_token_expires_at"] = "not a time";
  EXPECT_EQ(accord::net::tokenSetFromSecrets(secrets).expires_at, Timestamp{});
}

}  // namespace
