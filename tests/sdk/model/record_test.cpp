// Record helpers, entity names and content hashing.
#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>
#include <gtest/gtest.h>

#include <set>

#include "accord/sdk/model/codec.h"
#include "populate.h"

namespace accord::sdk::model {
namespace {

TEST(Record, MakeRecordGivesTheRequestedTypeWithDefaults) {
  EXPECT_EQ(allEntityTypes().size(), std::variant_size_v<Record>);
  for (EntityType type : allEntityTypes()) {
    const Record record = makeRecord(type);
    EXPECT_EQ(typeOf(record), type);
    EXPECT_EQ(metaOf(record), RecordMeta{});
  }
}

TEST(Record, MetaOfReachesTheEntitysMeta) {
  Record record = makeRecord(EntityType::transfer);
  metaOf(record).id = "t-1";
  EXPECT_EQ(std::get<Transfer>(record).meta.id, "t-1");
}

TEST(EntityNames, RoundTripAndRefuseUnknown) {
  std::set<std::string_view> seen;
  for (EntityType type : allEntityTypes()) {
    EXPECT_EQ(entityTypeFromString(toString(type)), type);
    seen.insert(toString(type));
  }
  EXPECT_EQ(seen.size(), allEntityTypes().size());
  EXPECT_EQ(toString(EntityType::purchase_order), "purchase_order");
  EXPECT_EQ(entityTypeFromString("Invoice"), std::nullopt);
  EXPECT_EQ(recordStatusFromString("archived"), RecordStatus::archived);
  EXPECT_EQ(toString(RecordStatus::deleted), "deleted");
  EXPECT_EQ(recordStatusFromString("removed"), std::nullopt);
}

TEST(ContentHash, IsSha256OfTypeStatusAndFields) {
  Person person;
  person.meta.id = "p-1";
  person.first_name = "Ada";
  const std::string canonical =
      R"({"type":"person","status":"active","fields":{"first_name":"Ada","last_name":"",)"
      R"("email":"","title":"","organization":"","is_primary":false,"addresses":[],"phones":[]}})";
  Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
  sha.update(canonical);
  EXPECT_EQ(contentHash(Record{person}), Poco::DigestEngine::digestToHex(sha.digest()));
}

TEST(ContentHash, IgnoresIdTimesAndRemoteData) {
  for (EntityType type : allEntityTypes()) {
    Record a = testing::populated(type);
    Record b = a;
    metaOf(b).id = "another";
    metaOf(b).created_at.reset();
    metaOf(b).updated_at = Timestamp(0, 0);
    metaOf(b).remote_data = R"({"other":true})";
    EXPECT_EQ(contentHash(a), contentHash(b)) << toString(type);
    EXPECT_EQ(contentHash(a).size(), 64u);
  }
}

TEST(ContentHash, FollowsEqualityForDecimalScaleAndTimestampOffset) {
  // Apps echo "10.0000" for "10.00" and UTC for a local time: neither is a change.
  Invoice a;
  a.total = *Decimal::parse("10.00");
  Invoice b = a;
  b.total = *Decimal::parse("10.0000");
  EXPECT_EQ(Record{a}, Record{b});
  EXPECT_EQ(contentHash(Record{a}), contentHash(Record{b}));
  Timesheet t1;
  t1.lines.push_back({Ref{"earn"}, Ref{}, {*Decimal::parse("7.5")}});
  Timesheet t2 = t1;
  t2.lines[0].hours[0] = *Decimal::parse("7.50");
  EXPECT_EQ(contentHash(Record{t1}), contentHash(Record{t2}));
}

TEST(ContentHash, ChangesWithFieldsAndStatus) {
  Invoice invoice;
  invoice.total = *Decimal::parse("10.00");
  const std::string base = contentHash(Record{invoice});
  Invoice changed = invoice;
  changed.total = *Decimal::parse("10.01");
  EXPECT_NE(contentHash(Record{changed}), base);
  Invoice archived = invoice;
  archived.meta.status = RecordStatus::archived;
  EXPECT_NE(contentHash(Record{archived}), base);
}

}  // namespace
}  // namespace accord::sdk::model
