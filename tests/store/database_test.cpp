#include "store/database.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace accord::store {
namespace {

using testing::TempDir;

std::string scalar(Database& db, const std::string& sql) {
  auto st = db.prepare(sql);
  EXPECT_TRUE(st.ok());
  auto row = st->step();
  EXPECT_TRUE(row.ok() && row.value());
  return st->columnText(0);
}

class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Database::open(dir_ / "t.db");
    ASSERT_TRUE(opened.ok()) << opened.error().describe();
    db_.emplace(std::move(opened.value()));
    ASSERT_TRUE(db_->exec("CREATE TABLE t (v INTEGER NOT NULL)").ok());
  }
  std::string count() { return scalar(*db_, "SELECT count(*) FROM t"); }

  TempDir dir_;
  std::optional<Database> db_;
};

TEST_F(DatabaseTest, OpensInWalModeWithForeignKeysOn) {
  EXPECT_EQ(scalar(*db_, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(scalar(*db_, "PRAGMA foreign_keys"), "1");
  EXPECT_EQ(scalar(*db_, "PRAGMA busy_timeout"), "5000");
}

TEST_F(DatabaseTest, BindsAndReadsValues) {
  ASSERT_TRUE(db_->exec("CREATE TABLE v (i INTEGER, s TEXT, b BLOB, n TEXT)").ok());
  auto insert = db_->prepare("INSERT INTO v VALUES (?1, ?2, ?3, ?4)");
  ASSERT_TRUE(insert.ok());
  insert->bind(1, std::int64_t{1} << 40).bind(2, "héllo").bindBlob(3, std::string("a\0b", 3));
  insert->bind(4, std::optional<std::string>{});
  ASSERT_TRUE(insert->run().ok());
  auto select = db_->prepare("SELECT i, s, b, n FROM v");
  ASSERT_TRUE(select.ok());
  ASSERT_TRUE(select->step().value());
  EXPECT_EQ(select->columnInt(0), std::int64_t{1} << 40);
  EXPECT_EQ(select->columnText(1), "héllo");
  EXPECT_EQ(select->columnText(2), std::string("a\0b", 3));
  EXPECT_EQ(select->columnOptText(3), std::nullopt);
}

TEST_F(DatabaseTest, UncommittedTransactionRollsBack) {
  {
    auto tx = Transaction::begin(*db_);
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(db_->run("INSERT INTO t VALUES (?1)", 1).ok());
  }
  EXPECT_EQ(count(), "0");
  EXPECT_FALSE(db_->inTransaction());
}

TEST_F(DatabaseTest, NestedTransactionRollsBackOnlyItsOwnWork) {
  auto outer = Transaction::begin(*db_);
  ASSERT_TRUE(outer.ok());
  ASSERT_TRUE(db_->run("INSERT INTO t VALUES (1)").ok());
  {
    auto inner = Transaction::begin(*db_);
    ASSERT_TRUE(inner.ok());
    ASSERT_TRUE(db_->run("INSERT INTO t VALUES (2)").ok());
  }
  ASSERT_TRUE(outer->commit().ok());
  EXPECT_EQ(scalar(*db_, "SELECT group_concat(v) FROM t"), "1");
}

TEST_F(DatabaseTest, ErrorsNameTheFileAndTheProblem) {
  auto bad = db_->prepare("SELECT nope FROM t");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("t.db"), std::string::npos);
  EXPECT_NE(bad.error().message.find("no such column: nope"), std::string::npos);
  auto constraint = db_->run("INSERT INTO t VALUES (NULL)");
  ASSERT_FALSE(constraint.ok());
  EXPECT_NE(constraint.error().message.find("NOT NULL"), std::string::npos);
}

TEST_F(DatabaseTest, SecondWriterWaitsThenReportsBusyAsRetryable) {
  DatabaseOptions impatient;
  impatient.busy_timeout_ms = 50;
  auto other = Database::open(dir_ / "t.db", impatient);
  ASSERT_TRUE(other.ok());
  auto tx = Transaction::begin(*db_);
  ASSERT_TRUE(tx.ok());
  auto blocked = Transaction::begin(other.value());
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.error().kind, sdk::ErrorKind::retryable);
}

TEST(DatabaseOpenTest, UnopenablePathIsAnErrorNamingIt) {
  TempDir dir;
  auto opened = Database::open(dir.path());  // a directory, not a file
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.error().message.find(dir.path().string()), std::string::npos);
}

}  // namespace
}  // namespace accord::store
