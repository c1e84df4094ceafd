#include "store/page.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace accord::store {
namespace {

using testing::StoreTest;

class PageTest : public StoreTest {
 protected:
  PageItem item(const std::string& external, const std::string& record_id, const std::string& hash) {
    PageItem it;
    it.external_id = external;
    it.put = RecordPut{};
    it.put->id = record_id;
    it.put->content_hash = hash;
    it.put->body = R"({"ext":")" + external + R"("})";
    return it;
  }
  std::optional<std::string> cursor() { return store().cursors().get(xero_, "person").value(); }
};

TEST_F(PageTest, WritesRecordsLinksChangeLogAndCursorTogether) {
  PageWrite page{xero_, "person", {item("C-1", "", "h1"), item("C-2", "", "h2")}, "cursor-1", {}};
  ASSERT_OK_AND_ASSIGN(outcome, store().writePage(page));
  EXPECT_EQ(outcome.created, 2);
  ASSERT_EQ(outcome.results.size(), 2u);
  EXPECT_EQ(cursor(), "cursor-1");
  ASSERT_OK_AND_ASSIGN(link, store().idMap().byExternal({xero_, "person", "C-2"}));
  ASSERT_TRUE(link.has_value());
  EXPECT_EQ(link->record_id, outcome.results[1].id);
  EXPECT_EQ(link->last_pulled_hash, "h2");
  ASSERT_OK_AND_ASSIGN(history, store().records().history(outcome.results[0].id));
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].source, xero_);
  EXPECT_EQ(history[0].org_id, org_);
}

TEST_F(PageTest, RepeatedPageIsUnchangedAndAnItemWithoutAPutStillRecordsThePull) {
  PageWrite page{xero_, "person", {item("C-1", "r1", "h1")}, "c1", {}};
  ASSERT_OK(store().writePage(page));
  page.cursor = "c2";
  ASSERT_OK_AND_ASSIGN(again, store().writePage(page));
  EXPECT_EQ(again.unchanged, 1);
  PageItem echo;
  echo.external_id = "C-1";
  echo.record_id = "r1";
  echo.pulled_hash = "app-side-hash";
  ASSERT_OK(store().writePage({xero_, "person", {echo}, "c3", {}}));
  EXPECT_EQ(store().records().get("r1")->version, 1);
  EXPECT_EQ(store().idMap().byExternal({xero_, "person", "C-1"}).value()->last_pulled_hash,
            "app-side-hash");
  EXPECT_EQ(cursor(), "c3");
}

TEST_F(PageTest, OneBadItemRollsBackTheWholePageAndKeepsTheOldCursor) {
  ASSERT_OK(store().writePage({xero_, "person", {item("C-1", "r1", "h1")}, "c1", {}}));
  // C-2 claims record r1, which C-1 already holds: the page must not half-apply.
  PageWrite page{xero_, "person", {item("C-3", "r3", "h3"), item("C-2", "r1", "h9")}, "c2", {}};
  auto failed = store().writePage(page);
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.error().message.find("item 'C-2'"), std::string::npos) << failed.error().message;
  EXPECT_EQ(cursor(), "c1");
  EXPECT_FALSE(store().records().find("r3")->has_value());
  EXPECT_EQ(store().records().get("r1")->content_hash, "h1");
  EXPECT_EQ(store().records().changesSince(org_, 0)->size(), 1u);
}

TEST_F(PageTest, UnknownConnectionIsRefused) {
  auto failed = store().writePage({999, "person", {}, "c", {}});
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().message, "no connection with id 999");
}

TEST_F(PageTest, PageInsideACallersTransactionCommitsWithIt) {
  {
    ASSERT_OK_AND_ASSIGN(tx, store().transaction());
    ASSERT_OK(store().writePage({xero_, "person", {item("C-1", "r1", "h1")}, "c1", {}}));
  }  // not committed
  EXPECT_FALSE(store().records().find("r1")->has_value());
  EXPECT_FALSE(cursor().has_value());
}

}  // namespace
}  // namespace accord::store
