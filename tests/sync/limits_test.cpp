// The target's manifest before every push: caps, read-only fields, immutable statuses and
// required fields, each visible as a warning or an error on the record.
#include <gtest/gtest.h>

#include "accord/sdk/manifest_builders.h"
#include "sync_fixture.h"

namespace accord::sync::testing {
namespace {

using model::EntityType;

sdk::FieldRule rule(std::string field) {
  sdk::FieldRule r;
  r.field = std::move(field);
  return r;
}

sdk::EntityCapability& entityOf(sdk::Manifest& manifest, EntityType type) {
  for (auto& capability : manifest.entities) {
    if (capability.entity == type) return capability;
  }
  throw std::logic_error("no such entity in the test manifest");
}

class LimitsTest : public SyncTest {
 protected:
  std::string onlyId(EntityType type) {
    auto records = canonical(type);
    EXPECT_EQ(records.size(), 1u);
    return records.empty() ? "" : model::metaOf(records[0]).id;
  }
};

TEST_F(LimitsTest, SevenPeoplePushFirstFiveWithWarning) {
  const std::vector<EntityType> entities = {EntityType::organization, EntityType::person};
  FakeApp& crm = addApp("crm", fakeManifest("crm", entities));
  sdk::Manifest xero = fakeManifest("xero", entities);
  auto cap = rule("people");
  cap.max_items = 5;
  entityOf(xero, EntityType::organization).field_rules.push_back(cap);
  FakeApp& books = addApp("xero", xero);
  const std::string org = crm.put(organization("Seven Pty"));
  model::Organization seven = organization("Seven Pty");
  seven.meta.id = org;
  for (int i = 1; i <= 7; ++i) {
    seven.people.push_back(model::Ref{crm.put(person("P" + std::to_string(i), "Seven", org))});
  }
  crm.put(seven);
  RunReport report = sync();
  EXPECT_EQ(report.status, store::RunStatus::succeeded);
  const std::string id = onlyId(EntityType::organization);
  auto in_xero = std::get<model::Organization>(
      *books.get(EntityType::organization, externalId("xero", id)));
  ASSERT_EQ(in_xero.people.size(), 5u);
  for (int i = 0; i < 5; ++i) {  // the first five, primary first, in their order
    auto p = std::get<model::Person>(*books.get(EntityType::person, in_xero.people[i].id));
    EXPECT_EQ(p.first_name, "P" + std::to_string(i + 1));
  }
  EXPECT_EQ(books.all(EntityType::person).size(), 7u);  // the people themselves all arrive
  auto warning = link("xero", id).last_warning.value_or("");
  EXPECT_NE(warning.find("people: "), std::string::npos) << warning;
  EXPECT_NE(warning.find("2 not"), std::string::npos) << warning;
  // Reading xero's five back is not a change: crm keeps all seven.
  tick();
  sync();
  EXPECT_EQ(std::get<model::Organization>(canonical(EntityType::organization)[0]).people.size(), 7u);
}

TEST_F(LimitsTest, SeveralTaxesPushFirst) {
  const std::vector<EntityType> entities = {EntityType::tax_code, EntityType::item};
  FakeApp& crm = addApp("crm", fakeManifest("crm", entities));
  sdk::Manifest xero = fakeManifest("xero", entities);
  auto one = rule("taxes");
  one.max_items = 1;
  entityOf(xero, EntityType::item).field_rules.push_back(one);
  FakeApp& books = addApp("xero", xero);
  model::Item item;
  item.code = "MULTI";
  for (const std::string name : {"GST", "Levy"}) {
    model::TaxCode tax;
    tax.name = name;
    item.taxes.push_back(model::Ref{crm.put(tax)});
  }
  crm.put(item);
  sync();
  const std::string id = onlyId(EntityType::item);
  auto in_xero = std::get<model::Item>(*books.get(EntityType::item, externalId("xero", id)));
  ASSERT_EQ(in_xero.taxes.size(), 1u);
  EXPECT_EQ(std::get<model::TaxCode>(*books.get(EntityType::tax_code, in_xero.taxes[0].id)).name,
            "GST");
  EXPECT_NE(link("xero", id).last_warning.value_or("").find("taxes"), std::string::npos);
}

TEST_F(LimitsTest, PaidInvoiceChangeNotPushed) {
  const std::vector<EntityType> entities = {EntityType::organization, EntityType::invoice};
  FakeApp& crm = addApp("crm", fakeManifest("crm", entities));
  sdk::Manifest xero = fakeManifest("xero", entities);
  auto paid = rule("lines");
  paid.immutable_when_status = {"paid"};
  entityOf(xero, EntityType::invoice).field_rules.push_back(paid);
  FakeApp& books = addApp("xero", xero);
  model::Invoice invoice;
  invoice.number = "INV-7";
  invoice.organization.id = crm.put(organization("Buyer"));
  invoice.lines.resize(1);
  invoice.lines[0].description = "Consulting";
  const std::string in_crm = crm.put(invoice);
  sync();
  const std::string id = onlyId(EntityType::invoice);
  const std::string in_xero = externalId("xero", id);
  // Paid in Xero; then the CRM changes a line.
  tick();
  auto xero_copy = std::get<model::Invoice>(*books.get(EntityType::invoice, in_xero));
  xero_copy.status = "paid";
  xero_copy.meta.id = in_xero;
  books.put(xero_copy);
  tick();
  auto crm_copy = std::get<model::Invoice>(*crm.get(EntityType::invoice, in_crm));
  crm_copy.lines[0].description = "Consulting, extended";
  crm_copy.meta.id = in_crm;
  crm.put(crm_copy);
  const int updates = books.updates;
  RunReport report = sync();
  EXPECT_EQ(books.updates, updates);
  EXPECT_EQ(std::get<model::Invoice>(*books.get(EntityType::invoice, in_xero)).lines[0].description,
            "Consulting");
  auto warning = link("xero", id).last_warning.value_or("");
  EXPECT_NE(warning.find("paid"), std::string::npos) << warning;
  EXPECT_EQ(report.counts.errors, 0);
  // The CRM did hear about the payment.
  EXPECT_EQ(std::get<model::Invoice>(*crm.get(EntityType::invoice, in_crm)).status, "paid");
}

// Xero refuses every edit of a PAID invoice: with the whole record immutable, a change to any
// field it would be sent is held with a warning, and no call is made for it. A change only to
// fields it computes or cannot hold is no change at all: nothing sent, nothing to warn about.
TEST_F(LimitsTest, PaidInvoiceWithTheWholeRecordImmutableTakesNoEditAtAll) {
  const std::vector<EntityType> entities = {EntityType::organization, EntityType::person,
                                            EntityType::invoice};
  FakeApp& crm = addApp("crm", fakeManifest("crm", entities));
  sdk::Manifest xero = fakeManifest("xero", entities);
  auto& invoices = entityOf(xero, EntityType::invoice);
  invoices.field_rules.push_back(sdk::immutableRecordRule({"paid"}, "PAID is final"));
  auto computed = rule("amount_paid");
  computed.read_only = true;
  invoices.field_rules.push_back(computed);
  invoices.unsupported_fields = {"person"};
  FakeApp& books = addApp("xero", xero);
  model::Invoice invoice;
  invoice.number = "INV-8";
  invoice.organization.id = crm.put(organization("Buyer"));
  invoice.lines.resize(1);
  invoice.lines[0].description = "Consulting";
  const std::string in_crm = crm.put(invoice);
  sync();
  const std::string id = onlyId(EntityType::invoice);
  const std::string in_xero = externalId("xero", id);
  tick();
  auto xero_copy = std::get<model::Invoice>(*books.get(EntityType::invoice, in_xero));
  xero_copy.status = "paid";
  xero_copy.amount_paid = *sdk::Decimal::parse("100");
  xero_copy.meta.id = in_xero;
  books.put(xero_copy);
  sync();
  // The CRM names a contact person and knows nothing of the payment: not an edit for Xero.
  tick();
  auto crm_copy = std::get<model::Invoice>(*crm.get(EntityType::invoice, in_crm));
  crm_copy.person.id = crm.put(person("Ann", "Buyer", invoice.organization.id));
  crm_copy.amount_paid = *sdk::Decimal::parse("0");
  crm_copy.meta.id = in_crm;
  crm.put(crm_copy);
  const int updates = books.updates;
  RunReport quiet = sync();
  EXPECT_EQ(books.updates, updates);
  EXPECT_EQ(link("xero", id).last_warning.value_or(""), "");
  // A reference: Xero would be sent it, so the paid invoice is held and says why.
  tick();
  crm_copy = std::get<model::Invoice>(*crm.get(EntityType::invoice, in_crm));
  crm_copy.reference = "PO 4471";
  crm_copy.meta.id = in_crm;
  crm.put(crm_copy);
  RunReport held = sync();
  EXPECT_EQ(books.updates, updates);
  EXPECT_EQ(std::get<model::Invoice>(*books.get(EntityType::invoice, in_xero)).reference, "");
  EXPECT_EQ(link("xero", id).last_warning.value_or(""),
            "acme/xero cannot hold person: not sent; the record is paid in acme/xero: the change "
            "to reference was not pushed (PAID is final)");
  EXPECT_EQ(quiet.counts.errors + held.counts.errors, 0);
}

// Xero keeps six people per contact: the hub refuses the seventh before sending it, within a
// run (counting what the run creates) and in later runs (counting what the target holds).
TEST_F(LimitsTest, PeopleBeyondMaxPerRefAreErrorsNotSentRunAfterRun) {
  const std::vector<EntityType> entities = {EntityType::organization, EntityType::person};
  FakeApp& crm = addApp("crm", fakeManifest("crm", entities));
  sdk::Manifest xero = fakeManifest("xero", entities);
  entityOf(xero, EntityType::person).field_rules.push_back(
      sdk::maxPerRefRule("organization", 3, "its own name and two more"));
  FakeApp& books = addApp("xero", xero);
  const std::string org = crm.put(organization("Five Ltd"));
  for (int i = 1; i <= 5; ++i) crm.put(person("P" + std::to_string(i), "Five", org));
  RunReport first = sync();
  EXPECT_EQ(first.status, store::RunStatus::partial);
  EXPECT_EQ(books.all(EntityType::person).size(), 3u);
  ASSERT_EQ(first.errors.size(), 2u);
  for (const auto& error : first.errors) {
    EXPECT_EQ(error.entity, "person");
    EXPECT_NE(error.message.find("acme/xero holds at most 3 person records per organization and "
                                 "organization 'Five Ltd' ("),
              std::string::npos)
        << error.message;
    EXPECT_NE(error.message.find("has 3: not sent (its own name and two more)"), std::string::npos)
        << error.message;
  }
  // A refused person changed in the CRM is offered again, and refused again: the target now
  // holds three people of the organization.
  const std::size_t writes = books.batches.size();
  const std::string in_crm = externalId("crm", first.errors[0].record_id);
  auto refused = std::get<model::Person>(*crm.get(EntityType::person, in_crm));
  refused.meta.id = in_crm;
  refused.email = "p@five.test";
  crm.put(refused);
  tick();
  RunReport again = sync();
  ASSERT_EQ(again.errors.size(), 1u);
  EXPECT_EQ(again.errors[0].record_id, first.errors[0].record_id);
  EXPECT_NE(again.errors[0].message.find("has 3: not sent"), std::string::npos)
      << again.errors[0].message;
  EXPECT_EQ(books.all(EntityType::person).size(), 3u);
  EXPECT_EQ(books.batches.size(), writes);  // and no call spent on them
}

TEST_F(LimitsTest, ReadOnlyFieldsNotSent) {
  FakeApp& crm = addApp("crm", fakeManifest("crm", {EntityType::organization}));
  sdk::Manifest xero = fakeManifest("xero", {EntityType::organization});
  auto computed = rule("is_customer");
  computed.read_only = true;
  entityOf(xero, EntityType::organization).field_rules.push_back(computed);
  FakeApp& books = addApp("xero", xero);
  model::Organization customer = organization("Customer Co");
  customer.is_customer = true;
  crm.put(customer);
  sync();
  ASSERT_EQ(books.batches.size(), 1u);
  EXPECT_FALSE(std::get<model::Organization>(books.batches[0].ops.at(0).record).is_customer);
  // Xero's copy without the flag does not take it away from the hub or the CRM.
  tick();
  sync();
  EXPECT_TRUE(std::get<model::Organization>(canonical(EntityType::organization)[0]).is_customer);
  EXPECT_TRUE(crm.batches.empty());
}

TEST_F(LimitsTest, InvoiceWithoutContactIsErrorAndDoesNotBlock) {
  const std::vector<EntityType> entities = {EntityType::organization, EntityType::invoice};
  FakeApp& crm = addApp("crm", fakeManifest("crm", entities));
  sdk::Manifest xero = fakeManifest("xero", entities);
  auto contact = rule("organization");
  contact.required = true;
  entityOf(xero, EntityType::invoice).field_rules.push_back(contact);
  FakeApp& books = addApp("xero", xero);
  model::Invoice orphan;
  orphan.number = "INV-ORPHAN";
  crm.put(orphan);
  model::Invoice good;
  good.number = "INV-GOOD";
  good.organization.id = crm.put(organization("Buyer"));
  crm.put(good);
  RunReport report = sync();
  EXPECT_EQ(report.status, store::RunStatus::partial);
  ASSERT_EQ(books.all(EntityType::invoice).size(), 1u);
  EXPECT_EQ(std::get<model::Invoice>(books.all(EntityType::invoice)[0]).number, "INV-GOOD");
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0].entity, "invoice");
  EXPECT_NE(report.errors[0].message.find("organization is required"), std::string::npos)
      << report.errors[0].message;
  auto stored = store_->syncRuns().errors(report.run);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->size(), 1u);
}

}  // namespace
}  // namespace accord::sync::testing
