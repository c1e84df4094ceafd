#include <gtest/gtest.h>

#include "accord/sdk/manifest.h"
#include "manifest_fixture.h"

namespace accord::sdk {
namespace {

TEST(ManifestJson, RoundTripKeepsEveryField) {
  Manifest m = testing::fullManifest();
  auto parsed = manifestFromJson(manifestToJson(m));
  ASSERT_TRUE(parsed.ok()) << parsed.error().describe();
  EXPECT_EQ(parsed.value(), m);
}

TEST(ManifestJson, MinimalManifestGetsDefaults) {
  auto parsed = manifestFromJson(R"({"name": "hello", "version": "0.1.0"})");
  ASSERT_TRUE(parsed.ok()) << parsed.error().describe();
  EXPECT_EQ(parsed->auth, AuthKind::none);
  EXPECT_EQ(parsed->limits.max_page_size, 100);
  EXPECT_EQ(parsed->limits.max_batch_size, 1);
  EXPECT_TRUE(parsed->entities.empty());
}

std::string errorOf(std::string_view json) {
  auto parsed = manifestFromJson(json);
  if (parsed.ok()) return "parsed";
  EXPECT_EQ(parsed.error().kind, ErrorKind::plugin_bug);
  return parsed.error().message;
}

TEST(ManifestJson, StrictParsingNamesTheJsonPath) {
  EXPECT_EQ(errorOf(R"({"name":"a","version":"1.0.0","colour":"red"})"), "manifest $.colour: unknown key");
  EXPECT_EQ(errorOf(R"({"version":"1.0.0"})"), "manifest $.name: missing");
  EXPECT_EQ(errorOf(R"({"name":"a","version":"1.0.0","limits":{"max_page_size":"100"}})"),
            "manifest $.limits.max_page_size: expected integer, got string");
  EXPECT_EQ(errorOf(R"({"name":"a","version":"1.0.0","entities":[{"entity":"organization",
                       "operations":["read","delete"]}]})"),
            "manifest $.entities[0].operations[1]: unknown value \"delete\"");
  EXPECT_EQ(errorOf(R"({"name":"a","version":"1.0.0","entities":[{"entity":"planet"}]})"),
            "manifest $.entities[0].entity: unknown value \"planet\"");
  EXPECT_EQ(errorOf(R"({"name":"a","version":"1.0.0","config":[{"key":"k","type":"integer",
                       "default":"ten"}]})"),
            "manifest $.config[0].default: expected integer, got string");
  EXPECT_EQ(errorOf(R"({"name":"a","version":"1.0.0","entities":[{"entity":"item",
                       "field_rules":[{"field":"sku","max_items":true}]}]})"),
            "manifest $.entities[0].field_rules[0].max_items: expected integer, got boolean");
  EXPECT_EQ(errorOf(R"(["not an object"])"), "manifest $: expected object, got array");
}

TEST(ManifestJson, SyntaxErrorIsAnErrorNotAnException) {
  EXPECT_EQ(errorOf(R"({"name": )").rfind("manifest: not valid JSON", 0), 0u);
}

TEST(ManifestJson, EnumNamesRoundTrip) {
  for (auto op : {Operation::read, Operation::create, Operation::update, Operation::archive,
                  Operation::remove}) {
    EXPECT_EQ(operationFromString(toString(op)), op);
  }
  for (auto mode : {SyncMode::full, SyncMode::incremental, SyncMode::webhooks, SyncMode::deletions}) {
    EXPECT_EQ(syncModeFromString(toString(mode)), mode);
  }
  EXPECT_EQ(toString(AuthKind::api_key), "api_key");
  EXPECT_EQ(authKindFromString("session"), AuthKind::session);
}

TEST(ManifestLookups, EntityRuleAndSupports) {
  Manifest m = testing::fullManifest();
  const EntityCapability* org = m.entity(model::EntityType::organization);
  ASSERT_NE(org, nullptr);
  EXPECT_TRUE(org->supports(Operation::update));
  EXPECT_FALSE(org->supports(Operation::remove));
  EXPECT_TRUE(org->supports(SyncMode::webhooks));
  EXPECT_FALSE(org->supports(SyncMode::deletions));
  ASSERT_NE(org->rule("people"), nullptr);
  EXPECT_EQ(org->rule("people")->max_items, 5);
  EXPECT_EQ(org->rule("email"), nullptr);
  EXPECT_EQ(m.entity(model::EntityType::payment), nullptr);
}

}  // namespace
}  // namespace accord::sdk
