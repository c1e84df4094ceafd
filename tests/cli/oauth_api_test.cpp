// The OAuth2 connect flow over the admin API, against the Xero sandbox: authorize answers the
// consent URL, the app's redirect reaches /api/v1/oauth/callback without a token and seals the
// tokens, the tenant is chosen through complete; a used state or a refused consent changes
// nothing.
#include <Poco/JSON/Parser.h>
#include <Poco/URI.h>

#include "api_fixture.h"
#include "sandbox/common/clock.h"
#include "sandbox/xero/xero_app.h"

namespace accord::cli::testing {
namespace {

class OAuthApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    sandbox::xero::XeroSandboxOptions options;
    options.clock = std::make_shared<sandbox::SystemClock>();  // the hub's tokens age in real time
    xero_ = sandbox::xero::startXeroSandbox(std::move(options));
    const std::string base = xero_->baseUrl();
    const auto& identity = xero_->app().identity().options();
    Poco::JSON::Object config;
    config.set("auth.client_id", identity.client_id);
    config.set("auth.client_secret", identity.client_secret);
    config.set("api_url", base + "/api.xro/2.0");
    config.set("identity_url", base);
    config.set("login_url", base);
    Poco::JSON::Object body;
    body.set("plugin", "xero");
    body.set("config", config);
    std::ostringstream text;
    body.stringify(text);
    const auto added = call("POST", "/api/v1/orgs/acme/connections", admin_, text.str());
    ASSERT_EQ(added.status, 200) << added.body;
  }

  // Authorize through the API, follow the consent URL: the redirect the browser would get.
  Poco::URI consentRedirect() {
    const auto started = call("POST", "/api/v1/orgs/acme/connections/xero/authorize", acme_,
                              R"({"redirect-uri": ")" + url() + R"(/api/v1/oauth/callback"})");
    EXPECT_EQ(started.status, 200) << started.body;
    auto message = Poco::JSON::Parser()
                       .parse(started.body)
                       .extract<Poco::JSON::Object::Ptr>()
                       ->getValue<std::string>("message");
    const auto from = message.find("http");
    const Poco::URI consent(message.substr(from, message.find('\n', from) - from));
    Poco::Net::HTTPClientSession session(consent.getHost(), consent.getPort());
    Poco::Net::HTTPRequest request("GET", consent.getPathAndQuery(),
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::string ignored;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), ignored);
    EXPECT_EQ(response.getStatus(), Poco::Net::HTTPResponse::HTTP_FOUND);
    return Poco::URI(response.get("Location", ""));
  }

  std::unique_ptr<sandbox::xero::XeroSandbox> xero_;
};

TEST_F(OAuthApiTest, TheRedirectCompletesTheConsentWithoutAToken) {
  const Poco::URI back = consentRedirect();
  ASSERT_EQ(back.getPath(), "/api/v1/oauth/callback");
  const auto done = call("GET", back.getPathAndQuery() + "&format=text", "");
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_NE(done.body.find("authorised acme/xero (tokens sealed)"), std::string::npos)
      << done.body;
  // The login has two organisations: the page says so, and the admin picks one with the
  // tokens just stored (no new consent).
  EXPECT_NE(done.body.find("choose one with --tenant"), std::string::npos) << done.body;
  const std::string tenant = xero_->app().options().tenants.front().id;
  const auto chosen = call("POST", "/api/v1/orgs/acme/connections/xero/complete?format=text",
                           acme_, R"({"tenant": ")" + tenant + R"("})");
  ASSERT_EQ(chosen.status, 200) << chosen.body;
  EXPECT_NE(chosen.body.find(tenant), std::string::npos) << chosen.body;
  // The state was single use.
  const auto again = call("GET", back.getPathAndQuery(), "");
  EXPECT_EQ(again.status, 400) << again.body;
}

TEST_F(OAuthApiTest, ARefusedConsentOrAForeignStateChangesNothing) {
  const Poco::URI back = consentRedirect();
  const auto refused =
      call("GET", "/api/v1/oauth/callback?error=access_denied&state=whatever", "");
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("consent_refused"), std::string::npos);
  const auto forged = call("GET", "/api/v1/oauth/callback?code=abc&state=not-ours", "");
  EXPECT_EQ(forged.status, 400);
  EXPECT_NE(forged.body.find("\"field\":\"state\""), std::string::npos) << forged.body;
  // Neither spent the real consent: its redirect still completes.
  const auto done = call("GET", back.getPathAndQuery() + "&format=text", "");
  EXPECT_EQ(done.status, 200) << done.body;
  EXPECT_NE(done.body.find("authorised acme/xero"), std::string::npos) << done.body;
}

}  // namespace
}  // namespace accord::cli::testing
