// Sync filters applied when pulling: one test per kind of rule, the Xero "active customers with
// sales, no suppliers" case, and a record that stops matching (not shared further, nothing
// lost); required fields held at sync.
#include <gtest/gtest.h>

#include "settings_fixture.h"
#include "sync/filters.h"

namespace accord::sync::testing {
namespace {

using model::EntityType;

const std::vector<EntityType> kEntities = {EntityType::organization, EntityType::person,
                                           EntityType::invoice};

model::Organization contact(const std::string& name, bool customer, bool supplier) {
  model::Organization o = organization(name);
  o.is_customer = customer;
  o.is_supplier = supplier;
  return o;
}

class FiltersTest : public SettingsTest {
 protected:
  std::vector<std::string> namesIn(FakeApp& app) {
    std::vector<std::string> out;
    for (const auto& r : app.all(EntityType::organization))
      out.push_back(std::get<model::Organization>(r).name);
    std::sort(out.begin(), out.end());
    return out;
  }
  std::vector<std::string> canonicalNames() {
    std::vector<std::string> out;
    for (const auto& r : canonical(EntityType::organization))
      out.push_back(std::get<model::Organization>(r).name);
    std::sort(out.begin(), out.end());
    return out;
  }
};

TEST_F(FiltersTest, StatusRuleKeepsArchivedOut) {
  FakeApp& xero = addApp("xero", fakeManifest("xero", kEntities));
  FakeApp& crm = addApp("crm", fakeManifest("crm", kEntities));
  setSettings("xero", R"({"filters": {"organization": {"rules": [
      {"field": "$status", "op": "eq", "value": "active"}]}}})");
  xero.put(organization("Live Ltd"));
  const std::string old = xero.put(organization("Old Ltd"));
  xero.archive(EntityType::organization, old);
  RunReport report = sync();
  EXPECT_EQ(report.filtered, 1);
  EXPECT_EQ(canonicalNames(), std::vector<std::string>{"Live Ltd"});
  EXPECT_EQ(namesIn(crm), std::vector<std::string>{"Live Ltd"});
}

TEST_F(FiltersTest, TypeRuleKeepsSuppliersOut) {
  FakeApp& xero = addApp("xero", fakeManifest("xero", kEntities));
  FakeApp& crm = addApp("crm", fakeManifest("crm", kEntities));
  setSettings("xero", R"({"filters": {"organization": {"rules": [
      {"field": "is_supplier", "value": false}]}}})");
  xero.put(contact("Customer Co", true, false));
  xero.put(contact("Supplier Co", false, true));
  sync();
  EXPECT_EQ(namesIn(crm), std::vector<std::string>{"Customer Co"});
}

TEST_F(FiltersTest, DateRuleSharesOnlyRecentInvoices) {
  FakeApp& xero = addApp("xero", fakeManifest("xero", kEntities));
  FakeApp& crm = addApp("crm", fakeManifest("crm", kEntities));
  // The clock starts at 2024-01-01: the last 90 days start on 2023-10-03.
  setSettings("xero", R"({"filters": {"invoice": {"rules": [
      {"field": "date", "op": "gte", "value": "today-90d"}]}}})");
  for (const auto& [number, date] : {std::pair{"INV-OLD", "2023-06-30"}, {"INV-NEW", "2023-12-01"}}) {
    model::Invoice inv;
    inv.number = number;
    inv.date = sdk::Date::parse(date);
    xero.put(inv);
  }
  RunReport report = sync();
  EXPECT_EQ(report.filtered, 1);
  auto invoices = crm.all(EntityType::invoice);
  ASSERT_EQ(invoices.size(), 1u);
  EXPECT_EQ(std::get<model::Invoice>(invoices[0]).number, "INV-NEW");
}

TEST_F(FiltersTest, AnyFieldRuleIncludingTheAppsOwnData) {
  FakeApp& xero = addApp("xero", fakeManifest("xero", kEntities));
  FakeApp& crm = addApp("crm", fakeManifest("crm", kEntities));
  setSettings("xero", R"({"filters": {"organization": {"match": "any", "rules": [
      {"field": "email", "op": "contains", "value": "@partner."},
      {"field": "remote.ContactGroups.Name", "value": "VIP"}]}}})");
  model::Organization partner = organization("Partner Co");
  partner.email = "ap@partner.test";
  xero.put(partner);
  model::Organization vip = organization("VIP Co");
  vip.meta.remote_data = R"({"ContactGroups":[{"Name":"Wholesale"},{"Name":"VIP"}]})";
  xero.put(vip);
  model::Organization plain = organization("Plain Co");
  plain.meta.remote_data = R"({"ContactGroups":[{"Name":"Wholesale"}]})";
  xero.put(plain);
  sync();
  EXPECT_EQ(namesIn(crm), (std::vector<std::string>{"Partner Co", "VIP Co"}));
}

TEST_F(FiltersTest, XeroOnlyActiveCustomersWithSalesNoSuppliers) {
  FakeApp& xero = addApp("xero", fakeManifest("xero", kEntities));
  FakeApp& crm = addApp("crm", fakeManifest("crm", kEntities));
  // Xero sets IsCustomer only on contacts with sales transactions.
  setSettings("xero", R"({"filters": {"organization": {"match": "all", "rules": [
      {"field": "$status", "op": "eq", "value": "active"},
      {"field": "is_customer", "op": "eq", "value": true},
      {"field": "is_supplier", "op": "eq", "value": false}]}}})");
  xero.put(contact("Buyer", true, false));
  xero.put(contact("Both", true, true));
  xero.put(contact("Vendor", false, true));
  xero.put(contact("Prospect", false, false));
  xero.archive(EntityType::organization, xero.put(contact("Former", true, false)));
  RunReport report = sync();
  EXPECT_EQ(report.filtered, 4);
  EXPECT_EQ(namesIn(crm), std::vector<std::string>{"Buyer"});
  // The CRM's own contacts still reach Xero: filters decide what Xero shares.
  tick();
  crm.put(contact("Lead Co", false, false));
  sync();
  EXPECT_EQ(namesIn(xero).size(), 6u);
}

TEST_F(FiltersTest, RecordThatStopsMatchingIsNotSharedFurtherAndNothingIsLost) {
  FakeApp& xero = addApp("xero", fakeManifest("xero", kEntities));
  FakeApp& crm = addApp("crm", fakeManifest("crm", kEntities));
  setSettings("xero", R"({"filters": {"organization": {"rules": [
      {"field": "is_supplier", "value": false}]}}})");
  model::Organization c = contact("Turncoat Ltd", true, false);
  c.meta.id = xero.put(c);
  sync();
  ASSERT_EQ(namesIn(crm), std::vector<std::string>{"Turncoat Ltd"});
  const std::string id = model::metaOf(canonical(EntityType::organization)[0]).id;
  const std::string in_crm = externalId("crm", id);
  // In Xero it becomes a supplier and gets a website; in the CRM someone edits the email.
  tick();
  c.is_supplier = true;
  c.website = "https://turncoat.test";
  xero.put(c);
  auto crm_copy = std::get<model::Organization>(*crm.get(EntityType::organization, in_crm));
  crm_copy.meta.id = in_crm;
  crm_copy.email = "ap@turncoat.test";
  crm.put(crm_copy);
  const int xero_updates = xero.updates;
  RunReport report = sync();
  EXPECT_EQ(report.filtered, 1);
  EXPECT_EQ(xero.updates, xero_updates);  // the CRM's change is not sent to a filtered record
  auto in_xero = std::get<model::Organization>(*xero.get(EntityType::organization, c.meta.id));
  EXPECT_EQ(in_xero.website, "https://turncoat.test");  // Xero's own edit is kept
  EXPECT_TRUE(in_xero.email.empty());
  auto hub = std::get<model::Organization>(canonical(EntityType::organization)[0]);
  EXPECT_EQ(hub.email, "ap@turncoat.test");  // the hub keeps the CRM's change
  EXPECT_TRUE(hub.website.empty());          // and did not take Xero's
  auto reason = FilteredLinks(store_->db()).reason(connectionId("xero"), id);
  ASSERT_TRUE(reason && reason.value());
  EXPECT_EQ(*reason.value(), "not shared: rule 1 (is_supplier eq false) fails: is_supplier is true");
  // It matches again: Xero's changes come in and the CRM's go out; nothing was lost.
  tick();
  c.is_supplier = false;
  xero.put(c);
  sync();
  hub = std::get<model::Organization>(canonical(EntityType::organization)[0]);
  EXPECT_EQ(hub.website, "https://turncoat.test");
  EXPECT_EQ(hub.email, "ap@turncoat.test");
  in_xero = std::get<model::Organization>(*xero.get(EntityType::organization, c.meta.id));
  EXPECT_EQ(in_xero.email, "ap@turncoat.test");
  EXPECT_FALSE(FilteredLinks(store_->db()).reason(connectionId("xero"), id).value());
}

TEST_F(FiltersTest, AnArchivalOfASharedRecordIsPassedOn) {
  FakeApp& xero = addApp("xero", fakeManifest("xero", kEntities));
  FakeApp& crm = addApp("crm", fakeManifest("crm", kEntities));
  setSettings("xero", R"({"filters": {"organization": {"rules": [
      {"field": "$status", "value": "active"}]}}})");
  const std::string gone = xero.put(organization("Gone Ltd"));
  sync();
  tick();
  xero.archive(EntityType::organization, gone);
  RunReport report = sync();
  // Never-shared archived records stay out, but a shared one's end reaches the other apps.
  EXPECT_EQ(report.filtered, 0);
  auto in_crm = crm.all(EntityType::organization);
  ASSERT_EQ(in_crm.size(), 1u);
  EXPECT_EQ(model::metaOf(in_crm[0]).status, model::RecordStatus::archived);
}

TEST_F(FiltersTest, RequiredFieldsHoldTheRecordWithAClearErrorAndSendTheRest) {
  FakeApp& crm = addApp("crm", fakeManifest("crm", kEntities));
  FakeApp& xero = addApp("xero", fakeManifest("xero", kEntities));
  setSettings("xero", R"({"required": {"person": ["first_name", "last_name", "email"]}})");
  model::Person ann = person("Ann", "");
  ann.meta.id = crm.put(ann);
  model::Person bob = person("Bob", "Jones");
  bob.email = "bob@jones.test";
  crm.put(bob);
  RunReport report = sync();
  EXPECT_EQ(report.status, store::RunStatus::partial);
  ASSERT_EQ(xero.all(EntityType::person).size(), 1u);
  EXPECT_EQ(std::get<model::Person>(xero.all(EntityType::person)[0]).first_name, "Bob");
  ASSERT_EQ(report.errors.size(), 1u);
  const std::string id = [&] {
    for (const auto& p : canonical(EntityType::person))
      if (std::get<model::Person>(p).first_name == "Ann") return model::metaOf(p).id;
    return std::string();
  }();
  EXPECT_EQ(report.errors[0].record_id, id);
  EXPECT_EQ(report.errors[0].message,
            "push to 'acme/xero' of person 'Ann' (record " + id +
                "): last_name, email are required by acme/xero's sync settings and are missing");
  // Completed in the CRM, it is sent by the next sync.
  tick();
  ann.last_name = "Smith";
  ann.email = "ann@smith.test";
  crm.put(ann);
  report = sync();
  EXPECT_EQ(report.counts.errors, 0);
  EXPECT_EQ(xero.all(EntityType::person).size(), 2u);
}

}  // namespace
}  // namespace accord::sync::testing
