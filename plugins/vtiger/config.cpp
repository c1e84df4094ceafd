#include "config.h"

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
                   "vtiger Cloud edition, which sets the API call limits: standard (30/min, "
                   "1000/h, 5000/day), professional (60/min, 2000/h, 10000/day), enterprise "
                   "(120/min, 5000/h, 25000/day) or unlimited (self-hosted)."},
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

std::string configTable() {
  std::string table = "| key | type | default | required | description |\n|---|---|---|---|---|\n";
  for (const ConfigOption& option : configSchema()) {
    std::string type(sdk::toString(option.type));
    if (option.secret) type += ", secret";
    std::string fallback = "—";
    if (option.default_value) {
      const auto* text = std::get_if<std::string>(&*option.default_value);
      fallback = "`" + (text ? *text : sdk::describe(*option.default_value)) + "`";
    }
    table += "| `" + option.key + "` | " + type + " | " + fallback + " | " +
             (option.required ? "yes" : "no") + " | " + option.description + " |\n";
  }
  return table;
}

std::optional<sdk::RateLimits> editionLimits(const std::string& edition) {
  sdk::RateLimits limits;
  limits.max_page_size = 100;  // VTQL's LIMIT cap and sync's page
  limits.max_batch_size = 1;   // create/revise/delete take one record per call
  if (edition == "standard") {
    limits.per_minute = 30, limits.per_hour = 1000, limits.per_day = 5000;
  } else if (edition == "professional") {
    limits.per_minute = 60, limits.per_hour = 2000, limits.per_day = 10000;
  } else if (edition == "enterprise") {
    limits.per_minute = 120, limits.per_hour = 5000, limits.per_day = 25000;
  } else if (edition != "unlimited") {
    return std::nullopt;
  }
  return limits;
}

sdk::RateLimits callLimits(const sdk::Config& given) {
  sdk::Config config = sdk::withDefaults(configSchema(), given);
  sdk::RateLimits limits = editionLimits(config.getString(kEditionKey))
                               .value_or(*editionLimits("standard"));
  if (config.has(kPerMinuteKey)) limits.per_minute = static_cast<int>(config.getInt(kPerMinuteKey));
  if (config.has(kPerHourKey)) limits.per_hour = static_cast<int>(config.getInt(kPerHourKey));
  if (config.has(kPerDayKey)) limits.per_day = static_cast<int>(config.getInt(kPerDayKey));
  return limits;
}

std::vector<FieldError> validateConfig(const sdk::Config& given) {
  sdk::Config config = sdk::withDefaults(configSchema(), given);
  std::vector<FieldError> errors;
  static const std::regex kUrl(R"(^https?://[^\s/?#]+(/[^\s?#]*)?$)");
  const std::string url = config.getString(kUrlKey);
  if (url.empty()) {
    errors.push_back({kUrlKey, "is required: the address of the vtiger CRM"});
  } else if (!std::regex_match(url, kUrl)) {
    errors.push_back({kUrlKey, "must be an http(s) URL without query, got \"" + url + "\""});
  }
  if (config.getString(kUsernameKey).empty()) {
    errors.push_back({kUsernameKey, "is required: the vtiger user to log in as"});
  }
  // The access key is a secret: the hub may keep it out of the plain config, so its absence
  // here is not an error (login() reports it when neither place has it).
  const std::string edition = config.getString(kEditionKey);
  if (!editionLimits(edition)) {
    errors.push_back({kEditionKey, "must be standard, professional, enterprise or unlimited, "
                                   "got \"" + edition + "\""});
  }
  static const std::regex kOwner(R"(^19x[0-9]+$)");
  const std::string owner = config.getString(kOwnerKey);
  if (!std::regex_match(owner, kOwner)) {
    errors.push_back({kOwnerKey, "must be a vtiger user id like 19x1, got \"" + owner + "\""});
  }
  for (const char* key : {kPerMinuteKey, kPerHourKey, kPerDayKey}) {
    checkOverride(config, key, errors);
  }
  return errors;
}

sdk::Result<VtigerConfig> loadConfig(const sdk::Config& given) {
  std::vector<FieldError> errors = validateConfig(given);
  if (!errors.empty()) {
    std::string message = "vtiger config:";
    for (const FieldError& e : errors) message += " " + e.key + " " + e.message + ";";
    message.pop_back();
    return sdk::makeError(sdk::ErrorKind::invalid_config, message, errors.front().key);
  }
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
  typed.limits = callLimits(config);
  return typed;
}

}  // namespace accord::plugins::vtiger
