// Plugin calls answered with auth_expired: one renewal and one more call, never a loop, and no
// renewal for other errors.
#include <gtest/gtest.h>

#include <vector>

#include "accord/sdk/testing/fake_clock.h"
#include "net/auth_retry.h"

namespace {

using accord::net::callWithSession;
using accord::net::callWithToken;
using accord::net::SessionManager;
using accord::net::TokenManager;
using accord::sdk::ErrorKind;
using accord::sdk::makeError;
using accord::sdk::Result;
using accord::sdk::Session;
using accord::sdk::TokenSet;
using accord::sdk::testing::FakeClock;

class AuthRetryTest : public ::testing::Test {
 protected:
  SessionManager sessions() {
    return SessionManager(Session{"session-0", std::nullopt}, clock_, [this]() -> Result<Session> {
      ++logins_;
      return Session{"session-" + std::to_string(logins_), std::nullopt};
    });
  }

  // A vTiger-like call: refuses every session id in `dead_`.
  Result<int> read(const std::string& session_id) {
    used_.push_back(session_id);
    for (const auto& d : dead_) {
      if (d == session_id) return makeError(ErrorKind::auth_expired, "INVALID_SESSIONID");
    }
    return 42;
  }

  FakeClock clock_;
  int logins_ = 0;
  std::vector<std::string> dead_;
  std::vector<std::string> used_;
};

TEST_F(AuthRetryTest, AnExpiredSessionIsReplacedOnceAndTheCallRepeated) {
  auto manager = sessions();
  dead_ = {"session-0"};
  auto result = callWithSession<int>(manager, [&](const std::string& id) { return read(id); });
  EXPECT_EQ(result.value(), 42);
  EXPECT_EQ(used_, (std::vector<std::string>{"session-0", "session-1"}));
  EXPECT_EQ(logins_, 1);
}

TEST_F(AuthRetryTest, RefusedTwiceGivesUpAfterOneRenewal) {
  auto manager = sessions();
  dead_ = {"session-0", "session-1", "session-2"};
  auto result = callWithSession<int>(manager, [&](const std::string& id) { return read(id); });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::auth_expired);
  EXPECT_EQ(used_.size(), 2u);
  EXPECT_EQ(logins_, 1);
}

TEST_F(AuthRetryTest, OtherErrorsAreNotAReasonToRenew) {
  auto manager = sessions();
  auto result = callWithSession<int>(manager, [&](const std::string&) -> Result<int> {
    return makeError(ErrorKind::retryable, "timed out");
  });
  EXPECT_EQ(result.error().kind, ErrorKind::retryable);
  EXPECT_EQ(logins_, 0);
}

TEST_F(AuthRetryTest, ARefusedTokenIsRefreshedOnceForTheRetry) {
  int refreshes = 0;
  TokenManager tokens(TokenSet{"access-0", "refresh-0", std::nullopt, {}}, clock_,
                      [&](const std::string&) -> Result<TokenSet> {
                        ++refreshes;
                        return TokenSet{"access-1", "refresh-1", std::nullopt, {}};
                      },
                      [](const TokenSet&) -> Result<void> { return {}; });
  std::vector<std::string> seen;
  auto result = callWithToken<int>(tokens, [&](const std::string& token) -> Result<int> {
    seen.push_back(token);
    if (token == "access-0") return makeError(ErrorKind::auth_expired, "token refused");
    return 7;
  });
  EXPECT_EQ(result.value(), 7);
  EXPECT_EQ(seen, (std::vector<std::string>{"access-0", "access-1"}));
  EXPECT_EQ(refreshes, 1);
}

}  // namespace
