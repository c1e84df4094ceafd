#include <gtest/gtest.h>

#include "cli/config_file.h"

namespace {

using accord::cli::parseConfigJson;
using accord::sdk::ConfigOption;
using accord::sdk::ConfigType;
using accord::sdk::ConfigValue;

const accord::sdk::ConfigSchema kSchema{
    {"folder", ConfigType::string, std::nullopt, true, false, "where"},
    {"limit", ConfigType::integer, ConfigValue{std::int64_t{5}}, false, false, "how many"},
    {"ratio", ConfigType::number, std::nullopt, false, false, "a share"},
    {"auth.client_id", ConfigType::string, std::nullopt, false, false, "id"},
};

TEST(ConfigFile, NestedObjectsAreDottedKeysAndDefaultsApply) {
  auto r = parseConfigJson(R"({"folder": "/x", "auth": {"client_id": "abc"}, "ratio": 2})",
                           "c.json", kSchema);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->getString("auth.client_id"), "abc");
  EXPECT_EQ(r->getInt("limit"), 5);
  EXPECT_DOUBLE_EQ(r->getNumber("ratio"), 2.0);  // an integer is a valid number
}

TEST(ConfigFile, SyntaxErrorNamesTheFile) {
  auto r = parseConfigJson("{\"folder\": ]", "c.json", kSchema);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, accord::sdk::ErrorKind::invalid_config);
  EXPECT_EQ(r.error().message.rfind("c.json: not valid JSON", 0), 0u) << r.error().message;
}

TEST(ConfigFile, EveryProblemIsOneLine) {
  auto r = parseConfigJson(R"({"limit": true, "colour": 1})", "c.json", kSchema);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message,
            "c.json: key 'colour': unknown key for this plugin\n"
            "c.json: key 'limit': expected integer, got boolean true");
}

TEST(ConfigFile, NotAnObjectIsRefused) {
  auto r = parseConfigJson("[1, 2]", "c.json", kSchema);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "c.json: expected a JSON object of config keys, got an array");
}

}  // namespace
