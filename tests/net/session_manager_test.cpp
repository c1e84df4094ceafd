// Session logins (vTiger): log in when there is no live session, re-login once per rejected
// session however many callers saw it rejected.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "accord/sdk/testing/fake_clock.h"
#include "net/session_manager.h"

namespace {

using accord::net::SessionManager;
using accord::sdk::ErrorKind;
using accord::sdk::Result;
using accord::sdk::Session;
using accord::sdk::Timestamp;
using accord::sdk::testing::FakeClock;

class SessionManagerTest : public ::testing::Test {
 protected:
  SessionManager::LoginFn login() {
    return [this]() -> Result<Session> {
      const int n = ++logins_;
      return Session{"session-" + std::to_string(n),
                     Timestamp::fromTimePoint(clock_.now() + std::chrono::hours(1))};
    };
  }
  SessionManager::PersistFn persist() {
    return [this](const Session& s) -> Result<void> {
      std::lock_guard lock(mutex_);
      persisted_.push_back(s.id);
      return {};
    };
  }

  FakeClock clock_;
  std::atomic<int> logins_{0};
  std::mutex mutex_;
  std::vector<std::string> persisted_;
};

TEST_F(SessionManagerTest, LogsInOnceAndReusesTheSession) {
  SessionManager sessions(Session{}, clock_, login(), persist());
  EXPECT_EQ(sessions.session().value(), "session-1");
  EXPECT_EQ(sessions.session().value(), "session-1");
  EXPECT_EQ(logins_, 1);
  EXPECT_EQ(persisted_, std::vector<std::string>{"session-1"});
}

TEST_F(SessionManagerTest, LogsInAgainBeforeTheSessionExpires) {
  SessionManager sessions(Session{}, clock_, login());
  ASSERT_EQ(sessions.session().value(), "session-1");
  clock_.advance(std::chrono::minutes(59) + std::chrono::seconds(30));
  EXPECT_EQ(sessions.session().value(), "session-2");
}

TEST_F(SessionManagerTest, ReloginReplacesOnlyTheRejectedSession) {
  SessionManager sessions(Session{"saved", std::nullopt}, clock_, login(), persist());
  EXPECT_EQ(sessions.session().value(), "saved");
  EXPECT_EQ(sessions.relogin("saved").value(), "session-1");
  EXPECT_EQ(sessions.relogin("saved").value(), "session-1");  // already replaced
  EXPECT_EQ(logins_, 1);
}

TEST_F(SessionManagerTest, ManyCallersRejectedAtOnceCauseOneLogin) {
  SessionManager sessions(Session{"saved", std::nullopt}, clock_, login());
  std::vector<std::thread> threads;
  std::atomic<int> matching{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      if (sessions.relogin("saved").value() == "session-1") ++matching;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(logins_, 1);
  EXPECT_EQ(matching, 8);
}

TEST_F(SessionManagerTest, RefusedCredentialsAreNotTriedAgainUntilReplaced) {
  int attempts = 0;
  SessionManager sessions(Session{}, clock_, [&]() -> Result<Session> {
    if (++attempts == 1) {
      return accord::sdk::makeError(ErrorKind::invalid_config,
                                    "vtiger login: INVALID_USER_CREDENTIALS");
    }
    return Session{"session-ok", std::nullopt};
  });
  auto result = sessions.session();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::invalid_config);
  EXPECT_NE(result.error().message.find("INVALID_USER_CREDENTIALS"), std::string::npos);
  EXPECT_FALSE(sessions.session().ok());
  EXPECT_EQ(attempts, 1) << "a second bad login could lock the account";

  sessions.replace(Session{});  // the admin fixed the access key
  EXPECT_EQ(sessions.session().value(), "session-ok");
}

TEST_F(SessionManagerTest, ALoginWithoutAnIdIsAPluginBug) {
  SessionManager sessions(Session{}, clock_, []() -> Result<Session> { return Session{}; });
  auto result = sessions.session();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::plugin_bug);
}

}  // namespace
