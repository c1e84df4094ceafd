#include "accord/sdk/config.h"

#include <algorithm>
#include <array>
#include <sstream>
#include <utility>

namespace accord::sdk {
namespace {
constexpr std::array<std::pair<ConfigType, std::string_view>, 5> kTypeNames{{
    {ConfigType::string, "string"},
    {ConfigType::integer, "integer"},
    {ConfigType::boolean, "boolean"},
    {ConfigType::number, "number"},
    {ConfigType::string_list, "string_list"},
}};

std::string quoted(const std::string& text) {
  std::ostringstream out;
  out << '"';
  for (char c : text) {
    if (c == '"' || c == '\\') out << '\\';
    out << c;
  }
  out << '"';
  return out.str();
}

template <typename T>
const T* getIf(const std::map<std::string, ConfigValue>& values, const std::string& key) {
  auto it = values.find(key);
  return it == values.end() ? nullptr : std::get_if<T>(&it->second);
}

const ConfigOption* findOption(const ConfigSchema& schema, const std::string& key) {
  for (const auto& option : schema) {
    if (option.key == key) return &option;
  }
  return nullptr;
}
bool isChoice(const ConfigOption& option, const ConfigValue& value) {
  const auto* text = std::get_if<std::string>(&value);
  if (option.choices.empty() || !text) return true;
  return std::find(option.choices.begin(), option.choices.end(), *text) != option.choices.end();
}

std::string joinedChoices(const ConfigOption& option) {
  std::string out;
  for (const auto& choice : option.choices) out += (out.empty() ? "" : ", ") + quoted(choice);
  return out;
}
}  // namespace

std::string_view toString(ConfigType type) noexcept {
  for (const auto& [t, name] : kTypeNames) {
    if (t == type) return name;
  }
  return "unknown";
}

std::optional<ConfigType> configTypeFromString(std::string_view text) noexcept {
  for (const auto& [t, name] : kTypeNames) {
    if (name == text) return t;
  }
  return std::nullopt;
}

ConfigType typeOf(const ConfigValue& value) noexcept {
  // The variant's alternatives are declared in the same order as ConfigType's enumerators.
  return static_cast<ConfigType>(value.index());
}

std::string describe(const ConfigValue& value) {
  std::ostringstream out;
  out << toString(typeOf(value)) << ' ';
  if (auto s = std::get_if<std::string>(&value)) out << quoted(*s);
  if (auto i = std::get_if<std::int64_t>(&value)) out << *i;
  if (auto b = std::get_if<bool>(&value)) out << (*b ? "true" : "false");
  if (auto d = std::get_if<double>(&value)) out << *d;
  if (auto list = std::get_if<std::vector<std::string>>(&value)) {
    out << '[';
    for (std::size_t i = 0; i < list->size(); ++i) out << (i ? ", " : "") << quoted((*list)[i]);
    out << ']';
  }
  return out.str();
}

bool accepts(ConfigType expected, const ConfigValue& value) noexcept {
  ConfigType actual = typeOf(value);
  return actual == expected || (expected == ConfigType::number && actual == ConfigType::integer);
}

std::string Config::getString(const std::string& key, const std::string& fallback) const {
  auto v = getIf<std::string>(values_, key);
  return v ? *v : fallback;
}

std::int64_t Config::getInt(const std::string& key, std::int64_t fallback) const {
  auto v = getIf<std::int64_t>(values_, key);
  return v ? *v : fallback;
}

bool Config::getBool(const std::string& key, bool fallback) const {
  auto v = getIf<bool>(values_, key);
  return v ? *v : fallback;
}

double Config::getNumber(const std::string& key, double fallback) const {
  if (auto v = getIf<double>(values_, key)) return *v;
  if (auto v = getIf<std::int64_t>(values_, key)) return static_cast<double>(*v);
  return fallback;
}

std::vector<std::string> Config::getList(const std::string& key) const {
  auto v = getIf<std::vector<std::string>>(values_, key);
  return v ? *v : std::vector<std::string>{};
}

std::vector<FieldError> validateAgainstSchema(const ConfigSchema& schema, const Config& config) {
  std::vector<FieldError> errors;
  for (const auto& [key, value] : config.values()) {
    const ConfigOption* option = findOption(schema, key);
    if (!option) {
      errors.push_back({key, "unknown key"});
    } else if (!accepts(option->type, value)) {
      // Why: a secret's value must not reach a message that may be logged.
      std::string got = option->secret ? std::string(toString(typeOf(value))) + " (value hidden)"
                                       : describe(value);
      errors.push_back({key, "expected " + std::string(toString(option->type)) + ", got " + got});
    } else if (!isChoice(*option, value)) {
      errors.push_back({key, "must be one of " + joinedChoices(*option) + ", got " +
                                 (option->secret ? std::string("a value (hidden)")
                                                 : quoted(std::get<std::string>(value)))});
    }
  }
  for (const auto& option : schema) {
    if (option.required && !option.default_value && !config.has(option.key)) {
      errors.push_back({option.key, "missing required " + std::string(toString(option.type))});
    }
  }
  return errors;
}

Config withDefaults(const ConfigSchema& schema, const Config& config) {
  Config out = config;
  for (const auto& option : schema) {
    if (option.default_value && !out.has(option.key)) out.set(option.key, *option.default_value);
  }
  return out;
}

Error configError(std::string_view plugin, const std::vector<FieldError>& errors) {
  std::string message = std::string(plugin) + " config:";
  for (const FieldError& e : errors) message += " " + e.key + " " + e.message + ";";
  if (!errors.empty()) message.pop_back();
  return makeError(ErrorKind::invalid_config, message, errors.empty() ? "" : errors.front().key);
}

}  // namespace accord::sdk
