#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "xero_test_support.h"

namespace accord::sandbox::xero::testing {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

class XeroIdentityTest : public XeroSandboxTest {};

TEST_F(XeroIdentityTest, CodeFlowRedirectsWithCodeAndStateThenIssuesTokens) {
  HttpResult redirect = authorize();
  ASSERT_EQ(redirect.status, 302);
  std::string location = redirect.header("Location");
  ASSERT_EQ(location.rfind(std::string(kRedirect) + "?", 0), 0u) << location;
  Pairs params = locationParams(location);
  EXPECT_EQ(paramOf(params, "state"), "xyz123");
  EXPECT_EQ(paramOf(params, "scope"), kScope);
  ASSERT_FALSE(paramOf(params, "code").empty());

  HttpResult token = tokenRequest("grant_type=authorization_code&code=" +
                                  urlEncode(paramOf(params, "code")) +
                                  "&redirect_uri=" + urlEncode(kRedirect));
  ASSERT_EQ(token.status, 200) << token.body;
  EXPECT_EQ(token.header("Cache-Control"), "no-store");
  auto json = parseObject(token.body);
  EXPECT_EQ(json->getValue<int>("expires_in"), 1800);
  EXPECT_EQ(json->getValue<std::string>("token_type"), "Bearer");
  EXPECT_EQ(json->getValue<std::string>("scope"), kScope);
  EXPECT_FALSE(json->getValue<std::string>("refresh_token").empty());
  // Access and id tokens are JWTs (three dot-separated parts), as Xero's are.
  for (const char* key : {"access_token", "id_token"}) {
    std::string jwt = json->getValue<std::string>(key);
    EXPECT_EQ(std::count(jwt.begin(), jwt.end(), '.'), 2) << key;
  }
}

TEST_F(XeroIdentityTest, CodeIsSingleUseAndBoundToRedirectUri) {
  std::string code = paramOf(locationParams(authorize().header("Location")), "code");
  HttpResult wrong_uri = tokenRequest("grant_type=authorization_code&code=" + urlEncode(code) +
                                      "&redirect_uri=" + urlEncode("http://127.0.0.1:9/other"));
  EXPECT_EQ(wrong_uri.status, 400);
  EXPECT_EQ(wrong_uri.body, R"({"error":"invalid_grant"})");
  // The failed attempt used the code up.
  HttpResult again = tokenRequest("grant_type=authorization_code&code=" + urlEncode(code) +
                                  "&redirect_uri=" + urlEncode(kRedirect));
  EXPECT_EQ(again.body, R"({"error":"invalid_grant"})");
}

TEST_F(XeroIdentityTest, CodeExpiresAfterFiveMinutes) {
  std::string code = paramOf(locationParams(authorize().header("Location")), "code");
  clock().advance(minutes(5));
  HttpResult late = tokenRequest("grant_type=authorization_code&code=" + urlEncode(code) +
                                 "&redirect_uri=" + urlEncode(kRedirect));
  EXPECT_EQ(late.body, R"({"error":"invalid_grant"})");
}

TEST_F(XeroIdentityTest, TokenEndpointRejectsBadClientsAndGrantTypes) {
  HttpResult bad_secret = tokenRequest("grant_type=refresh_token&refresh_token=x", "wrong");
  EXPECT_EQ(bad_secret.status, 400);
  EXPECT_EQ(bad_secret.body, R"({"error":"invalid_client"})");
  HttpResult bad_grant = tokenRequest("grant_type=password&username=a&password=b");
  EXPECT_EQ(bad_grant.body, R"({"error":"unsupported_grant_type"})");
  HttpResult not_base64 = send(port(), "POST", "/connect/token",
                               {{"Authorization", "Basic !!!not base64!!!"},
                                {"Content-Type", "application/x-www-form-urlencoded"}},
                               "grant_type=refresh_token&refresh_token=x");
  EXPECT_EQ(not_base64.body, R"({"error":"invalid_client"})");
  HttpResult no_grant = tokenRequest("code=abc");
  EXPECT_EQ(no_grant.body, R"({"error":"invalid_request"})");
}

TEST_F(XeroIdentityTest, AuthorizeErrorsFollowOAuth) {
  HttpResult bad_redirect = send(port(), "GET",
      "/identity/connect/authorize?response_type=code&client_id=" + options().identity.client_id +
      "&redirect_uri=ftp%3A%2F%2Fx&scope=openid&state=s");
  EXPECT_EQ(bad_redirect.status, 400);
  EXPECT_TRUE(bad_redirect.header("Location").empty()) << "never redirect to an unverified URI";

  HttpResult bad_client = send(port(), "GET",
      "/identity/connect/authorize?response_type=code&client_id=NOPE&redirect_uri=" +
      urlEncode(kRedirect) + "&scope=openid");
  EXPECT_EQ(bad_client.status, 400);

  Pairs bad_scope = locationParams(authorize("", "openid launch.missiles").header("Location"));
  EXPECT_EQ(paramOf(bad_scope, "error"), "invalid_scope");
  EXPECT_EQ(paramOf(bad_scope, "state"), "xyz123");

  Pairs bad_type = locationParams(send(port(), "GET",
      "/identity/connect/authorize?response_type=token&client_id=" + options().identity.client_id +
      "&redirect_uri=" + urlEncode(kRedirect) + "&scope=openid").header("Location"));
  EXPECT_EQ(paramOf(bad_type, "error"), "unsupported_response_type");
}

TEST_F(XeroIdentityTest, DeniedConsentRedirectsWithAccessDenied) {
  sandbox_->app().identity().setConsent(false);
  HttpResult redirect = authorize();
  ASSERT_EQ(redirect.status, 302);
  Pairs params = locationParams(redirect.header("Location"));
  EXPECT_EQ(paramOf(params, "error"), "access_denied");
  EXPECT_EQ(paramOf(params, "state"), "xyz123");
  EXPECT_TRUE(paramOf(params, "code").empty());
}

TEST_F(XeroIdentityTest, RefreshTokensRotateAndAnOldOneIsInvalidGrant) {
  auto first = login();
  std::string old_refresh = first->getValue<std::string>("refresh_token");
  HttpResult refreshed = tokenRequest("grant_type=refresh_token&refresh_token=" + old_refresh);
  ASSERT_EQ(refreshed.status, 200) << refreshed.body;
  auto second = parseObject(refreshed.body);
  std::string new_refresh = second->getValue<std::string>("refresh_token");
  EXPECT_NE(new_refresh, old_refresh);
  EXPECT_NE(second->getValue<std::string>("access_token"), first->getValue<std::string>("access_token"));

  HttpResult reused = tokenRequest("grant_type=refresh_token&refresh_token=" + old_refresh);
  EXPECT_EQ(reused.status, 400);
  EXPECT_EQ(reused.body, R"({"error":"invalid_grant"})");

  HttpResult next = tokenRequest("grant_type=refresh_token&refresh_token=" + new_refresh);
  EXPECT_EQ(next.status, 200) << "the rotated token still works";
}

// A malformed answer to a refresh loses the new refresh token after the old one was spent; with
// spare_token_answers only refreshes are spared, the API still gets the fault.
TEST_F(XeroIdentityTest, SpareTokenAnswersKeepsRefreshAnswersIntactAndOnlyThose) {
  std::string refresh = login()->getValue<std::string>("refresh_token");
  FaultOptions faults;
  faults.malformed_rate = 1.0;
  sandbox_->setFaults(faults);
  HttpResult lost = tokenRequest("grant_type=refresh_token&refresh_token=" + refresh);
  EXPECT_EQ(lost.status, 200);
  EXPECT_THROW(parseObject(lost.body), std::exception) << lost.body;
  sandbox_->setFaults({});
  HttpResult spent = tokenRequest("grant_type=refresh_token&refresh_token=" + refresh);
  EXPECT_NE(spent.body.find("invalid_grant"), std::string::npos) << spent.body;

  auto again = login();  // a new consent, as a user would give
  faults.spare_token_answers = true;
  sandbox_->setFaults(faults);
  HttpResult kept = tokenRequest("grant_type=refresh_token&refresh_token=" +
                                 again->getValue<std::string>("refresh_token"));
  ASSERT_EQ(kept.status, 200);
  EXPECT_FALSE(parseObject(kept.body)->getValue<std::string>("refresh_token").empty());
  HttpResult api = apiGet(again->getValue<std::string>("access_token"), tenant());
  EXPECT_THROW(parseObject(api.body), std::exception) << api.body;
}

TEST_F(XeroIdentityTest, AccessTokenExpiresAfterThirtyMinutesOfSandboxTime) {
  std::string access = login()->getValue<std::string>("access_token");
  clock().advance(minutes(30) - seconds(1));
  EXPECT_NE(apiGet(access, tenant()).status, 401);
  clock().advance(seconds(1));
  HttpResult expired = apiGet(access, tenant());
  ASSERT_EQ(expired.status, 401);
  auto body = parseObject(expired.body);
  EXPECT_EQ(body->getValue<std::string>("Title"), "Unauthorized");
  EXPECT_EQ(body->getValue<int>("Status"), 401);
  EXPECT_EQ(body->getValue<std::string>("Detail").rfind("TokenExpired: token expired at 01/01/2026 00:30:00", 0), 0u)
      << body->getValue<std::string>("Detail");
  EXPECT_TRUE(body->has("Instance"));
}

TEST_F(XeroIdentityTest, UnusedRefreshTokenExpiresAfterSixtyDays) {
  std::string refresh = login()->getValue<std::string>("refresh_token");
  clock().advance(std::chrono::hours(24 * 60));
  EXPECT_EQ(tokenRequest("grant_type=refresh_token&refresh_token=" + refresh).body,
            R"({"error":"invalid_grant"})");
}

TEST_F(XeroIdentityTest, ConnectionsListEveryConnectedTenantInXerosShape) {
  auto tokens = login();
  std::string access = tokens->getValue<std::string>("access_token");
  HttpResult result = send(port(), "GET", "/connections", {{"Authorization", "Bearer " + access}});
  ASSERT_EQ(result.status, 200);
  EXPECT_FALSE(result.header("X-AppMinLimit-Remaining").empty());
  EXPECT_TRUE(result.header("X-MinLimit-Remaining").empty()) << "tenantless call";
  auto list = parseArray(result.body);
  ASSERT_EQ(list->size(), options().tenants.size());
  auto first = list->getObject(0);
  for (const char* key : {"id", "authEventId", "tenantId", "tenantType", "tenantName",
                          "createdDateUtc", "updatedDateUtc"}) {
    EXPECT_TRUE(first->has(key)) << key;
  }
  EXPECT_EQ(first->getValue<std::string>("tenantType"), "ORGANISATION");
  EXPECT_EQ(first->getValue<std::string>("createdDateUtc"), "2026-01-01T00:00:00.0000000");

  std::string event = first->getValue<std::string>("authEventId");
  auto filtered = parseArray(send(port(), "GET", "/Connections?authEventId=" + event,
                                  {{"Authorization", "Bearer " + access}}).body);
  EXPECT_EQ(filtered->size(), list->size());
  auto none = parseArray(send(port(), "GET", "/connections?authEventId=00000000-0000-0000-0000-000000000000",
                              {{"Authorization", "Bearer " + access}}).body);
  EXPECT_EQ(none->size(), 0u);
}

TEST_F(XeroIdentityTest, DeletingAConnectionCutsThatTenantOff) {
  std::string access = login()->getValue<std::string>("access_token");
  auto list = parseArray(send(port(), "GET", "/connections", {{"Authorization", "Bearer " + access}}).body);
  std::string id = list->getObject(1)->getValue<std::string>("id");
  std::string tenant_id = list->getObject(1)->getValue<std::string>("tenantId");
  EXPECT_EQ(send(port(), "DELETE", "/connections/" + id, {{"Authorization", "Bearer " + access}}).status, 204);
  EXPECT_EQ(send(port(), "DELETE", "/connections/" + id, {{"Authorization", "Bearer " + access}}).status, 404);
  EXPECT_EQ(apiGet(access, tenant_id).status, 403);
  EXPECT_NE(apiGet(access, list->getObject(0)->getValue<std::string>("tenantId")).status, 403);
}

TEST_F(XeroIdentityTest, ConsentCanConnectASubsetOfTenants) {
  sandbox_->app().identity().setConsent(true, {tenant(1)});
  std::string access = login()->getValue<std::string>("access_token");
  auto list = parseArray(send(port(), "GET", "/connections", {{"Authorization", "Bearer " + access}}).body);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->getObject(0)->getValue<std::string>("tenantId"), tenant(1));
  EXPECT_EQ(apiGet(access, tenant(0)).status, 403);
}

TEST_F(XeroIdentityTest, ApiNeedsABearerTokenAndAConnectedTenant) {
  std::string access = login()->getValue<std::string>("access_token");
  HttpResult no_token = send(port(), "GET", "/api.xro/2.0/Contacts", {{"xero-tenant-id", tenant()}});
  EXPECT_EQ(no_token.status, 401);
  EXPECT_EQ(parseObject(no_token.body)->getValue<std::string>("Detail"), "AuthenticationUnsuccessful");
  EXPECT_EQ(apiGet("not-a-token", tenant()).status, 401);

  HttpResult no_tenant = apiGet(access, "");
  EXPECT_EQ(no_tenant.status, 403);
  auto body = parseObject(no_tenant.body);
  EXPECT_EQ(body->getValue<std::string>("Title"), "Forbidden");
  EXPECT_EQ(body->getValue<std::string>("Detail"), "AuthenticationUnsuccessful");
  EXPECT_EQ(apiGet(access, "00000000-0000-0000-0000-000000000000").status, 403);
}

#if defined(ACCORD_SANDBOX_HAVE_XERO_ACCOUNTING)
TEST_F(XeroIdentityTest, ApiAnswersForAConnectedTenant) {
  std::string access = login()->getValue<std::string>("access_token");
  HttpResult contacts = apiGet(access, tenant());
  ASSERT_EQ(contacts.status, 200) << contacts.body;
  auto body = parseObject(contacts.body);
  ASSERT_TRUE(body->has("Contacts"));
  EXPECT_GT(body->getArray("Contacts")->size(), 10u) << "the demo seed is loaded";
}
#endif

TEST_F(XeroIdentityTest, PkceClientsNeedTheRightVerifier) {
  // RFC 7636 appendix B's example pair.
  std::string verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  std::string challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
  auto flow = [&](const std::string& given) {
    std::string code = paramOf(locationParams(authorize("&code_challenge=" + challenge +
                                                        "&code_challenge_method=S256")
                                                  .header("Location")),
                               "code");
    return send(port(), "POST", "/connect/token",
                {{"Content-Type", "application/x-www-form-urlencoded"}},
                "grant_type=authorization_code&client_id=" + options().identity.client_id +
                    "&code=" + urlEncode(code) + "&redirect_uri=" + urlEncode(kRedirect) +
                    "&code_verifier=" + given);
  };
  EXPECT_EQ(flow("wrong-verifier-wrong-verifier-wrong-verifier-x").body, R"({"error":"invalid_grant"})");
  EXPECT_EQ(flow(verifier).status, 200);
}

TEST_F(XeroIdentityTest, InjectedTokenExpiryEndsTheTokenEarly) {
  std::string access = login()->getValue<std::string>("access_token");
  FaultOptions faults;
  faults.token_expiry_rate = 1.0;
  sandbox_->setFaults(faults);
  EXPECT_EQ(apiGet(access, tenant()).status, 401);
  sandbox_->setFaults({});
  HttpResult still = apiGet(access, tenant());
  EXPECT_EQ(still.status, 401);
  EXPECT_NE(parseObject(still.body)->getValue<std::string>("Detail").find("TokenExpired"), std::string::npos);
}

}  // namespace
}  // namespace accord::sandbox::xero::testing

namespace accord::sandbox::xero::testing {
namespace {

TEST_F(XeroIdentityTest, StateFileKeepsLoginsAcrossRestartsWithoutPlainTokens) {
  std::string path = ::testing::TempDir() + "/xero_identity_state.json";
  std::remove(path.c_str());
  auto startWithState = [&] {
    sandbox_.reset();
    XeroSandboxOptions options;
    options.state_file = path;
    sandbox_ = startXeroSandbox(std::move(options));
  };
  startWithState();
  auto tokens = login();
  std::string refresh = tokens->getValue<std::string>("refresh_token");
  std::string access = tokens->getValue<std::string>("access_token");
  std::string error;
  ASSERT_TRUE(sandbox_->saveState(&error)) << error;

  std::ifstream in(path);
  std::string saved((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(saved.find(refresh), std::string::npos) << "refresh token stored in plain text";
  EXPECT_EQ(saved.find(access), std::string::npos) << "access token stored in plain text";

  startWithState();
  EXPECT_NE(apiGet(access, tenant()).status, 401) << "the access token survives a restart";
  HttpResult refreshed = tokenRequest("grant_type=refresh_token&refresh_token=" + refresh);
  EXPECT_EQ(refreshed.status, 200) << refreshed.body;
  std::remove(path.c_str());
}

TEST_F(XeroIdentityTest, UnreadableStateFileIsRefusedNamingTheFile) {
  std::string path = ::testing::TempDir() + "/xero_bad_state.json";
  std::ofstream(path) << "{\"identity\": 5";
  XeroSandboxOptions options;
  options.state_file = path;
  try {
    startXeroSandbox(std::move(options));
    FAIL() << "a broken state file must be refused";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
  std::remove(path.c_str());
}

}  // namespace
}  // namespace accord::sandbox::xero::testing
