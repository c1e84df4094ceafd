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
                            "sync_runs", "sync_run_errors", "push_intents"}) {
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
