// write(): batching, per-element ValidationErrors, idempotency keys, Xero's limits reported on
// the record, and people written through their contact.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "connector.h"
#include "descriptor.h"
#include "json_util.h"
#include "mapping.h"
#include "accord/sdk/model/codec.h"
#include "test_support.h"

namespace accord::plugins::xero {
namespace {

using namespace accord::sdk::model;
using ::testing::HasSubstr;
using testing::headerOf;
using testing::testContext;

const std::string kContact = "00000000-0000-4000-8000-0000000000c1";

Invoice invoice(const std::string& number, bool with_contact = true) {
  Invoice out;
  out.number = number;
  if (with_contact) out.organization.id = kContact;
  out.status = "authorised";
  out.lines = {LineItem{"Thing", *sdk::Decimal::parse("1"), *sdk::Decimal::parse("10"),
                        std::nullopt, {}, {}, Ref{"200"}, {}, {}}};
  return out;
}

TEST(XeroWrite, EachElementsValidationErrorsGoToItsOwnRecord) {
  auto ctx = testContext();
  XeroConnector connector;
  ctx->http_client.enqueue(200, R"({"Invoices":[
      {"InvoiceID":"00000000-0000-4000-8000-000000000001","UpdatedDateUTC":"/Date(1700000000000+0000)/","StatusAttributeString":"OK"},
      {"InvoiceID":"00000000-0000-0000-0000-000000000000","HasErrors":true,
       "ValidationErrors":[{"Message":"Account code '999' is not a valid code for this document."}]},
      {"InvoiceID":"00000000-0000-4000-8000-000000000003","Warnings":[{"Message":"Rounded"}]}]})");
  sdk::WriteBatch batch{EntityType::invoice, {}, "batch-key-1"};
  for (const char* n : {"INV-1", "INV-2", "INV-3"}) batch.ops.push_back({sdk::WriteKind::create, invoice(n)});
  batch.ops.insert(batch.ops.begin() + 1, sdk::WriteOp{sdk::WriteKind::create, invoice("INV-X", false)});

  auto outcomes = connector.write(*ctx, batch);
  ASSERT_TRUE(outcomes.ok()) << outcomes.error().describe();
  ASSERT_EQ(outcomes->size(), 4u);
  EXPECT_TRUE(outcomes.value()[0].ok());
  EXPECT_EQ(outcomes.value()[0].id, "00000000-0000-4000-8000-000000000001");
  EXPECT_EQ(outcomes.value()[0].updated_at->epochMillis(), 1700000000000);
  // Refused before sending: an invoice needs a contact.
  ASSERT_FALSE(outcomes.value()[1].ok());
  EXPECT_EQ(outcomes.value()[1].error->field, "organization");
  ASSERT_FALSE(outcomes.value()[2].ok());
  EXPECT_THAT(outcomes.value()[2].error->message, HasSubstr("Account code '999'"));
  EXPECT_EQ(outcomes.value()[2].error->kind, sdk::ErrorKind::permanent);
  EXPECT_TRUE(outcomes.value()[3].ok());
  ASSERT_EQ(outcomes.value()[3].warnings.size(), 1u);
  EXPECT_THAT(outcomes.value()[3].warnings[0], HasSubstr("Rounded"));

  auto sent = ctx->http_client.requests();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].method, "POST");
  EXPECT_THAT(sent[0].url, HasSubstr("/Invoices?summarizeErrors=false"));
  EXPECT_EQ(headerOf(sent[0], "Idempotency-Key"), "batch-key-1");
  std::string error;
  auto body = parseObject(sent[0].body, &error);
  ASSERT_TRUE(body) << error;
  EXPECT_EQ(body->getArray("Invoices")->size(), 3u);
}

TEST(XeroWrite, ARetriedBatchCarriesTheSameKeyAndAKeylessOneAKeyFromItsContent) {
  auto ctx = testContext();
  XeroConnector connector;
  ctx->http_client.setHandler([](const sdk::HttpRequest&) {
    return sdk::Result<sdk::HttpResponse>(
        sdk::HttpResponse{200, {}, R"({"Invoices":[{"InvoiceID":"00000000-0000-4000-8000-000000000001"}]})"});
  });
  sdk::WriteBatch batch{EntityType::invoice, {{sdk::WriteKind::create, invoice("INV-1")}}, ""};
  ASSERT_TRUE(connector.write(*ctx, batch).ok());
  ASSERT_TRUE(connector.write(*ctx, batch).ok());
  batch.ops[0].record = invoice("INV-2");
  ASSERT_TRUE(connector.write(*ctx, batch).ok());
  auto sent = ctx->http_client.requests();
  ASSERT_EQ(sent.size(), 3u);
  std::string key = headerOf(sent[0], "Idempotency-Key");
  EXPECT_FALSE(key.empty());
  EXPECT_LE(key.size(), 128u);
  EXPECT_EQ(headerOf(sent[1], "Idempotency-Key"), key);
  EXPECT_NE(headerOf(sent[2], "Idempotency-Key"), key);
}

TEST(XeroWrite, AThrottledOrFailedCallFailsTheWholeBatchForTheHubToRetry) {
  auto ctx = testContext();
  XeroConnector connector;
  ctx->http_client.enqueue(429, "", {{"Retry-After", "5"}});
  sdk::WriteBatch batch{EntityType::invoice, {{sdk::WriteKind::create, invoice("INV-1")}}, "k"};
  auto outcomes = connector.write(*ctx, batch);
  ASSERT_FALSE(outcomes.ok());
  EXPECT_EQ(outcomes.error().kind, sdk::ErrorKind::rate_limited);
  EXPECT_EQ(outcomes.error().retry_after, std::chrono::seconds(5));
}

TEST(XeroWrite, EditingAPaidInvoiceIsReportedOnThatRecord) {
  auto ctx = testContext();
  XeroConnector connector;
  ctx->http_client.enqueue(200, R"({"Invoices":[{"InvoiceID":"00000000-0000-4000-8000-000000000001",
      "ValidationErrors":[{"Message":"Invoice not of valid status for modification"}]}]})");
  Invoice paid = invoice("INV-1");
  paid.meta.id = "00000000-0000-4000-8000-000000000001";
  paid.status = "paid";
  auto outcomes = connector.write(*ctx, sdk::WriteBatch{EntityType::invoice,
                                                        {{sdk::WriteKind::update, paid}}, "k"});
  ASSERT_TRUE(outcomes.ok());
  ASSERT_FALSE(outcomes.value()[0].ok());
  EXPECT_THAT(outcomes.value()[0].error->message, HasSubstr("not of valid status"));
}

TEST(XeroWrite, PaymentsArePutAndNeedABankAccount) {
  auto ctx = testContext();
  XeroConnector connector;
  ctx->http_client.enqueue(200, R"({"Payments":[{"PaymentID":"00000000-0000-4000-8000-0000000000p1"}]})");
  Payment good;
  good.invoice.id = "00000000-0000-4000-8000-000000000001";
  good.bank_account.id = "090";
  good.amount = *sdk::Decimal::parse("12.5");
  Payment unbanked = good;
  unbanked.bank_account = {};
  auto outcomes = connector.write(
      *ctx, sdk::WriteBatch{EntityType::payment,
                            {{sdk::WriteKind::create, unbanked}, {sdk::WriteKind::create, good}}, "k"});
  ASSERT_TRUE(outcomes.ok());
  EXPECT_EQ(outcomes.value()[0].error->field, "bank_account");
  EXPECT_TRUE(outcomes.value()[1].ok());
  auto sent = ctx->http_client.requests();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].method, "PUT");
  EXPECT_THAT(sent[0].body, HasSubstr(R"("Code":"090")"));
}

TEST(XeroWrite, APaymentIsCreatedOrDeletedNeverEdited) {
  auto ctx = testContext();
  XeroConnector connector;
  const std::string paid = "00000000-0000-4000-8000-0000000000a1";
  ctx->http_client.enqueue(200, R"({"Payments":[{"PaymentID":")" + paid +
                                    R"(","Status":"DELETED"}]})");
  Payment payment;
  payment.meta.id = paid;
  payment.invoice.id = "00000000-0000-4000-8000-000000000001";
  payment.bank_account.id = "090";
  payment.amount = *sdk::Decimal::parse("12.5");
  auto outcomes = connector.write(
      *ctx, sdk::WriteBatch{EntityType::payment,
                            {{sdk::WriteKind::update, payment},
                             {sdk::WriteKind::archive, payment},
                             {sdk::WriteKind::remove, payment}},
                            "k"});
  ASSERT_TRUE(outcomes.ok()) << outcomes.error().describe();
  for (std::size_t i : {0u, 1u}) {
    ASSERT_FALSE(outcomes.value()[i].ok()) << i;
    EXPECT_EQ(outcomes.value()[i].error->kind, sdk::ErrorKind::not_supported);
    EXPECT_THAT(outcomes.value()[i].error->message, HasSubstr("Payment " + paid));
  }
  EXPECT_TRUE(outcomes.value()[2].ok());
  EXPECT_EQ(outcomes.value()[2].id, paid);
  // The one call: Xero's delete (reversal) of that payment, addressed by its id.
  auto sent = ctx->http_client.requests();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].method, "POST");
  EXPECT_THAT(sent[0].url, HasSubstr("/Payments/" + paid + "?summarizeErrors=false"));
  EXPECT_EQ(sent[0].body, R"({"Status":"DELETED"})");
  // And the manifest says exactly that.
  const sdk::Manifest manifest = describe();
  const sdk::EntityCapability* cap = manifest.entity(EntityType::payment);
  ASSERT_NE(cap, nullptr);
  EXPECT_EQ(cap->operations, (std::vector<sdk::Operation>{sdk::Operation::read,
                                                          sdk::Operation::create,
                                                          sdk::Operation::remove}));
}

TEST(XeroWrite, AnAccountUpdateIsAddressedByItsAccountIdNotItsCode) {
  auto ctx = testContext();
  XeroConnector connector;
  const std::string sales = "00000000-0000-4000-8000-0000000000b2";
  std::vector<std::string> urls;
  ctx->http_client.setHandler([&](const sdk::HttpRequest& request) {
    urls.push_back(request.method + " " + request.url);
    std::string body = request.method == "GET"
                           ? R"({"Accounts":[{"AccountID":")" + sales + R"(","Code":"200"}]})"
                           : R"({"Accounts":[{"AccountID":")" + sales + R"(","Code":"200"}]})";
    return sdk::Result<sdk::HttpResponse>(sdk::HttpResponse{200, {}, body});
  });
  Account account;
  account.meta.id = "200";
  account.code = "200";
  account.name = "Sales";
  account.type = "revenue";
  Account unknown = account;
  unknown.meta.id = "999";
  auto outcomes = connector.write(
      *ctx, sdk::WriteBatch{EntityType::account,
                            {{sdk::WriteKind::update, account}, {sdk::WriteKind::update, unknown}},
                            "k"});
  ASSERT_TRUE(outcomes.ok()) << outcomes.error().describe();
  EXPECT_TRUE(outcomes.value()[0].ok());
  EXPECT_EQ(outcomes.value()[0].id, "200");
  ASSERT_FALSE(outcomes.value()[1].ok());
  EXPECT_EQ(outcomes.value()[1].error->field, "code");
  EXPECT_THAT(outcomes.value()[1].error->message, HasSubstr("Account 999"));
  // One lookup of both codes, then one POST to the AccountID.
  ASSERT_EQ(urls.size(), 2u);
  EXPECT_THAT(urls[0], HasSubstr("GET "));
  EXPECT_THAT(urls[0], HasSubstr("/Accounts?where=Code%3D%3D%22200%22%20OR%20Code%3D%3D%22999%22"));
  EXPECT_THAT(urls[1], HasSubstr("POST "));
  EXPECT_THAT(urls[1], HasSubstr("/Accounts/" + sales + "?summarizeErrors=false"));
}

std::string contactWithPersons(int persons) {
  std::string list;
  for (int i = 0; i < persons; ++i) {
    list += std::string(i ? "," : "") + R"({"FirstName":"P)" + std::to_string(i) +
            R"(","LastName":"L","EmailAddress":"p)" + std::to_string(i) + R"(@example.com"})";
  }
  return R"({"Contacts":[{"ContactID":")" + kContact +
         R"(","Name":"Full Ltd","FirstName":"Ann","LastName":"Owner","ContactPersons":[)" + list +
         "]}]}";
}

TEST(XeroWritePeople, ASixthContactPersonIsAnErrorOnThatPersonNotATruncation) {
  auto ctx = testContext();
  XeroConnector connector;
  ctx->http_client.enqueue(200, contactWithPersons(5));
  Person extra;
  extra.first_name = "Sixth";
  extra.email = "six@example.com";
  extra.organization.id = kContact;
  auto outcomes = connector.write(
      *ctx, sdk::WriteBatch{EntityType::person, {{sdk::WriteKind::create, extra}}, "k"});
  ASSERT_TRUE(outcomes.ok()) << outcomes.error().describe();
  ASSERT_FALSE(outcomes.value()[0].ok());
  EXPECT_THAT(outcomes.value()[0].error->message, HasSubstr("at most 5"));
  EXPECT_EQ(ctx->http_client.requests().size(), 1u);  // nothing was posted
}

TEST(XeroWritePeople, PeopleAreWrittenIntoTheirContactInOneCall) {
  auto ctx = testContext();
  XeroConnector connector;
  ctx->http_client.enqueue(200, contactWithPersons(1));
  ctx->http_client.enqueue(200, R"({"Contacts":[{"ContactID":")" + kContact + R"("}]})");
  Person added;
  added.first_name = "New";
  added.last_name = "Person";
  added.email = "New@Example.com";
  added.organization.id = kContact;
  Person renamed;
  renamed.meta.id = kContact + "/p0@example.com";
  renamed.first_name = "Renamed";
  renamed.email = "p0@example.com";
  auto outcomes = connector.write(
      *ctx, sdk::WriteBatch{EntityType::person,
                            {{sdk::WriteKind::create, added}, {sdk::WriteKind::update, renamed}},
                            "people-1"});
  ASSERT_TRUE(outcomes.ok()) << outcomes.error().describe();
  ASSERT_TRUE(outcomes.value()[0].ok()) << outcomes.value()[0].error->describe();
  EXPECT_EQ(outcomes.value()[0].id, kContact + "/new@example.com");
  ASSERT_TRUE(outcomes.value()[1].ok());
  EXPECT_EQ(outcomes.value()[1].id, renamed.meta.id);
  auto sent = ctx->http_client.requests();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_THAT(sent[0].url, HasSubstr("Contacts?IDs=" + kContact));
  EXPECT_EQ(sent[1].method, "POST");
  std::string error;
  auto body = parseObject(sent[1].body, &error);
  ASSERT_TRUE(body) << error;
  auto persons = body->getArray("Contacts")->getObject(0)->getArray("ContactPersons");
  ASSERT_EQ(persons->size(), 2u);
  EXPECT_EQ(persons->getObject(0)->getValue<std::string>("FirstName"), "Renamed");
  EXPECT_EQ(persons->getObject(1)->getValue<std::string>("FirstName"), "New");
}

std::vector<std::string> peopleHashes(const std::string& contacts_json) {
  std::string error;
  auto body = parseObject(contacts_json, &error);
  EXPECT_TRUE(body) << error;
  std::vector<std::string> hashes;
  if (!body) return hashes;
  auto decoded = decode(EntityType::person, *resourceFor(EntityType::person),
                        *body->getArray("Contacts")->getObject(0));
  EXPECT_TRUE(decoded.ok()) << decoded.error().describe();
  if (!decoded.ok()) return hashes;
  for (const auto& record : decoded->records) hashes.push_back(contentHash(record));
  return hashes;
}

// The contact's EmailAddress is the organization's: an organization e-mail change (from any app)
// must not read back as a change to the primary person, or the hub pushes that person on.
TEST(XeroWritePeople, TheContactsEmailIsTheOrganizationsNotThePrimaryPersons) {
  auto contact = [](const std::string& email) {
    return R"({"Contacts":[{"ContactID":")" + kContact +
           R"(","Name":"Full Ltd","FirstName":"Ann","LastName":"Owner","EmailAddress":")" + email +
           R"(","ContactPersons":[{"FirstName":"P0","LastName":"L","EmailAddress":"p0@example.com"}]}]})";
  };
  auto before = peopleHashes(contact("old@full.example"));
  ASSERT_EQ(before.size(), 2u);
  EXPECT_EQ(peopleHashes(contact("new@full.example")), before);
}

// canonical -> Xero -> canonical: the people written into their contact read back unchanged.
TEST(XeroWritePeople, PeopleRoundTripThroughTheirContactExactly) {
  auto ctx = testContext();
  XeroConnector connector;
  const std::string stored = R"({"Contacts":[{"ContactID":")" + kContact +
                             R"(","Name":"Full Ltd","EmailAddress":"office@full.example"}]})";
  ctx->http_client.enqueue(200, stored);
  ctx->http_client.enqueue(200, R"({"Contacts":[{"ContactID":")" + kContact + R"("}]})");
  Person primary;
  primary.first_name = "Ann";
  primary.last_name = "Owner";
  primary.is_primary = true;
  primary.organization.id = kContact;
  Person other;
  other.first_name = "Bob";
  other.last_name = "Second";
  other.email = "bob@full.example";
  other.organization.id = kContact;
  auto outcomes = connector.write(
      *ctx, sdk::WriteBatch{EntityType::person,
                            {{sdk::WriteKind::create, primary}, {sdk::WriteKind::create, other}},
                            "people-rt"});
  ASSERT_TRUE(outcomes.ok()) << outcomes.error().describe();
  ASSERT_TRUE(outcomes.value()[0].ok() && outcomes.value()[1].ok());
  auto sent = ctx->http_client.requests();
  ASSERT_EQ(sent.size(), 2u);
  // Writing people leaves the organization's e-mail alone.
  EXPECT_THAT(sent[1].body, HasSubstr("office@full.example"));
  auto back = peopleHashes(sent[1].body);
  ASSERT_EQ(back.size(), 2u);
  primary.meta.id = outcomes.value()[0].id;
  other.meta.id = outcomes.value()[1].id;
  EXPECT_EQ(back[0], contentHash(primary));
  EXPECT_EQ(back[1], contentHash(other));
}

}  // namespace
}  // namespace accord::plugins::xero
