// The matcher in the sync engine's pull (hub/sync/pull.cpp): a record with no link is linked to
// the one record every key agrees with, held for review on a conflict or a tie, and new
// otherwise; scenarios shaped like the sandboxes' seeded duplicates.
#include <gtest/gtest.h>

#include "accord/sdk/model/codec.h"
#include "matching_fixture.h"

namespace accord::matching::testing {
namespace {

using store::EntityDirection;

class PullMatchingTest : public MatchingTest {
 protected:
  // The ledger takes organizations in but sends none out, so a pull-side outcome is all a
  // test sees (a held record's candidate would otherwise be created in it; see the report).
  FakeApp& ledger(std::vector<EntityType> entities = {EntityType::organization}) {
    return addApp("xero", sync::testing::fakeManifest("xero", entities),
                  {{"organization", EntityDirection{true, false}}});
  }
};

TEST_F(PullMatchingTest, SeededNearDuplicatesLinkOnlyWhenEveryKeyAgrees) {
  FakeApp& crm = addApp("vtiger", sync::testing::fakeManifest("vtiger", {EntityType::organization}));
  const auto crm_acme = crm.put(company("ACME Limited", "accounts@acme.example"));
  const auto crm_bluebird = crm.put(company("Bluebird Bakery", "hello@bluebird-bakery.example"));
  crm.put(company("Juniper Dental", "frontdesk@juniperdental.example"));
  const auto crm_summit = crm.put(company("Summit Software", "ar@summitsoft.example"));
  FakeApp& books = ledger();
  const auto acme = books.put(company("Acme Ltd", "accounts@acme.example"));
  const auto bluebird = books.put(company("Bluebird Bakery", "orders@bluebirdbakery.example"));
  const auto summit = books.put(company("Summit Software Ltd", "AR@summitsoft.example"));
  const auto delta = books.put(company("Delta Freight Co", "billing@deltafreight.example"));
  tick();
  sync::RunReport report = sync();
  EXPECT_EQ(report.status, store::RunStatus::succeeded);

  // Full matches: one canonical record, linked in both apps.
  EXPECT_EQ(canonicalOf("xero", EntityType::organization, acme),
            canonicalOf("vtiger", EntityType::organization, crm_acme));
  EXPECT_EQ(canonicalOf("xero", EntityType::organization, summit),
            canonicalOf("vtiger", EntityType::organization, crm_summit));
  // No match: a new record. Conflict: held, nothing stored for it.
  EXPECT_FALSE(canonicalOf("xero", EntityType::organization, delta).empty());
  EXPECT_EQ(canonicalOf("xero", EntityType::organization, bluebird), "");
  EXPECT_EQ(live(EntityType::organization).size(), 5u);  // Acme, Bluebird, Juniper, Summit, Delta

  auto issues = openIssues();
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].external_id, bluebird);
  EXPECT_EQ(issues[0].connection_id, connectionId("xero"));
  EXPECT_EQ(issues[0].reason, "name agrees, email differs");
  ASSERT_EQ(issues[0].candidates.size(), 1u);
  EXPECT_EQ(issues[0].candidates[0].record_id,
            canonicalOf("vtiger", EntityType::organization, crm_bluebird));
  EXPECT_EQ(issues[0].candidates[0].reasons, "name agrees; email differs");
  // The held record is kept whole in the issue, so nothing the app sent is lost.
  auto held = model::fromJson(issues[0].incoming_json);
  ASSERT_TRUE(held) << held.error().message;
  EXPECT_EQ(std::get<model::Organization>(held.value()).email, "orders@bluebirdbakery.example");
}

TEST_F(PullMatchingTest, AMatchIsMergedFieldByField) {
  FakeApp& crm = addApp("vtiger", sync::testing::fakeManifest("vtiger", {EntityType::organization}));
  auto crm_org = company("ACME Limited", "accounts@acme.example");
  crm_org.website = "acme.example";
  const auto crm_acme = crm.put(crm_org);
  tick();
  FakeApp& books = ledger();
  auto books_org = company("Acme Ltd", "accounts@acme.example", "CUST-0001");
  const auto acme = books.put(books_org);
  tick();
  sync();
  const std::string id = canonicalOf("vtiger", EntityType::organization, crm_acme);
  ASSERT_EQ(canonicalOf("xero", EntityType::organization, acme), id);
  auto merged = live(EntityType::organization);
  ASSERT_EQ(merged.size(), 1u);
  const auto& org = std::get<model::Organization>(merged[0]);
  EXPECT_EQ(org.account_number, "CUST-0001");  // only the ledger had it
  EXPECT_EQ(org.website, "acme.example");      // only the CRM had it
  EXPECT_EQ(org.name, "Acme Ltd");             // both had it: the newer change wins
}

TEST_F(PullMatchingTest, TwoCandidatesThatBothAgreeAreATieForReview) {
  FakeApp& crm = addApp("vtiger", sync::testing::fakeManifest("vtiger", {EntityType::organization}));
  crm.put(company("Northwind Traders", ""));
  crm.put(company("Northwind Traders Ltd", ""));
  FakeApp& books = ledger();
  const auto northwind = books.put(company("Northwind Traders", "ap@northwind.example"));
  tick();
  sync();
  EXPECT_EQ(canonicalOf("xero", EntityType::organization, northwind), "");
  auto issues = openIssues();
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].candidates.size(), 2u);
  EXPECT_EQ(issues[0].reason, "2 records match on every key (name): a tie");
}

TEST_F(PullMatchingTest, RecordsOfTheSameConnectionAreNeverItsCandidates) {
  FakeApp& crm = addApp("vtiger", sync::testing::fakeManifest("vtiger", {EntityType::organization}));
  crm.put(company("Acme Ltd", "accounts@acme.example"));
  crm.put(company("ACME Limited", "accounts@acme.example"));  // the app's own duplicate
  sync();
  tick();
  crm.put(company("Acme", "accounts@acme.example"));  // a third, in a later run
  sync();
  EXPECT_EQ(live(EntityType::organization).size(), 3u);
  EXPECT_TRUE(openIssues().empty());
}

TEST_F(PullMatchingTest, AHeldRecordIsRefreshedThenResolvesItselfWhenItMatches) {
  FakeApp& crm = addApp("vtiger", sync::testing::fakeManifest("vtiger", {EntityType::organization}));
  const auto crm_bluebird = crm.put(company("Bluebird Bakery", "hello@bluebird-bakery.example"));
  FakeApp& books = ledger();
  auto record = company("Bluebird Bakery", "orders@bluebirdbakery.example");
  const auto bluebird = books.put(record);
  tick();
  sync();
  ASSERT_EQ(openIssues().size(), 1u);
  const auto issue_id = openIssues()[0].id;

  tick();
  record.phones.push_back({"work", "+1 503 555 0001"});
  record.meta.id = bluebird;
  books.put(record);  // changed, still conflicting: the same issue, with the new version
  sync();
  auto issues = openIssues();
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].id, issue_id);
  EXPECT_NE(issues[0].incoming_json.find("+1 503 555 0001"), std::string::npos);

  tick();
  record.email = "hello@bluebird-bakery.example";  // fixed in the ledger: now every key agrees
  books.put(record);
  sync();
  EXPECT_TRUE(openIssues().empty());
  EXPECT_EQ(canonicalOf("xero", EntityType::organization, bluebird),
            canonicalOf("vtiger", EntityType::organization, crm_bluebird));
  auto resolved = store_->matchIssues().get(issue_id);
  ASSERT_TRUE(resolved);
  EXPECT_EQ(resolved->decision.value_or(""), "link");
  EXPECT_EQ(resolved->decided_by.value_or(""), std::string(kMatcherAuthor));
  auto log = tables().decisions(org_);
  ASSERT_TRUE(log);
  ASSERT_EQ(log->size(), 1u);
  EXPECT_EQ(log->front().action, "auto_link");
}

TEST_F(PullMatchingTest, PeopleFromAContactMatchThroughTheirPlaceholders) {
  // Xero's shape: a contact names its people, which are read after it; the hub makes empty
  // placeholders for them when the contact arrives, and matches them when they do.
  const std::vector<EntityType> both{EntityType::organization, EntityType::person};
  FakeApp& crm = addApp("vtiger", sync::testing::fakeManifest("vtiger", both));
  const auto crm_acme = crm.put(company("ACME Limited", "accounts@acme.example"));
  const auto crm_ava = crm.put(contact("Ava", "Chen", "ava.chen@acme.example", crm_acme));
  FakeApp& books = addApp("xero", sync::testing::fakeManifest("xero", both));
  auto org = company("Acme Ltd", "accounts@acme.example");
  const auto acme = books.put(org);
  const auto ava = books.put(contact("Ava", "Chen", "Ava.Chen@acme.example", acme));
  const auto ben = books.put(contact("Ben", "Brooks", "ben@acme.example", acme));
  org.people = {model::Ref{ava}, model::Ref{ben}};
  org.meta.id = acme;
  books.put(org);
  tick();
  sync();

  const std::string ava_id = canonicalOf("vtiger", EntityType::person, crm_ava);
  EXPECT_EQ(canonicalOf("xero", EntityType::person, ava), ava_id);
  const std::string ben_id = canonicalOf("xero", EntityType::person, ben);
  ASSERT_FALSE(ben_id.empty());
  EXPECT_EQ(live(EntityType::person).size(), 2u);
  // The contact's people point at the matched record, not at the placeholder that stood in.
  auto acme_record = store_->records().get(canonicalOf("vtiger", EntityType::organization, crm_acme));
  ASSERT_TRUE(acme_record);
  EXPECT_NE(acme_record->body.find(ava_id), std::string::npos);
  EXPECT_NE(acme_record->body.find(ben_id), std::string::npos);
  // Nothing empty was created anywhere: the CRM received Ben only.
  EXPECT_EQ(crm.all(EntityType::person).size(), 2u);
  EXPECT_EQ(books.all(EntityType::person).size(), 2u);
}

TEST_F(PullMatchingTest, ItemsByCodeAndInvoicesByNumberAndContact) {
  const std::vector<EntityType> kinds{EntityType::organization, EntityType::item,
                                      EntityType::invoice};
  FakeApp& crm = addApp("vtiger", sync::testing::fakeManifest("vtiger", kinds));
  const auto crm_acme = crm.put(company("ACME Limited", "accounts@acme.example"));
  model::Item widget;
  widget.code = "WIDGET-S";
  widget.name = "Widget, small";
  const auto crm_widget = crm.put(widget);
  model::Invoice invoice;
  invoice.number = "INV-0001";
  invoice.organization.id = crm_acme;
  const auto crm_invoice = crm.put(invoice);
  FakeApp& books = addApp("xero", sync::testing::fakeManifest("xero", kinds));
  const auto acme = books.put(company("Acme Ltd", "accounts@acme.example"));
  widget.code = "widget-s";
  const auto books_widget = books.put(widget);
  invoice.organization.id = acme;
  invoice.number = "inv-0001";
  const auto books_invoice = books.put(invoice);
  tick();
  sync();
  EXPECT_EQ(canonicalOf("xero", EntityType::item, books_widget),
            canonicalOf("vtiger", EntityType::item, crm_widget));
  EXPECT_EQ(canonicalOf("xero", EntityType::invoice, books_invoice),
            canonicalOf("vtiger", EntityType::invoice, crm_invoice));
  EXPECT_EQ(live(EntityType::invoice).size(), 1u);
}

TEST_F(PullMatchingTest, AnOrganisationCanTurnMatchingOff) {
  ASSERT_TRUE(tables().setSetting(org_, "organization.keys", "none", "ann"));
  FakeApp& crm = addApp("vtiger", sync::testing::fakeManifest("vtiger", {EntityType::organization}));
  crm.put(company("ACME Limited", "accounts@acme.example"));
  FakeApp& books = ledger();
  books.put(company("Acme Ltd", "accounts@acme.example"));
  tick();
  sync();
  EXPECT_EQ(live(EntityType::organization).size(), 2u);
}

TEST_F(PullMatchingTest, AnOrganisationsKeysDecide) {
  ASSERT_TRUE(tables().setSetting(org_, "organization.keys", "email", "ann"));
  FakeApp& crm = addApp("vtiger", sync::testing::fakeManifest("vtiger", {EntityType::organization}));
  const auto crm_acme = crm.put(company("Acme Holdings", "accounts@acme.example"));
  FakeApp& books = ledger();
  const auto acme = books.put(company("Acme Ltd", "accounts@acme.example"));
  tick();
  sync();
  EXPECT_EQ(canonicalOf("xero", EntityType::organization, acme),
            canonicalOf("vtiger", EntityType::organization, crm_acme));
}

}  // namespace
}  // namespace accord::matching::testing
