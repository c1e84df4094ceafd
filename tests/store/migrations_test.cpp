#include "store/migrations.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <optional>
#include <thread>
#include <vector>

#include "store/store.h"
#include "test_support.h"

namespace accord::store {
namespace {

using testing::TempDir;

TEST(MigrationsTest, AreNumberedFromOneWithoutGaps) {
  const auto& all = migrations();
  ASSERT_FALSE(all.empty());
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].version, static_cast<int>(i + 1)) << all[i].name;
    EXPECT_FALSE(all[i].sql.empty());
  }
  EXPECT_EQ(latestSchemaVersion(), all.back().version);
}

TEST(MigrationsTest, NewDatabaseReachesTheLatestVersionWithEveryTable) {
  TempDir dir;
  auto store = Store::open(dir / "var" / "accord.db");
  ASSERT_TRUE(store.ok()) << store.error().describe();
  EXPECT_EQ(store.value()->schemaVersion(), latestSchemaVersion());
  struct stat info {};
  ASSERT_EQ(::stat((dir / "var" / "accord.db").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u) << "a new database is private to its owner";
  for (const char* table : {"organisations", "connections", "connection_entities", "records",
                            "change_log", "id_map", "cursors", "match_issues", "match_candidates",
                            "sync_runs", "sync_run_errors", "push_intents", "sync_link_bases",
                            "sync_field_times", "connection_status", "oauth_states"}) {
    auto st = store.value()->db().prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1",
                                     table);
    ASSERT_TRUE(st.ok());
    EXPECT_TRUE(st->step().value()) << table;
  }
}

TEST(MigrationsTest, ReopeningAppliesNothingTwice) {
  TempDir dir;
  {
    auto store = Store::open(dir / "accord.db");
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(store.value()->organisations().add("Acme").ok());
  }
  auto again = Store::open(dir / "accord.db");
  ASSERT_TRUE(again.ok()) << again.error().describe();
  auto orgs = again.value()->organisations().list();
  ASSERT_TRUE(orgs.ok());
  EXPECT_EQ(orgs->size(), 1u);
}

TEST(MigrationsTest, StoresOpeningANewFileAtOnceMigrateItOnce) {
  TempDir dir;
  constexpr int kOpeners = 4;
  std::vector<std::optional<Result<std::unique_ptr<Store>>>> opened(kOpeners);
  std::vector<std::thread> threads;
  for (int i = 0; i < kOpeners; ++i) {
    threads.emplace_back([&, i] { opened[i].emplace(Store::open(dir / "accord.db")); });
  }
  for (auto& t : threads) t.join();
  for (auto& result : opened) {
    ASSERT_TRUE(result->ok()) << result->error().describe();
    EXPECT_EQ(result->value()->schemaVersion(), latestSchemaVersion());
  }
}

TEST(MigrationsTest, UpgradesAnOlderDatabase) {
  TempDir dir;
  auto db = Database::open(dir / "accord.db");
  ASSERT_TRUE(db.ok());
  ASSERT_EQ(migrateTo(db.value(), 0).value(), 0);
  auto reached = migrate(db.value());
  ASSERT_TRUE(reached.ok());
  EXPECT_EQ(reached.value(), latestSchemaVersion());
}

// Before schema 2 the sync engine created its own tables in a schema-1 database; upgrading
// such a database keeps them and what they hold, and adds the new tables.
TEST(MigrationsTest, ASchemaOneDatabaseTheEngineUsedUpgradesKeepingItsSyncState) {
  TempDir dir;
  const auto path = dir / "accord.db";
  {
    auto db = Database::open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_EQ(migrateTo(db.value(), 1).value(), 1);
    ASSERT_TRUE(db->exec(
        "INSERT INTO organisations (id, slug, name, created_at) VALUES (1, 'acme', 'Acme', 0);"
        "INSERT INTO connections (id, org_id, name, plugin, created_at, updated_at) "
        "  VALUES (1, 1, 'xero', 'xero', 0, 0);"
        "INSERT INTO records (id, org_id, entity, version, content_hash, status, body, "
        "  updated_at) VALUES ('r1', 1, 'person', 1, 'h', 'active', '{}', 0);"
        // What hub/sync/sync_state.cpp created before the tables moved to migration 002.
        "CREATE TABLE IF NOT EXISTS sync_link_bases ("
        "  connection_id INTEGER NOT NULL REFERENCES connections(id) ON DELETE CASCADE,"
        "  record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,"
        "  body TEXT NOT NULL, PRIMARY KEY (connection_id, record_id));"
        "CREATE TABLE IF NOT EXISTS sync_field_times ("
        "  record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,"
        "  field TEXT NOT NULL, at_ms INTEGER NOT NULL, PRIMARY KEY (record_id, field));"
        "INSERT INTO sync_link_bases VALUES (1, 'r1', '{\"base\":1}');"
        "INSERT INTO sync_field_times VALUES ('r1', 'name', 42);").ok());
  }
  auto store = Store::open(path);
  ASSERT_TRUE(store.ok()) << store.error().describe();
  EXPECT_EQ(store.value()->schemaVersion(), latestSchemaVersion());
  EXPECT_GE(latestSchemaVersion(), 2);
  auto base = store.value()->db().prepare("SELECT body FROM sync_link_bases WHERE record_id = 'r1'");
  ASSERT_TRUE(base.ok() && base->step().value());
  EXPECT_EQ(base->columnText(0), R"({"base":1})");
  auto times = store.value()->db().prepare("SELECT at_ms FROM sync_field_times WHERE field = 'name'");
  ASSERT_TRUE(times.ok() && times->step().value());
  EXPECT_EQ(times->columnInt(0), 42);
  auto status = store.value()->connectionStatuses().get(1);
  ASSERT_TRUE(status.ok()) << status.error().describe();
  EXPECT_EQ(status->state, HealthState::healthy);
}

TEST(MigrationsTest, ASchemaOneDatabaseTheEngineNeverUsedGetsTheSyncTables) {
  TempDir dir;
  {
    auto db = Database::open(dir / "accord.db");
    ASSERT_TRUE(db.ok());
    ASSERT_EQ(migrateTo(db.value(), 1).value(), 1);
  }
  auto store = Store::open(dir / "accord.db");
  ASSERT_TRUE(store.ok()) << store.error().describe();
  for (const char* table :
       {"sync_link_bases", "sync_field_times", "connection_status", "oauth_states"}) {
    auto st = store.value()->db().prepare(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", table);
    ASSERT_TRUE(st.ok());
    EXPECT_TRUE(st->step().value()) << table;
  }
}

TEST(MigrationsTest, RefusesADatabaseFromANewerAccordAndLeavesItAlone) {
  TempDir dir;
  const auto path = dir / "accord.db";
  {
    auto db = Database::open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->exec("PRAGMA user_version = 7").ok());
  }
  auto store = Store::open(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().message,
            path.string() + ": database schema version 7 is newer than this Accord supports (" +
                std::to_string(latestSchemaVersion()) + "); upgrade Accord");
  auto db = Database::open(path);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(schemaVersion(db.value()).value(), 7);
  auto tables = db->prepare("SELECT count(*) FROM sqlite_master");
  ASSERT_TRUE(tables->step().value());
  EXPECT_EQ(tables->columnInt(0), 0);
}

}  // namespace
}  // namespace accord::store
