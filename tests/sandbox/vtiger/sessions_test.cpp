// getchallenge / login / logout and session expiry on the sandbox clock.
#include "vtiger_test_support.h"

namespace accord::sandbox::vtiger::testing {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

class SessionsTest : public VtigerTest {};

TEST_F(SessionsTest, ChallengeGivesTokenValidForFiveMinutes) {
  Answer a = get({{"operation", "getchallenge"}, {"username", "admin"}});
  ASSERT_TRUE(a.success());
  const auto serverTime = a.result()->getValue<std::int64_t>("serverTime");
  EXPECT_EQ(a.result()->getValue<std::int64_t>("expireTime"), serverTime + 300);
  EXPECT_EQ(a.result()->getValue<std::string>("token").size(), 13u);
}

TEST_F(SessionsTest, LoginWithMd5OfTokenAndAccessKeyOpensSession) {
  Answer c = get({{"operation", "getchallenge"}, {"username", "admin"}});
  const std::string token = c.result()->getValue<std::string>("token");
  Answer a = post({{"operation", "login"}, {"username", "admin"},
                   {"accessKey", md5Hex(token + app_.accessKey())}});
  ASSERT_TRUE(a.success()) << a.errorMessage();
  EXPECT_EQ(a.result()->getValue<std::string>("userId"), "19x1");
  EXPECT_FALSE(a.result()->getValue<std::string>("sessionName").empty());
  EXPECT_EQ(a.result()->getValue<std::string>("version"), "0.22");
  EXPECT_TRUE(a.result()->has("vtigerVersion"));
}

TEST_F(SessionsTest, WrongAccessKeyIsInvalidUserCredentials) {
  Answer c = get({{"operation", "getchallenge"}, {"username", "admin"}});
  const std::string token = c.result()->getValue<std::string>("token");
  Answer a = post({{"operation", "login"}, {"username", "admin"},
                   {"accessKey", md5Hex(token + "not-the-key")}});
  EXPECT_FALSE(a.success());
  EXPECT_EQ(a.status, 200);  // vtiger answers its own errors with 200
  EXPECT_EQ(a.errorCode(), "INVALID_USER_CREDENTIALS");
  // The plain access key (not hashed with the token) is refused too.
  Answer plain = post({{"operation", "login"}, {"username", "admin"}, {"accessKey", app_.accessKey()}});
  EXPECT_EQ(plain.errorCode(), "INVALID_USER_CREDENTIALS");
}

TEST_F(SessionsTest, LoginAfterTokenExpiryIsInvalidAuthToken) {
  Answer c = get({{"operation", "getchallenge"}, {"username", "admin"}});
  const std::string token = c.result()->getValue<std::string>("token");
  clock_.advance(seconds(301));
  Answer a = post({{"operation", "login"}, {"username", "admin"},
                   {"accessKey", md5Hex(token + app_.accessKey())}});
  EXPECT_EQ(a.errorCode(), "INVALID_AUTH_TOKEN");
}

TEST_F(SessionsTest, LoginWithoutChallengeIsInvalidAuthToken) {
  Answer a = post({{"operation", "login"}, {"username", "admin"}, {"accessKey", "x"}});
  EXPECT_EQ(a.errorCode(), "INVALID_AUTH_TOKEN");
}

TEST_F(SessionsTest, ChallengeForUnknownOrMissingUserIsAccessDenied) {
  EXPECT_EQ(get({{"operation", "getchallenge"}, {"username", "nobody"}}).errorCode(), "ACCESS_DENIED");
  Answer none = get({{"operation", "getchallenge"}});
  EXPECT_EQ(none.errorCode(), "ACCESS_DENIED");
  EXPECT_EQ(none.errorMessage(), "No username given");
}

TEST_F(SessionsTest, CallWithoutSessionIsAuthenticationRequired) {
  Answer a = get({{"operation", "listtypes"}});
  EXPECT_EQ(a.errorCode(), "AUTHENTICATION_REQUIRED");
}

TEST_F(SessionsTest, UnknownSessionIsInvalidSessionId) {
  Answer a = get({{"operation", "listtypes"}, {"sessionName", "deadbeef"}});
  EXPECT_EQ(a.errorCode(), "INVALID_SESSIONID");
  EXPECT_EQ(a.errorMessage(), "Session Identifier provided is Invalid");
}

TEST_F(SessionsTest, SessionExpiresAfterThirtyIdleMinutes) {
  const std::string session = login();
  clock_.advance(minutes(29));
  EXPECT_TRUE(get({{"operation", "listtypes"}, {"sessionName", session}}).success());
  clock_.advance(minutes(29));  // each call restarts the idle time
  EXPECT_TRUE(get({{"operation", "listtypes"}, {"sessionName", session}}).success());
  clock_.advance(minutes(31));
  EXPECT_EQ(get({{"operation", "listtypes"}, {"sessionName", session}}).errorCode(),
            "INVALID_SESSIONID");
}

TEST_F(SessionsTest, SessionEndsOneDayAfterLoginEvenWhenBusy) {
  const std::string session = login();
  for (int i = 0; i < 49; ++i) {  // 23h41m of steady use
    clock_.advance(minutes(29));
    ASSERT_TRUE(get({{"operation", "listtypes"}, {"sessionName", session}}).success()) << i;
  }
  clock_.advance(minutes(29));  // 24h10m after login
  EXPECT_EQ(get({{"operation", "listtypes"}, {"sessionName", session}}).errorCode(),
            "INVALID_SESSIONID");
}

TEST_F(SessionsTest, LogoutEndsSession) {
  const std::string session = login();
  Answer out = post({{"operation", "logout"}, {"sessionName", session}});
  ASSERT_TRUE(out.success());
  EXPECT_EQ(out.result()->getValue<std::string>("message"), "successfull");
  EXPECT_EQ(get({{"operation", "listtypes"}, {"sessionName", session}}).errorCode(),
            "INVALID_SESSIONID");
}

TEST_F(SessionsTest, InjectedTokenExpiryEndsTheRequestSession) {
  const std::string session = login();
  Request r;
  r.method = "GET";
  r.path = "/webservice.php";
  r.query = {{"operation", "listtypes"}, {"sessionName", session}};
  app_.expireCredentials(r);
  EXPECT_EQ(parseAnswer(app_.handle(r)).errorCode(), "INVALID_SESSIONID");
}

TEST_F(SessionsTest, UnknownOperationIsReported) {
  Answer a = get({{"operation", "frobnicate"}});
  EXPECT_EQ(a.errorCode(), "UNKNOWN_OPERATION");
  EXPECT_EQ(a.errorMessage(), "Unknown operation requested");
}

TEST_F(SessionsTest, OperationNameIsCaseInsensitive) {
  EXPECT_TRUE(get({{"operation", "GetChallenge"}, {"username", "admin"}}).success());
}

}  // namespace
}  // namespace accord::sandbox::vtiger::testing
