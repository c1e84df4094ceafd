// Connecting Xero from scratch: the consent URL with a stored random state, the sandbox's
// scripted consent, the code exchanged and the tokens sealed, the tenant selected; and the
// refusals (a state from another request, several tenants without a choice).
#include <gtest/gtest.h>

#include <Poco/URI.h>

#include "runtime/oauth_connect.h"
#include "runtime_env.h"

namespace accord::runtime::testing {
namespace {

class OAuthConnectTest : public RuntimeTest {
 protected:
  // A Xero connection as `accord connection add` leaves it: client id and secret, no tokens.
  store::Connection addUnauthorisedXero() {
    const auto& identity = xero_->app().identity();
    const std::string base = xero_->baseUrl();
    store::NewConnection spec;
    spec.org_id = org_;
    spec.plugin = "xero";
    spec.config_json = R"({"auth.client_id":")" + identity.options().client_id +
                       R"(","api_url":")" + base + R"(/api.xro/2.0","identity_url":")" + base +
                       R"(","login_url":")" + base + R"("})";
    spec.secrets = {{"auth.client_secret", identity.options().client_secret}};
    store::SecretBox box(key_);
    return store_->connections().add(spec, &box).value();
  }

  // The admin's browser: follows the consent URL and reads the redirect's parameters.
  std::map<std::string, std::string> consent(const std::string& url) {
    net::PocoHttpClient browser;
    sdk::HttpRequest request;
    request.url = url;
    auto response = browser.send(request);
    EXPECT_TRUE(response.ok());
    std::map<std::string, std::string> params;
    if (!response.ok()) return params;
    EXPECT_EQ(response->status, 302);
    Poco::URI location(response->header("Location").value_or(""));
    for (const auto& [key, value] : location.getQueryParameters()) params[key] = value;
    return params;
  }
};

TEST_F(OAuthConnectTest, TheWholeConsentFlowStoresSealedTokensAndSelectsTheOnlyTenant) {
  const auto& tenant = xero_->app().options().tenants.front();
  xero_->app().identity().setConsent(true, {tenant.id});
  auto connection = addUnauthorisedXero();
  auto runtime = makeRuntime();
  auto request = beginConsent(*runtime, connection, "http://127.0.0.1/accord/callback");
  ASSERT_TRUE(request.ok()) << request.error().describe();
  EXPECT_NE(request->url.find("state=" + request->state), std::string::npos);
  EXPECT_EQ(request->state.size(), 32u);
  EXPECT_EQ(store_->oauthStates().find(connection.id).value()->state, request->state);

  auto back = consent(request->url);
  ASSERT_EQ(back["state"], request->state);
  ASSERT_FALSE(back["code"].empty());
  auto done = completeConsent(*runtime, connection, back["code"], back["state"], std::nullopt);
  ASSERT_TRUE(done.ok()) << done.error().describe();
  ASSERT_TRUE(done->tenant.has_value());
  EXPECT_EQ(done->tenant->id, tenant.id);

  const auto secrets = storedSecrets(connection.id);
  EXPECT_FALSE(secrets.at("access_token").empty());
  EXPECT_FALSE(secrets.at("refresh_token").empty());
  EXPECT_FALSE(store_->oauthStates().find(connection.id).value().has_value());
  connection = reload(connection);
  EXPECT_NE(connection.config_json.find(tenant.id), std::string::npos);
  // The sealed file holds no token in clear.
  auto raw = store_->db().prepare("SELECT secrets FROM connections WHERE id = ?1", connection.id);
  ASSERT_TRUE(raw.ok() && raw->step().value());
  EXPECT_EQ(raw->columnText(0).find(secrets.at("refresh_token")), std::string::npos);

  auto report = runSync(*runtime, org_);
  ASSERT_TRUE(report.ok()) << report.error().describe();
  EXPECT_EQ(report->counts.errors, 0);
}

TEST_F(OAuthConnectTest, ACodeBroughtBackWithAnotherStateIsRefused) {
  const auto connection = addUnauthorisedXero();
  auto runtime = makeRuntime();
  auto request = beginConsent(*runtime, connection, "http://127.0.0.1/accord/callback");
  ASSERT_TRUE(request.ok());
  auto back = consent(request->url);
  auto done = completeConsent(*runtime, connection, back["code"], "forged", std::nullopt);
  ASSERT_FALSE(done.ok());
  EXPECT_NE(done.error().message.find("state does not match"), std::string::npos);
  EXPECT_EQ(transport_->count(isXeroTokenCall), 0) << "the code was not exchanged";
}

TEST_F(OAuthConnectTest, SeveralTenantsNeedAChoiceWhichNeedsNoNewConsent) {
  xero_->app().identity().setConsent(true);  // every tenant
  auto connection = addUnauthorisedXero();
  auto runtime = makeRuntime();
  auto request = beginConsent(*runtime, connection, "http://127.0.0.1/accord/callback");
  ASSERT_TRUE(request.ok());
  auto back = consent(request->url);
  auto refused = completeConsent(*runtime, connection, back["code"], back["state"], std::nullopt);
  ASSERT_FALSE(refused.ok());
  const auto& tenants = xero_->app().options().tenants;
  for (const auto& t : tenants) {
    EXPECT_NE(refused.error().message.find(t.id), std::string::npos) << refused.error().message;
  }
  connection = reload(connection);
  auto chosen = completeConsent(*runtime, connection, "", std::nullopt, tenants[1].id);
  ASSERT_TRUE(chosen.ok()) << chosen.error().describe();
  EXPECT_EQ(chosen->tenants.size(), tenants.size());
  EXPECT_NE(reload(connection).config_json.find(tenants[1].id), std::string::npos);
  EXPECT_EQ(transport_->count(isXeroTokenCall), 1) << "one code exchange, no refresh";
}

}  // namespace
}  // namespace accord::runtime::testing
