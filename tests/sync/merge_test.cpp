// Merging pulled changes: echoes of our own pushes are recognised, concurrent edits converge
// without ping-pong, and an authoritative connection wins its conflicts.
#include <gtest/gtest.h>

#include "sync_fixture.h"

namespace accord::sync::testing {
namespace {

using model::EntityType;

class MergeTest : public SyncTest {
 protected:
  // "crm" and "books" both hold organizations; one record "Acme" from crm, synced and settled.
  std::string setUpPair() {
    addApp("crm", fakeManifest("crm", {EntityType::organization}));
    addApp("books", fakeManifest("books", {EntityType::organization}));
    app("crm").put(organization("Acme"));
    sync();
    tick();
    sync();
    tick();
    auto orgs = canonical(EntityType::organization);
    EXPECT_EQ(orgs.size(), 1u);
    return orgs.empty() ? "" : model::metaOf(orgs[0]).id;
  }
  model::Organization inApp(const std::string& name, const std::string& record_id) {
    auto record = app(name).get(EntityType::organization, externalId(name, record_id));
    EXPECT_TRUE(record.has_value());
    return record ? std::get<model::Organization>(*record) : model::Organization{};
  }
  void edit(const std::string& name, const std::string& record_id,
            const std::function<void(model::Organization&)>& change) {
    model::Organization org = inApp(name, record_id);
    change(org);
    org.meta.id = externalId(name, record_id);
    app(name).put(org);
  }
  // Total calls to write() on both apps.
  std::size_t writes() { return app("crm").batches.size() + app("books").batches.size(); }
};

TEST_F(MergeTest, EchoIsSuppressed) {
  const std::string id = setUpPair();
  // The first run created Acme in books; the second read it back there: an echo.
  EXPECT_EQ(app("books").creates, 1);
  EXPECT_EQ(app("books").batches.size(), 1u);
  EXPECT_TRUE(app("crm").batches.empty());
  EXPECT_EQ(changeLogSize(), 1);
  auto entry = link("books", id);
  EXPECT_EQ(entry.last_pulled_hash, entry.last_pushed_hash);
}

TEST_F(MergeTest, ConcurrentEditsConvergeWithoutPingPong) {
  const std::string id = setUpPair();
  // Both apps edit the same record between two runs: the same field (books later), and one
  // different field each.
  edit("crm", id, [](auto& o) { o.name = "Acme (crm)"; o.email = "billing@acme.test"; });
  tick(std::chrono::seconds(1));
  edit("books", id, [](auto& o) { o.name = "Acme (books)"; o.website = "acme.test"; });
  tick();
  RunReport report = sync();
  EXPECT_EQ(report.status, store::RunStatus::succeeded);
  for (const std::string name : {"crm", "books"}) {
    model::Organization org = inApp(name, id);
    EXPECT_EQ(org.name, "Acme (books)") << name;  // the most recent change of the field
    EXPECT_EQ(org.email, "billing@acme.test") << name;
    EXPECT_EQ(org.website, "acme.test") << name;
  }
  // Further runs read both apps' copies back and change nothing anywhere.
  const std::size_t writes_after = writes();
  const auto log_after = changeLogSize();
  for (int i = 0; i < 3; ++i) {
    tick();
    sync();
  }
  EXPECT_EQ(writes(), writes_after);
  EXPECT_EQ(changeLogSize(), log_after);
}

TEST_F(MergeTest, OlderChangeLosesTheField) {
  const std::string id = setUpPair();
  // books's edit is older (its own modified time) than crm's, though both arrive in one run.
  edit("books", id, [](auto& o) { o.name = "Old name"; });
  tick(std::chrono::seconds(1));
  edit("crm", id, [](auto& o) { o.name = "New name"; });
  tick();
  sync();
  EXPECT_EQ(inApp("books", id).name, "New name");
  EXPECT_EQ(inApp("crm", id).name, "New name");
}

TEST_F(MergeTest, AuthoritativeConnectionWins) {
  const std::string id = setUpPair();
  EngineOptions options;
  options.authoritative = connectionId("crm");
  edit("crm", id, [](auto& o) { o.name = "Acme (crm)"; });
  tick(std::chrono::seconds(1));
  edit("books", id, [](auto& o) { o.name = "Acme (books, later)"; o.website = "acme.test"; });
  tick();
  sync(options);
  for (const std::string name : {"crm", "books"}) {
    EXPECT_EQ(inApp(name, id).name, "Acme (crm)") << name;
    EXPECT_EQ(inApp(name, id).website, "acme.test") << name;  // no conflict there: merged
  }
  const std::size_t writes_after = writes();
  tick();
  sync(options);
  tick();
  sync(options);
  EXPECT_EQ(writes(), writes_after);
}

}  // namespace
}  // namespace accord::sync::testing
