// A connection's Config from its stored JSON and sealed secrets, typed by the plugin's schema.
#include "runtime/connection_config.h"

#include <gtest/gtest.h>

namespace accord::runtime {
namespace {

using sdk::ConfigOption;
using sdk::ConfigType;
using sdk::ConfigValue;

sdk::ConfigSchema schema() {
  return {
      ConfigOption{"url", ConfigType::string, std::nullopt, true, false, "base URL"},
      ConfigOption{"page_size", ConfigType::integer, ConfigValue(std::int64_t{50}), false, false,
                   "rows per page"},
      ConfigOption{"scopes", ConfigType::string_list, std::nullopt, false, false, "scopes"},
      ConfigOption{"auth.client_secret", ConfigType::string, std::nullopt, false, true, "secret"},
      ConfigOption{"tenant_id", ConfigType::string, std::nullopt, false, false, "tenant"},
  };
}

store::Connection connection(std::string json) {
  store::Connection c;
  c.id = 12;
  c.org_slug = "acme";
  c.name = "xero";
  c.plugin = "xero";
  c.config_json = std::move(json);
  return c;
}

TEST(ConnectionConfigTest, PlainValuesSecretOptionsAndDefaultsMakeOneTypedConfig) {
  auto config = connectionConfig(connection(R"({"url":"https://x","scopes":["a","b"]})"),
                                 {{"auth.client_secret", "s3cr3t"}, {"access_token", "tok"}},
                                 schema());
  ASSERT_TRUE(config.ok()) << config.error().describe();
  EXPECT_EQ(config->getString("url"), "https://x");
  EXPECT_EQ(config->getInt("page_size"), 50);
  EXPECT_EQ(config->getList("scopes"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(config->getString("auth.client_secret"), "s3cr3t");
  EXPECT_FALSE(config->has("access_token")) << "auth state is a secret, not config";
  EXPECT_EQ(rateTenant(connection("{}"), config.value()), "connection 12");
}

TEST(ConnectionConfigTest, TheTenantKeysTheRateLimiter) {
  auto config = connectionConfig(connection(R"({"url":"https://x","tenant_id":"t-1"})"), {},
                                 schema());
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(rateTenant(connection("{}"), config.value()), "tenant t-1");
}

TEST(ConnectionConfigTest, ProblemsNameTheConnectionAndKeyButNeverASecretValue) {
  auto wrong_type = connectionConfig(connection(R"({"url":"https://x","page_size":"ten"})"), {},
                                     schema());
  ASSERT_FALSE(wrong_type.ok());
  EXPECT_EQ(wrong_type.error().kind, sdk::ErrorKind::invalid_config);
  EXPECT_EQ(wrong_type.error().message,
            "connection 'acme/xero': config key 'page_size' is not a integer");
  auto unknown = connectionConfig(connection(R"({"url":"https://x","colour":"red"})"), {},
                                  schema());
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("'colour' is not declared by plugin 'xero'"),
            std::string::npos);
  auto missing = connectionConfig(connection("{}"), {}, schema());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().field, "url");
  auto not_json = connectionConfig(connection("[1]"), {}, schema());
  ASSERT_FALSE(not_json.ok());
  EXPECT_NE(not_json.error().message.find("not a JSON object"), std::string::npos);
}

TEST(ConnectionConfigTest, TaggedLinesNameTheConnection) {
  struct Lines : sdk::Logger {
    std::vector<std::string> lines;
    void log(sdk::LogLevel, std::string_view m) override { lines.emplace_back(m); }
  } inner;
  TaggedLogger log(inner, "acme/xero");
  log.info("read 3 contacts");
  ASSERT_EQ(inner.lines.size(), 1u);
  EXPECT_EQ(inner.lines[0], "acme/xero: read 3 contacts");
}

}  // namespace
}  // namespace accord::runtime
