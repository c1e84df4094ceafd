// The service's HTTP side on 127.0.0.1:0: health, readiness, metrics, and Xero webhooks judged
// by the Xero plugin's own signature check. The scheduler runs on a manual clock and executor,
// so "queued" and "triggered" are exact counts.
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <gtest/gtest.h>

#include <sstream>

#include "accord/sdk/testing/test_host_context.h"
#include "config.h"
#include "connector.h"
#include "prometheus_text.h"
#include "service/service.h"
#include "webhook.h"

namespace accord::service {
namespace {

constexpr store::OrgId kAcme = 1;
constexpr store::ConnectionId kXero = 7;
constexpr const char* kTenant = "9f3c2a1e-4b7d-4e8a-9c61-2d5f8a7b3e01";
constexpr const char* kSigningKey = "the-webhook-signing-key";

// Webhooks through the real XeroConnector for connection 7 of org 1; runs are only recorded.
class XeroWebhookBackend final : public Backend {
 public:
  XeroWebhookBackend()
      : context_(sdk::withDefaults(plugins::xero::configSchema(),
                                   sdk::Config({{plugins::xero::kTenantIdKey, std::string(kTenant)},
                                                {plugins::xero::kClientIdKey, std::string("C")}}))) {
    context_.secret_values.set(plugins::xero::kWebhookKeyKey, kSigningKey);
  }

  sdk::Result<std::optional<WebhookDelivery>> webhook(const std::string& plugin,
                                                      const std::string& connection,
                                                      const sdk::WebhookRequest& request) override {
    if (plugin != "xero" || connection != std::to_string(kXero)) {
      return std::optional<WebhookDelivery>();
    }
    auto result = connector_.handleWebhook(context_, request);
    if (!result.ok()) return result.error();
    return std::optional<WebhookDelivery>(
        WebhookDelivery{kAcme, kXero, "acme/xero", std::move(result).value()});
  }
  scheduler::RunOutcome runSync(store::OrgId org, const scheduler::Trigger& trigger) override {
    runs.push_back({org, trigger});
    return {};
  }
  sdk::Result<std::vector<scheduler::ConnectionSchedule>> schedules() override {
    return scheduled;
  }
  sdk::Result<void> ready() override { return {}; }
  void requestStop() override {}

  std::vector<std::pair<store::OrgId, scheduler::Trigger>> runs;
  std::vector<scheduler::ConnectionSchedule> scheduled{
      {kAcme, kXero, "acme/xero", std::chrono::minutes(15), std::nullopt}};

 private:
  plugins::xero::XeroConnector connector_;
  sdk::testing::TestHostContext context_;
};

struct Reply {
  int status = 0;
  std::string body;
};

class ServiceHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServiceConfig config;
    config.port = 0;
    config.threads = 2;
    service_ = std::make_unique<Service>(config, backend_, log_, metrics_, timers_, executor_);
    auto started = service_->start();
    ASSERT_TRUE(started.ok()) << started.error().message;
  }
  void TearDown() override {
    service_->shutdown();
    executor_.runAll();
  }

  Reply call(const std::string& method, const std::string& path, const std::string& body = {},
             const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(service_->port()));
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [k, v] : headers) request.set(k, v);
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    Reply reply{static_cast<int>(response.getStatus()), {}};
    Poco::StreamCopier::copyToString(in, reply.body);
    return reply;
  }
  Reply deliver(const std::string& body, const std::string& key) {
    return call("POST", "/webhooks/xero/7", body,
                {{"x-xero-signature", plugins::xero::webhookSignature(key, body)}});
  }
  std::string event(const std::string& category, const std::string& id) {
    return R"({"resourceUrl":"https://api.xero.com/api.xro/2.0/x","resourceId":")" + id +
           R"(","eventDateUtc":"2024-01-01T00:00:00.000","eventType":"UPDATE","eventCategory":")" +
           category + R"(","tenantId":")" + kTenant + R"(","tenantType":"ORGANISATION"})";
  }

  std::ostringstream log_text_;
  scheduler::ManualTimerSource timers_;
  scheduler::ManualExecutor executor_;
  JsonLog log_{log_text_, timers_};
  Metrics metrics_;
  XeroWebhookBackend backend_;
  std::unique_ptr<Service> service_;
};

TEST_F(ServiceHttpTest, AWebhookWithABadSignatureIs401AndQueuesNothing) {
  std::string body = R"({"events":[)" + event("INVOICE", "i-1") +
                     R"(],"firstEventSequence":1,"lastEventSequence":1,"entropy":"A"})";
  auto reply = deliver(body, "a-key-that-is-not-ours");
  EXPECT_EQ(reply.status, 401);
  auto unsigned_reply = call("POST", "/webhooks/xero/7", body);
  EXPECT_EQ(unsigned_reply.status, 401);
  EXPECT_EQ(executor_.waiting(), 0u);
  EXPECT_EQ(service_->scheduler().stats().queued, 0u);
  EXPECT_EQ(executor_.runAll(), 0u);
  EXPECT_TRUE(backend_.runs.empty());
  EXPECT_NE(log_text_.str().find("refused: bad signature"), std::string::npos);
}

TEST_F(ServiceHttpTest, AGoodWebhookTriggersOneSyncOfExactlyTheChangedIds) {
  std::string body = R"({"events":[)" + event("INVOICE", "i-1") + "," + event("INVOICE", "i-2") +
                     "," + event("INVOICE", "i-1") +
                     R"(],"firstEventSequence":1,"lastEventSequence":3,"entropy":"B"})";
  auto reply = deliver(body, kSigningKey);
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(executor_.runAll(), 1u);
  ASSERT_EQ(backend_.runs.size(), 1u);
  const auto& [org, trigger] = backend_.runs[0];
  EXPECT_EQ(org, kAcme);
  EXPECT_TRUE(trigger.targeted());
  std::set<scheduler::ChangedRecord> expected{{sdk::model::EntityType::invoice, "i-1"},
                                              {sdk::model::EntityType::invoice, "i-2"}};
  EXPECT_EQ(trigger.changes.at(kXero), expected);
}

TEST_F(ServiceHttpTest, IntentToReceiveIsAnsweredWithoutASync) {
  std::string body = R"({"events":[],"firstEventSequence":0,"lastEventSequence":0,"entropy":"C"})";
  EXPECT_EQ(deliver(body, kSigningKey).status, 200);
  EXPECT_EQ(deliver(body, "wrong").status, 401);
  EXPECT_EQ(executor_.runAll(), 0u);
}

TEST_F(ServiceHttpTest, UnknownConnectionsRoutesAndMethodsGetTheErrorShape) {
  auto unknown = call("POST", "/webhooks/xero/99", "{}");
  EXPECT_EQ(unknown.status, 404);
  auto error = Poco::JSON::Parser().parse(unknown.body).extract<Poco::JSON::Object::Ptr>();
  EXPECT_EQ(error->getObject("error")->getValue<std::string>("code"), "not_found");
  EXPECT_EQ(call("GET", "/nowhere").status, 404);
  EXPECT_EQ(call("GET", "/webhooks/xero/7").status, 405);
}

TEST_F(ServiceHttpTest, HealthReadinessAndMetricsAnswer) {
  auto health = call("GET", "/healthz");
  EXPECT_EQ(health.status, 200);
  auto ready = call("GET", "/readyz");
  EXPECT_EQ(ready.status, 200);
  auto body = Poco::JSON::Parser().parse(ready.body).extract<Poco::JSON::Object::Ptr>();
  EXPECT_EQ(body->getValue<std::string>("status"), "ready");
  EXPECT_EQ(body->getArray("connections")->getObject(0)->getValue<std::string>("label"),
            "acme/xero");

  std::string good = R"({"events":[)" + event("CONTACT", "c-1") +
                     R"(],"firstEventSequence":1,"lastEventSequence":1,"entropy":"D"})";
  deliver(good, kSigningKey);
  deliver(good, "wrong");
  // The webhook's run waits in the executor: one organisation running, none queued.
  auto scrape = testing::parsePrometheus(call("GET", "/metrics").body);
  EXPECT_EQ(scrape.problem, "");
  EXPECT_EQ(scrape.sample("accord_webhooks_total{plugin=\"xero\",status=\"200\"}"), 1);
  EXPECT_EQ(scrape.sample("accord_webhooks_total{plugin=\"xero\",status=\"401\"}"), 1);
  EXPECT_EQ(scrape.sample("accord_syncs_running"), 1);
  EXPECT_EQ(scrape.sample("accord_queue_depth"), 0);

  service_->shutdown();
  executor_.runAll();
  EXPECT_EQ(backend_.runs.size(), 0u) << "a run handed over before the stop was started after it";
}

TEST_F(ServiceHttpTest, ConnectionsAddedOrRemovedMeanwhileAreScheduledWithinARefresh) {
  backend_.scheduled = {{kAcme, 8, "acme/vtiger", std::chrono::minutes(15), std::nullopt}};
  timers_.advance(std::chrono::seconds(59));
  EXPECT_TRUE(service_->scheduler().status(kXero).has_value());
  timers_.advance(std::chrono::seconds(1));
  EXPECT_FALSE(service_->scheduler().status(kXero).has_value());
  ASSERT_TRUE(service_->scheduler().status(8).has_value());
  EXPECT_TRUE(service_->scheduler().status(8)->next_run.has_value());
  EXPECT_NE(log_text_.str().find("connections scheduled: 1 added, 1 removed"), std::string::npos);
}

}  // namespace
}  // namespace accord::service
