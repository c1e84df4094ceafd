// fromJson refuses bad input with a permanent error naming the JSON path.
#include <gtest/gtest.h>

#include "accord/sdk/model/codec.h"

namespace accord::sdk::model {
namespace {

struct BadInput {
  const char* name;
  const char* json;
  const char* message;
  const char* field;
};

class StrictParse : public ::testing::TestWithParam<BadInput> {};

TEST_P(StrictParse, RefusesWithExactMessage) {
  auto result = fromJson(GetParam().json);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::permanent);
  EXPECT_EQ(result.error().message, GetParam().message);
  EXPECT_EQ(result.error().field, GetParam().field);
}

const BadInput kBadInputs[] = {
    {"NumberForDecimal", R"({"type":"invoice","fields":{"lines":[{},{},{"unit_price":12.5}]}})",
     "fields.lines[2].unit_price: expected decimal string, got number",
     "fields.lines[2].unit_price"},
    {"MalformedDecimal", R"({"type":"invoice","fields":{"total":"1.2.3"}})",
     R"(fields.total: malformed decimal "1.2.3" (expected like "-12.50"))", "fields.total"},
    {"DecimalTooPrecise", R"({"type":"payment","fields":{"amount":"0.1234567891"}})",
     R"(fields.amount: malformed decimal "0.1234567891" (expected like "-12.50"))",
     "fields.amount"},
    {"ImpossibleDate", R"({"type":"invoice","fields":{"due_date":"2023-02-29"}})",
     R"(fields.due_date: malformed date "2023-02-29" (expected YYYY-MM-DD))", "fields.due_date"},
    {"TimestampWithoutOffset", R"({"type":"person","updated_at":"2024-03-01T10:00:00"})",
     R"(updated_at: malformed timestamp "2024-03-01T10:00:00" (expected ISO 8601 with offset))",
     "updated_at"},
    {"BadEnum", R"({"type":"invoice","fields":{"status":"open"}})",
     R"(fields.status: "open" is not one of draft, submitted, authorised, paid, voided)",
     "fields.status"},
    {"EnumIsCaseSensitive", R"({"type":"invoice","fields":{"kind":"SALES"}})",
     R"(fields.kind: "SALES" is not one of sales, purchase)", "fields.kind"},
    {"NestedEnum", R"({"type":"person","fields":{"phones":[{"kind":"pager"}]}})",
     R"(fields.phones[0].kind: "pager" is not one of "", work, mobile, fax, home, other)",
     "fields.phones[0].kind"},
    {"LowercaseCurrency", R"({"type":"organization","fields":{"currency":"usd"}})",
     R"(fields.currency: "usd" is not an ISO 4217 currency code)", "fields.currency"},
    {"UnknownField", R"({"type":"person","fields":{"nickname":"Al"}})",
     "fields.nickname: unknown field", "fields.nickname"},
    {"UnknownNestedField", R"({"type":"invoice","fields":{"lines":[{"colour":"red"}]}})",
     "fields.lines[0].colour: unknown field", "fields.lines[0].colour"},
    {"UnknownEnvelopeKey", R"({"type":"person","colour":"red"})", "colour: unknown key", "colour"},
    {"StringForBoolean", R"({"type":"organization","fields":{"is_customer":"yes"}})",
     "fields.is_customer: expected boolean, got string", "fields.is_customer"},
    {"ObjectForArray", R"({"type":"organization","fields":{"phones":{}}})",
     "fields.phones: expected array, got object", "fields.phones"},
    {"StringForObject", R"({"type":"organization","fields":{"addresses":["1 Main St"]}})",
     "fields.addresses[0]: expected object, got string", "fields.addresses[0]"},
    {"NumberForRef", R"({"type":"person","fields":{"organization":42}})",
     "fields.organization: expected string, got number", "fields.organization"},
    {"NullForRequiredValue", R"({"type":"invoice","fields":{"total":null}})",
     "fields.total: expected decimal string, got null", "fields.total"},
    {"FieldsNotObject", R"({"type":"person","fields":[]})", "fields: expected object, got array",
     "fields"},
    {"MissingType", R"({"id":"1"})", R"(type: missing (one of the entity names, e.g. "invoice"))",
     "type"},
    {"UnknownType", R"({"type":"widget"})", R"(type: "widget" is not an entity type)", "type"},
    {"BadStatus", R"({"type":"person","status":"gone"})",
     R"(status: "gone" is not one of active, archived, deleted)", "status"},
    {"RemoteDataNotObject", R"({"type":"person","remote_data":"raw"})",
     "remote_data: expected object, got string", "remote_data"},
    {"NotAnObject", "[1,2]", "record: expected object, got array", ""},
};

INSTANTIATE_TEST_SUITE_P(Codec, StrictParse, ::testing::ValuesIn(kBadInputs),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(StrictParseJson, MalformedJsonIsRefusedNamingTheProblem) {
  auto result = fromJson(R"({"type":"person",)");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::permanent);
  EXPECT_EQ(result.error().message.rfind("invalid JSON: ", 0), 0u) << result.error().message;
}

TEST(StrictParseJson, ValidateReportsWhatFromJsonWould) {
  Invoice invoice;
  invoice.status = "open";
  auto result = validate(Record{invoice});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message,
            R"(fields.status: "open" is not one of draft, submitted, authorised, paid, voided)");
}

}  // namespace
}  // namespace accord::sdk::model
