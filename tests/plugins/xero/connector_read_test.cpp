// read(): paging, incremental passes, removals, per-record errors, error kinds and targeted
// reads, against a scripted Xero.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "connector.h"
#include "example_payloads.h"
#include "test_support.h"

namespace accord::plugins::xero {
namespace {

using namespace accord::sdk::model;
using ::testing::HasSubstr;
using testing::headerOf;
using testing::testContext;

std::string contact(const std::string& id, std::int64_t updated_ms, const std::string& status = "ACTIVE") {
  return R"({"ContactID":")" + id + R"(","Name":"Contact )" + id + R"(","ContactStatus":")" +
         status + R"(","UpdatedDateUTC":"/Date()" + std::to_string(updated_ms) + R"(+0000)/"})";
}

std::string contacts(const std::vector<std::string>& elements) {
  std::string out = R"({"Id":"x","Status":"OK","Contacts":[)";
  for (std::size_t i = 0; i < elements.size(); ++i) out += (i ? "," : "") + elements[i];
  return out + "]}";
}

const std::string kA = "00000000-0000-4000-8000-00000000000a";
const std::string kB = "00000000-0000-4000-8000-00000000000b";
const std::string kC = "00000000-0000-4000-8000-00000000000c";

TEST(XeroRead, PagesWithPageSizeThenStartsTheNextPassFromTheNewestModifiedTime) {
  auto ctx = testContext();
  XeroConnector connector;
  ctx->http_client.enqueue(200, contacts({contact(kA, 1700000000000), contact(kB, 1700000100000)}));
  ctx->http_client.enqueue(200, contacts({contact(kC, 1700000200000)}));
  ctx->http_client.enqueue(200, contacts({}));

  sdk::ReadRequest request{EntityType::organization, "", 2, false, {}};
  auto first = connector.read(*ctx, request);
  ASSERT_TRUE(first.ok()) << first.error().describe();
  EXPECT_EQ(first->records.size(), 2u);
  EXPECT_TRUE(first->more);
  request.cursor = first->next_cursor;
  auto second = connector.read(*ctx, request);
  ASSERT_TRUE(second.ok()) << second.error().describe();
  EXPECT_EQ(second->records.size(), 1u);
  EXPECT_FALSE(second->more);
  request.cursor = second->next_cursor;
  ASSERT_TRUE(connector.read(*ctx, request).ok());

  auto sent = ctx->http_client.requests();
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_THAT(sent[0].url, HasSubstr("/api.xro/2.0/Contacts?page=1&pageSize=2"));
  EXPECT_THAT(sent[0].url, HasSubstr("includeArchived=true"));
  EXPECT_EQ(headerOf(sent[0], "xero-tenant-id"), testing::kTenant);
  EXPECT_EQ(headerOf(sent[0], "Authorization"), std::string("Bearer ") + testing::kToken);
  EXPECT_EQ(headerOf(sent[0], "If-Modified-Since"), "");
  EXPECT_THAT(sent[1].url, HasSubstr("page=2"));
  // The next pass asks for what changed since the newest record seen (1700000200 s).
  EXPECT_THAT(sent[2].url, HasSubstr("page=1"));
  EXPECT_EQ(headerOf(sent[2], "If-Modified-Since"), "Tue, 14 Nov 2023 22:16:40 GMT");
}

TEST(XeroRead, ArchivedContactsAreRemovalsAndBadElementsAreRecordErrors) {
  auto ctx = testContext();
  XeroConnector connector;
  std::string broken = R"({"ContactID":")" + kC + R"(","Name":"Broken","IsCustomer":"perhaps"})";
  ctx->http_client.enqueue(200, contacts({contact(kA, 1700000000000, "ARCHIVED"),
                                          contact(kB, 1700000000000), broken, "42"}));
  auto page = connector.read(*ctx, sdk::ReadRequest{EntityType::organization, "", 100, false, {}});
  ASSERT_TRUE(page.ok()) << page.error().describe();
  ASSERT_EQ(page->records.size(), 1u);
  EXPECT_EQ(metaOf(page->records[0]).id, kB);
  ASSERT_EQ(page->removals.size(), 1u);
  EXPECT_EQ(page->removals[0].id, kA);
  EXPECT_EQ(page->removals[0].status, RecordStatus::archived);
  ASSERT_EQ(page->errors.size(), 2u);
  EXPECT_THAT(page->errors[0].error.message, HasSubstr("Contacts[3] is not an object"));
  EXPECT_EQ(page->errors[1].id, kC);
  EXPECT_EQ(page->errors[1].error.field, "IsCustomer");
  EXPECT_THAT(page->errors[1].error.message, HasSubstr(kC));
}

TEST(XeroRead, ErrorKindsFollowXerosAnswers) {
  auto ctx = testContext();
  XeroConnector connector;
  sdk::ReadRequest request{EntityType::invoice, "", 100, false, {}};
  ctx->http_client.enqueue(429, R"({"Title":"Too Many Requests"})",
                           {{"Retry-After", "37"}, {"X-Rate-Limit-Problem", "day"}});
  auto limited = connector.read(*ctx, request);
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.error().kind, sdk::ErrorKind::rate_limited);
  EXPECT_EQ(limited.error().retry_after, std::chrono::seconds(37));
  EXPECT_THAT(limited.error().message, HasSubstr("day"));

  ctx->http_client.enqueue(401, R"({"Title":"Unauthorized"})");
  EXPECT_EQ(connector.read(*ctx, request).error().kind, sdk::ErrorKind::auth_expired);
  ctx->http_client.enqueue(503, "<html>busy</html>");
  EXPECT_EQ(connector.read(*ctx, request).error().kind, sdk::ErrorKind::retryable);
  ctx->http_client.enqueue(200, R"({"Invoices":[{"InvoiceID":)");  // cut short
  EXPECT_EQ(connector.read(*ctx, request).error().kind, sdk::ErrorKind::retryable);
  ctx->http_client.enqueueError(sdk::ErrorKind::retryable, "connection reset");
  EXPECT_EQ(connector.read(*ctx, request).error().kind, sdk::ErrorKind::retryable);
}

TEST(XeroRead, TargetedReadAsksForAllIdsInOneCall) {
  auto ctx = testContext();
  XeroConnector connector;
  ctx->http_client.enqueue(200, contacts({contact(kA, 1700000000000), contact(kB, 1700000000000)}));
  sdk::ReadRequest request{EntityType::person, "v1:5:5:1:0:0", 100, false,
                           {kA + "/primary", kB + "/x@example.com", kA}};
  auto page = connector.read(*ctx, request);
  ASSERT_TRUE(page.ok()) << page.error().describe();
  EXPECT_EQ(page->next_cursor, request.cursor);
  auto sent = ctx->http_client.requests();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_THAT(sent[0].url, HasSubstr("IDs=" + kA + "%2C" + kB));
}

// A contact with its own name and two ContactPersons: three people.
std::string contactWithPeople(const std::string& id, std::int64_t updated_ms) {
  return R"({"ContactID":")" + id + R"(","Name":"Co )" + id +
         R"(","FirstName":"Ann","LastName":"Lee","EmailAddress":"ann@example.com",)"
         R"("ContactPersons":[{"FirstName":"Bo","LastName":"Ng","EmailAddress":"bo@example.com"},)"
         R"({"FirstName":"Cy","LastName":"Oh","EmailAddress":"cy@example.com"}],)"
         R"("ContactStatus":"ACTIVE","UpdatedDateUTC":"/Date()" +
         std::to_string(updated_ms) + R"(+0000)/"})";
}

TEST(XeroRead, PersonPagesNeverExceedThePageSize) {
  auto ctx = testContext();
  XeroConnector connector;
  // pageSize=1 (page_size 2 / 6 people per contact, at least one contact): Xero's page 1 is
  // contact A (3 people), page 2 contact B (3 people), page 3 nothing.
  ctx->http_client.setHandler([&](const sdk::HttpRequest& request) {
    std::string body = contacts({});
    if (request.url.find("page=1&") != std::string::npos) {
      body = contacts({contactWithPeople(kA, 1700000000000)});
    } else if (request.url.find("page=2&") != std::string::npos) {
      body = contacts({contactWithPeople(kB, 1700000100000)});
    }
    return sdk::Result<sdk::HttpResponse>(sdk::HttpResponse{200, {}, body});
  });
  sdk::ReadRequest request{EntityType::person, "", 2, false, {}};
  std::vector<std::string> ids;
  for (int call = 0; call < 10; ++call) {
    auto page = connector.read(*ctx, request);
    ASSERT_TRUE(page.ok()) << page.error().describe();
    EXPECT_LE(page->records.size() + page->removals.size() + page->errors.size(), 2u);
    for (const auto& record : page->records) ids.push_back(metaOf(record).id);
    request.cursor = page->next_cursor;
    if (!page->more) break;
  }
  EXPECT_EQ(ids, (std::vector<std::string>{kA + "/primary", kA + "/bo@example.com",
                                           kA + "/cy@example.com", kB + "/primary",
                                           kB + "/bo@example.com", kB + "/cy@example.com"}));
  // Each Xero page was asked for once per part served, with pageSize 1.
  auto sent = ctx->http_client.requests();
  ASSERT_EQ(sent.size(), 5u);
  EXPECT_THAT(sent[0].url, HasSubstr("page=1&pageSize=1"));
  EXPECT_THAT(sent[1].url, HasSubstr("page=1&pageSize=1"));
  EXPECT_THAT(sent[2].url, HasSubstr("page=2&pageSize=1"));
  EXPECT_THAT(sent[4].url, HasSubstr("page=3&pageSize=1"));
}

TEST(XeroRead, ATargetedReadFindsAnAccountByItsCode) {
  auto ctx = testContext();
  XeroConnector connector;
  ctx->http_client.enqueue(200, R"({"Accounts":[
      {"AccountID":"00000000-0000-4000-8000-0000000000b1","Code":"200","Name":"Sales","Type":"REVENUE"},
      {"AccountID":"00000000-0000-4000-8000-0000000000b2","Code":"400","Name":"Rent","Type":"EXPENSE"}]})");
  auto page = connector.read(*ctx, sdk::ReadRequest{EntityType::account, "", 100, false, {"200"}});
  ASSERT_TRUE(page.ok()) << page.error().describe();
  ASSERT_EQ(page->records.size(), 1u);
  EXPECT_EQ(std::get<Account>(page->records[0]).name, "Sales");
}

TEST(XeroRead, VendorExamplePageDecodes) {
  auto ctx = testContext();
  XeroConnector connector;
  ctx->http_client.enqueue(200, stringify(*testing::example("getInvoices")));
  auto page = connector.read(*ctx, sdk::ReadRequest{EntityType::invoice, "", 100, false, {}});
  ASSERT_TRUE(page.ok()) << page.error().describe();
  EXPECT_EQ(page->records.size(), 2u);  // PAID and AUTHORISED
  EXPECT_EQ(page->removals.size(), 1u);  // VOIDED
  EXPECT_TRUE(page->errors.empty());
}

TEST(XeroRead, UnpagedListsAreServedInSlicesOfThePageSize) {
  auto ctx = testContext();
  XeroConnector connector;
  std::string items = R"({"Items":[{"Code":"B","UpdatedDateUTC":"/Date(2000+0000)/"},)"
                      R"({"Code":"A","UpdatedDateUTC":"/Date(1000+0000)/"},)"
                      R"({"Code":"C","UpdatedDateUTC":"/Date(3000+0000)/"}]})";
  ctx->http_client.setHandler([&](const sdk::HttpRequest&) {
    return sdk::Result<sdk::HttpResponse>(sdk::HttpResponse{200, {}, items});
  });
  sdk::ReadRequest request{EntityType::item, "", 2, true, {}};
  auto first = connector.read(*ctx, request);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->records.size(), 2u);
  EXPECT_EQ(metaOf(first->records[0]).id, "A");
  EXPECT_EQ(metaOf(first->records[1]).id, "B");
  ASSERT_TRUE(first->more);
  request.cursor = first->next_cursor;
  auto second = connector.read(*ctx, request);
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->records.size(), 1u);
  EXPECT_EQ(metaOf(second->records[0]).id, "C");
  EXPECT_FALSE(second->more);
}

TEST(XeroRead, JournalsAreManualOnesThenGeneratedOnesByJournalNumber) {
  auto ctx = testContext();
  XeroConnector connector;
  ctx->http_client.enqueue(200, R"({"ManualJournals":[{"ManualJournalID":"00000000-0000-4000-8000-0000000000m1",
      "Narration":"Accrual","Status":"POSTED","UpdatedDateUTC":"/Date(1700000000000+0000)/"}]})");
  ctx->http_client.enqueue(200, R"({"Journals":[
      {"JournalID":"00000000-0000-4000-8000-0000000000g1","JournalNumber":7,"SourceType":"ACCREC"},
      {"JournalID":"00000000-0000-4000-8000-0000000000g2","JournalNumber":8,"SourceType":"CASHREC"}]})");
  ctx->http_client.enqueue(200, R"({"ManualJournals":[]})");
  sdk::ReadRequest request{EntityType::journal, "", 10, false, {}};
  auto manual = connector.read(*ctx, request);
  ASSERT_TRUE(manual.ok()) << manual.error().describe();
  ASSERT_EQ(manual->records.size(), 1u);
  EXPECT_EQ(std::get<Journal>(manual->records[0]).kind, "manual");
  EXPECT_TRUE(manual->more) << "the generated journals follow";
  request.cursor = manual->next_cursor;
  auto generated = connector.read(*ctx, request);
  ASSERT_TRUE(generated.ok()) << generated.error().describe();
  ASSERT_EQ(generated->records.size(), 2u);
  EXPECT_EQ(std::get<Journal>(generated->records[1]).source_type, "cashrec");
  EXPECT_FALSE(generated->more);
  request.cursor = generated->next_cursor;
  ASSERT_TRUE(connector.read(*ctx, request).ok());
  auto sent = ctx->http_client.requests();
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_THAT(sent[1].url, HasSubstr("/Journals?offset=0"));
  // The next pass: manual journals changed since the newest one seen, journals after number 8.
  EXPECT_THAT(sent[2].url, HasSubstr("/ManualJournals?page=1"));
  EXPECT_EQ(headerOf(sent[2], "If-Modified-Since"), "Tue, 14 Nov 2023 22:13:20 GMT");
  EXPECT_THAT(request.cursor, HasSubstr(":8"));
}

TEST(XeroRead, ACursorFromElsewhereIsRefused) {
  auto ctx = testContext();
  XeroConnector connector;
  auto page = connector.read(*ctx, sdk::ReadRequest{EntityType::invoice, "1700000000:3", 10, false, {}});
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().kind, sdk::ErrorKind::permanent);
  EXPECT_THAT(page.error().message, HasSubstr("1700000000:3"));
  EXPECT_TRUE(ctx->http_client.requests().empty());
}

TEST(XeroRead, ConfigWithoutTenantIsInvalidConfig) {
  auto ctx = testContext();
  sdk::Config config = ctx->config();
  config.set(kTenantIdKey, std::string());
  ctx->setConfig(config);
  XeroConnector connector;
  auto page = connector.read(*ctx, sdk::ReadRequest{EntityType::organization, "", 10, false, {}});
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().kind, sdk::ErrorKind::invalid_config);
  EXPECT_EQ(page.error().field, kTenantIdKey);
  EXPECT_TRUE(ctx->http_client.requests().empty());
}

TEST(XeroRead, UnsupportedEntityIsNotSupported) {
  auto ctx = testContext();
  XeroConnector connector;
  auto page = connector.read(*ctx, sdk::ReadRequest{EntityType::timesheet, "", 10, false, {}});
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().kind, sdk::ErrorKind::not_supported);
}

}  // namespace
}  // namespace accord::plugins::xero
