#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>

#include <mutex>
#include <regex>
#include <thread>

#include "xero_test_support.h"

namespace accord::sandbox::xero::testing {
namespace {

// A webhook receiver as Xero's docs ask developers to write one: 200 for a valid signature,
// 401 otherwise. `mode` lets a test make it misbehave.
class Receiver {
 public:
  enum class Mode { kHonest, kAlways200, kFailing };

  explicit Receiver(std::string key) : key_(std::move(key)), socket_(Poco::Net::SocketAddress("127.0.0.1", 0)) {
    server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(*this), socket_,
                                                      new Poco::Net::HTTPServerParams);
    server_->start();
  }
  ~Receiver() { server_->stopAll(true); }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(socket_.address().port()) + "/xero/hook"; }
  void setMode(Mode mode) { std::lock_guard lock(mutex_); mode_ = mode; }
  std::vector<std::string> bodies() { std::lock_guard lock(mutex_); return bodies_; }
  int invalidSignatures() { std::lock_guard lock(mutex_); return invalid_; }

 private:
  struct Handler : Poco::Net::HTTPRequestHandler {
    explicit Handler(Receiver& r) : receiver(r) {}
    void handleRequest(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out) override {
      std::string body;
      Poco::StreamCopier::copyToString(in.stream(), body);
      bool valid = in.get("x-xero-signature", "") == WebhookPublisher::sign(body, receiver.key_);
      std::lock_guard lock(receiver.mutex_);
      int status = valid ? 200 : 401;
      if (receiver.mode_ == Mode::kAlways200) status = 200;
      if (receiver.mode_ == Mode::kFailing) status = 500;
      if (!valid) ++receiver.invalid_;
      if (valid && status == 200 && in.getURI() == "/xero/hook") receiver.bodies_.push_back(body);
      out.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
      out.setContentLength(0);
      out.send();
    }
    Receiver& receiver;
  };
  struct Factory : Poco::Net::HTTPRequestHandlerFactory {
    explicit Factory(Receiver& r) : receiver(r) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
      return new Handler(receiver);
    }
    Receiver& receiver;
  };

  std::string key_;
  Poco::Net::ServerSocket socket_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  std::mutex mutex_;
  Mode mode_ = Mode::kHonest;
  std::vector<std::string> bodies_;
  int invalid_ = 0;
};

TEST(WebhookSignature, IsBase64OfHmacSha256) {
  // RFC 4231 test case 2.
  EXPECT_EQ(WebhookPublisher::sign("what do ya want for nothing?", "Jefe"),
            "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=");
}

class XeroWebhooksTest : public ::testing::Test {
 protected:
  ManualClock clock_;
  WebhookOptions options_{};
  std::unique_ptr<Receiver> receiver_;
  std::unique_ptr<WebhookPublisher> publisher_;

  void SetUp() override {
    options_.key = "test-webhook-key";
    receiver_ = std::make_unique<Receiver>(options_.key);
    options_.url = receiver_->url();
    options_.max_batch = 2;
    options_.resource_base = "http://127.0.0.1:1/api.xro/2.0";
    publisher_ = std::make_unique<WebhookPublisher>(clock_, options_);
  }

  void change(const std::string& category, const std::string& id, const std::string& type) {
    publisher_->onChange({category, id, type, "tenant-1", {}});
  }
};

TEST_F(XeroWebhooksTest, IntentToReceivePassesOnlyForAnHonestReceiver) {
  IntentResult honest = publisher_->verifyIntent();
  EXPECT_TRUE(honest.ok) << honest.message;
  EXPECT_TRUE(publisher_->deliveryEnabled());
  EXPECT_EQ(receiver_->invalidSignatures(), 1) << "one probe carried a wrong signature";

  receiver_->setMode(Receiver::Mode::kAlways200);
  IntentResult lax = publisher_->verifyIntent();
  EXPECT_FALSE(lax.ok);
  EXPECT_NE(lax.message.find("got 200 (expected 401)"), std::string::npos) << lax.message;
  EXPECT_FALSE(publisher_->deliveryEnabled());
}

TEST_F(XeroWebhooksTest, HttpsReceiversAreRefusedWithAReason) {
  publisher_->setUrl("https://example.com/hook");
  IntentResult result = publisher_->verifyIntent();
  EXPECT_FALSE(result.ok);
  EXPECT_NE(result.message.find("http:// receivers only"), std::string::npos) << result.message;
}

TEST_F(XeroWebhooksTest, NothingIsDeliveredBeforeIntentToReceive) {
  change("CONTACT", "c-1", "CREATE");
  EXPECT_EQ(publisher_->flush(), 0u);
  EXPECT_EQ(publisher_->pending(), 1u);
  EXPECT_TRUE(receiver_->bodies().empty());
}

TEST_F(XeroWebhooksTest, EventsArriveSignedBatchedAndNumbered) {
  ASSERT_TRUE(publisher_->verifyIntent().ok);
  std::size_t intent_bodies = receiver_->bodies().size();
  change("CONTACT", "c-1", "CREATE");
  clock_.advance(std::chrono::milliseconds(1500));
  change("INVOICE", "i-1", "UPDATE");
  publisher_->onChange({"CREDITNOTE", "n-1", "CREATE", "tenant-2", {{"Type", "ACCRECCREDIT"}, {"Status", "DRAFT"}}});
  EXPECT_EQ(publisher_->flush(), 3u);
  EXPECT_EQ(publisher_->pending(), 0u);

  auto bodies = receiver_->bodies();
  ASSERT_EQ(bodies.size(), intent_bodies + 2) << "max_batch 2: two payloads";
  auto first = parseObject(bodies[intent_bodies]);
  EXPECT_EQ(first->getValue<int>("firstEventSequence"), 1);
  EXPECT_EQ(first->getValue<int>("lastEventSequence"), 2);
  EXPECT_TRUE(std::regex_match(first->getValue<std::string>("entropy"), std::regex("[A-Z]{20}")));
  auto events = first->getArray("events");
  ASSERT_EQ(events->size(), 2u);
  auto contact = events->getObject(0);
  EXPECT_EQ(contact->getValue<std::string>("resourceUrl"), "http://127.0.0.1:1/api.xro/2.0/Contacts/c-1");
  EXPECT_EQ(contact->getValue<std::string>("resourceId"), "c-1");
  EXPECT_EQ(contact->getValue<std::string>("tenantId"), "tenant-1");
  EXPECT_EQ(contact->getValue<std::string>("tenantType"), "ORGANISATION");
  EXPECT_EQ(contact->getValue<std::string>("eventCategory"), "CONTACT");
  EXPECT_EQ(contact->getValue<std::string>("eventType"), "CREATE");
  EXPECT_EQ(contact->getValue<std::string>("eventDateUtc"), "2026-01-01T00:00:00.000");
  EXPECT_EQ(events->getObject(1)->getValue<std::string>("eventDateUtc"), "2026-01-01T00:00:01.500");

  auto second = parseObject(bodies[intent_bodies + 1]);
  EXPECT_EQ(second->getValue<int>("firstEventSequence"), 3);
  EXPECT_EQ(second->getValue<int>("lastEventSequence"), 3);
  auto note = second->getArray("events")->getObject(0);
  EXPECT_EQ(note->getValue<std::string>("resourceUrl"), "http://127.0.0.1:1/api.xro/2.0/CreditNotes/n-1");
  EXPECT_EQ(note->getObject("data")->getValue<std::string>("Type"), "ACCRECCREDIT");
  EXPECT_EQ(note->getObject("data")->getValue<std::string>("Status"), "DRAFT");
}

TEST_F(XeroWebhooksTest, WithoutAReceiverNothingQueues) {
  publisher_->setUrl("");
  change("CONTACT", "c-1", "CREATE");
  EXPECT_EQ(publisher_->pending(), 0u);
}

TEST_F(XeroWebhooksTest, FailedDeliveriesStayQueuedAndAreRetried) {
  ASSERT_TRUE(publisher_->verifyIntent().ok);
  receiver_->setMode(Receiver::Mode::kFailing);
  change("CONTACT", "c-1", "UPDATE");
  EXPECT_EQ(publisher_->flush(), 0u);
  EXPECT_EQ(publisher_->pending(), 1u);
  EXPECT_EQ(publisher_->stats().failures, 1u);
  receiver_->setMode(Receiver::Mode::kHonest);
  EXPECT_EQ(publisher_->flush(), 1u);
  EXPECT_EQ(parseObject(receiver_->bodies().back())->getValue<int>("firstEventSequence"), 1);
}

#if defined(ACCORD_SANDBOX_HAVE_XERO_ACCOUNTING)
class XeroAppWebhooksTest : public XeroSandboxTest {};

TEST_F(XeroAppWebhooksTest, CreatingAContactThroughTheApiSendsAContactCreate) {
  Receiver receiver(options().webhooks.key);
  WebhookPublisher& hooks = sandbox_->app().webhooks();
  hooks.setUrl(receiver.url());
  ASSERT_TRUE(hooks.verifyIntent().ok);
  std::size_t before = receiver.bodies().size();
  std::string access = login()->getValue<std::string>("access_token");
  HttpResult created = send(port(), "PUT", "/api.xro/2.0/Contacts",
                            {{"Authorization", "Bearer " + access}, {"xero-tenant-id", tenant()},
                             {"Content-Type", "application/json"}, {"Accept", "application/json"}},
                            R"({"Contacts":[{"Name":"Webhook Test Ltd"}]})");
  ASSERT_EQ(created.status, 200) << created.body;
  std::string id = parseObject(created.body)->getArray("Contacts")->getObject(0)->getValue<std::string>("ContactID");
  hooks.flush();
  auto bodies = receiver.bodies();
  ASSERT_GT(bodies.size(), before);
  auto event = parseObject(bodies.back())->getArray("events")->getObject(0);
  EXPECT_EQ(event->getValue<std::string>("eventCategory"), "CONTACT");
  EXPECT_EQ(event->getValue<std::string>("eventType"), "CREATE");
  EXPECT_EQ(event->getValue<std::string>("resourceId"), id);
  EXPECT_EQ(event->getValue<std::string>("tenantId"), tenant());
  EXPECT_EQ(event->getValue<std::string>("resourceUrl"),
            sandbox_->baseUrl() + "/api.xro/2.0/Contacts/" + id);
}
#endif

}  // namespace
}  // namespace accord::sandbox::xero::testing

#if defined(ACCORD_SANDBOX_HAVE_XERO_ACCOUNTING)
namespace accord::sandbox::xero::testing {
namespace {

// The path `accord-sandbox xero --webhook-url` takes: a background thread does the
// intent-to-receive check and then delivers, with no test calling flush().
TEST(XeroSandboxWebhooks, BackgroundDeliveryVerifiesIntentThenDelivers) {
  XeroSandboxOptions options;
  Receiver receiver(options.xero.webhooks.key);
  options.xero.webhooks.url = receiver.url();
  options.xero.webhooks.interval = std::chrono::milliseconds(10);
  auto sandbox = startXeroSandbox(std::move(options));
  auto tokens = sandbox->app().identity().grant("accounting.contacts");
  std::string tenant = sandbox->app().options().tenants.front().id;
  HttpResult created = send(sandbox->port(), "PUT", "/api.xro/2.0/Contacts",
                            {{"Authorization", "Bearer " + tokens.access_token},
                             {"xero-tenant-id", tenant}, {"Content-Type", "application/json"}},
                            R"({"Contacts":[{"Name":"Background Hook Ltd"}]})");
  ASSERT_EQ(created.status, 200) << created.body;
  // Why a deadline loop: delivery runs on its own real-time cadence (10 ms here).
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  bool delivered = false;
  while (!delivered && std::chrono::steady_clock::now() < deadline) {
    for (const auto& body : receiver.bodies()) {
      delivered |= body.find("\"eventCategory\":\"CONTACT\"") != std::string::npos;
    }
    if (!delivered) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_TRUE(delivered);
  EXPECT_TRUE(sandbox->app().webhooks().deliveryEnabled());
}

}  // namespace
}  // namespace accord::sandbox::xero::testing
#endif
