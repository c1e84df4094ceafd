// Webhooks (signature, intent to receive, targeted changes) and the OAuth2 requests.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "connector.h"
#include "json_util.h"
#include "test_support.h"
#include "webhook.h"

namespace accord::plugins::xero {
namespace {

using namespace accord::sdk::model;
using ::testing::HasSubstr;
using testing::headerOf;
using testing::testContext;

const char* kKey = "webhook-signing-key";

sdk::WebhookRequest signedRequest(const std::string& body, const std::string& key = kKey) {
  return sdk::WebhookRequest{{{"X-Xero-Signature", webhookSignature(key, body)}}, body};
}

TEST(XeroWebhook, IntentToReceiveAnswers200ForAGoodSignatureAnd401ForABadOne) {
  auto ctx = testContext();
  XeroConnector connector;
  std::string body = R"({"events":[],"firstEventSequence":0,"lastEventSequence":0,"entropy":"X"})";
  auto good = connector.handleWebhook(*ctx, signedRequest(body));
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(good->http_status, 200);
  EXPECT_TRUE(good->changes.empty());
  auto bad = connector.handleWebhook(*ctx, signedRequest(body, "another-key"));
  ASSERT_TRUE(bad.ok());
  EXPECT_EQ(bad->http_status, 401);
  auto unsigned_call = connector.handleWebhook(*ctx, sdk::WebhookRequest{{}, body});
  EXPECT_EQ(unsigned_call->http_status, 401);
}

TEST(XeroWebhook, EventsBecomeChangesOfThisTenantOnlyAndOnceEach) {
  auto ctx = testContext();
  XeroConnector connector;
  auto event = [](const std::string& category, const std::string& id, const std::string& tenant) {
    return R"({"resourceUrl":"https://api.xero.com/api.xro/2.0/x","resourceId":")" + id +
           R"(","eventDateUtc":"2024-01-01T00:00:00.000","eventType":"UPDATE","eventCategory":")" +
           category + R"(","tenantId":")" + tenant + R"(","tenantType":"ORGANISATION"})";
  };
  std::string mine = testing::kTenant, other = "5b8e1d24-7c3f-4a96-8e2b-6f1a9d4c7e02";
  std::string body = R"({"events":[)" + event("INVOICE", "i-1", mine) + "," +
                     event("INVOICE", "i-1", mine) + "," + event("CONTACT", "c-1", mine) + "," +
                     event("CREDITNOTE", "n-1", mine) + "," + event("INVOICE", "i-9", other) +
                     R"(],"firstEventSequence":1,"lastEventSequence":5,"entropy":"Y"})";
  auto result = connector.handleWebhook(*ctx, signedRequest(body));
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->http_status, 200);
  std::vector<std::pair<EntityType, std::string>> changes;
  for (const auto& c : result->changes) changes.push_back({c.entity, c.id});
  EXPECT_EQ(changes, (std::vector<std::pair<EntityType, std::string>>{
                         {EntityType::invoice, "i-1"},
                         {EntityType::organization, "c-1"},
                         {EntityType::person, "c-1"},
                         {EntityType::credit_note, "n-1"}}));
}

TEST(XeroWebhook, SignatureIsBase64OfHmacSha256) {
  // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
  EXPECT_EQ(webhookSignature("Jefe", "what do ya want for nothing?"),
            "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=");
}

TEST(XeroAuth, AuthorizationUrlAsksForAccountingScopesAndOfflineAccess) {
  XeroConnector connector;
  auto url = connector.authorizationUrl(testing::testConfig(), "st4te", "https://hub.example/cb");
  ASSERT_TRUE(url.ok()) << url.error().describe();
  EXPECT_THAT(url.value(), HasSubstr("https://login.xero.com/identity/connect/authorize?response_type=code"));
  EXPECT_THAT(url.value(), HasSubstr("client_id=CLIENT"));
  EXPECT_THAT(url.value(), HasSubstr("redirect_uri=https%3A%2F%2Fhub.example%2Fcb"));
  EXPECT_THAT(url.value(), HasSubstr("offline_access"));
  EXPECT_THAT(url.value(), HasSubstr("accounting.transactions"));
  EXPECT_THAT(url.value(), HasSubstr("state=st4te"));
}

TEST(XeroAuth, RefreshSendsTheSingleUseTokenAndReturnsTheNewPairWithExpiry) {
  auto ctx = testContext();
  XeroConnector connector;
  ctx->http_client.enqueue(200, R"({"access_token":"new-access","refresh_token":"new-refresh",
      "expires_in":1800,"token_type":"Bearer","scope":"offline_access accounting.transactions"})");
  auto tokens = connector.requestToken(
      *ctx, sdk::TokenGrant{sdk::TokenGrant::Kind::refresh_token, "old-refresh", ""});
  ASSERT_TRUE(tokens.ok()) << tokens.error().describe();
  EXPECT_EQ(tokens->access_token, "new-access");
  EXPECT_EQ(tokens->refresh_token, "new-refresh");
  ASSERT_TRUE(tokens->expires_at);
  EXPECT_EQ(tokens->expires_at->timePoint(), ctx->fake_clock.now() + std::chrono::minutes(30));
  EXPECT_EQ(tokens->scopes.size(), 2u);
  auto sent = ctx->http_client.requests().at(0);
  EXPECT_EQ(sent.url, "https://identity.xero.com/connect/token");
  EXPECT_EQ(sent.body, "grant_type=refresh_token&refresh_token=old-refresh");
  EXPECT_EQ(headerOf(sent, "Authorization"), "Basic Q0xJRU5UOmNsaWVudC1zZWNyZXQ=");  // CLIENT:client-secret
  EXPECT_FALSE(ctx->logger.contains("old-refresh"));
}

TEST(XeroAuth, ASpentRefreshTokenNeedsANewConsent) {
  auto ctx = testContext();
  XeroConnector connector;
  ctx->http_client.enqueue(400, R"({"error":"invalid_grant"})");
  auto tokens = connector.requestToken(
      *ctx, sdk::TokenGrant{sdk::TokenGrant::Kind::refresh_token, "spent", ""});
  ASSERT_FALSE(tokens.ok());
  EXPECT_EQ(tokens.error().kind, sdk::ErrorKind::invalid_config);
  EXPECT_THAT(tokens.error().message, HasSubstr("connect the organisation again"));
}

TEST(XeroAuth, TenantsComeFromConnections) {
  auto ctx = testContext();
  XeroConnector connector;
  std::ifstream in(std::string(XERO_SPECS_DIR) + "/examples/identity/getConnections.json");
  std::stringstream text;
  text << in.rdbuf();
  std::string error;
  auto file = parseObject(text.str(), &error);
  ASSERT_TRUE(file) << error;
  ctx->http_client.enqueue(
      200, stringify(*file->getObject("response_examples")->getArray("200")));
  auto tenants = connector.listTenants(*ctx);
  ASSERT_TRUE(tenants.ok()) << tenants.error().describe();
  ASSERT_EQ(tenants->size(), 1u);
  EXPECT_EQ(tenants.value()[0].id, "fe79f7dd-b6d4-4a92-ba7b-538af6289c58");
  EXPECT_EQ(tenants.value()[0].name, "Demo Company (NZ)");
  EXPECT_EQ(tenants.value()[0].kind, "ORGANISATION");
  EXPECT_EQ(ctx->http_client.requests().at(0).url, "https://api.xero.com/connections");
}

TEST(XeroConfigCheck, ProblemsNameTheirKey) {
  XeroConnector connector;
  sdk::Config config = testing::testConfig();
  config.set(kTenantIdKey, std::string("not-a-guid"));
  config.set(kApiUrlKey, std::string("ftp://x"));
  config.set(kScopesKey, std::vector<std::string>{"accounting.transactions"});
  auto errors = connector.validateConfig(config);
  std::vector<std::string> keys;
  for (const auto& e : errors) keys.push_back(e.key);
  EXPECT_THAT(keys, ::testing::UnorderedElementsAre(kTenantIdKey, kApiUrlKey, kScopesKey));
  EXPECT_TRUE(connector.validateConfig(testing::testConfig()).empty());
}

}  // namespace
}  // namespace accord::plugins::xero
