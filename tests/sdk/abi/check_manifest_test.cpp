#include <gtest/gtest.h>

#include "accord/sdk/manifest.h"
#include "accord/sdk/manifest_builders.h"
#include "manifest_fixture.h"

namespace accord::sdk {
namespace {

TEST(CheckManifest, ACompleteManifestHasNoProblems) {
  EXPECT_EQ(checkManifest(testing::fullManifest()), std::vector<std::string>{});
}

TEST(CheckManifest, ReportsEachProblemOnItsOwnLine) {
  Manifest m = testing::fullManifest();
  m.name = "Xero Like";
  m.version = "1.2";
  m.auth = AuthKind::api_key;
  m.regions.push_back("nz");
  m.entities.push_back(m.entities[0]);
  m.entities[1].operations = {Operation::archive, Operation::archive};
  m.entities[1].field_rules = {{"total", true, true, 0, {}, ""},
                               {"organization", false, false, std::nullopt, {}, "", {}, 0}};
  m.limits.per_minute = 0;
  m.limits.max_batch_size = -1;
  m.config.push_back({"Auth.Client_Id", ConfigType::integer, ConfigValue{std::string("x")}, false,
                      false, ""});
  m.config.push_back(m.config[0]);
  std::vector<std::string> expected{
      "name \"Xero Like\": must be a lowercase identifier",
      "version \"1.2\": must be semver MAJOR.MINOR.PATCH",
      "oauth_scopes: set but auth is not oauth2",
      "regions: \"nz\" is not an ISO 3166 alpha-2 code",
      "entities[invoice].operations: archive listed twice",
      "entities[invoice]: has sync modes but no read operation",
      "entities[invoice].field_rules[total]: both required and read_only",
      "entities[invoice].field_rules[total]: max_items must be positive, found 0",
      "entities[invoice].field_rules[organization]: max_per_ref must be positive, found 0",
      "entities: organization listed twice",
      "limits.per_minute: must be positive, found 0",
      "limits.max_batch_size: must be positive, found -1",
      "config[Auth.Client_Id]: key must be dotted snake_case",
      "config[Auth.Client_Id]: default expected integer, got string",
      "config[auth.client_id]: listed twice",
  };
  EXPECT_EQ(checkManifest(m), expected);
}

TEST(CheckManifest, ReadWithoutSyncModeAndRequiredWithDefault) {
  Manifest m = testing::fullManifest();
  m.entities[1].sync_modes.clear();
  m.config[0].default_value = std::string("id");
  std::vector<std::string> expected{
      "entities[invoice]: reads but has no sync mode",
      "config[auth.client_id]: required options cannot have a default",
  };
  EXPECT_EQ(checkManifest(m), expected);
}

// "*" is the whole record: it can be immutable, but not required, read-only or capped.
TEST(CheckManifest, TheWholeRecordTakesOnlyImmutability) {
  Manifest m = testing::fullManifest();
  FieldRule capped;
  capped.field = kWholeRecord;
  capped.max_items = 2;
  m.entities[1].field_rules = {capped};
  EXPECT_EQ(checkManifest(m), std::vector<std::string>{
                                  "entities[invoice].field_rules[*]: the whole record (\"*\") "
                                  "takes only immutable_when_status"});
  m.entities[1].field_rules = {immutableRecordRule({"paid"}, "final")};
  EXPECT_EQ(checkManifest(m), std::vector<std::string>{});
}

}  // namespace
}  // namespace accord::sdk
