#include "store/record_codec.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace accord::store {
namespace {

using testing::StoreTest;
namespace model = sdk::model;

class RecordCodecTest : public StoreTest {
 protected:
  static model::Record person(const std::string& email) {
    model::Person p;
    p.first_name = "Ada";
    p.last_name = "Lovelace";
    p.email = email;
    return p;
  }
};

TEST_F(RecordCodecTest, StoredRecordReadsBackAsTheSameRecordUnderItsNewId) {
  RecordPut put = toRecordPut(person("ada@example.com"), org_);
  EXPECT_EQ(put.entity, "person");
  EXPECT_EQ(put.status, "active");
  ASSERT_FALSE(put.id.empty());
  ASSERT_OK(store().records().put(put));
  ASSERT_OK_AND_ASSIGN(stored, store().records().get(put.id));
  ASSERT_OK_AND_ASSIGN(back, toModelRecord(stored));
  model::Record expected = person("ada@example.com");
  model::metaOf(expected).id = put.id;
  EXPECT_EQ(back, expected);
}

TEST_F(RecordCodecTest, HashFollowsContentSoOnlyRealChangesMakeVersions) {
  model::Record record = person("ada@example.com");
  model::metaOf(record).id = "p1";
  ASSERT_OK(store().records().put(toRecordPut(record, org_)));
  model::metaOf(record).remote_data = R"({"x":1})";  // not business content
  ASSERT_OK_AND_ASSIGN(same, store().records().put(toRecordPut(record, org_)));
  EXPECT_EQ(same.outcome, PutOutcome::unchanged);
  ASSERT_OK_AND_ASSIGN(changed,
                       store().records().put(toRecordPut(person("ada@lovelace.org"), org_)));
  EXPECT_EQ(changed.outcome, PutOutcome::created);  // no id: a new record
}

TEST_F(RecordCodecTest, UnparseableBodyIsAnErrorNamingTheRecord) {
  StoredRecord stored;
  stored.id = "p9";
  stored.entity = "person";
  stored.body = R"({"type":"person","bogus":1})";
  auto parsed = toModelRecord(stored);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().message.rfind("record 'p9' (person): stored body does not parse", 0), 0u)
      << parsed.error().message;
}

}  // namespace
}  // namespace accord::store
