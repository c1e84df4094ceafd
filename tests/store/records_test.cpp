#include "store/records.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace accord::store {
namespace {

using testing::StoreTest;

class RecordsTest : public StoreTest {
 protected:
  RecordPut person(const std::string& id, const std::string& hash, const std::string& body) {
    RecordPut put;
    put.id = id;
    put.org_id = org_;
    put.entity = "person";
    put.content_hash = hash;
    put.body = body;
    put.source = xero_;
    return put;
  }
};

TEST_F(RecordsTest, NewContentMakesANewVersionWithItsChangeLogEntry) {
  ASSERT_OK_AND_ASSIGN(first, store().records().put(person("p1", "h1", R"({"n":1})")));
  EXPECT_EQ(first.outcome, PutOutcome::created);
  EXPECT_EQ(first.version, 1);
  clock_.advance(1000);
  ASSERT_OK_AND_ASSIGN(second, store().records().put(person("p1", "h2", R"({"n":2})")));
  EXPECT_EQ(second.outcome, PutOutcome::updated);
  EXPECT_EQ(second.version, 2);
  ASSERT_OK_AND_ASSIGN(current, store().records().get("p1"));
  EXPECT_EQ(current.version, 2);
  EXPECT_EQ(current.body, R"({"n":2})");
  EXPECT_EQ(current.updated_at.epochMillis(), clock_.millis());
  ASSERT_OK_AND_ASSIGN(history, store().records().history("p1"));
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].body, R"({"n":1})");
  EXPECT_EQ(history[1].version, 2);
  EXPECT_EQ(history[1].source, xero_);
}

TEST_F(RecordsTest, SameContentIsUnchangedAndLogsNothing) {
  ASSERT_OK(store().records().put(person("p1", "h1", "{}")));
  ASSERT_OK_AND_ASSIGN(again, store().records().put(person("p1", "h1", R"({"ignored":true})")));
  EXPECT_EQ(again.outcome, PutOutcome::unchanged);
  EXPECT_EQ(again.version, 1);
  EXPECT_EQ(store().records().history("p1")->size(), 1u);
  auto archived = person("p1", "h1", "{}");
  archived.status = "archived";
  ASSERT_OK_AND_ASSIGN(status_change, store().records().put(archived));
  EXPECT_EQ(status_change.outcome, PutOutcome::updated);
}

TEST_F(RecordsTest, EmptyIdMakesANewRecord) {
  ASSERT_OK_AND_ASSIGN(created, store().records().put(person("", "h", "{}")));
  EXPECT_EQ(created.id.size(), 32u);
  EXPECT_TRUE(store().records().find(created.id)->has_value());
  EXPECT_NE(newRecordId(), newRecordId());
}

TEST_F(RecordsTest, StaleExpectedVersionIsRefusedAsRetryable) {
  ASSERT_OK(store().records().put(person("p1", "h1", "{}")));
  ASSERT_OK(store().records().put(person("p1", "h2", "{}")));
  auto stale = person("p1", "h3", "{}");
  stale.expected_version = 1;
  auto refused = store().records().put(stale);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, sdk::ErrorKind::retryable);
  EXPECT_EQ(refused.error().message, "record 'p1' changed meanwhile (version 2, expected 1)");
  auto fresh = person("p2", "h", "{}");
  fresh.expected_version = 0;
  EXPECT_TRUE(store().records().put(fresh).ok());
}

TEST_F(RecordsTest, RecordKeepsItsEntityAndRefusesUnknownStatus) {
  ASSERT_OK(store().records().put(person("p1", "h1", "{}")));
  auto as_item = person("p1", "h2", "{}");
  as_item.entity = "item";
  EXPECT_FALSE(store().records().put(as_item).ok());
  auto bad = person("p2", "h", "{}");
  bad.status = "gone";
  auto refused = store().records().put(bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "status");
}

// The default after_id used to bind SQL NULL ("id > NULL" matches nothing), so a plain
// list(org, entity) returned no records at all.
TEST_F(RecordsTest, ListWithoutAStartingIdReturnsTheFirstPage) {
  for (const char* id : {"b", "a"}) ASSERT_OK(store().records().put(person(id, id, "{}")));
  ASSERT_OK_AND_ASSIGN(all, store().records().list(org_, "person"));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, "a");
  EXPECT_EQ(all[1].id, "b");
  ASSERT_OK_AND_ASSIGN(empty_view, store().records().list(org_, "person", std::string_view()));
  EXPECT_EQ(empty_view.size(), 2u);
}

TEST_F(RecordsTest, ListsByEntityInPagesAndReadsChangesInOrder) {
  for (const char* id : {"c", "a", "b"}) ASSERT_OK(store().records().put(person(id, id, "{}")));
  auto item = person("i", "h", "{}");
  item.entity = "item";
  ASSERT_OK(store().records().put(item));
  ASSERT_OK_AND_ASSIGN(first, store().records().list(org_, "person", "", 2));
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].id, "a");
  EXPECT_EQ(first[1].id, "b");
  ASSERT_OK_AND_ASSIGN(rest, store().records().list(org_, "person", "b", 2));
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].id, "c");
  EXPECT_EQ(store().records().count(org_, "person").value(), 3);
  ASSERT_OK_AND_ASSIGN(changes, store().records().changesSince(org_, 0));
  ASSERT_EQ(changes.size(), 4u);
  EXPECT_EQ(changes[0].record_id, "c");
  EXPECT_EQ(changes[3].entity, "item");
  ASSERT_OK_AND_ASSIGN(later, store().records().changesSince(org_, changes[1].seq));
  EXPECT_EQ(later.size(), 2u);
}

}  // namespace
}  // namespace accord::store
