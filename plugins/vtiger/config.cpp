#include "config.h"

#include <algorithm>
#include <regex>

namespace accord::plugins::vtiger {
namespace {

using sdk::ConfigOption;
using sdk::ConfigType;
using sdk::ConfigValue;
using sdk::FieldError;

ConfigValue text(const char* value) { return ConfigValue(std::string(value)); }

void checkOverride(const sdk::Config& config, const char* key, std::vector<FieldError>& errors) {
  if (config.has(key) && config.getInt(key, 0) <= 0) {
    errors.push_back({key, "must be a positive number of calls, got " +
                               sdk::describe(config.values().at(key))});
  }
}

}  // namespace

sdk::ConfigSchema configSchema() {
  return {
      ConfigOption{kUrlKey, ConfigType::string, std::nullopt, true, false,
                   "Address of the vtiger CRM, e.g. https://example.od2.vtiger.com; "
                   "/webservice.php is appended unless the URL already ends with it."},
      ConfigOption{kUsernameKey, ConfigType::string, std::nullopt, true, false,
                   "vtiger user name the connection logs in as (My Preferences > User Name)."},
      ConfigOption{kAccessKeyKey, ConfigType::string, std::nullopt, true, true,
                   "The user's webservice access key (My Preferences > Access Key); only its "
                   "md5 with the login challenge is ever sent."},
      ConfigOption{kEditionKey, ConfigType::string, text("professional"), false, false,
                   "vtiger Cloud edition, which sets the API call limits (see Limits); "
                   "unlimited for a self-hosted vtiger.",
                   {"standard", "professional", "enterprise", "unlimited"}},
      ConfigOption{kOwnerKey, ConfigType::string, text("19x1"), false, false,
                   "User id (19xN) assigned to records the hub creates; vtiger requires an "
                   "owner on every record."},
      ConfigOption{kPerMinuteKey, ConfigType::integer, std::nullopt, false, false,
                   "Overrides the edition's calls per minute."},
      ConfigOption{kPerHourKey, ConfigType::integer, std::nullopt, false, false,
                   "Overrides the edition's calls per hour."},
      ConfigOption{kPerDayKey, ConfigType::integer, std::nullopt, false, false,
                   "Overrides the edition's calls per day."},
  };
}

std::vector<sdk::LimitProfile> editionProfiles() {
  // vtiger Cloud's published per-edition API limits (shared/specs: 60/min on Professional); the
  // vTiger sandbox enforces the same. Self-hosted vtiger has none.
  return {{"standard", 30, 1000, 5000, std::nullopt},
          {"professional", 60, 2000, 10000, std::nullopt},
          {"enterprise", 120, 5000, 25000, std::nullopt},
          {"unlimited", std::nullopt, std::nullopt, std::nullopt, std::nullopt}};
}

std::vector<FieldError> validateConfig(const sdk::Config& given) {
  sdk::Config config = sdk::withDefaults(configSchema(), given);
  // The schema's own checks (types, unknown keys, the edition among its choices). The access
  // key is a secret: the hub may keep it out of the plain config, so its absence here is not an
  // error (login() reports it when neither place has it).
  std::vector<FieldError> errors;
  for (FieldError& e : sdk::validateAgainstSchema(configSchema(), given)) {
    if (e.key != kAccessKeyKey || given.has(kAccessKeyKey)) errors.push_back(std::move(e));
  }
  auto flagged = [&](const char* key) {
    return std::any_of(errors.begin(), errors.end(), [&](const FieldError& e) { return e.key == key; });
  };
  static const std::regex kUrl(R"(^https?://[^\s/?#]+(/[^\s?#]*)?$)");
  const std::string url = config.getString(kUrlKey);
  if (!flagged(kUrlKey) && url.empty()) {
    errors.push_back({kUrlKey, "is required: the address of the vtiger CRM"});
  } else if (!flagged(kUrlKey) && !std::regex_match(url, kUrl)) {
    errors.push_back({kUrlKey, "must be an http(s) URL without query, got \"" + url + "\""});
  }
  if (!flagged(kUsernameKey) && config.getString(kUsernameKey).empty()) {
    errors.push_back({kUsernameKey, "is required: the vtiger user to log in as"});
  }
  static const std::regex kOwner(R"(^19x[0-9]+$)");
  const std::string owner = config.getString(kOwnerKey);
  if (!flagged(kOwnerKey) && !std::regex_match(owner, kOwner)) {
    errors.push_back({kOwnerKey, "must be a vtiger user id like 19x1, got \"" + owner + "\""});
  }
  for (const char* key : {kPerMinuteKey, kPerHourKey, kPerDayKey}) {
    if (!flagged(key)) checkOverride(config, key, errors);
  }
  return errors;
}

sdk::Result<VtigerConfig> loadConfig(const sdk::Config& given) {
  std::vector<FieldError> errors = validateConfig(given);
  if (!errors.empty()) return sdk::configError("vtiger", errors);
  sdk::Config config = sdk::withDefaults(configSchema(), given);
  VtigerConfig typed;
  typed.endpoint = config.getString(kUrlKey);
  static const std::string kScript = "webservice.php";
  if (typed.endpoint.size() < kScript.size() ||
      typed.endpoint.compare(typed.endpoint.size() - kScript.size(), kScript.size(), kScript) != 0) {
    if (typed.endpoint.back() != '/') typed.endpoint += '/';
    typed.endpoint += kScript;
  }
  typed.username = config.getString(kUsernameKey);
  typed.owner_id = config.getString(kOwnerKey);
  return typed;
}

}  // namespace accord::plugins::vtiger
