// Webhooks end to end: the Xero sandbox signs and delivers its own payloads (intent to receive
// first) to a receiver on 127.0.0.1:0 that hands them to the connector, as the hub would; the
// changes it reports are then fetched with one targeted read.
#include <gtest/gtest.h>

#include <mutex>

#include "connector.h"
#include "sandbox/common/server.h"
#include "sandbox_env.h"

namespace accord::plugins::xero {
namespace {

using namespace accord::sdk::model;

// The hub's webhook endpoint, reduced to what the test needs.
class Receiver final : public sandbox::App {
 public:
  Receiver(testing::SandboxEnv& env, XeroConnector& connector) : env_(env), connector_(connector) {}

  sandbox::Response handle(const sandbox::Request& request) override {
    auto ctx = env_.context();
    auto result = connector_.handleWebhook(*ctx, sdk::WebhookRequest{request.headers, request.body});
    if (!result.ok()) return sandbox::Response::json(500, "{}");
    std::lock_guard lock(mutex_);
    for (const auto& change : result->changes) changes_.push_back(change);
    return sandbox::Response{result->http_status, {}, result->response_body};
  }

  std::vector<sdk::WebhookChange> changes() const {
    std::lock_guard lock(mutex_);
    return changes_;
  }

 private:
  testing::SandboxEnv& env_;
  XeroConnector& connector_;
  mutable std::mutex mutex_;
  std::vector<sdk::WebhookChange> changes_;
};

TEST(XeroSandboxWebhooks, SignedDeliveriesBecomeTargetedReads) {
  testing::SandboxEnv env;
  env.secrets.set(kWebhookKeyKey, env.sandbox->app().webhooks().key());
  XeroConnector connector;
  Receiver receiver(env, connector);
  sandbox::Server server(receiver);
  server.start();
  env.sandbox->app().webhooks().setUrl(server.baseUrl() + "/webhooks/xero");
  auto intent = env.sandbox->app().webhooks().verifyIntent();
  ASSERT_TRUE(intent.ok) << intent.message;

  auto ctx = env.context();
  Organization org;
  org.name = "Webhook Watchers";
  auto created = connector.write(
      *ctx, sdk::WriteBatch{EntityType::organization, {{sdk::WriteKind::create, org}}, "wh-1"});
  ASSERT_TRUE(created.ok() && created.value()[0].ok());
  const std::string id = created.value()[0].id;
  ASSERT_GT(env.sandbox->app().webhooks().flush(), 0u);

  std::vector<std::string> contact_ids;
  for (const auto& change : receiver.changes()) {
    if (change.entity == EntityType::organization) contact_ids.push_back(change.id);
  }
  ASSERT_NE(std::find(contact_ids.begin(), contact_ids.end(), id), contact_ids.end());
  auto page = connector.read(*ctx, sdk::ReadRequest{EntityType::organization, "", 100, false,
                                                    contact_ids});
  ASSERT_TRUE(page.ok()) << page.error().describe();
  bool found = false;
  for (const auto& record : page->records) found = found || metaOf(record).id == id;
  EXPECT_TRUE(found);
  server.stop();
}

TEST(XeroSandboxWebhooks, AWrongKeyFailsTheIntentToReceive) {
  testing::SandboxEnv env;
  env.secrets.set(kWebhookKeyKey, "not-the-sandbox-key");
  XeroConnector connector;
  Receiver receiver(env, connector);
  sandbox::Server server(receiver);
  server.start();
  env.sandbox->app().webhooks().setUrl(server.baseUrl() + "/webhooks/xero");
  EXPECT_FALSE(env.sandbox->app().webhooks().verifyIntent().ok);
  server.stop();
}

}  // namespace
}  // namespace accord::plugins::xero
