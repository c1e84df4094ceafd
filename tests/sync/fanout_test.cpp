// Fan-out: first syncs import before pushing, direction settings, dependency order, and
// deletions as each target supports them.
#include <gtest/gtest.h>

#include <algorithm>

#include "sync_fixture.h"

namespace accord::sync::testing {
namespace {

using model::EntityType;

class FanoutTest : public SyncTest {
 protected:
  std::vector<std::string> names(const std::string& app_name) {
    std::vector<std::string> out;
    for (const auto& record : app(app_name).all(EntityType::organization)) {
      out.push_back(std::get<model::Organization>(record).name);
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  std::string canonicalId(const std::string& name) {
    for (const auto& record : canonical(EntityType::organization)) {
      if (std::get<model::Organization>(record).name == name) return model::metaOf(record).id;
    }
    ADD_FAILURE() << "no canonical organization " << name;
    return {};
  }
};

TEST_F(FanoutTest, FirstSyncImportsBeforePush) {
  addApp("crm", fakeManifest("crm", {EntityType::organization}));
  app("crm").put(organization("From crm"));
  sync();
  tick();
  FakeApp& books = addApp("books", fakeManifest("books", {EntityType::organization}));
  for (const std::string name : {"B1", "B2", "B3"}) {
    books.put(organization(name));
    tick(std::chrono::seconds(1));
  }
  books.fail_after_reads = 1;  // its first import breaks off after one page (B1, B2)
  sync();
  // Nothing is pushed to a connection whose import did not complete.
  EXPECT_TRUE(books.batches.empty());
  EXPECT_EQ(names("crm"), (std::vector<std::string>{"B1", "B2", "From crm"}));
  tick();
  books.fail_reads = false;
  books.fail_after_reads = -1;
  sync();
  const std::vector<std::string> all = {"B1", "B2", "B3", "From crm"};
  EXPECT_EQ(names("books"), all);
  EXPECT_EQ(names("crm"), all);
  EXPECT_EQ(canonical(EntityType::organization).size(), 4u);
}

// A failed pull of one entity holds back only that entity and those after it in dependency
// order (what could refer to it); a fault on people must not stop customers from flowing.
TEST_F(FanoutTest, AFailedPullHoldsBackOnlyThatEntityAndWhatFollowsIt) {
  const auto manifest = [](const std::string& n) {
    return fakeManifest(n, {EntityType::organization, EntityType::person});
  };
  FakeApp& crm = addApp("crm", manifest("crm"));
  FakeApp& books = addApp("books", manifest("books"));
  sync();  // both imported (nothing yet): later runs push
  tick();
  crm.put(organization("Acme"));
  crm.put(person("Pat", "Buyer"));
  tick();
  books.fail_reads_of = {EntityType::person};
  auto report = sync();
  EXPECT_EQ(names("books"), (std::vector<std::string>{"Acme"})) << "organizations still pushed";
  EXPECT_TRUE(books.all(EntityType::person).empty()) << "people wait for a pull of books' people";
  EXPECT_EQ(report.counts.errors, 1) << "the failed pull, named";
  tick();
  books.fail_reads_of.clear();
  sync();
  EXPECT_EQ(books.all(EntityType::person).size(), 1u);
  EXPECT_EQ(books.creates, 2);
}

TEST_F(FanoutTest, DirectionSettingsRespected) {
  const auto manifest = [](const std::string& n) {
    return fakeManifest(n, {EntityType::organization, EntityType::person});
  };
  addApp("in_only", manifest("a"), {{"organization", {true, false}}});
  addApp("out_only", manifest("b"), {{"organization", {false, true}}});
  addApp("off", manifest("c"), {{"organization", {false, false}}});
  addApp("both", manifest("d"));
  app("in_only").put(organization("In"));
  app("out_only").put(organization("Out"));
  app("off").put(organization("Off"));
  app("both").put(organization("Both"));
  app("off").put(person("Pat", "Off"));  // other entities of "off" still flow both ways
  sync();
  EXPECT_EQ(names("in_only"), (std::vector<std::string>{"In"}));
  EXPECT_EQ(names("out_only"), (std::vector<std::string>{"Both", "In", "Out"}));
  EXPECT_EQ(names("off"), (std::vector<std::string>{"Off"}));
  EXPECT_EQ(names("both"), (std::vector<std::string>{"Both", "In"}));
  EXPECT_EQ(app("both").all(EntityType::person).size(), 1u);
}

TEST_F(FanoutTest, DependenciesPushedFirst) {
  const std::vector<EntityType> all = {EntityType::tax_code, EntityType::item,
                                       EntityType::organization, EntityType::person,
                                       EntityType::invoice};
  FakeApp& crm = addApp("crm", fakeManifest("crm", all));
  FakeApp& books = addApp("books", fakeManifest("books", all, 50));
  model::TaxCode gst;
  gst.name = "GST";
  const std::string tax = crm.put(gst);
  model::Item widget;
  widget.code = "W-1";
  widget.sale_tax_code.id = tax;
  const std::string item = crm.put(widget);
  const std::string org = crm.put(organization("Buyer"));
  const std::string pat = crm.put(person("Pat", "Buyer", org));
  model::Organization buyer = organization("Buyer");
  buyer.meta.id = org;
  buyer.people = {model::Ref{pat}};
  crm.put(buyer);
  model::Invoice invoice;
  invoice.number = "INV-1";
  invoice.organization.id = org;
  invoice.lines.resize(1);
  invoice.lines[0].item.id = item;
  invoice.lines[0].tax_code.id = tax;
  crm.put(invoice);
  sync();
  std::vector<EntityType> order;
  for (const auto& batch : books.batches) order.push_back(batch.entity);
  // The organization's person went ahead of it, as its reference needed.
  EXPECT_EQ(order, (std::vector<EntityType>{EntityType::tax_code, EntityType::person,
                                            EntityType::organization, EntityType::item,
                                            EntityType::invoice, EntityType::person}));
  // Every reference in books is a books id.
  auto sent = std::get<model::Invoice>(books.all(EntityType::invoice).at(0));
  auto org_in_books = books.get(EntityType::organization, sent.organization.id);
  ASSERT_TRUE(org_in_books.has_value());
  EXPECT_EQ(std::get<model::Organization>(*org_in_books).name, "Buyer");
  auto item_in_books = books.get(EntityType::item, sent.lines.at(0).item.id);
  ASSERT_TRUE(item_in_books.has_value());
  EXPECT_TRUE(books.get(EntityType::tax_code,
                        std::get<model::Item>(*item_in_books).sale_tax_code.id).has_value());
  auto person_in_books = std::get<model::Person>(books.all(EntityType::person).at(0));
  EXPECT_EQ(person_in_books.organization.id, sent.organization.id);  // second pass filled it in
}

TEST_F(FanoutTest, DeletionsPropagateAsTargetSupports) {
  addApp("crm", fakeManifest("crm", {EntityType::organization}));
  addApp("xero", fakeManifest("xero", {EntityType::organization}));  // archives
  sdk::Manifest deleting = fakeManifest("vtiger", {EntityType::organization});
  deleting.entities[0].operations = {sdk::Operation::read, sdk::Operation::create,
                                     sdk::Operation::update, sdk::Operation::remove};
  addApp("vtiger", deleting);
  addApp("keeper", fakeManifest("keeper", {EntityType::organization}));
  const std::string gone = app("crm").put(organization("Gone Ltd"));
  sync();
  const std::string id = canonicalId("Gone Ltd");
  const std::string in_xero = externalId("xero", id), in_vtiger = externalId("vtiger", id),
                    in_keeper = externalId("keeper", id);
  tick();
  app("crm").archive(EntityType::organization, gone);
  EngineOptions options;
  options.ignore_deletions = {connectionId("keeper")};
  sync(options);
  auto archived = app("xero").get(EntityType::organization, in_xero);
  ASSERT_TRUE(archived.has_value());
  EXPECT_EQ(model::metaOf(*archived).status, model::RecordStatus::archived);
  EXPECT_FALSE(app("vtiger").get(EntityType::organization, in_vtiger).has_value());
  auto kept = app("keeper").get(EntityType::organization, in_keeper);
  ASSERT_TRUE(kept.has_value());
  EXPECT_EQ(model::metaOf(*kept).status, model::RecordStatus::active);
  // The removal vTiger reports back is our own: nothing changes on the next run.
  const auto log = changeLogSize();
  tick();
  sync(options);
  EXPECT_EQ(changeLogSize(), log);
}

}  // namespace
}  // namespace accord::sync::testing
