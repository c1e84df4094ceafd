// The README tables rendered from a manifest: what an admin reads must be what the hub enforces.
#include <gtest/gtest.h>

#include "accord/sdk/manifest_builders.h"
#include "accord/sdk/manifest_docs.h"
#include "manifest_fixture.h"

namespace accord::sdk {
namespace {

TEST(ManifestDocs, ConfigTableHasARowPerOptionWithDefaultsAndChoices) {
  ConfigSchema schema{
      {"url", ConfigType::string, std::nullopt, true, false, "Where | it is."},
      {"auth.key", ConfigType::string, std::nullopt, false, true, "Key."},
      {"scopes", ConfigType::string_list, ConfigValue{std::vector<std::string>{"a", "b"}}, false,
       false, "Scopes."},
      {"page", ConfigType::integer, ConfigValue{std::int64_t{10}}, false, false, ""},
      {"plan", ConfigType::string, ConfigValue{std::string("pro")}, false, false, "Plan.",
       {"pro", "max"}},
  };
  EXPECT_EQ(configTable(schema),
            "| key | type | default | required | secret | description |\n"
            "|---|---|---|---|---|---|\n"
            "| `url` | string | — | yes | no | Where \\| it is. |\n"
            "| `auth.key` | string | — | no | yes | Key. |\n"
            "| `scopes` | string_list | `a b` | no | no | Scopes. |\n"
            "| `page` | integer | `10` | no | no |  |\n"
            "| `plan` | string | `pro` | no | no | Plan. Choices: `pro`, `max`. |\n");
}

TEST(ManifestDocs, LimitsTableSaysEachDeclaredLimitAndTheProfiles) {
  RateLimits plain;
  plain.per_minute = 60;
  plain.per_day = 5000;
  plain.concurrent = 5;
  plain.max_page_size = 1000;
  plain.max_batch_size = 50;
  plain.headers = RateHeaderNames{"X-Min", "", "", "", "Retry-After", ""};
  EXPECT_EQ(limitsTable(plain),
            "| limit | value |\n|---|---|\n"
            "| calls per minute | 60 |\n| calls per day | 5,000 |\n| concurrent calls | 5 |\n"
            "| page size | 1,000 |\n| batch size | 50 |\n"
            "| rate-limit headers | `X-Min` (left this minute), `Retry-After` (wait before "
            "retrying) |\n");
  RateLimits profiled = testing::fullManifest().limits;
  profiled.headers.reset();
  EXPECT_EQ(limitsTable(profiled),
            "| limit | value |\n|---|---|\n"
            "| calls | by the `plan` option (below); before it is known: 60/minute, —/hour, "
            "5,000/day |\n"
            "| concurrent calls | 5 |\n| page size | 100 |\n| batch size | 50 |\n\n"
            "| `plan` | per minute | per hour | per day | concurrent |\n|---|---|---|---|---|\n"
            "| `starter` | 60 | — | 5,000 | 5 |\n| `unlimited` | — | — | — | — |\n");
}

TEST(ManifestDocs, FieldRulesTableListsRulesThenUnsupportedFields) {
  Manifest m;
  m.entities = {capability(model::EntityType::invoice, {Operation::read}, {SyncMode::full},
                           {requiredRule("organization", "needs a contact"),
                            immutableRule("lines", {"paid"}, "paid is final"),
                            immutableRecordRule({"voided"}, "voided is final"),
                            maxItemsRule("taxes", 1, "one"), readOnlyRule("total", "computed"),
                            noteRule("kind", "sales only"),
                            maxPerRefRule("person", 6, "six per person")},
                           {"currency"})};
  EXPECT_EQ(fieldRulesTable(m),
            "| entity | field | rule | why |\n|---|---|---|---|\n"
            "| invoice | `organization` | required | needs a contact |\n"
            "| invoice | `lines` | immutable when `paid` | paid is final |\n"
            "| invoice | any field | immutable when `voided` | voided is final |\n"
            "| invoice | `taxes` | at most 1 | one |\n"
            "| invoice | `total` | read-only | computed |\n"
            "| invoice | `kind` | note | sales only |\n"
            "| invoice | `person` | at most 6 per referenced record | six per person |\n"
            "| invoice | `currency` | not held | |\n");
}

}  // namespace
}  // namespace accord::sdk
