// The connector against the Xero sandbox over loopback: full reads, round trips canonical ->
// Xero -> canonical, idempotent retries, Xero's business rules reported per record, and the
// OAuth2 requests against the sandbox's identity server.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "connector.h"
#include "sandbox_env.h"

namespace accord::plugins::xero {
namespace {

using namespace accord::sdk::model;
using ::testing::HasSubstr;

class XeroSandboxTest : public ::testing::Test {
 protected:
  testing::SandboxEnv env;
  std::unique_ptr<net::BasicHostContext> ctx = env.context();
  XeroConnector connector;

  std::vector<Record> readAll(EntityType entity, int page_size, std::vector<sdk::Removal>* removals = nullptr) {
    std::vector<Record> out;
    sdk::ReadRequest request{entity, "", page_size, true, {}};
    for (int pages = 0; pages < 1000; ++pages) {
      auto page = connector.read(*ctx, request);
      EXPECT_TRUE(page.ok()) << page.error().describe();
      if (!page.ok()) break;
      EXPECT_TRUE(page->errors.empty()) << page->errors.front().error.describe();
      EXPECT_LE(page->records.size() + page->removals.size() + page->errors.size(),
                static_cast<std::size_t>(page_size));
      for (auto& r : page->records) out.push_back(std::move(r));
      if (removals) removals->insert(removals->end(), page->removals.begin(), page->removals.end());
      if (!page->more) break;
      request.cursor = page->next_cursor;
    }
    return out;
  }

  template <typename T>
  T readBack(const std::string& id) {
    auto page = connector.read(*ctx, sdk::ReadRequest{T::kType, "", 100, false, {id}});
    EXPECT_TRUE(page.ok()) << page.error().describe();
    if (!page.ok() || page->records.empty()) {
      ADD_FAILURE() << "record " << id << " did not come back";
      return T{};
    }
    return std::get<T>(page->records.front());
  }

  std::string create(const Record& record, const std::string& key) {
    auto outcomes = connector.write(
        *ctx, sdk::WriteBatch{typeOf(record), {{sdk::WriteKind::create, record}}, key});
    EXPECT_TRUE(outcomes.ok()) << outcomes.error().describe();
    if (!outcomes.ok()) return {};
    const auto& outcome = outcomes.value().at(0);
    EXPECT_TRUE(outcome.ok()) << outcome.error->describe();
    return outcome.id;
  }

  std::string revenueAccount() {
    for (const auto& record : readAll(EntityType::account, 100)) {
      const auto& account = std::get<Account>(record);
      if (account.type == "revenue" || account.type == "sales") return account.meta.id;
    }
    ADD_FAILURE() << "the sandbox chart has no revenue account";
    return {};
  }
};

TEST_F(XeroSandboxTest, FullReadsPageThroughTheSeededDataWithoutErrors) {
  std::vector<sdk::Removal> removals;
  auto orgs = readAll(EntityType::organization, 7, &removals);
  EXPECT_GE(orgs.size(), 10u);
  std::set<std::string> ids;
  for (const auto& r : orgs) EXPECT_TRUE(ids.insert(metaOf(r).id).second) << metaOf(r).id;
  EXPECT_FALSE(removals.empty()) << "the demo seed has archived contacts";
  auto people = readAll(EntityType::person, 10);
  EXPECT_FALSE(people.empty());
  for (EntityType entity : {EntityType::item, EntityType::invoice, EntityType::account,
                            EntityType::tax_code, EntityType::payment, EntityType::journal,
                            EntityType::credit_note, EntityType::purchase_order}) {
    SCOPED_TRACE(std::string(toString(entity)));
    readAll(entity, 10);
  }
}

TEST_F(XeroSandboxTest, OrganizationRoundTripsThroughXero) {
  Organization org;
  org.name = "Round Trip Holdings";
  org.email = "ap@roundtrip.example";
  org.account_number = "RT-1";
  org.tax_number = "99-888-777";
  org.addresses = {Address{"postal", "PO Box 9", "Suite 4", "Auckland", "AKL", "1010", "NZ"},
                   Address{"street", "9 Queen St", "", "Auckland", "", "1010", "NZ"}};
  org.phones = {Phone{"work", "09 555 0101"}, Phone{"mobile", "021 555 0102"}};
  std::string id = create(org, "rt-org-1");
  ASSERT_FALSE(id.empty());
  Organization back = readBack<Organization>(id);
  org.meta = back.meta;
  EXPECT_EQ(back, org);
  EXPECT_TRUE(back.meta.updated_at.has_value());
}

TEST_F(XeroSandboxTest, InvoiceRoundTripsAndPaidInvoicesRefuseEdits) {
  Organization org;
  org.name = "Invoice Customer Ltd";
  std::string contact = create(org, "rt-inv-contact");
  Invoice invoice;
  invoice.organization.id = contact;
  invoice.number = "RT-INV-1";
  invoice.reference = "round trip";
  invoice.date = sdk::Date{2026, 1, 1};
  invoice.due_date = sdk::Date{2026, 1, 31};
  invoice.status = "authorised";
  invoice.line_amount_types = "no_tax";
  invoice.lines = {LineItem{"Consulting", *sdk::Decimal::parse("3"), *sdk::Decimal::parse("150.25"),
                            std::nullopt, {}, {}, Ref{revenueAccount()}, {}, {}}};
  std::string id = create(invoice, "rt-inv-1");
  ASSERT_FALSE(id.empty());
  Invoice back = readBack<Invoice>(id);
  EXPECT_EQ(back.organization, invoice.organization);
  EXPECT_EQ(back.number, invoice.number);
  EXPECT_EQ(back.reference, invoice.reference);
  EXPECT_EQ(back.date, invoice.date);
  EXPECT_EQ(back.due_date, invoice.due_date);
  EXPECT_EQ(back.status, "authorised");
  EXPECT_EQ(back.line_amount_types, "no_tax");
  ASSERT_EQ(back.lines.size(), 1u);
  EXPECT_EQ(back.lines[0].description, "Consulting");
  EXPECT_EQ(back.lines[0].quantity, invoice.lines[0].quantity);
  EXPECT_EQ(back.lines[0].unit_price, invoice.lines[0].unit_price);
  EXPECT_EQ(back.lines[0].account, invoice.lines[0].account);
  EXPECT_EQ(back.total, *sdk::Decimal::parse("450.75"));
  EXPECT_EQ(back.amount_due, *sdk::Decimal::parse("450.75"));

  // Pay it in full through a bank account, then try to edit it.
  std::string bank;
  for (const auto& record : readAll(EntityType::account, 100)) {
    const auto& account = std::get<Account>(record);
    if (account.type == "bank") bank = account.meta.id;
  }
  ASSERT_FALSE(bank.empty());
  Payment payment;
  payment.invoice.id = id;
  payment.bank_account.id = bank;
  payment.date = sdk::Date{2026, 1, 2};
  payment.amount = back.total;
  ASSERT_FALSE(create(payment, "rt-pay-1").empty());
  Invoice paid = readBack<Invoice>(id);
  EXPECT_EQ(paid.status, "paid");
  paid.reference = "edited after payment";
  auto outcomes = connector.write(
      *ctx, sdk::WriteBatch{EntityType::invoice, {{sdk::WriteKind::update, paid}}, "rt-inv-edit"});
  ASSERT_TRUE(outcomes.ok()) << outcomes.error().describe();
  ASSERT_FALSE(outcomes.value()[0].ok());
  EXPECT_THAT(outcomes.value()[0].error->message, HasSubstr("not of valid status"));
}

TEST_F(XeroSandboxTest, AnAccountKnownByItsCodeIsUpdatedThroughItsAccountId) {
  Account account;
  for (const auto& record : readAll(EntityType::account, 100)) {
    const auto& candidate = std::get<Account>(record);
    if (!candidate.code.empty() && candidate.type != "bank") account = candidate;
  }
  ASSERT_FALSE(account.code.empty()) << "the sandbox chart has no account with a code";
  ASSERT_EQ(account.meta.id, account.code);
  account.name = "Renamed by Accord";
  auto outcomes = connector.write(
      *ctx, sdk::WriteBatch{EntityType::account, {{sdk::WriteKind::update, account}}, "acct-1"});
  ASSERT_TRUE(outcomes.ok()) << outcomes.error().describe();
  ASSERT_TRUE(outcomes.value()[0].ok()) << outcomes.value()[0].error->describe();
  EXPECT_EQ(outcomes.value()[0].id, account.code);
  EXPECT_EQ(readBack<Account>(account.code).name, "Renamed by Accord");
}

TEST_F(XeroSandboxTest, ARemovedPaymentIsDeletedAndItsInvoiceOwesAgain) {
  std::string bank;
  for (const auto& record : readAll(EntityType::account, 100)) {
    if (std::get<Account>(record).type == "bank") bank = metaOf(record).id;
  }
  ASSERT_FALSE(bank.empty());
  std::vector<Record> orgs = readAll(EntityType::organization, 100);
  ASSERT_FALSE(orgs.empty());
  Invoice invoice;
  invoice.number = "RT-PAY-DEL";
  invoice.organization.id = metaOf(orgs.front()).id;
  invoice.status = "authorised";
  invoice.date = sdk::Date{2026, 1, 1};
  invoice.due_date = sdk::Date{2026, 2, 1};
  invoice.lines = {LineItem{"Thing", *sdk::Decimal::parse("1"), *sdk::Decimal::parse("100"),
                            std::nullopt, {}, {}, Ref{revenueAccount()}, {}, {}}};
  const std::string invoice_id = create(invoice, "rt-pay-del-inv");
  ASSERT_FALSE(invoice_id.empty());
  Payment payment;
  payment.invoice.id = invoice_id;
  payment.bank_account.id = bank;
  payment.date = sdk::Date{2026, 1, 2};
  payment.amount = *sdk::Decimal::parse("40");
  payment.meta.id = create(payment, "rt-pay-del-pay");
  ASSERT_FALSE(payment.meta.id.empty());
  EXPECT_EQ(readBack<Invoice>(invoice_id).amount_due, *sdk::Decimal::parse("60"));
  payment.amount = *sdk::Decimal::parse("50");
  auto outcomes = connector.write(
      *ctx, sdk::WriteBatch{EntityType::payment,
                            {{sdk::WriteKind::update, payment}, {sdk::WriteKind::remove, payment}},
                            "rt-pay-del"});
  ASSERT_TRUE(outcomes.ok()) << outcomes.error().describe();
  EXPECT_EQ(outcomes.value()[0].error->kind, sdk::ErrorKind::not_supported);
  EXPECT_TRUE(outcomes.value()[1].ok()) << outcomes.value()[1].error->describe();
  EXPECT_EQ(readBack<Invoice>(invoice_id).amount_due, *sdk::Decimal::parse("100"));
}

TEST_F(XeroSandboxTest, ARetriedBatchDoesNotCreateTwice) {
  Organization org;
  org.name = "Idempotent Imports";
  sdk::WriteBatch batch{EntityType::organization, {{sdk::WriteKind::create, org}}, "retry-key-1"};
  auto first = connector.write(*ctx, batch);
  auto second = connector.write(*ctx, batch);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first.value()[0].id, second.value()[0].id);
  int named = 0;
  for (const auto& record : readAll(EntityType::organization, 100)) {
    named += std::get<Organization>(record).name == "Idempotent Imports";
  }
  EXPECT_EQ(named, 1);
}

TEST_F(XeroSandboxTest, PeopleAreWrittenIntoTheirContactAndReadBack) {
  Organization org;
  org.name = "People Pty";
  std::string contact = create(org, "people-contact");
  std::vector<sdk::WriteOp> ops;
  for (int i = 0; i < 6; ++i) {
    Person person;
    person.first_name = "Person";
    person.last_name = std::to_string(i);
    person.email = "p" + std::to_string(i) + "@people.example";
    person.organization.id = contact;
    ops.push_back({sdk::WriteKind::create, person});
  }
  auto outcomes = connector.write(*ctx, sdk::WriteBatch{EntityType::person, ops, "people-1"});
  ASSERT_TRUE(outcomes.ok()) << outcomes.error().describe();
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(outcomes.value()[i].ok()) << i;
  ASSERT_FALSE(outcomes.value()[5].ok()) << "a sixth contact person must not vanish quietly";
  auto page = connector.read(*ctx, sdk::ReadRequest{EntityType::person, "", 100, false, {contact}});
  ASSERT_TRUE(page.ok()) << page.error().describe();
  ASSERT_EQ(page->records.size(), 5u);
  EXPECT_EQ(metaOf(page->records[0]).id, outcomes.value()[0].id);
  EXPECT_EQ(std::get<Person>(page->records[4]).email, "p4@people.example");
}

TEST_F(XeroSandboxTest, RefreshRotatesTheTokenAndASpentOneIsRefused) {
  auto fresh = connector.requestToken(
      *ctx, sdk::TokenGrant{sdk::TokenGrant::Kind::refresh_token, env.refresh_token, ""});
  ASSERT_TRUE(fresh.ok()) << fresh.error().describe();
  EXPECT_NE(fresh->refresh_token, env.refresh_token);
  EXPECT_FALSE(fresh->access_token.empty());
  auto again = connector.requestToken(
      *ctx, sdk::TokenGrant{sdk::TokenGrant::Kind::refresh_token, env.refresh_token, ""});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind, sdk::ErrorKind::invalid_config);
  env.secrets.set("access_token", fresh->access_token);
  auto tenants = connector.listTenants(*ctx);
  ASSERT_TRUE(tenants.ok()) << tenants.error().describe();
  bool found = false;
  for (const auto& t : tenants.value()) found = found || t.id == env.tenant_id;
  EXPECT_TRUE(found);
  EXPECT_FALSE(env.log.contains(env.refresh_token));
}

TEST_F(XeroSandboxTest, TheNextPassReturnsOnlyWhatChangedAndArchivalsAsRemovals) {
  Organization org;
  org.name = "Changes Later Ltd";
  std::string id = create(org, "incremental-1");
  Organization other;
  other.name = "Archived Later Ltd";
  std::string archived = create(other, "incremental-2");
  // One full pass, to the end.
  sdk::ReadRequest request{EntityType::organization, "", 50, false, {}};
  for (int pages = 0; pages < 100; ++pages) {
    auto page = connector.read(*ctx, request);
    ASSERT_TRUE(page.ok()) << page.error().describe();
    request.cursor = page->next_cursor;
    if (!page->more) break;
  }
  env.sandbox->manualClock()->advance(std::chrono::minutes(1));
  org = readBack<Organization>(id);
  org.email = "new@changes.example";
  other.meta.id = archived;
  auto outcomes = connector.write(
      *ctx, sdk::WriteBatch{EntityType::organization,
                            {{sdk::WriteKind::update, org}, {sdk::WriteKind::archive, other}},
                            "incremental-3"});
  ASSERT_TRUE(outcomes.ok()) << outcomes.error().describe();
  ASSERT_TRUE(outcomes.value()[0].ok() && outcomes.value()[1].ok());

  auto next = connector.read(*ctx, request);
  ASSERT_TRUE(next.ok()) << next.error().describe();
  ASSERT_EQ(next->records.size(), 1u);
  EXPECT_EQ(std::get<Organization>(next->records[0]).email, "new@changes.example");
  ASSERT_EQ(next->removals.size(), 1u);
  EXPECT_EQ(next->removals[0].id, archived);
  EXPECT_EQ(next->removals[0].status, RecordStatus::archived);
  EXPECT_FALSE(next->more);
}

TEST_F(XeroSandboxTest, AnExpiredTokenIsAuthExpired) {
  env.sandbox->manualClock()->advance(std::chrono::minutes(31));
  auto page = connector.read(*ctx, sdk::ReadRequest{EntityType::organization, "", 10, false, {}});
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().kind, sdk::ErrorKind::auth_expired);
}

}  // namespace
}  // namespace accord::plugins::xero
