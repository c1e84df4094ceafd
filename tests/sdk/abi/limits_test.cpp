// Call limits as data: the rate-limit headers and the profiles a config value selects
// (vTiger's editions), what effectiveLimits makes of them, and what checkManifest refuses.
#include <gtest/gtest.h>

#include "accord/sdk/manifest.h"
#include "manifest_fixture.h"

namespace accord::sdk {
namespace {

Manifest editions() {
  Manifest m = testing::fullManifest();
  m.config.push_back({"limits.per_minute", ConfigType::integer, std::nullopt, false, false, ""});
  return m;
}

Config with(std::map<std::string, ConfigValue> values) { return Config(std::move(values)); }

TEST(EffectiveLimits, TheSelectedProfileReplacesTheCallLimits) {
  RateLimits starter = effectiveLimits(editions(), with({{"plan", std::string("starter")}}));
  EXPECT_EQ(starter.per_minute, 60);
  EXPECT_EQ(starter.per_hour, std::nullopt);
  EXPECT_EQ(starter.per_day, 5000);
  EXPECT_EQ(starter.concurrent, 5);
  RateLimits unlimited = effectiveLimits(editions(), with({{"plan", std::string("unlimited")}}));
  EXPECT_EQ(unlimited.per_minute, std::nullopt);
  EXPECT_EQ(unlimited.per_day, std::nullopt);
  EXPECT_EQ(unlimited.concurrent, std::nullopt);
}

TEST(EffectiveLimits, KeepsPagingHeadersAndDropsTheProfiles) {
  const Manifest m = editions();
  RateLimits limits = effectiveLimits(m, {});  // the default plan: starter
  EXPECT_EQ(limits.per_minute, 60);
  EXPECT_EQ(limits.max_page_size, m.limits.max_page_size);
  EXPECT_EQ(limits.max_batch_size, m.limits.max_batch_size);
  EXPECT_EQ(limits.headers, m.limits.headers);
  EXPECT_TRUE(limits.profile_key.empty());
  EXPECT_TRUE(limits.profiles.empty());
}

TEST(EffectiveLimits, ADeclaredOverrideWinsAndAnUndeclaredOneDoesNot) {
  Manifest m = editions();
  auto config = with({{"plan", std::string("starter")}, {"limits.per_minute", std::int64_t{10}}});
  EXPECT_EQ(effectiveLimits(m, config).per_minute, 10);
  m.config.pop_back();  // limits.per_minute no longer declared
  EXPECT_EQ(effectiveLimits(m, config).per_minute, 60);
}

TEST(EffectiveLimits, AManifestWithoutProfilesIsItsOwnLimits) {
  Manifest m = testing::fullManifest();
  m.limits.profile_key.clear();
  m.limits.profiles.clear();
  EXPECT_EQ(effectiveLimits(m, {}), m.limits);
}

TEST(EffectiveLimits, AnUnknownProfileIsAConfigErrorNamingTheKey) {
  const Manifest m = editions();
  auto config = with({{"plan", std::string("gold")},
                      {"auth.client_id", std::string("id")},
                      {"auth.client_secret", std::string("secret")}});
  auto errors = validateAgainstSchema(m.config, config);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].key, "plan");
  EXPECT_EQ(errors[0].message, "must be one of \"starter\", \"unlimited\", got \"gold\"");
  // And the limits stay the manifest's own (the conservative ones), never none.
  EXPECT_EQ(effectiveLimits(m, config).per_minute, m.limits.per_minute);
}

TEST(CheckManifest, ProfilesMustMatchTheChoicesOfTheirKey) {
  Manifest m = testing::fullManifest();
  m.limits.profiles[1].name = "gold";
  m.limits.profiles[0].per_day = 0;
  auto problems = checkManifest(m);
  EXPECT_EQ(problems, (std::vector<std::string>{
                          "limits.profiles[starter].per_day: must be positive, found 0",
                          "limits.profiles[gold]: not a choice of plan",
                          "limits.profile_key \"plan\": no profile for choice unlimited"}));
  m = testing::fullManifest();
  m.limits.profile_key = "fees.rate";
  EXPECT_EQ(checkManifest(m), (std::vector<std::string>{
                                  "limits.profile_key \"fees.rate\": must name a string config "
                                  "option with choices"}));
}

TEST(CheckManifest, HeaderNamesAndChoicesAreChecked) {
  Manifest m = testing::fullManifest();
  m.limits.headers->retry_after = "Retry After";
  m.config.back().default_value = ConfigValue{std::string("gold")};
  EXPECT_EQ(checkManifest(m), (std::vector<std::string>{
                                  "limits.headers.retry_after: \"Retry After\" is not an HTTP "
                                  "header name",
                                  "config[plan]: default \"gold\" is not one of its choices"}));
}

TEST(ManifestJson, HeadersProfilesAndChoicesRoundTrip) {
  const Manifest m = testing::fullManifest();
  auto parsed = manifestFromJson(manifestToJson(m));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->limits.headers, m.limits.headers);
  EXPECT_EQ(parsed->limits.profiles, m.limits.profiles);
  EXPECT_EQ(parsed->config.back().choices, m.config.back().choices);
  auto bad = manifestFromJson(
      R"({"name":"x","version":"1.0.0","limits":{"profiles":[{"name":"a","per_week":1}]}})");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "manifest $.limits.profiles[0].per_week: unknown key");
}

}  // namespace
}  // namespace accord::sdk
