// The connector over a scripted HTTP client: what it sends to webservice.php and how it reads
// vtiger's answers, errors included.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <Poco/JSON/Parser.h>

#include <Poco/URI.h>

#include <map>

#include "accord/sdk/testing/test_host_context.h"
#include "client.h"
#include "config.h"
#include "connector.h"

namespace accord::plugins::vtiger {
namespace {

namespace model = sdk::model;
using model::EntityType;
using sdk::ErrorKind;
using sdk::HttpRequest;
using sdk::testing::TestHostContext;

std::map<std::string, std::string> paramsOf(const std::string& encoded) {
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : Poco::URI("http://x/?" + encoded).getQueryParameters()) out[k] = v;
  return out;
}

std::map<std::string, std::string> paramsOf(const HttpRequest& request) {
  if (request.method == "GET") return paramsOf(request.url.substr(request.url.find('?') + 1));
  return paramsOf(request.body);
}

std::string ok(const std::string& result) { return R"({"success":true,"result":)" + result + "}"; }
std::string fail(const std::string& code) {
  return R"({"success":false,"error":{"code":")" + code + R"(","message":"m"}})";
}

class VtigerConnectorTest : public ::testing::Test {
 protected:
  VtigerConnectorTest()
      : ctx_(sdk::Config({{kUrlKey, sdk::ConfigValue(std::string("http://crm.test"))},
                          {kUsernameKey, sdk::ConfigValue(std::string("admin"))}})) {
    ctx_.secret_values.set("access_key", "accordSandboxKey");
    ctx_.secret_values.set("session_id", "sess1");
  }
  sdk::Result<sdk::Page> read(EntityType entity, std::string cursor = "", bool full = false,
                              int size = 100) {
    return connector_.read(ctx_, sdk::ReadRequest{entity, std::move(cursor), size, full, {}});
  }
  std::vector<HttpRequest> requests() const { return ctx_.http_client.requests(); }

  TestHostContext ctx_;
  VtigerConnector connector_;
};

TEST_F(VtigerConnectorTest, LoginSendsTheKeyHashedWithTheChallenge) {
  ctx_.http_client.enqueue(200, ok(R"({"token":"5f3a1b2c4d5e6","serverTime":1,"expireTime":301})"));
  ctx_.http_client.enqueue(200, ok(R"({"sessionName":"abc123","userId":"19x1"})"));
  auto session = connector_.login(ctx_);
  ASSERT_TRUE(session.ok()) << session.error().describe();
  EXPECT_EQ(session->id, "abc123");
  auto sent = requests();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0].method, "GET");
  EXPECT_EQ(paramsOf(sent[0]).at("operation"), "getchallenge");
  EXPECT_EQ(paramsOf(sent[0]).at("username"), "admin");
  EXPECT_EQ(sent[1].method, "POST");
  EXPECT_EQ(paramsOf(sent[1]).at("accessKey"), loginKey("5f3a1b2c4d5e6", "accordSandboxKey"));
  EXPECT_EQ(paramsOf(sent[1]).at("accessKey").size(), 32u);
  for (const auto& request : sent) {
    EXPECT_EQ(request.url.find("accordSandboxKey"), std::string::npos);
    EXPECT_EQ(request.body.find("accordSandboxKey"), std::string::npos);
  }
  EXPECT_FALSE(ctx_.logger.contains("accordSandboxKey"));
}

TEST_F(VtigerConnectorTest, WrongAccessKeyIsAConfigProblem) {
  ctx_.http_client.enqueue(200, ok(R"({"token":"t","serverTime":1,"expireTime":301})"));
  ctx_.http_client.enqueue(200, fail("INVALID_USER_CREDENTIALS"));
  auto session = connector_.login(ctx_);
  ASSERT_FALSE(session.ok());
  EXPECT_EQ(session.error().kind, ErrorKind::invalid_config);
}

TEST_F(VtigerConnectorTest, ExpiredOrMissingSessionAsksTheHubToLogInAgain) {
  ctx_.http_client.enqueue(200, fail("INVALID_SESSIONID"));
  auto page = read(EntityType::organization);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().kind, ErrorKind::auth_expired);
  EXPECT_EQ(paramsOf(requests().at(0)).at("sessionName"), "sess1");

  ctx_.http_client.enqueue(200, fail("SESSION_EXPIRED"));
  EXPECT_EQ(read(EntityType::organization).error().kind, ErrorKind::auth_expired);

  ctx_.secret_values.erase("session_id");
  EXPECT_EQ(read(EntityType::organization).error().kind, ErrorKind::auth_expired);
  EXPECT_EQ(requests().size(), 2u);  // no call without a session
}

TEST_F(VtigerConnectorTest, TransportAndLimitAnswersMapToKinds) {
  ctx_.http_client.enqueue(429, fail("TOO_MANY_REQUESTS"), {{"Retry-After", "17"}});
  auto limited = read(EntityType::organization);
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.error().kind, ErrorKind::rate_limited);
  EXPECT_EQ(limited.error().retry_after, std::chrono::seconds(17));

  ctx_.http_client.enqueue(502, "<html>Bad Gateway</html>");
  EXPECT_EQ(read(EntityType::organization).error().kind, ErrorKind::retryable);
  ctx_.http_client.enqueue(200, "<b>Fatal error</b>: PHP");
  EXPECT_EQ(read(EntityType::organization).error().kind, ErrorKind::retryable);
  ctx_.http_client.enqueueError(ErrorKind::retryable, "connection refused");
  EXPECT_EQ(read(EntityType::organization).error().kind, ErrorKind::retryable);
}

TEST_F(VtigerConnectorTest, FullReadPagesThroughQueryThenHandsOverToSync) {
  ctx_.http_client.enqueue(200, ok(R"([{"accountname":"A","id":"11x1"},
                                       {"accountname":"B","id":"11x2"}])"));
  auto first = read(EntityType::organization, "", true, 2);
  ASSERT_TRUE(first.ok()) << first.error().describe();
  EXPECT_EQ(paramsOf(requests().at(0)).at("query"),
            "SELECT * FROM Accounts ORDER BY id LIMIT 2;");
  EXPECT_EQ(first->records.size(), 2u);
  EXPECT_TRUE(first->more);
  const std::int64_t since = 1704067200 - 300;  // the FakeClock's start, less the margin
  EXPECT_EQ(first->next_cursor, "full:" + std::to_string(since) + ":11x2");

  ctx_.http_client.enqueue(200, ok(R"([{"accountname":"C","id":"11x5"}])"));
  auto second = read(EntityType::organization, first->next_cursor, true, 2);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(paramsOf(requests().at(1)).at("query"),
            "SELECT * FROM Accounts WHERE id > '11x2' ORDER BY id LIMIT 2;");
  EXPECT_FALSE(second->more);
  EXPECT_EQ(second->next_cursor, "sync:" + std::to_string(since));
}

TEST_F(VtigerConnectorTest, SyncPagesAreCutAtThePageSizeAndResumeWithoutLoss) {
  const std::string answer = ok(R"({"updated":[
      {"accountname":"B","id":"11x9","modifiedtime":"2026-01-01 00:00:05"},
      {"accountname":"A","id":"11x3","modifiedtime":"2026-01-01 00:00:05"},
      {"accountname":"C","id":"11x4","modifiedtime":"2026-01-01 00:00:07"}],
      "deleted":["11x8"],"lastModifiedTime":1767225607,"more":false})");
  ctx_.http_client.enqueue(200, answer);
  auto first = read(EntityType::organization, "sync:1767225600", false, 2);
  ASSERT_TRUE(first.ok()) << first.error().describe();
  auto sent = paramsOf(requests().at(0));
  EXPECT_EQ(sent.at("operation"), "sync");
  EXPECT_EQ(sent.at("modifiedTime"), "1767225600");
  EXPECT_EQ(sent.at("elementType"), "Accounts");
  ASSERT_EQ(first->records.size(), 2u);
  EXPECT_EQ(model::metaOf(first->records[0]).id, "11x3");  // same second: by record number
  EXPECT_EQ(model::metaOf(first->records[1]).id, "11x9");
  EXPECT_TRUE(first->more);

  ctx_.http_client.enqueue(200, answer);
  auto second = read(EntityType::organization, first->next_cursor, false, 2);
  ASSERT_TRUE(second.ok()) << second.error().describe();
  ASSERT_EQ(second->records.size(), 1u);
  EXPECT_EQ(model::metaOf(second->records[0]).id, "11x4");
  ASSERT_EQ(second->removals.size(), 1u);
  EXPECT_EQ(second->removals[0].id, "11x8");
  EXPECT_EQ(second->removals[0].status, model::RecordStatus::deleted);
  EXPECT_FALSE(second->more);
  EXPECT_EQ(second->next_cursor, "sync:1767225607");
}

TEST_F(VtigerConnectorTest, BadRowsBecomeRecordErrorsAndTheRestOfThePageCounts) {
  ctx_.http_client.enqueue(200, ok(R"({"updated":[
      {"accountname":"Good","id":"11x1","modifiedtime":"2026-01-01 00:00:01"},
      {"accountname":"Bad","id":"11x2","modifiedtime":"not a time"},
      {"accountname":"Good too","id":"11x3","modifiedtime":"2026-01-01 00:00:02"}],
      "deleted":[],"lastModifiedTime":1767225602,"more":false})"));
  auto page = read(EntityType::organization, "sync:0");
  ASSERT_TRUE(page.ok()) << page.error().describe();
  EXPECT_EQ(page->records.size(), 2u);
  ASSERT_EQ(page->errors.size(), 1u);
  EXPECT_EQ(page->errors[0].id, "11x2");
  EXPECT_EQ(page->errors[0].error.field, "modifiedtime");
}

TEST_F(VtigerConnectorTest, InvoicesAreRetrievedWholeForTheirLines) {
  ctx_.http_client.enqueue(200, ok(R"({"updated":[{"subject":"I-1","invoicestatus":"Created",
      "id":"7x5","modifiedtime":"2026-01-01 00:00:01"}],"deleted":[],
      "lastModifiedTime":1767225601,"more":false})"));
  ctx_.http_client.enqueue(200, ok(R"({"subject":"I-1","invoicestatus":"Created","id":"7x5",
      "LineItems":[{"productid":"14x2","quantity":"1.000","listprice":"5.00000000"}]})"));
  auto page = read(EntityType::invoice, "sync:0");
  ASSERT_TRUE(page.ok()) << page.error().describe();
  EXPECT_EQ(paramsOf(requests().at(1)).at("operation"), "retrieve");
  EXPECT_EQ(paramsOf(requests().at(1)).at("id"), "7x5");
  ASSERT_EQ(page->records.size(), 1u);
  EXPECT_EQ(std::get<model::Invoice>(page->records[0]).lines.size(), 1u);
}

TEST_F(VtigerConnectorTest, CreateSendsOneElementWithAnOwner) {
  model::Person person;
  person.last_name = "Lovelace";
  person.organization = {"11x1"};
  person.is_primary = true;  // vtiger has no place for it: a warning, not silence
  ctx_.http_client.enqueue(200, ok(R"({"lastname":"Lovelace","id":"12x40",
      "modifiedtime":"2026-01-01 00:00:09"})"));
  auto outcomes = connector_.write(
      ctx_, sdk::WriteBatch{EntityType::person, {{sdk::WriteKind::create, person}}, "k"});
  ASSERT_TRUE(outcomes.ok()) << outcomes.error().describe();
  ASSERT_EQ(outcomes->size(), 1u);
  EXPECT_EQ(outcomes->at(0).id, "12x40");
  EXPECT_EQ(outcomes->at(0).updated_at->toString(), "2026-01-01T00:00:09Z");
  ASSERT_EQ(outcomes->at(0).warnings.size(), 1u);
  EXPECT_NE(outcomes->at(0).warnings[0].find("is_primary"), std::string::npos);
  auto sent = paramsOf(requests().at(0));
  EXPECT_EQ(requests().at(0).method, "POST");
  EXPECT_EQ(sent.at("operation"), "create");
  EXPECT_EQ(sent.at("elementType"), "Contacts");
  EXPECT_NE(sent.at("element").find(R"("assigned_user_id":"19x1")"), std::string::npos);
  EXPECT_NE(sent.at("element").find(R"("account_id":"11x1")"), std::string::npos);
}

TEST_F(VtigerConnectorTest, UpdateRevisesAndDeleteDeletes) {
  model::Organization org;
  org.meta.id = "11x7";
  org.name = "Renamed";
  ctx_.http_client.enqueue(200, ok(R"({"accountname":"Renamed","id":"11x7"})"));
  auto updated = connector_.write(
      ctx_, sdk::WriteBatch{EntityType::organization, {{sdk::WriteKind::update, org}}, "k"});
  ASSERT_TRUE(updated.ok());
  EXPECT_TRUE(updated->at(0).ok());
  auto sent = paramsOf(requests().at(0));
  EXPECT_EQ(sent.at("operation"), "revise");
  EXPECT_NE(sent.at("element").find(R"("id":"11x7")"), std::string::npos);

  ctx_.http_client.enqueue(200, ok(R"({"status":"successful"})"));
  auto removed = connector_.write(
      ctx_, sdk::WriteBatch{EntityType::organization, {{sdk::WriteKind::remove, org}}, "k"});
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(paramsOf(requests().at(1)).at("operation"), "delete");
  EXPECT_EQ(paramsOf(requests().at(1)).at("id"), "11x7");
}

TEST_F(VtigerConnectorTest, ARefusedRecordIsItsOwnOutcomeAnExpiredSessionFailsTheCall) {
  model::Organization org;
  org.name = "X";
  ctx_.http_client.enqueue(200, fail("MANDATORY_FIELDS_MISSING"));
  auto refused = connector_.write(
      ctx_, sdk::WriteBatch{EntityType::organization, {{sdk::WriteKind::create, org}}, "k"});
  ASSERT_TRUE(refused.ok());
  ASSERT_FALSE(refused->at(0).ok());
  EXPECT_EQ(refused->at(0).error->kind, ErrorKind::permanent);

  ctx_.http_client.enqueue(200, fail("INVALID_SESSIONID"));
  auto expired = connector_.write(
      ctx_, sdk::WriteBatch{EntityType::organization, {{sdk::WriteKind::create, org}}, "k"});
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().kind, ErrorKind::auth_expired);
}

TEST_F(VtigerConnectorTest, UndeclaredEntitiesAndBadCursorsAreRefused) {
  EXPECT_EQ(read(EntityType::payment).error().kind, ErrorKind::not_supported);
  auto outcomes = connector_.write(
      ctx_, sdk::WriteBatch{EntityType::payment, {{sdk::WriteKind::create,
                                                   model::makeRecord(EntityType::payment)}}, "k"});
  EXPECT_EQ(outcomes.error().kind, ErrorKind::not_supported);
  EXPECT_EQ(read(EntityType::organization, "sync:yesterday").error().kind, ErrorKind::permanent);
  EXPECT_TRUE(requests().empty());
}

// vtiger refuses an invoice without billing and shipping streets (MANDATORY_FIELDS_MISSING); a
// customer with no address must not keep its invoices out of vtiger.
TEST_F(VtigerConnectorTest, ANewInvoiceOfACustomerWithoutAddressStillHasTheStreetsVtigerRequires) {
  model::Invoice invoice;
  invoice.kind = "sales";
  invoice.number = "E2E-1";
  invoice.organization = {"11x7"};
  invoice.lines = {model::LineItem{"Hour", *sdk::Decimal::parse("2"), *sdk::Decimal::parse("150"),
                                   std::nullopt, model::Ref{"14x1"}, {}, {}, {}, {}}};
  ctx_.http_client.enqueue(200, ok(R"({"fields":[{"name":"tax1","default":"4.500"}]})"));
  ctx_.http_client.enqueue(200, ok(R"({"id":"11x7","accountname":"Pohutukawa Press",
      "bill_street":"","ship_street":""})"));
  ctx_.http_client.enqueue(200, ok(R"({"id":"7x90","modifiedtime":"2026-01-01 00:00:09"})"));
  auto outcomes = connector_.write(
      ctx_, sdk::WriteBatch{EntityType::invoice, {{sdk::WriteKind::create, invoice}}, "k"});
  ASSERT_TRUE(outcomes.ok()) << outcomes.error().describe();
  ASSERT_TRUE(outcomes->at(0).ok()) << outcomes->at(0).error->describe();
  ASSERT_EQ(requests().size(), 3u);
  Poco::JSON::Parser parser;
  auto element = parser.parse(paramsOf(requests().at(2)).at("element"))
                     .extract<Poco::JSON::Object::Ptr>();
  for (const char* street : {"bill_street", "ship_street"}) {
    EXPECT_FALSE(element->optValue<std::string>(street, "").empty()) << street;
    EXPECT_THAT(outcomes->at(0).warnings, testing::Contains(testing::HasSubstr(street)));
  }
}

// A customer's one address serves as both streets, as vtiger's editor copies it.
TEST_F(VtigerConnectorTest, ANewInvoiceTakesItsCustomersOnlyStreetForBoth) {
  model::Invoice invoice;
  invoice.kind = "sales";
  invoice.organization = {"11x7"};
  ctx_.http_client.enqueue(200, ok(R"({"fields":[]})"));
  ctx_.http_client.enqueue(200, ok(R"({"id":"11x7","bill_street":"1 Quay St","ship_street":""})"));
  ctx_.http_client.enqueue(200, ok(R"({"id":"7x91","modifiedtime":"2026-01-01 00:00:09"})"));
  auto outcomes = connector_.write(
      ctx_, sdk::WriteBatch{EntityType::invoice, {{sdk::WriteKind::create, invoice}}, "k"});
  ASSERT_TRUE(outcomes.ok()) << outcomes.error().describe();
  ASSERT_TRUE(outcomes->at(0).ok());
  const std::string sent = paramsOf(requests().at(2)).at("element");
  EXPECT_NE(sent.find(R"("bill_street":"1 Quay St")"), std::string::npos) << sent;
  EXPECT_NE(sent.find(R"("ship_street":"1 Quay St")"), std::string::npos) << sent;
  EXPECT_TRUE(outcomes->at(0).warnings.empty());
}

TEST(VtigerCursor, FormatsAndParsesEveryForm) {
  for (const std::string text : {"full:100:11x5", "full:100:", "sync:7", "sync:7:u:9:11x3",
                                 "sync:7:d:11x8"}) {
    auto cursor = parseCursor(text);
    ASSERT_TRUE(cursor.ok()) << text;
    EXPECT_EQ(formatCursor(cursor.value()), text);
  }
  EXPECT_FALSE(parseCursor("sync:7:u:x:11x3").ok());
  EXPECT_FALSE(parseCursor("page:2").ok());
}

}  // namespace
}  // namespace accord::plugins::vtiger
