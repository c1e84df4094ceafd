#include "runtime/connection_config.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

namespace accord::runtime {
namespace {

using sdk::ConfigType;
using sdk::ConfigValue;

sdk::Error configError(const store::Connection& connection, const std::string& key,
                       const std::string& what) {
  return sdk::makeError(sdk::ErrorKind::invalid_config,
                        "connection '" + connection.label() + "': config key '" + key + "' " +
                            what,
                        key);
}

// A stored JSON value as the schema's type; nullopt when it is of another type.
std::optional<ConfigValue> fromJson(const Poco::Dynamic::Var& value, ConfigType type) {
  try {
    switch (type) {
      case ConfigType::string:
        if (value.isString()) return ConfigValue(value.extract<std::string>());
        break;
      case ConfigType::integer:
        if (value.isInteger()) return ConfigValue(static_cast<std::int64_t>(value.convert<Poco::Int64>()));
        break;
      case ConfigType::boolean:
        if (value.isBoolean()) return ConfigValue(value.extract<bool>());
        break;
      case ConfigType::number:
        if (value.isNumeric()) return ConfigValue(value.convert<double>());
        break;
      case ConfigType::string_list:
        if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
          std::vector<std::string> items;
          for (const auto& item : *value.extract<Poco::JSON::Array::Ptr>()) {
            if (!item.isString()) return std::nullopt;
            items.push_back(item.extract<std::string>());
          }
          return ConfigValue(std::move(items));
        }
        break;
    }
  } catch (const Poco::Exception&) {
  }
  return std::nullopt;
}

// A secret option is kept as text (the CLI seals string_list values comma-joined).
std::optional<ConfigValue> fromText(const std::string& text, ConfigType type) {
  switch (type) {
    case ConfigType::string: return ConfigValue(text);
    case ConfigType::boolean:
      if (text == "true" || text == "false") return ConfigValue(text == "true");
      return std::nullopt;
    case ConfigType::integer:
    case ConfigType::number:
      try {
        std::size_t used = 0;
        if (type == ConfigType::integer) {
          auto v = static_cast<std::int64_t>(std::stoll(text, &used));
          if (used == text.size()) return ConfigValue(v);
        } else {
          double v = std::stod(text, &used);
          if (used == text.size()) return ConfigValue(v);
        }
      } catch (const std::exception&) {
      }
      return std::nullopt;
    case ConfigType::string_list: {
      std::vector<std::string> items;
      std::stringstream in(text);
      for (std::string item; std::getline(in, item, ',');) items.push_back(item);
      return ConfigValue(std::move(items));
    }
  }
  return std::nullopt;
}

const sdk::ConfigOption* option(const sdk::ConfigSchema& schema, const std::string& key) {
  for (const auto& o : schema) {
    if (o.key == key) return &o;
  }
  return nullptr;
}

}  // namespace

sdk::Result<sdk::Config> connectionConfig(const store::Connection& connection,
                                          const store::SecretMap& secrets,
                                          const sdk::ConfigSchema& schema) {
  Poco::JSON::Object::Ptr plain;
  try {
    plain = Poco::JSON::Parser().parse(connection.config_json).extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception&) {
    return sdk::makeError(sdk::ErrorKind::invalid_config,
                          "connection '" + connection.label() + "': stored config is not a JSON "
                          "object");
  }
  sdk::Config config;
  for (const auto& [key, value] : *plain) {
    const sdk::ConfigOption* o = option(schema, key);
    if (!o) return configError(connection, key, "is not declared by plugin '" + connection.plugin + "'");
    auto typed = fromJson(value, o->type);
    if (!typed) return configError(connection, key, "is not a " + std::string(sdk::toString(o->type)));
    config.set(key, std::move(*typed));
  }
  // Secret options (never in the plain JSON); the auth state in secrets is not config.
  for (const auto& o : schema) {
    auto it = secrets.find(o.key);
    if (!o.secret || it == secrets.end()) continue;
    auto typed = fromText(it->second, o.type);
    // The value is a secret: the message names the key and type only.
    if (!typed) return configError(connection, o.key, "is not a " + std::string(sdk::toString(o.type)));
    config.set(o.key, std::move(*typed));
  }
  for (const sdk::FieldError& e : sdk::validateAgainstSchema(schema, config)) {
    return configError(connection, e.key, e.message);
  }
  return sdk::withDefaults(schema, config);
}

std::string rateTenant(const store::Connection& connection, const sdk::Config& config) {
  const std::string tenant = config.getString(kTenantIdKey);
  if (!tenant.empty()) return "tenant " + tenant;
  return "connection " + std::to_string(connection.id);
}

std::optional<std::string> RuntimeSecrets::get(std::string_view key) const {
  std::lock_guard lock(mutex_);
  auto it = values_.find(std::string(key));
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

void RuntimeSecrets::set(const std::string& key, const std::string& value) {
  std::lock_guard lock(mutex_);
  values_[key] = value;
}

void RuntimeSecrets::merge(const store::SecretMap& values) {
  std::lock_guard lock(mutex_);
  for (const auto& [key, value] : values) values_[key] = value;
}

void TaggedLogger::log(sdk::LogLevel level, std::string_view message) {
  std::string line = tag_;
  line += ": ";
  line += message;
  inner_.log(level, line);
}

}  // namespace accord::runtime
