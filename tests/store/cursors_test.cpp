#include "store/cursors.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace accord::store {
namespace {

using testing::StoreTest;

class CursorsTest : public StoreTest {};

TEST_F(CursorsTest, PullAndPushCursorsAreKeptApartPerEntityUntilReset) {
  EXPECT_FALSE(store().cursors().get(xero_, "person")->has_value());
  ASSERT_OK(store().cursors().set(xero_, "person", "2024-03-01T00:00:00Z"));
  ASSERT_OK(store().cursors().set(xero_, "person", "42", CursorKind::push));
  ASSERT_OK(store().cursors().set(xero_, "invoice", "page-7"));
  ASSERT_OK(store().cursors().set(xero_, "person", "2024-03-02T00:00:00Z"));
  EXPECT_EQ(store().cursors().get(xero_, "person").value(), "2024-03-02T00:00:00Z");
  EXPECT_EQ(store().cursors().get(xero_, "person", CursorKind::push).value(), "42");
  ASSERT_OK(store().cursors().reset(xero_, "person"));
  EXPECT_FALSE(store().cursors().get(xero_, "person")->has_value());
  EXPECT_FALSE(store().cursors().get(xero_, "person", CursorKind::push)->has_value());
  EXPECT_EQ(store().cursors().get(xero_, "invoice").value(), "page-7");
}

TEST_F(CursorsTest, ACursorNeedsAnExistingConnection) {
  EXPECT_FALSE(store().cursors().set(999, "person", "x").ok());
}

}  // namespace
}  // namespace accord::store
