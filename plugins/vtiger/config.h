// The vtiger plugin's configuration: its schema as data (published in the manifest, and the
// README's table) and the typed view the connector works with.
#pragma once

#include <string>
#include <vector>

#include "accord/sdk/config.h"
#include "accord/sdk/manifest.h"
#include "accord/sdk/result.h"

namespace accord::plugins::vtiger {

inline constexpr const char* kUrlKey = "url";
inline constexpr const char* kUsernameKey = "username";
inline constexpr const char* kAccessKeyKey = "access_key";
inline constexpr const char* kEditionKey = "edition";
inline constexpr const char* kOwnerKey = "owner_id";
inline constexpr const char* kPerMinuteKey = "limits.per_minute";
inline constexpr const char* kPerHourKey = "limits.per_hour";
inline constexpr const char* kPerDayKey = "limits.per_day";

// Key, type, default and documentation of every option, in README order.
sdk::ConfigSchema configSchema();

struct VtigerConfig {
  std::string endpoint;  // .../webservice.php
  std::string username;
  std::string owner_id = "19x1";  // assigned_user_id of records this plugin creates
};

// The call limits of each vtiger Cloud edition, in the edition option's order (standard, the
// most conservative, first), as the manifest declares them: the hub picks the connection's
// with sdk::effectiveLimits, which also applies the limits.* overrides.
std::vector<sdk::LimitProfile> editionProfiles();

// The schema's checks (a known edition among them) and more: an http(s) URL, positive
// overrides, an owner id of the form 19xN.
std::vector<sdk::FieldError> validateConfig(const sdk::Config& config);

// The typed config, or an invalid_config Error listing every problem (field = first key).
sdk::Result<VtigerConfig> loadConfig(const sdk::Config& config);

}  // namespace accord::plugins::vtiger
