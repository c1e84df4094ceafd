// Every entity, every field: fromJson(toJson(r)) == r and re-encoding is byte-identical.
#include <gtest/gtest.h>

#include "accord/sdk/model/codec.h"
#include "populate.h"

namespace accord::sdk::model {
namespace {

class RoundTrip : public ::testing::TestWithParam<EntityType> {};

TEST_P(RoundTrip, EveryFieldPopulatedSurvivesExactly) {
  const Record original = testing::populated(GetParam());
  ASSERT_NE(original, makeRecord(GetParam())) << "the populator changed nothing";
  const std::string json = toJson(original);
  auto parsed = fromJson(json);
  ASSERT_TRUE(parsed.ok()) << parsed.error().describe() << "\n" << json;
  EXPECT_EQ(parsed.value(), original) << json;
  EXPECT_EQ(toJson(parsed.value()), json);
  EXPECT_EQ(metaOf(parsed.value()).remote_data, metaOf(original).remote_data);
}

TEST_P(RoundTrip, DefaultRecordSurvivesExactly) {
  const Record original = makeRecord(GetParam());
  const std::string json = toJson(original);
  auto parsed = fromJson(json);
  ASSERT_TRUE(parsed.ok()) << parsed.error().describe() << "\n" << json;
  EXPECT_EQ(parsed.value(), original);
  EXPECT_EQ(toJson(parsed.value()), json);
}

TEST_P(RoundTrip, PopulatedRecordPassesValidate) {
  auto result = validate(testing::populated(GetParam()));
  EXPECT_TRUE(result.ok()) << result.error().describe();
}

INSTANTIATE_TEST_SUITE_P(AllEntities, RoundTrip, ::testing::ValuesIn(allEntityTypes()),
                         [](const auto& info) { return std::string(toString(info.param)); });

TEST(Codec, EnvelopeKeysComeInFixedOrder) {
  Person person;
  person.meta.id = "p1";
  person.meta.updated_at = Timestamp::parse("2024-03-01T10:00:00+11:00");
  person.first_name = "Ada";
  const std::string json = toJson(Record{person});
  EXPECT_EQ(
      json.substr(0, json.find(",\"fields\"")),
      R"({"type":"person","id":"p1","created_at":null,"updated_at":"2024-03-01T10:00:00+11:00",)"
      R"("status":"active","remote_data":{})");
  EXPECT_NE(json.find(R"("fields":{"first_name":"Ada","last_name":"",)"), std::string::npos)
      << json;
}

TEST(Codec, MoneyIsWrittenAsDecimalStringsWithTheirScale) {
  Invoice invoice;
  invoice.total = *Decimal::parse("1150.50");
  invoice.currency_rate = *Decimal::parse("0.6543");
  const std::string json = toJson(Record{invoice});
  EXPECT_NE(json.find(R"("total":"1150.50")"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("currency_rate":"0.6543")"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("due_date":null)"), std::string::npos) << json;
}

TEST(Codec, RemoteDataIsEmbeddedAsAnObjectAndEmptyObjectMeansNone) {
  Item item;
  item.meta.remote_data = R"({"ItemID":"abc","UnitPrice":12.50})";
  const std::string json = toJson(Record{item});
  EXPECT_NE(json.find(R"("remote_data":{"ItemID":"abc","UnitPrice":12.50})"), std::string::npos);
  auto parsed = fromJson(R"({"type":"item","remote_data":{ }})");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(metaOf(parsed.value()).remote_data, "");
}

TEST(Codec, RemoteDataThatIsNotAnObjectIsKeptUnderUnparsedAndFailsValidate) {
  Item item;
  item.meta.remote_data = "not json";
  const std::string json = toJson(Record{item});
  EXPECT_NE(json.find(R"("remote_data":{"_unparsed":"not json"})"), std::string::npos) << json;
  EXPECT_TRUE(fromJson(json).ok());
  auto checked = validate(Record{item});
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.error().message, "remote_data: not the text of a JSON object");
}

TEST(Codec, MissingFieldsTakeTheirDefaults) {
  auto parsed = fromJson(R"({"type":"invoice","fields":{"number":"INV-1"}})");
  ASSERT_TRUE(parsed.ok()) << parsed.error().describe();
  Invoice expected;
  expected.number = "INV-1";
  EXPECT_EQ(parsed.value(), Record{expected});
}

}  // namespace
}  // namespace accord::sdk::model
