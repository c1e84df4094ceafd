#include "cli/config_file.h"

#include <fstream>
#include <sstream>

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

namespace accord::cli {
namespace {

const sdk::ConfigOption* optionFor(const sdk::ConfigSchema& schema, const std::string& key) {
  for (const auto& o : schema) {
    if (o.key == key) return &o;
  }
  return nullptr;
}

std::string describeJson(const Poco::Dynamic::Var& v) {
  if (v.isEmpty()) return "null";
  if (v.type() == typeid(Poco::JSON::Object::Ptr)) return "an object";
  if (v.type() == typeid(Poco::JSON::Array::Ptr)) return "an array";
  if (v.isString()) return "string \"" + v.toString() + "\"";
  if (v.isBoolean()) return "boolean " + v.toString();
  return "number " + v.toString();
}

// Converts one JSON value to the ConfigValue the schema's type calls for, or says why not.
// Poco reports booleans as integers too, hence the isBoolean() checks.
std::optional<sdk::ConfigValue> convert(const Poco::Dynamic::Var& v, sdk::ConfigType type) {
  switch (type) {
    case sdk::ConfigType::string:
      if (v.isString()) return sdk::ConfigValue{v.toString()};
      break;
    case sdk::ConfigType::boolean:
      if (v.isBoolean()) return sdk::ConfigValue{v.convert<bool>()};
      break;
    case sdk::ConfigType::integer:
      if (v.isInteger() && !v.isBoolean()) return sdk::ConfigValue{v.convert<std::int64_t>()};
      break;
    case sdk::ConfigType::number:
      if (v.isNumeric() && !v.isBoolean()) return sdk::ConfigValue{v.convert<double>()};
      break;
    case sdk::ConfigType::string_list:
      if (v.type() == typeid(Poco::JSON::Array::Ptr)) {
        std::vector<std::string> items;
        for (const auto& item : *v.extract<Poco::JSON::Array::Ptr>()) {
          if (!item.isString()) return std::nullopt;
          items.push_back(item.toString());
        }
        return sdk::ConfigValue{items};
      }
      break;
  }
  return std::nullopt;
}

void flatten(const Poco::JSON::Object::Ptr& object, const std::string& prefix,
             const sdk::ConfigSchema& schema, sdk::Config& config,
             std::vector<std::string>& problems) {
  for (const auto& [name, value] : *object) {
    const std::string key = prefix.empty() ? name : prefix + "." + name;
    const sdk::ConfigOption* option = optionFor(schema, key);
    if (!option && value.type() == typeid(Poco::JSON::Object::Ptr)) {
      flatten(value.extract<Poco::JSON::Object::Ptr>(), key, schema, config, problems);
      continue;
    }
    if (!option) {
      problems.push_back("key '" + key + "': unknown key for this plugin");
      continue;
    }
    if (auto converted = convert(value, option->type)) {
      config.set(key, *converted);
    } else {
      problems.push_back("key '" + key + "': expected " + std::string(sdk::toString(option->type)) +
                         ", got " + describeJson(value));
    }
  }
}

}  // namespace

sdk::Result<sdk::Config> parseConfigJson(const std::string& json, const std::string& origin,
                                         const sdk::ConfigSchema& schema) {
  Poco::Dynamic::Var root;
  try {
    root = Poco::JSON::Parser().parse(json);
  } catch (const Poco::Exception& e) {
    return sdk::makeError(sdk::ErrorKind::invalid_config,
                          origin + ": not valid JSON: " + e.message());
  }
  if (root.type() != typeid(Poco::JSON::Object::Ptr)) {
    return sdk::makeError(sdk::ErrorKind::invalid_config,
                          origin + ": expected a JSON object of config keys, got " +
                              describeJson(root));
  }
  sdk::Config config;
  std::vector<std::string> problems;
  flatten(root.extract<Poco::JSON::Object::Ptr>(), "", schema, config, problems);
  if (problems.empty()) {
    for (const auto& e : sdk::validateAgainstSchema(schema, config)) {
      problems.push_back("key '" + e.key + "': " + e.message);
    }
  }
  if (!problems.empty()) {
    std::string message;
    for (const auto& p : problems) message += (message.empty() ? "" : "\n") + origin + ": " + p;
    return sdk::Error{sdk::ErrorKind::invalid_config, message, {}, std::nullopt};
  }
  return sdk::withDefaults(schema, config);
}

sdk::Result<sdk::Config> loadConfigFile(const std::filesystem::path& file,
                                        const sdk::ConfigSchema& schema) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return sdk::makeError(sdk::ErrorKind::invalid_config,
                          file.string() + ": cannot read the config file");
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parseConfigJson(text.str(), file.string(), schema);
}

}  // namespace accord::cli
