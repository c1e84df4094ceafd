// The manifest and the config: what an admin sees and what the hub enforces.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "accord/sdk/manifest_docs.h"
#include "config.h"
#include "descriptor.h"

namespace accord::plugins::vtiger {
namespace {

using sdk::Config;
using sdk::ConfigValue;
using sdk::model::EntityType;

Config valid() {
  return Config({{kUrlKey, ConfigValue(std::string("https://crm.example.com"))},
                 {kUsernameKey, ConfigValue(std::string("admin"))},
                 {kAccessKeyKey, ConfigValue(std::string("abcdefgh12345678"))}});
}

bool names(const std::vector<sdk::FieldError>& errors, const std::string& key) {
  return std::any_of(errors.begin(), errors.end(),
                     [&](const sdk::FieldError& e) { return e.key == key; });
}

TEST(VtigerManifest, IsConsistentAndDeclaresOneRecordPerWrite) {
  sdk::Manifest m = describe();
  EXPECT_TRUE(sdk::checkManifest(m).empty());
  EXPECT_EQ(m.auth, sdk::AuthKind::session);
  EXPECT_EQ(m.limits.max_batch_size, 1);
  EXPECT_EQ(m.limits.max_page_size, 100);
  // The most conservative edition (standard) until the connection says otherwise.
  EXPECT_EQ(m.limits.per_minute, 30);
  EXPECT_EQ(m.limits.per_day, 5000);
  for (EntityType e : {EntityType::organization, EntityType::person, EntityType::item,
                       EntityType::invoice, EntityType::purchase_order}) {
    const sdk::EntityCapability* cap = m.entity(e);
    ASSERT_NE(cap, nullptr) << sdk::model::toString(e);
    EXPECT_TRUE(cap->supports(sdk::SyncMode::incremental));
    EXPECT_TRUE(cap->supports(sdk::SyncMode::deletions));
    EXPECT_TRUE(cap->supports(sdk::Operation::remove));
  }
  EXPECT_EQ(m.entity(EntityType::payment), nullptr);
}

TEST(VtigerManifest, DeclaresWhatVtigerCannotHold) {
  sdk::Manifest m = describe();
  auto unsupported = [&](EntityType e, const std::string& field) {
    const auto& list = m.entity(e)->unsupported_fields;
    return std::find(list.begin(), list.end(), field) != list.end();
  };
  EXPECT_TRUE(unsupported(EntityType::organization, "tax_number"));
  EXPECT_TRUE(unsupported(EntityType::item, "purchase_account"));
  EXPECT_FALSE(unsupported(EntityType::item, "purchase_price"));  // vtiger 7's purchase_cost
  EXPECT_EQ(m.entity(EntityType::organization)->rule("addresses")->max_items, 2);
  EXPECT_TRUE(m.entity(EntityType::invoice)->rule("total")->read_only);
  EXPECT_TRUE(m.entity(EntityType::person)->rule("last_name")->required);
}

sdk::RateLimits limitsFor(const Config& config) { return sdk::effectiveLimits(describe(), config); }

TEST(VtigerLimits, EachEditionsCallLimitsComeOutOfTheManifest) {
  struct Expected {
    const char* edition;
    std::optional<int> per_minute, per_hour, per_day;
  };
  for (const Expected& e : {Expected{"standard", 30, 1000, 5000},
                            Expected{"professional", 60, 2000, 10000},
                            Expected{"enterprise", 120, 5000, 25000},
                            Expected{"unlimited", std::nullopt, std::nullopt, std::nullopt}}) {
    Config config = valid();
    config.set(kEditionKey, std::string(e.edition));
    sdk::RateLimits limits = limitsFor(config);
    EXPECT_EQ(limits.per_minute, e.per_minute) << e.edition;
    EXPECT_EQ(limits.per_hour, e.per_hour) << e.edition;
    EXPECT_EQ(limits.per_day, e.per_day) << e.edition;
    EXPECT_EQ(limits.max_page_size, 100) << e.edition;
    EXPECT_EQ(limits.max_batch_size, 1) << e.edition;
  }
  EXPECT_EQ(limitsFor(valid()).per_minute, 60);  // professional by default
}

TEST(VtigerLimits, KeysOverrideTheEditionsLimits) {
  Config config = valid();
  config.set(kEditionKey, std::string("enterprise"));
  config.set(kPerMinuteKey, std::int64_t{90});
  EXPECT_EQ(limitsFor(config).per_minute, 90);
  EXPECT_EQ(limitsFor(config).per_day, 25000);
  config.set(kEditionKey, std::string("unlimited"));
  config.set(kPerMinuteKey, std::int64_t{10});
  EXPECT_FALSE(limitsFor(config).per_day.has_value());
  EXPECT_EQ(limitsFor(config).per_minute, 10);
}

TEST(VtigerLimits, AnUnknownEditionIsAConfigErrorNamingTheKey) {
  Config config = valid();
  config.set(kEditionKey, std::string("gold"));
  const std::vector<sdk::FieldError> expected{
      {kEditionKey,
       "must be one of \"standard\", \"professional\", \"enterprise\", \"unlimited\", got "
       "\"gold\""}};
  // The hub's own check of a config file, and the plugin's.
  EXPECT_EQ(sdk::validateAgainstSchema(describe().config, config), expected);
  EXPECT_EQ(validateConfig(config), expected);
  EXPECT_EQ(loadConfig(config).error().field, kEditionKey);
}

TEST(VtigerLimits, OnlyRetryAfterIsReadFromVtigersAnswers) {
  const sdk::Manifest m = describe();
  ASSERT_TRUE(m.limits.headers.has_value());
  EXPECT_EQ(*m.limits.headers, (sdk::RateHeaderNames{"", "", "", "", "Retry-After", ""}));
}

TEST(VtigerConfig, RefusesBadValuesNamingTheKey) {
  Config config = valid();
  config.set(kUrlKey, std::string("crm.example.com"));
  config.set(kEditionKey, std::string("gold"));
  config.set(kOwnerKey, std::string("1"));
  config.set(kPerDayKey, std::int64_t{0});
  auto errors = validateConfig(config);
  EXPECT_TRUE(names(errors, kUrlKey));
  EXPECT_TRUE(names(errors, kEditionKey));
  EXPECT_TRUE(names(errors, kOwnerKey));
  EXPECT_TRUE(names(errors, kPerDayKey));
  auto loaded = loadConfig(config);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().kind, sdk::ErrorKind::invalid_config);
  EXPECT_TRUE(validateConfig(valid()).empty());
  Config wrong_type = valid();
  wrong_type.set(kUrlKey, std::int64_t{8});
  EXPECT_EQ(validateConfig(wrong_type),
            (std::vector<sdk::FieldError>{{kUrlKey, "expected string, got integer 8"}}));
}

TEST(VtigerConfig, AppendsWebservicePhpOnce) {
  EXPECT_EQ(loadConfig(valid())->endpoint, "https://crm.example.com/webservice.php");
  Config config = valid();
  config.set(kUrlKey, std::string("http://127.0.0.1:8102/crm/webservice.php"));
  EXPECT_EQ(loadConfig(config)->endpoint, "http://127.0.0.1:8102/crm/webservice.php");
}

// The README's tables are the manifest's, so the documentation cannot drift from the code.
TEST(VtigerReadme, ConfigAndLimitsTablesAreGeneratedFromTheManifest) {
  std::ifstream file(ACCORD_VTIGER_README);
  ASSERT_TRUE(file.good()) << ACCORD_VTIGER_README;
  std::stringstream readme;
  readme << file.rdbuf();
  const sdk::Manifest m = describe();
  for (const std::string& table :
       {sdk::configTable(m.config), sdk::limitsTable(m.limits), sdk::fieldRulesTable(m)}) {
    EXPECT_NE(readme.str().find(table), std::string::npos)
        << "README.md differs from the manifest; it should contain:\n" << table;
  }
}

}  // namespace
}  // namespace accord::plugins::vtiger
