#include <gtest/gtest.h>

#include "accord/sdk/config.h"

namespace accord::sdk {
namespace {

ConfigSchema schema() {
  return {
      {"auth.client_id", ConfigType::string, std::nullopt, true, false, "OAuth client id"},
      {"auth.client_secret", ConfigType::string, std::nullopt, false, true, "OAuth secret"},
      {"page.size", ConfigType::integer, ConfigValue{std::int64_t{50}}, false, false, ""},
      {"sync.enabled", ConfigType::boolean, ConfigValue{true}, false, false, ""},
      {"fees.rate", ConfigType::number, std::nullopt, false, false, ""},
      {"regions", ConfigType::string_list, std::nullopt, false, false, ""},
  };
}

TEST(ConfigValidation, AcceptsValidValuesAndIntegerForNumber) {
  Config config({{"auth.client_id", std::string("abc")},
                 {"fees.rate", std::int64_t{2}},
                 {"regions", std::vector<std::string>{"NZ", "AU"}}});
  EXPECT_TRUE(validateAgainstSchema(schema(), config).empty());
}

TEST(ConfigValidation, WrongTypeNamesExpectedAndFoundValue) {
  Config config({{"auth.client_id", std::string("abc")}, {"page.size", std::string("ten")}});
  auto errors = validateAgainstSchema(schema(), config);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], (FieldError{"page.size", "expected integer, got string \"ten\""}));
}

TEST(ConfigValidation, WrongTypeOfSecretHidesTheValue) {
  Config config({{"auth.client_id", std::string("abc")}, {"auth.client_secret", std::int64_t{1234}}});
  auto errors = validateAgainstSchema(schema(), config);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "expected string, got integer (value hidden)");
}

TEST(ConfigValidation, AValueOutsideTheChoicesNamesTheKeyAndTheChoices) {
  ConfigSchema with_choices = schema();
  with_choices.push_back({"edition", ConfigType::string, std::nullopt, false, false, "",
                          {"standard", "pro"}});
  Config config({{"auth.client_id", std::string("abc")}, {"edition", std::string("gold")}});
  EXPECT_EQ(validateAgainstSchema(with_choices, config),
            (std::vector<FieldError>{
                {"edition", "must be one of \"standard\", \"pro\", got \"gold\""}}));
  config.set("edition", std::string("pro"));
  EXPECT_TRUE(validateAgainstSchema(with_choices, config).empty());
}

TEST(ConfigError, OneInvalidConfigErrorListingEveryProblem) {
  Error error = configError("shop", {{"url", "is required"}, {"plan", "must be one of \"a\""}});
  EXPECT_EQ(error.kind, ErrorKind::invalid_config);
  EXPECT_EQ(error.message, "shop config: url is required; plan must be one of \"a\"");
  EXPECT_EQ(error.field, "url");
}

TEST(ConfigValidation, UnknownKeyAndMissingRequiredAreEachOneError) {
  Config config({{"page.sise", std::int64_t{10}}, {"regions", std::string("NZ")}});
  auto errors = validateAgainstSchema(schema(), config);
  std::vector<FieldError> expected{
      {"page.sise", "unknown key"},
      {"regions", "expected string_list, got string \"NZ\""},
      {"auth.client_id", "missing required string"},
  };
  EXPECT_EQ(errors, expected);
}

TEST(ConfigValidation, DescribesEveryValueType) {
  EXPECT_EQ(describe(ConfigValue{std::string("a\"b")}), "string \"a\\\"b\"");
  EXPECT_EQ(describe(ConfigValue{std::int64_t{-3}}), "integer -3");
  EXPECT_EQ(describe(ConfigValue{false}), "boolean false");
  EXPECT_EQ(describe(ConfigValue{1.5}), "number 1.5");
  EXPECT_EQ(describe(ConfigValue{std::vector<std::string>{"x", "y"}}), "string_list [\"x\", \"y\"]");
}

TEST(ConfigDefaults, FillsOnlyAbsentKeys) {
  Config config({{"auth.client_id", std::string("abc")}, {"sync.enabled", false}});
  Config full = withDefaults(schema(), config);
  EXPECT_EQ(full.getInt("page.size"), 50);
  EXPECT_FALSE(full.getBool("sync.enabled", true));
  EXPECT_FALSE(full.has("fees.rate"));
  EXPECT_EQ(full.getString("auth.client_id"), "abc");
}

TEST(ConfigGetters, FallBackOnAbsentOrOtherType) {
  Config config({{"n", std::int64_t{7}}, {"s", std::string("x")}, {"l", std::vector<std::string>{"a"}}});
  EXPECT_EQ(config.getInt("s", 9), 9);
  EXPECT_EQ(config.getString("n", "fb"), "fb");
  EXPECT_DOUBLE_EQ(config.getNumber("n"), 7.0);
  EXPECT_DOUBLE_EQ(config.getNumber("missing", 2.5), 2.5);
  EXPECT_EQ(config.getList("l"), std::vector<std::string>{"a"});
  EXPECT_TRUE(config.getList("s").empty());
}

TEST(ConfigType, NamesRoundTrip) {
  for (auto type : {ConfigType::string, ConfigType::integer, ConfigType::boolean, ConfigType::number,
                    ConfigType::string_list}) {
    EXPECT_EQ(configTypeFromString(toString(type)), type);
  }
  EXPECT_EQ(toString(ConfigType::string_list), "string_list");
  EXPECT_FALSE(configTypeFromString("int").has_value());
}

}  // namespace
}  // namespace accord::sdk
