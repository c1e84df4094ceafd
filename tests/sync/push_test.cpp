// What the push offers a target: nothing it already holds (read back from it, compared after
// its manifest's limits on both sides), and nothing its manifest says it cannot hold.
#include <gtest/gtest.h>

#include "sync_fixture.h"

namespace accord::sync::testing {
namespace {

using model::EntityType;

sdk::EntityCapability& entityOf(sdk::Manifest& manifest, EntityType type) {
  for (auto& capability : manifest.entities) {
    if (capability.entity == type) return capability;
  }
  throw std::logic_error("no such entity in the test manifest");
}

sdk::FieldRule readOnly(std::string field) {
  sdk::FieldRule rule;
  rule.field = std::move(field);
  rule.read_only = true;
  return rule;
}

class PushTest : public SyncTest {};

TEST_F(PushTest, RecordReadFromAnAppWithComputedFieldsIsNotWrittenBackToIt) {
  const std::vector<EntityType> entities = {EntityType::organization};
  addApp("crm", fakeManifest("crm", entities));
  sdk::Manifest xero = fakeManifest("xero", entities);
  entityOf(xero, EntityType::organization).field_rules.push_back(readOnly("is_customer"));
  FakeApp& books = addApp("xero", xero);
  model::Organization customer = organization("Computed Ltd");
  customer.is_customer = true;  // Xero sets it itself from the contact's invoices
  books.put(customer);
  RunReport report = sync();
  EXPECT_EQ(report.counts.errors, 0);
  EXPECT_EQ(books.updates, 0);
  EXPECT_TRUE(books.batches.empty()) << "the record Xero just gave was written back to it";
  EXPECT_EQ(app("crm").all(EntityType::organization).size(), 1u);  // it flows on to the CRM
}

TEST_F(PushTest, PaidInvoiceReadFromAnAppIsNotWrittenBackToIt) {
  const std::vector<EntityType> entities = {EntityType::organization, EntityType::invoice};
  addApp("crm", fakeManifest("crm", entities));
  sdk::Manifest xero = fakeManifest("xero", entities);
  auto& invoices = entityOf(xero, EntityType::invoice);
  invoices.field_rules.push_back(readOnly("amount_due"));
  sdk::FieldRule lines;
  lines.field = "lines";
  lines.immutable_when_status = {"paid"};
  invoices.field_rules.push_back(lines);
  FakeApp& books = addApp("xero", xero);
  model::Invoice invoice;
  invoice.number = "INV-9";
  invoice.status = "paid";
  invoice.organization.id = books.put(organization("Buyer"));
  invoice.lines.resize(1);
  invoice.lines[0].description = "Consulting";
  invoice.amount_due = sdk::Decimal(2500, 2);  // Xero's own balance
  books.put(invoice);
  RunReport report = sync();
  EXPECT_EQ(report.counts.errors, 0);
  EXPECT_EQ(books.updates, 0);
  EXPECT_TRUE(books.batches.empty());
  EXPECT_EQ(app("crm").all(EntityType::invoice).size(), 1u);
}

TEST_F(PushTest, BillsAreNotOfferedToAnAppWithSalesInvoicesOnly) {
  const std::vector<EntityType> entities = {EntityType::organization, EntityType::invoice};
  FakeApp& books = addApp("xero", fakeManifest("xero", entities));
  sdk::Manifest vtiger = fakeManifest("vtiger", entities);
  sdk::FieldRule sales_only;
  sales_only.field = "kind";
  sales_only.held_values = {"sales"};
  entityOf(vtiger, EntityType::invoice).field_rules.push_back(sales_only);
  // As the hub sees a plugin's manifest: through its JSON.
  auto loaded = sdk::manifestFromJson(sdk::manifestToJson(vtiger));
  ASSERT_TRUE(loaded) << loaded.error().message;
  ASSERT_EQ(loaded.value(), vtiger);
  FakeApp& crm = addApp("vtiger", loaded.value());
  const std::string buyer = books.put(organization("Buyer"));
  for (const std::string kind : {"sales", "purchase"}) {
    model::Invoice invoice;
    invoice.kind = kind;
    invoice.number = kind + "-1";
    invoice.organization.id = buyer;
    books.put(invoice);
  }
  RunReport report = sync();
  EXPECT_EQ(report.counts.errors, 0);
  auto in_vtiger = crm.all(EntityType::invoice);
  ASSERT_EQ(in_vtiger.size(), 1u);
  EXPECT_EQ(std::get<model::Invoice>(in_vtiger[0]).kind, "sales");
  EXPECT_EQ(canonical(EntityType::invoice).size(), 2u);  // the bill stays in the hub
  for (const auto& batch : crm.batches) {
    for (const auto& op : batch.ops) {
      if (batch.entity == EntityType::invoice)
        EXPECT_EQ(std::get<model::Invoice>(op.record).kind, "sales");
    }
  }
}

}  // namespace
}  // namespace accord::sync::testing
