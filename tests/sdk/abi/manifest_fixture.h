// A manifest that sets every field, so round trips and checks see all of them.
#pragma once

#include "accord/sdk/manifest.h"

namespace accord::sdk::testing {

inline Manifest fullManifest() {
  Manifest m;
  m.name = "xero_like";
  m.version = "1.2.3";
  m.display_name = "Xero-like";
  m.description = "An accounting app with \"quotes\" and unicode: café";
  m.auth = AuthKind::oauth2;
  m.oauth_scopes = {"accounting.contacts", "offline_access"};
  m.regions = {"NZ", "AU"};
  EntityCapability people;
  people.entity = model::EntityType::organization;
  people.operations = {Operation::read, Operation::create, Operation::update};
  people.sync_modes = {SyncMode::full, SyncMode::incremental, SyncMode::webhooks};
  people.field_rules = {{"people", false, false, 5, {}, "Xero keeps 5 contact persons"},
                        {"balance", false, true, std::nullopt, {}, ""},
                        {"name", true, false, std::nullopt, {"archived"}, "required by Xero"}};
  people.unsupported_fields = {"website"};
  EntityCapability invoices;
  invoices.entity = model::EntityType::invoice;
  invoices.operations = {Operation::read, Operation::archive};
  invoices.sync_modes = {SyncMode::full, SyncMode::deletions};
  invoices.field_rules = {{"organization", true, false, std::nullopt, {}, "", {}, 100}};
  m.entities = {people, invoices};
  m.limits.per_minute = 60;
  m.limits.per_day = 5000;
  m.limits.concurrent = 5;
  m.limits.max_page_size = 100;
  m.limits.max_batch_size = 50;
  m.limits.headers = RateHeaderNames{"X-MinLimit-Remaining", "", "X-DayLimit-Remaining",
                                     "X-AppMinLimit-Remaining", "Retry-After",
                                     "X-Rate-Limit-Problem"};
  m.limits.profile_key = "plan";
  m.limits.profiles = {{"starter", 60, std::nullopt, 5000, 5}, {"unlimited", {}, {}, {}, {}}};
  m.config = {
      {"auth.client_id", ConfigType::string, std::nullopt, true, false, "client id"},
      {"auth.client_secret", ConfigType::string, std::nullopt, true, true, "secret"},
      {"sync.page_size", ConfigType::integer, ConfigValue{std::int64_t{100}}, false, false, ""},
      {"sync.enabled", ConfigType::boolean, ConfigValue{true}, false, false, ""},
      {"fees.rate", ConfigType::number, ConfigValue{0.25}, false, false, ""},
      {"sync.regions", ConfigType::string_list, ConfigValue{std::vector<std::string>{"NZ"}}, false,
       false, ""},
      {"plan", ConfigType::string, ConfigValue{std::string("starter")}, false, false, "the plan",
       {"starter", "unlimited"}},
  };
  return m;
}

}  // namespace accord::sdk::testing
