#include "store/id_map.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace accord::store {
namespace {

using testing::StoreTest;

class IdMapTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    for (const char* id : {"p1", "p2"}) {
      ASSERT_OK(store().records().put(recordPut(id)));
    }
  }
  ExternalKey key(const std::string& external) { return {xero_, "person", external}; }
};

TEST_F(IdMapTest, LinksAndLooksUpBothWays) {
  ASSERT_OK_AND_ASSIGN(entry, store().idMap().link(key("C-1"), "p1"));
  EXPECT_EQ(entry.record_id, "p1");
  EXPECT_EQ(entry.created_at.epochMillis(), clock_.millis());
  ASSERT_OK_AND_ASSIGN(by_ext, store().idMap().byExternal(key("C-1")));
  ASSERT_TRUE(by_ext.has_value());
  EXPECT_EQ(by_ext->record_id, "p1");
  ASSERT_OK_AND_ASSIGN(by_rec, store().idMap().byRecord(xero_, "p1"));
  ASSERT_TRUE(by_rec.has_value());
  EXPECT_EQ(by_rec->key.external_id, "C-1");
  EXPECT_FALSE(store().idMap().byExternal(key("C-2"))->has_value());
  ASSERT_OK(store().idMap().link(key("C-1"), "p1"));  // the same link again is fine
  EXPECT_EQ(store().idMap().forRecord("p1")->size(), 1u);
}

TEST_F(IdMapTest, RefusesConflictingLinks) {
  ASSERT_OK(store().idMap().link(key("C-1"), "p1"));
  auto other_record = store().idMap().link(key("C-1"), "p2");
  ASSERT_FALSE(other_record.ok());
  EXPECT_EQ(other_record.error().message,
            "connection " + std::to_string(xero_) +
                " person 'C-1' is already linked to record 'p1'; unlink it first");
  auto other_external = store().idMap().link(key("C-9"), "p1");
  ASSERT_FALSE(other_external.ok());
  EXPECT_NE(other_external.error().message.find("already linked"), std::string::npos);
  auto wrong_entity = store().idMap().link({xero_, "item", "I-1"}, "p2");
  ASSERT_FALSE(wrong_entity.ok());
  EXPECT_NE(wrong_entity.error().message.find("it is a person"), std::string::npos);
  EXPECT_FALSE(store().idMap().link(key("C-3"), "missing").ok());
  ASSERT_OK(store().idMap().unlink(key("C-1")));
  ASSERT_OK(store().idMap().link(key("C-1"), "p2"));
}

TEST_F(IdMapTest, RemembersWhatWasExchangedAndTheOptOuts) {
  ASSERT_OK(store().idMap().link(key("C-1"), "p1"));
  clock_.advance(10);
  ASSERT_OK(store().idMap().markPulled(key("C-1"), "pulled-hash", sdk::Timestamp(5000, 600)));
  clock_.advance(10);
  ASSERT_OK(store().idMap().markPushed(key("C-1"), "pushed-hash"));
  ASSERT_OK(store().idMap().setOptOut(key("C-1"), false, true));
  ASSERT_OK_AND_ASSIGN(entry, store().idMap().byExternal(key("C-1")));
  EXPECT_EQ(entry->last_pulled_hash, "pulled-hash");
  EXPECT_EQ(entry->last_pulled_at->epochMillis(), clock_.millis() - 10);
  EXPECT_EQ(entry->last_pushed_hash, "pushed-hash");
  EXPECT_EQ(entry->last_pushed_at->epochMillis(), clock_.millis());
  EXPECT_EQ(entry->remote_updated_at->epochMillis(), 5000);  // kept by the push without one
  EXPECT_FALSE(entry->pull_opt_out);
  EXPECT_TRUE(entry->push_opt_out);
  auto unknown = store().idMap().markPulled(key("C-404"), "h");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("'C-404' is not linked"), std::string::npos);
}

TEST_F(IdMapTest, KeepsTheLastWarningAndErrorUntilCleared) {
  ASSERT_OK(store().idMap().link(key("C-1"), "p1"));
  ASSERT_OK(store().idMap().link(key("C-2"), "p2"));
  ASSERT_OK(store().idMap().setWarning(key("C-1"), std::string("phone truncated")));
  ASSERT_OK(store().idMap().setError(key("C-2"), std::string("permanent: email invalid")));
  ASSERT_OK_AND_ASSIGN(problems, store().idMap().problems(xero_));
  ASSERT_EQ(problems.size(), 2u);
  ASSERT_OK(store().idMap().setError(key("C-2"), std::nullopt));
  ASSERT_OK_AND_ASSIGN(entry, store().idMap().byExternal(key("C-2")));
  EXPECT_FALSE(entry->last_error.has_value());
  EXPECT_FALSE(entry->last_error_at.has_value());
  ASSERT_OK_AND_ASSIGN(left, store().idMap().problems(xero_));
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].last_warning, "phone truncated");
}

TEST_F(IdMapTest, RemovingTheConnectionRemovesItsLinksButKeepsRecords) {
  ASSERT_OK(store().idMap().link(key("C-1"), "p1"));
  ASSERT_OK(store().connections().remove(xero_));
  EXPECT_TRUE(store().idMap().forRecord("p1")->empty());
  ASSERT_OK_AND_ASSIGN(history, store().records().history("p1"));
  ASSERT_EQ(history.size(), 1u);
  EXPECT_FALSE(history[0].source.has_value());
}

}  // namespace
}  // namespace accord::store
