// The connector against the vTiger sandbox, in process on 127.0.0.1 port 0, through the hub's
// real HTTP client: login, paging, round trips of every entity, sync, sessions and limits.
#include <gtest/gtest.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <memory>
#include <set>

#include "accord/sdk/testing/fake_clock.h"
#include "accord/sdk/testing/map_secrets.h"
#include "accord/sdk/testing/recording_logger.h"
#include "config.h"
#include "connector.h"
#include "net/auth_retry.h"
#include "net/host_context.h"
#include "net/http_client.h"
#include "sandbox/common/clock.h"
#include "sandbox/common/seed.h"
#include "sandbox/common/server.h"
#include "sandbox/vtiger/vtiger_app.h"

namespace accord::plugins::vtiger {
namespace {

namespace model = sdk::model;
using model::EntityType;
using sdk::ErrorKind;

class VtigerSandboxTest : public ::testing::Test {
 protected:
  explicit VtigerSandboxTest(std::string edition = "unlimited")
      : app_(sandbox_clock_, options(std::move(edition))),
        sdk_clock_(sandbox_clock_.now()) {
    app_.seed(sandbox::generateSeed({}));
    server_ = std::make_unique<sandbox::Server>(app_);
    server_->start();
    secrets_.set("access_key", app_.accessKey());
    ctx_ = std::make_unique<net::BasicHostContext>(
        http_, sdk_clock_, logger_, secrets_,
        sdk::Config({{kUrlKey, sdk::ConfigValue(server_->baseUrl())},
                     {kUsernameKey, sdk::ConfigValue(app_.userName())},
                     {kEditionKey, sdk::ConfigValue(std::string("unlimited"))}}));
  }

  static sandbox::vtiger::VtigerOptions options(std::string edition) {
    sandbox::vtiger::VtigerOptions o;
    o.edition = std::move(edition);
    return o;
  }

  void logIn() {
    auto session = connector_.login(*ctx_);
    ASSERT_TRUE(session.ok()) << session.error().describe();
    secrets_.set("session_id", session->id);
  }

  void SetUp() override { logIn(); }

  // Every page from the cursor until the app has no more.
  sdk::Page readAll(EntityType entity, bool full, int page_size, std::string* cursor = nullptr) {
    sdk::Page all;
    sdk::ReadRequest request{entity, cursor ? *cursor : "", page_size, full, {}};
    for (int pages = 0; pages < 100; ++pages) {
      auto page = connector_.read(*ctx_, request);
      EXPECT_TRUE(page.ok()) << page.error().describe();
      if (!page.ok()) break;
      EXPECT_LE(page->records.size() + page->removals.size() + page->errors.size(),
                static_cast<std::size_t>(page_size));
      for (auto& r : page->records) all.records.push_back(std::move(r));
      for (auto& r : page->removals) all.removals.push_back(r);
      for (auto& e : page->errors) all.errors.push_back(e);
      request.cursor = page->next_cursor;
      if (!page->more) break;
    }
    if (cursor) *cursor = request.cursor;
    return all;
  }

  std::string write(sdk::WriteKind kind, const model::Record& record) {
    auto outcomes = connector_.write(
        *ctx_, sdk::WriteBatch{model::typeOf(record), {{kind, record}}, "key"});
    EXPECT_TRUE(outcomes.ok()) << outcomes.error().describe();
    if (!outcomes.ok()) return "";
    EXPECT_TRUE(outcomes->at(0).ok()) << outcomes->at(0).error->describe();
    EXPECT_TRUE(outcomes->at(0).warnings.empty()) << outcomes->at(0).warnings.front();
    return outcomes->at(0).id;
  }

  template <typename T>
  T readBack(const std::string& id) {
    auto page = connector_.read(*ctx_, sdk::ReadRequest{T::kType, "", 10, false, {id}});
    EXPECT_TRUE(page.ok()) << page.error().describe();
    if (!page.ok() || page->records.size() != 1) {
      ADD_FAILURE() << "record " << id << " did not come back";
      return T{};
    }
    return std::get<T>(page->records.front());
  }

  std::string firstId(const std::string& module) {
    auto rows = app_.state().query("SELECT id FROM " + module + " LIMIT 1;");
    EXPECT_TRUE(rows.ok());
    Poco::JSON::Parser parser;
    auto array = parser.parse(rows.value()).extract<Poco::JSON::Array::Ptr>();
    return array->getObject(0)->getValue<std::string>("id");
  }

  sandbox::ManualClock sandbox_clock_;
  sandbox::vtiger::VtigerApp app_;
  std::unique_ptr<sandbox::Server> server_;
  net::PocoHttpClient http_;
  sdk::testing::FakeClock sdk_clock_;
  sdk::testing::RecordingLogger logger_;
  sdk::testing::MapSecrets secrets_;
  std::unique_ptr<net::BasicHostContext> ctx_;
  VtigerConnector connector_;
};

TEST_F(VtigerSandboxTest, FullReadPagesThroughEverySeededAccountOnce) {
  sdk::Page all = readAll(EntityType::organization, true, 7);
  EXPECT_TRUE(all.errors.empty()) << all.errors.front().error.describe();
  std::set<std::string> ids;
  for (const auto& r : all.records) EXPECT_TRUE(ids.insert(model::metaOf(r).id).second);
  auto count = app_.state().query("SELECT count(*) FROM Accounts;");
  ASSERT_TRUE(count.ok());
  EXPECT_NE(count.value().find("\"" + std::to_string(ids.size()) + "\""), std::string::npos)
      << count.value();
  EXPECT_GT(ids.size(), 7u);
}

TEST_F(VtigerSandboxTest, IncrementalReadGivesEveryEntityWithoutErrorsAndTheDeletions) {
  for (EntityType e : {EntityType::organization, EntityType::person, EntityType::item,
                       EntityType::invoice, EntityType::purchase_order}) {
    sdk::Page all = readAll(e, false, 50);
    EXPECT_FALSE(all.records.empty()) << model::toString(e);
    EXPECT_TRUE(all.errors.empty()) << all.errors.front().error.describe();
    if (e == EntityType::organization) EXPECT_FALSE(all.removals.empty());
  }
}

TEST_F(VtigerSandboxTest, OrganizationAndPersonRoundTrip) {
  model::Organization org;
  org.name = "Roundtrip Holdings";
  org.email = "ap@roundtrip.example";
  org.website = "roundtrip.example";
  org.is_customer = true;
  org.addresses = {{"billing", "1 Loop Rd", "Suite 5", "Leeds", "West Yorkshire", "LS1 1AA", "GB"},
                   {"shipping", "2 Depot Way", "", "York", "", "YO1 7HH", "GB"}};
  org.phones = {{"work", "+44 113 496 0000"}, {"fax", "+44 113 496 0001"}};
  std::string org_id = write(sdk::WriteKind::create, org);
  ASSERT_FALSE(org_id.empty());
  model::Organization back = readBack<model::Organization>(org_id);
  EXPECT_EQ(back.meta.id, org_id);
  back.meta = org.meta;
  EXPECT_EQ(back, org);

  model::Person person;
  person.first_name = "Grace";
  person.last_name = "Hopper";
  person.email = "grace@roundtrip.example";
  person.title = "Rear Admiral";
  person.organization = {org_id};
  person.phones = {{"mobile", "+44 7700 900001"}};
  person.addresses = {{"postal", "3 Navy St", "", "Hull", "", "HU1 1AA", "GB"}};
  std::string person_id = write(sdk::WriteKind::create, person);
  model::Person person_back = readBack<model::Person>(person_id);
  person_back.meta = person.meta;
  EXPECT_EQ(person_back, person);
}

TEST_F(VtigerSandboxTest, ProductRoundTripKeepsSeveralTaxes) {
  model::Item item;
  item.code = "RT-1";
  item.name = "Round trip widget";
  item.description = "Sold by the dozen";
  item.sale_price = sdk::Decimal(1250, 2);
  item.purchase_price = sdk::Decimal(600, 2);
  item.quantity_on_hand = sdk::Decimal(40, 0);
  item.taxes = {{"tax1"}, {"tax3"}};
  std::string id = write(sdk::WriteKind::create, item);
  model::Item back = readBack<model::Item>(id);
  back.meta = item.meta;
  EXPECT_EQ(back, item);

  item.meta.id = id;
  item.taxes = {{"tax2"}};  // a revise replaces the set of taxes
  write(sdk::WriteKind::update, item);
  EXPECT_EQ(readBack<model::Item>(id).taxes, (std::vector<model::Ref>{{"tax2"}}));
}

TEST_F(VtigerSandboxTest, InvoiceRoundTripWithLines) {
  model::Item product;
  product.name = "Line product";
  product.sale_price = sdk::Decimal(10, 0);
  std::string product_id = write(sdk::WriteKind::create, product);
  model::Invoice invoice;
  invoice.number = "RT-INV-1";
  invoice.reference = "Customer PO 7";
  invoice.organization = {firstId("Accounts")};
  invoice.date = sdk::Date{2026, 1, 2};
  invoice.due_date = sdk::Date{2026, 2, 1};
  invoice.status = "authorised";
  model::LineItem line;
  line.item = {product_id};
  line.description = "Ten of them";
  line.quantity = sdk::Decimal(10, 0);
  line.unit_price = sdk::Decimal(10, 0);
  line.tax_code = {"tax2"};
  invoice.lines = {line};
  std::string invoice_id = write(sdk::WriteKind::create, invoice);
  auto back = readBack<model::Invoice>(invoice_id);
  EXPECT_EQ(back.number, invoice.number);
  EXPECT_EQ(back.reference, invoice.reference);
  EXPECT_EQ(back.organization, invoice.organization);
  EXPECT_EQ(back.date, invoice.date);
  EXPECT_EQ(back.status, invoice.status);
  ASSERT_EQ(back.lines.size(), 1u);
  EXPECT_EQ(back.lines[0].item, line.item);
  EXPECT_EQ(back.lines[0].quantity, line.quantity);
  EXPECT_EQ(back.lines[0].unit_price, line.unit_price);
  EXPECT_EQ(back.lines[0].tax_code, line.tax_code);
  EXPECT_EQ(back.lines[0].description, line.description);
  EXPECT_EQ(back.sub_total.toString(), "110");  // 100 net + 10% tax on the line
  EXPECT_EQ(back.total_tax.toString(), "10");
  EXPECT_EQ(back.total.toString(), "110");
}

// Suppliers are organizations (Accounts) in the model and Vendors on vtiger's purchase orders.
TEST_F(VtigerSandboxTest, PurchaseOrderForAnAccountGoesToItsVendorAndReadsBackAsTheAccount) {
  model::Organization supplier;
  supplier.name = "O'Neill & Sons";  // a quote in a VTQL literal must be escaped
  supplier.addresses = {{"billing", "4 Mill Lane", "", "Bradford", "", "BD1 1AA", "GB"}};
  std::string account_id = write(sdk::WriteKind::create, supplier);
  model::Item product;
  product.name = "Raw material";
  std::string product_id = write(sdk::WriteKind::create, product);

  model::PurchaseOrder order;
  order.number = "RT-PO-1";
  order.reference = "REQ-9";
  order.organization = {account_id};
  order.status = "authorised";
  order.delivery_date = sdk::Date{2026, 3, 1};
  order.delivery_address = {"", "9 Warehouse Rd", "", "Leeds", "", "LS2 2BB", "GB"};
  model::LineItem line;
  line.item = {product_id};
  line.quantity = sdk::Decimal(10, 0);
  line.unit_price = sdk::Decimal(10, 0);
  order.lines = {line};
  auto first = connector_.write(
      *ctx_, sdk::WriteBatch{EntityType::purchase_order, {{sdk::WriteKind::create, order}}, "k"});
  ASSERT_TRUE(first.ok()) << first.error().describe();
  ASSERT_TRUE(first->at(0).ok()) << first->at(0).error->describe();
  ASSERT_EQ(first->at(0).warnings.size(), 1u);
  EXPECT_NE(first->at(0).warnings[0].find("created vtiger Vendor"), std::string::npos);

  auto back = readBack<model::PurchaseOrder>(first->at(0).id);
  EXPECT_EQ(back.organization.id, account_id);
  EXPECT_EQ(back.number, order.number);
  EXPECT_EQ(back.reference, order.reference);
  EXPECT_EQ(back.status, order.status);
  EXPECT_EQ(back.delivery_date, order.delivery_date);
  EXPECT_EQ(back.delivery_address, order.delivery_address);
  ASSERT_EQ(back.lines.size(), 1u);
  EXPECT_EQ(back.lines[0].item, line.item);
  EXPECT_EQ(back.total.toString(), "100");

  order.number = "RT-PO-2";  // the same supplier again: its Vendor is found, not made twice
  std::string second = write(sdk::WriteKind::create, order);
  EXPECT_EQ(readBack<model::PurchaseOrder>(second).organization.id, account_id);
}

TEST_F(VtigerSandboxTest, SyncSeesRevisionsAndDeletions) {
  std::string cursor;
  readAll(EntityType::organization, false, 100, &cursor);
  sandbox_clock_.advance(std::chrono::seconds(5));

  model::Organization org;
  org.name = "Short lived";
  std::string id = write(sdk::WriteKind::create, org);
  sdk::Page created = readAll(EntityType::organization, false, 100, &cursor);
  ASSERT_EQ(created.records.size(), 1u);
  EXPECT_EQ(model::metaOf(created.records[0]).id, id);

  sandbox_clock_.advance(std::chrono::seconds(5));
  org.meta.id = id;
  org.name = "Renamed";
  write(sdk::WriteKind::update, org);
  sdk::Page revised = readAll(EntityType::organization, false, 100, &cursor);
  ASSERT_EQ(revised.records.size(), 1u);
  EXPECT_EQ(std::get<model::Organization>(revised.records[0]).name, "Renamed");

  sandbox_clock_.advance(std::chrono::seconds(5));
  write(sdk::WriteKind::remove, org);
  sdk::Page removed = readAll(EntityType::organization, false, 100, &cursor);
  ASSERT_EQ(removed.removals.size(), 1u);
  EXPECT_EQ(removed.removals[0].id, id);
}

TEST_F(VtigerSandboxTest, UpdatesReviseOnlyWhatTheModelCarries) {
  model::Organization org;
  org.name = "Partial Ltd";
  std::string id = write(sdk::WriteKind::create, org);
  // An admin fills in a field the model does not carry, straight in vtiger.
  Poco::JSON::Object element;
  element.set("id", id);
  element.set("description", "met at the trade fair");
  ASSERT_TRUE(app_.state().revise(element).ok());

  org.meta.id = id;
  org.email = "new@partial.example";
  write(sdk::WriteKind::update, org);
  model::Organization back = readBack<model::Organization>(id);
  EXPECT_EQ(back.email, "new@partial.example");
  EXPECT_NE(back.meta.remote_data.find("met at the trade fair"), std::string::npos);
}

TEST_F(VtigerSandboxTest, InvoiceUpdateReplacesLinesAndStatus) {
  model::Invoice invoice;
  invoice.number = "UPD-1";
  invoice.organization = {firstId("Accounts")};
  model::LineItem line;
  line.item = {firstId("Products")};
  line.quantity = sdk::Decimal(1, 0);
  line.unit_price = sdk::Decimal(20, 0);
  invoice.lines = {line};
  std::string id = write(sdk::WriteKind::create, invoice);

  model::Invoice changed = readBack<model::Invoice>(id);
  changed.status = "paid";
  changed.lines[0].quantity = sdk::Decimal(3, 0);
  changed.lines.push_back(line);
  write(sdk::WriteKind::update, changed);
  model::Invoice back = readBack<model::Invoice>(id);
  EXPECT_EQ(back.status, "paid");
  ASSERT_EQ(back.lines.size(), 2u);
  EXPECT_EQ(back.lines[0].quantity, sdk::Decimal(3, 0));
  // The seeded product carries taxes, yet lines without a tax_code stay untaxed.
  EXPECT_TRUE(back.lines[1].tax_code.empty());
  EXPECT_EQ(back.sub_total.toString(), "80");
}

TEST_F(VtigerSandboxTest, AnIdleSessionAsksForALoginAndANewOneWorks) {
  sandbox_clock_.advance(std::chrono::minutes(31));  // vtiger's idle timeout is 30 minutes
  auto expired = connector_.read(*ctx_, sdk::ReadRequest{EntityType::item, "", 10, true, {}});
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().kind, ErrorKind::auth_expired);
  logIn();
  auto again = connector_.read(*ctx_, sdk::ReadRequest{EntityType::item, "", 10, true, {}});
  EXPECT_TRUE(again.ok()) << again.error().describe();
  EXPECT_FALSE(logger_.contains(app_.accessKey()));
}

// The hub's session handling with this plugin: an idle session's INVALID_SESSIONID becomes
// one login and one repeat of the call, unseen by the caller.
TEST_F(VtigerSandboxTest, TheHubLogsInAgainAndRepeatsTheCallOnce) {
  int logins = 0;
  net::SessionManager sessions(sdk::Session{}, sdk_clock_, [&] {
    ++logins;
    return connector_.login(*ctx_);
  });
  auto readItems = [&] {
    return net::callWithSession<sdk::Page>(sessions, [&](const std::string& session_id) {
      secrets_.set("session_id", session_id);
      return connector_.read(*ctx_, sdk::ReadRequest{EntityType::item, "", 10, true, {}});
    });
  };
  ASSERT_TRUE(readItems().ok());
  EXPECT_EQ(logins, 1);
  sandbox_clock_.advance(std::chrono::minutes(31));
  auto page = readItems();
  EXPECT_TRUE(page.ok()) << page.error().describe();
  EXPECT_EQ(logins, 2);
}

TEST_F(VtigerSandboxTest, ARecordVtigerRefusesIsReportedOnThatRecord) {
  model::Invoice invoice;  // no organization: vtiger's account_id is mandatory
  invoice.number = "NO-CUSTOMER";
  auto outcomes = connector_.write(
      *ctx_, sdk::WriteBatch{EntityType::invoice, {{sdk::WriteKind::create, invoice}}, "k"});
  ASSERT_TRUE(outcomes.ok()) << outcomes.error().describe();
  ASSERT_FALSE(outcomes->at(0).ok());
  EXPECT_EQ(outcomes->at(0).error->kind, ErrorKind::permanent);
  EXPECT_NE(outcomes->at(0).error->message.find("MANDATORY_FIELDS_MISSING"), std::string::npos)
      << outcomes->at(0).error->message;
}

class VtigerSandboxLimitsTest : public VtigerSandboxTest {
 protected:
  VtigerSandboxLimitsTest() : VtigerSandboxTest("Standard") {}
};

TEST_F(VtigerSandboxLimitsTest, OverTheEditionsLimitIsRateLimitedWithRetryAfter) {
  std::optional<sdk::Error> limited;
  for (int i = 0; i < 40 && !limited; ++i) {
    auto page = connector_.read(*ctx_, sdk::ReadRequest{EntityType::organization, "", 1, true, {}});
    if (!page.ok()) limited = page.error();
  }
  ASSERT_TRUE(limited.has_value()) << "30 calls a minute were never enforced";
  EXPECT_EQ(limited->kind, ErrorKind::rate_limited) << limited->describe();
  ASSERT_TRUE(limited->retry_after.has_value());
  EXPECT_GT(limited->retry_after->count(), 0);
}

}  // namespace
}  // namespace accord::plugins::vtiger
