// The preview: what the next sync would send, grouped with counts and totals, each record with
// its changes, warnings and errors; nothing written to the store or the apps; and exactly what
// the next sync then does.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "accord/sdk/model/codec.h"
#include "matching/match_tables.h"
#include "settings_fixture.h"
#include "sync/fields.h"

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

model::Invoice invoice(const std::string& number, const std::string& org, const std::string& total,
                       const std::string& currency, const std::string& kind = "sales") {
  model::Invoice i;
  i.number = number;
  i.kind = kind;
  i.organization.id = org;
  i.currency = currency;
  i.total = *sdk::Decimal::parse(total);
  return i;
}

const std::vector<EntityType> kSales = {EntityType::organization, EntityType::person,
                                        EntityType::invoice};

class PreviewTest : public SettingsTest {
 protected:
  // Everything a preview must leave as it was.
  struct Snapshot {
    std::int64_t changes = 0;
    std::size_t links = 0;
    std::size_t runs = 0;
    std::optional<std::string> cursor;
    friend bool operator==(const Snapshot&, const Snapshot&) = default;
  };
  Snapshot snapshot(const std::string& connection) {
    Snapshot s;
    s.changes = changeLogSize();
    auto runs = store_->syncRuns().list(org_, std::nullopt, 1000);
    s.runs = runs ? runs->size() : 0;
    for (const auto& type : kSales) {
      auto links = store_->idMap().list(connectionId(connection), model::toString(type), "");
      s.links += links ? links->size() : 0;
    }
    auto cursor = store_->cursors().get(connectionId(connection), "organization");
    if (cursor) s.cursor = cursor.value();
    return s;
  }
};

TEST_F(PreviewTest, GroupsByEntityAndOperationWithTotalsPerCurrency) {
  FakeApp& crm = addApp("crm", fakeManifest("crm", kSales));
  FakeApp& books = addApp("xero", fakeManifest("xero", kSales));
  const std::string buyer = crm.put(organization("Buyer Ltd"));
  crm.put(organization("Other Ltd"));
  crm.put(invoice("INV-1", buyer, "100.50", "AUD"));
  crm.put(invoice("INV-2", buyer, "20.25", "AUD"));
  crm.put(invoice("INV-3", buyer, "7", "USD"));
  crm.put(invoice("BILL-1", buyer, "40", "AUD", "purchase"));
  const Snapshot before = snapshot("xero");
  Preview p = runPreview();
  const PreviewGroup* orgs = groupOf(p, "xero", "organization", "create");
  ASSERT_NE(orgs, nullptr);
  EXPECT_EQ(orgs->records, 2);
  EXPECT_EQ(orgs->with_errors, 0);
  EXPECT_TRUE(orgs->totals.empty());
  const PreviewGroup* invoices = groupOf(p, "xero", "invoice", "create");
  ASSERT_NE(invoices, nullptr);
  EXPECT_EQ(invoices->records, 3);
  EXPECT_EQ(invoices->totals.at("AUD").toString(), "120.75");
  EXPECT_EQ(invoices->totals.at("USD").toString(), "7");
  const PreviewGroup* bills = groupOf(p, "xero", "bill", "create");
  ASSERT_NE(bills, nullptr);
  EXPECT_EQ(bills->records, 1);
  EXPECT_EQ(bills->totals.at("AUD").toString(), "40");
  // Organizations come before the invoices that refer to them.
  EXPECT_LT(orgs - p.groups.data(), invoices - p.groups.data());
  EXPECT_EQ(p.counts.pulled, 6);
  // A create lists the fields it sets.
  auto inv = recordsOf(p, "xero", "invoice");
  ASSERT_FALSE(inv.empty());
  auto number = std::find_if(inv[0].changes.begin(), inv[0].changes.end(),
                             [](const FieldChange& c) { return c.field == "number"; });
  ASSERT_NE(number, inv[0].changes.end());
  EXPECT_EQ(number->after, "\"" + inv[0].name + "\"");
  // A reference shows the referenced record's name.
  auto contact = std::find_if(inv[0].changes.begin(), inv[0].changes.end(),
                              [](const FieldChange& c) { return c.field == "organization"; });
  ASSERT_NE(contact, inv[0].changes.end());
  EXPECT_EQ(contact->after.rfind("\"Buyer Ltd (", 0), 0u) << contact->after;
  // Nothing anywhere: no write to any app, the store as it was.
  EXPECT_TRUE(books.batches.empty());
  EXPECT_TRUE(crm.batches.empty());
  EXPECT_EQ(snapshot("xero"), before);
  EXPECT_TRUE(canonical(EntityType::organization).empty());
}

// An app that does not hold an invoice's currency or total (the vTiger CRM keeps no currency)
// is still shown what the invoices are worth: totals come from the hub's record, not from the
// fields the app would be sent.
TEST_F(PreviewTest, TotalsComeFromTheHubsRecordWhenTheAppHoldsNoTotal) {
  FakeApp& books = addApp("xero", fakeManifest("xero", kSales));
  sdk::Manifest crm = fakeManifest("crm", kSales);
  auto& invoices = entityOf(crm, EntityType::invoice).unsupported_fields;
  invoices.insert(invoices.end(), {"currency", "total"});
  addApp("crm", crm);
  const std::string buyer = books.put(organization("Buyer Ltd"));
  books.put(invoice("INV-1", buyer, "100.50", "AUD"));
  books.put(invoice("INV-2", buyer, "20.25", "AUD"));
  Preview p = runPreview("crm");
  const PreviewGroup* g = groupOf(p, "crm", "invoice", "create");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->records, 2);
  ASSERT_EQ(g->totals.size(), 1u);
  EXPECT_EQ(g->totals.at("AUD").toString(), "120.75");
}

TEST_F(PreviewTest, UpdateShowsChangedFieldsBeforeAndAfter) {
  FakeApp& crm = addApp("crm", fakeManifest("crm", kSales));
  addApp("xero", fakeManifest("xero", kSales));
  model::Organization o = organization("Buyer Ltd");
  o.email = "old@buyer.test";
  const std::string id = crm.put(o);
  sync();
  tick();
  o.email = "new@buyer.test";
  o.meta.id = id;
  crm.put(o);
  Preview p = runPreview("xero");
  auto records = recordsOf(p, "xero", "organization");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].operation, "update");
  EXPECT_EQ(records[0].name, "Buyer Ltd");
  ASSERT_EQ(records[0].changes.size(), 1u);
  EXPECT_EQ(records[0].changes[0].field, "email");
  EXPECT_EQ(records[0].changes[0].before, "\"old@buyer.test\"");
  EXPECT_EQ(records[0].changes[0].after, "\"new@buyer.test\"");
  // --connection: nothing for the CRM (it sent the change) is listed.
  for (const auto& r : p.records) EXPECT_EQ(r.connection_label, "acme/xero");
}

TEST_F(PreviewTest, MissingRequiredFieldOfManifestIsAnErrorOnTheRecord) {
  FakeApp& crm = addApp("crm", fakeManifest("crm", kSales));
  sdk::Manifest xero = fakeManifest("xero", kSales);
  auto contact = rule("organization");
  contact.required = true;
  entityOf(xero, EntityType::invoice).field_rules.push_back(contact);
  addApp("xero", xero);
  crm.put(invoice("INV-ORPHAN", "", "10", "AUD"));
  crm.put(invoice("INV-GOOD", crm.put(organization("Buyer")), "5", "AUD"));
  Preview p = runPreview("xero");
  const PreviewGroup* g = groupOf(p, "xero", "invoice", "create");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->records, 2);
  EXPECT_EQ(g->with_errors, 1);
  EXPECT_EQ(g->totals.at("AUD").toString(), "15");
  for (const auto& r : recordsOf(p, "xero", "invoice")) {
    if (r.name == "INV-ORPHAN") {
      ASSERT_EQ(r.errors.size(), 1u);
      EXPECT_NE(r.errors[0].find("organization is required by acme/xero"), std::string::npos)
          << r.errors[0];
    } else {
      EXPECT_TRUE(r.errors.empty());
    }
  }
  EXPECT_EQ(p.errorCount(), 1);
}

// The preview counts a target's max_per_ref as the sync does: the same people are refused.
TEST_F(PreviewTest, PeopleBeyondMaxPerRefAreTheErrorsTheSyncThenHas) {
  FakeApp& crm = addApp("crm", fakeManifest("crm", kSales));
  sdk::Manifest xero = fakeManifest("xero", kSales);
  auto cap = rule("organization");
  cap.max_per_ref = 2;
  entityOf(xero, EntityType::person).field_rules.push_back(cap);
  addApp("xero", xero);
  const std::string org = crm.put(organization("Four Ltd"));
  for (int i = 1; i <= 4; ++i) crm.put(person("P" + std::to_string(i), "Four", org));
  Preview p = runPreview("xero");
  std::set<std::string> held;
  for (const auto& r : recordsOf(p, "xero", "person")) {
    if (!r.errors.empty()) held.insert(r.name);
  }
  EXPECT_EQ(held.size(), 2u);
  // By name: the preview's canonical records were rolled back, the sync makes its own.
  RunReport report = sync();
  std::set<std::string> refused;
  for (const auto& error : report.errors) {
    for (const auto& name : held) {
      if (error.message.find("'" + name + "'") != std::string::npos) refused.insert(name);
    }
  }
  EXPECT_EQ(report.errors.size(), 2u);
  EXPECT_EQ(refused, held);
}

TEST_F(PreviewTest, MissingFieldRequiredBySettingsIsAnErrorNamingTheFields) {
  FakeApp& crm = addApp("crm", fakeManifest("crm", kSales));
  addApp("xero", fakeManifest("xero", kSales));
  setSettings("xero", R"({"required": {"person": ["first_name", "last_name", "email"]}})");
  crm.put(person("Ann", "Smith"));
  Preview p = runPreview("xero");
  auto people = recordsOf(p, "xero", "person");
  ASSERT_EQ(people.size(), 1u);
  EXPECT_EQ(people[0].name, "Ann Smith");
  ASSERT_EQ(people[0].errors.size(), 1u);
  EXPECT_EQ(people[0].errors[0],
            "email is required by acme/xero's sync settings and is missing");
}

TEST_F(PreviewTest, ManifestLimitsAreWarnings) {
  FakeApp& crm = addApp("crm", fakeManifest("crm", kSales));
  sdk::Manifest xero = fakeManifest("xero", kSales);
  auto cap = rule("people");
  cap.max_items = 1;
  entityOf(xero, EntityType::organization).field_rules.push_back(cap);
  entityOf(xero, EntityType::organization).unsupported_fields = {"website"};
  addApp("xero", xero);
  const std::string org_id = crm.put(organization("Two People"));
  model::Organization two = organization("Two People");
  two.meta.id = org_id;
  two.website = "https://two.test";
  two.people = {model::Ref{crm.put(person("A", "One", org_id))},
                model::Ref{crm.put(person("B", "Two", org_id))}};
  crm.put(two);
  Preview p = runPreview("xero");
  auto orgs = recordsOf(p, "xero", "organization");
  ASSERT_EQ(orgs.size(), 1u);
  EXPECT_TRUE(orgs[0].errors.empty());
  std::string all;
  for (const auto& w : orgs[0].warnings) all += w + "\n";
  EXPECT_NE(all.find("people: acme/xero holds at most 1; the first 1 were sent, 1 not"),
            std::string::npos) << all;
  EXPECT_NE(all.find("acme/xero cannot hold website: not sent"), std::string::npos) << all;
}

TEST_F(PreviewTest, ChangeToPaidInvoiceIsShownAsSkipped) {
  const std::vector<EntityType> entities = {EntityType::organization, EntityType::invoice};
  FakeApp& crm = addApp("crm", fakeManifest("crm", entities));
  sdk::Manifest xero = fakeManifest("xero", entities);
  auto paid = rule("reference");
  paid.immutable_when_status = {"paid"};
  entityOf(xero, EntityType::invoice).field_rules.push_back(paid);
  FakeApp& books = addApp("xero", xero);
  model::Invoice inv = invoice("INV-9", crm.put(organization("Buyer")), "10", "AUD");
  const std::string in_crm = crm.put(inv);
  sync();
  const std::string in_xero = externalId("xero", model::metaOf(canonical(EntityType::invoice)[0]).id);
  tick();
  auto xero_copy = std::get<model::Invoice>(*books.get(EntityType::invoice, in_xero));
  xero_copy.status = "paid";
  xero_copy.meta.id = in_xero;
  books.put(xero_copy);
  sync();
  tick();
  inv.reference = "PO-1";
  inv.meta.id = in_crm;
  inv.status = "paid";
  crm.put(inv);
  Preview p = runPreview("xero");
  auto records = recordsOf(p, "xero", "invoice");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].operation, "skip");
  EXPECT_TRUE(records[0].errors.empty());
  ASSERT_EQ(records[0].warnings.size(), 1u);
  EXPECT_EQ(records[0].warnings[0],
            "the record is paid in acme/xero: the change to reference was not pushed");
  const PreviewGroup* g = groupOf(p, "xero", "invoice", "skip");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->records, 1);
}

TEST_F(PreviewTest, UnresolvableReferenceIsAWarningOrAnErrorWhenRequired) {
  FakeApp& crm = addApp("crm", fakeManifest("crm", kSales));
  // The target holds invoices but not organizations: a contact cannot be placed there.
  addApp("shop", fakeManifest("shop", {EntityType::invoice}));
  sdk::Manifest strict = fakeManifest("books", {EntityType::invoice});
  auto contact = rule("organization");
  contact.required = true;
  entityOf(strict, EntityType::invoice).field_rules.push_back(contact);
  addApp("books", strict);
  crm.put(invoice("INV-1", crm.put(organization("Buyer")), "10", "AUD"));
  Preview p = runPreview();
  auto shop = recordsOf(p, "shop", "invoice");
  ASSERT_EQ(shop.size(), 1u);
  EXPECT_TRUE(shop[0].errors.empty());
  ASSERT_EQ(shop[0].warnings.size(), 1u);
  EXPECT_NE(shop[0].warnings[0].find("is not in acme/shop: left out"), std::string::npos)
      << shop[0].warnings[0];
  auto books = recordsOf(p, "books", "invoice");
  ASSERT_EQ(books.size(), 1u);
  ASSERT_EQ(books[0].errors.size(), 1u);
  EXPECT_NE(books[0].errors[0].find("organization is required by acme/books"), std::string::npos);
  EXPECT_NE(books[0].warnings.at(0).find("is not in acme/books: left out"), std::string::npos);
}

TEST_F(PreviewTest, RecordHeldByMatchingIsNotCreatedAndShownAsSkipped) {
  FakeApp& crm = addApp("crm", fakeManifest("crm", kSales));
  crm.put(organization("Quiet Ltd"));
  sync();
  const std::string id = model::metaOf(canonical(EntityType::organization).at(0)).id;
  auto unsynced = matching::MatchTables(*store_).markUnsynced(org_, id, "test");
  ASSERT_TRUE(unsynced) << unsynced.error().message;
  FakeApp& books = addApp("xero", fakeManifest("xero", kSales));
  Preview p = runPreview("xero");
  auto records = recordsOf(p, "xero", "organization");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].operation, "skip");
  ASSERT_EQ(records[0].warnings.size(), 1u);
  EXPECT_EQ(records[0].warnings[0].rfind("not created in acme/xero: ", 0), 0u) << records[0].warnings[0];
  sync();
  EXPECT_TRUE(books.all(EntityType::organization).empty());
}

TEST_F(PreviewTest, AFailedReadIsAGeneralError) {
  FakeApp& crm = addApp("crm", fakeManifest("crm", kSales));
  addApp("xero", fakeManifest("xero", kSales));
  crm.put(organization("Buyer"));
  crm.fail_reads = true;
  Preview p = runPreview();
  ASSERT_FALSE(p.errors.empty());
  EXPECT_NE(p.errors[0].find("crm is unavailable"), std::string::npos) << p.errors[0];
  EXPECT_TRUE(p.records.empty());
}

// Normalised so the preview's ops and the app's batches compare: app ids differ ("preview-N"
// vs the app's own), and new canonical records get new random ids in each run.
std::string opText(const std::string& target, sdk::WriteKind kind, model::Record record) {
  auto& meta = model::metaOf(record);
  meta.id.clear();
  meta.created_at.reset();
  meta.updated_at.reset();
  forEachRef(record, [](std::string_view, model::Ref& ref) { ref.id = ref.id.empty() ? "" : "ref"; });
  return target + "|" + std::string(sdk::toString(kind)) + "|" + model::toJson(record);
}

sdk::WriteKind kindOf(const std::string& op) {
  if (op == "create") return sdk::WriteKind::create;
  if (op == "archive") return sdk::WriteKind::archive;
  if (op == "remove") return sdk::WriteKind::remove;
  return sdk::WriteKind::update;
}

TEST_F(PreviewTest, PreviewIsExactlyWhatTheNextSyncDoes) {
  FakeApp& crm = addApp("crm", fakeManifest("crm", kSales));
  FakeApp& books = addApp("xero", fakeManifest("xero", kSales));
  model::Organization kept = organization("Kept Ltd");
  kept.meta.id = crm.put(kept);
  model::Organization gone = organization("Gone Ltd");
  gone.meta.id = crm.put(gone);
  sync();
  tick();
  // Changes on both sides: a new org with a person and an invoice, an edit, an archival.
  const std::string fresh = crm.put(organization("Fresh Ltd"));
  crm.put(person("Fay", "Fresh", fresh));
  crm.put(invoice("INV-100", fresh, "99.90", "AUD"));
  crm.archive(EntityType::organization, gone.meta.id);
  std::string kept_in_xero;
  for (const auto& o : canonical(EntityType::organization)) {
    if (std::get<model::Organization>(o).name == "Kept Ltd")
      kept_in_xero = externalId("xero", model::metaOf(o).id);
  }
  ASSERT_FALSE(kept_in_xero.empty());
  model::Organization edited = std::get<model::Organization>(*books.get(EntityType::organization, kept_in_xero));
  edited.meta.id = kept_in_xero;
  edited.website = "https://kept.test";
  books.put(edited);
  crm.batches.clear();
  books.batches.clear();
  const std::int64_t log = changeLogSize();

  Preview p = runPreview();
  EXPECT_TRUE(crm.batches.empty());
  EXPECT_TRUE(books.batches.empty());
  EXPECT_EQ(changeLogSize(), log);
  std::multiset<std::string> previewed;
  for (const auto& r : p.records) {
    if (r.errors.empty() && r.operation != "skip")
      previewed.insert(opText(r.connection_label, kindOf(r.operation), r.record));
  }

  RunReport report = sync();
  EXPECT_EQ(report.counts.errors, 0);
  std::multiset<std::string> sent;
  for (const auto& [label, app] : {std::pair<std::string, FakeApp*>{"acme/crm", &crm},
                                    std::pair<std::string, FakeApp*>{"acme/xero", &books}}) {
    for (const auto& batch : app->batches) {
      for (const auto& op : batch.ops) sent.insert(opText(label, op.kind, op.record));
    }
  }
  EXPECT_EQ(previewed, sent);
  // The scenario exercised every kind of op it meant to.
  const std::string all = [&] { std::string s; for (auto& t : sent) s += t + "\n"; return s; }();
  EXPECT_NE(all.find("acme/xero|create|"), std::string::npos) << all;
  EXPECT_NE(all.find("acme/xero|archive|"), std::string::npos) << all;
  EXPECT_NE(all.find("acme/crm|update|"), std::string::npos) << all;
  EXPECT_GE(sent.size(), 5u) << all;
}

TEST_F(PreviewTest, BlockingConnectionIsNotPushedToWhileItsPreviewShowsErrors) {
  FakeApp& crm = addApp("crm", fakeManifest("crm", kSales));
  FakeApp& books = addApp("xero", fakeManifest("xero", kSales));
  setSettings("xero", R"({"block_on_preview_errors": true,
                          "required": {"person": ["email"]}})");
  crm.put(organization("Good Ltd"));
  model::Person ann = person("Ann", "Smith");
  ann.meta.id = crm.put(ann);
  Preview p = runPreview("xero");
  ASSERT_EQ(p.blocking, std::vector<std::string>{"acme/xero"});
  RunReport report = sync();
  EXPECT_EQ(report.blocked, std::vector<std::string>{"acme/xero"});
  EXPECT_TRUE(books.batches.empty());  // not even the good organization
  ASSERT_FALSE(report.errors.empty());
  EXPECT_NE(report.errors.back().message.find("not pushed to: its preview shows 1 error(s)"),
            std::string::npos) << report.errors.back().message;
  // Fixed at the source: the next sync sends everything.
  tick();
  ann.email = "ann@smith.test";
  crm.put(ann);
  EXPECT_TRUE(runPreview("xero").blocking.empty());
  report = sync();
  EXPECT_TRUE(report.blocked.empty());
  EXPECT_EQ(books.all(EntityType::organization).size(), 1u);
  EXPECT_EQ(books.all(EntityType::person).size(), 1u);
}

}  // namespace
}  // namespace accord::sync::testing
