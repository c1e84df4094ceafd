// A connection's configuration: the schema a plugin declares, and the values an admin gives.
// Declared as data (Kafka Connect's ConfigDef, Fluent Bit's config map): the hub validates a
// config file against it, and the plugin's README table is generated from it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "accord/sdk/result.h"

namespace accord::sdk {

enum class ConfigType { string, integer, boolean, number, string_list };
std::string_view toString(ConfigType type) noexcept;  // "string", "integer", ...
std::optional<ConfigType> configTypeFromString(std::string_view text) noexcept;

using ConfigValue = std::variant<std::string, std::int64_t, bool, double, std::vector<std::string>>;
ConfigType typeOf(const ConfigValue& value) noexcept;
// The value with its type, for messages: `string "ten"`, `integer 10`, `string_list ["a"]`.
// Never call it on a secret's value.
std::string describe(const ConfigValue& value);
// Whether a value of this type is acceptable where `expected` is declared (integer counts as
// number).
bool accepts(ConfigType expected, const ConfigValue& value) noexcept;

struct ConfigOption {
  std::string key;  // dotted snake_case: "auth.client_id"
  ConfigType type = ConfigType::string;
  std::optional<ConfigValue> default_value;
  bool required = false;
  bool secret = false;  // stored encrypted, never logged or listed in clear
  std::string description;  // doubles as documentation
  // A string option's allowed values; empty: any. A value outside them is a FieldError.
  std::vector<std::string> choices = {};
  friend bool operator==(const ConfigOption&, const ConfigOption&) = default;
};

using ConfigSchema = std::vector<ConfigOption>;

// One problem with one key: returned in lists, never thrown.
struct FieldError {
  std::string key;
  std::string message;  // "expected integer, got string \"ten\""
  friend bool operator==(const FieldError&, const FieldError&) = default;
};

// The values of one connection, with the schema's defaults applied. Value type.
class Config {
 public:
  Config() = default;
  explicit Config(std::map<std::string, ConfigValue> values) : values_(std::move(values)) {}

  bool has(const std::string& key) const { return values_.count(key) != 0; }
  // Typed getters return fallback when the key is absent or of another type.
  std::string getString(const std::string& key, const std::string& fallback = {}) const;
  std::int64_t getInt(const std::string& key, std::int64_t fallback = 0) const;
  bool getBool(const std::string& key, bool fallback = false) const;
  double getNumber(const std::string& key, double fallback = 0) const;
  std::vector<std::string> getList(const std::string& key) const;

  void set(const std::string& key, ConfigValue value) { values_[key] = std::move(value); }
  const std::map<std::string, ConfigValue>& values() const { return values_; }

 private:
  std::map<std::string, ConfigValue> values_;
};

// Checks values against a schema: unknown keys, wrong types, values outside an option's
// choices, missing required options (one without a default). Each problem is one FieldError; empty means valid. withDefaults() returns
// the config with the schema's defaults filled in for absent keys.
std::vector<FieldError> validateAgainstSchema(const ConfigSchema& schema, const Config& config);
Config withDefaults(const ConfigSchema& schema, const Config& config);

// The problems as one invalid_config Error, "<plugin> config: <key> <message>; ...", whose
// field is the first key at fault. Call it with a non-empty list.
Error configError(std::string_view plugin, const std::vector<FieldError>& errors);

}  // namespace accord::sdk
