#include "service/config.h"

#include <Poco/JSON/Parser.h>

#include <fstream>
#include <functional>
#include <map>
#include <sstream>

namespace accord::service {
namespace {

using Poco::Dynamic::Var;
using sdk::ErrorKind;

// A setter per dotted key: checks the value, stores it, or returns why it is wrong.
using Setter = std::function<std::optional<std::string>(const Var&, ServiceConfig&)>;

std::optional<std::int64_t> integer(const Var& v) {
  if (!v.isInteger()) return std::nullopt;
  return v.convert<std::int64_t>();
}

Setter intIn(std::int64_t lo, std::int64_t hi, std::function<void(ServiceConfig&, std::int64_t)> set) {
  return [=](const Var& v, ServiceConfig& c) -> std::optional<std::string> {
    auto n = integer(v);
    if (!n || *n < lo || *n > hi) {
      return "must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi);
    }
    set(c, *n);
    return std::nullopt;
  };
}

Setter text(std::function<void(ServiceConfig&, const std::string&)> set) {
  return [=](const Var& v, ServiceConfig& c) -> std::optional<std::string> {
    if (!v.isString() || v.extract<std::string>().empty()) return "must be a non-empty string";
    set(c, v.extract<std::string>());
    return std::nullopt;
  };
}

Setter logLevel() {
  return [](const Var& v, ServiceConfig& c) -> std::optional<std::string> {
    static const std::map<std::string, sdk::LogLevel> levels{{"debug", sdk::LogLevel::debug},
                                                             {"info", sdk::LogLevel::info},
                                                             {"warn", sdk::LogLevel::warn},
                                                             {"error", sdk::LogLevel::error}};
    auto it = v.isString() ? levels.find(v.extract<std::string>()) : levels.end();
    if (it == levels.end()) return "must be one of debug, info, warn, error";
    c.log_level = it->second;
    return std::nullopt;
  };
}

Setter jitter() {
  return [](const Var& v, ServiceConfig& c) -> std::optional<std::string> {
    if (!v.isNumeric()) return "must be a number from 0 to 0.5";
    double d = v.convert<double>();
    if (d < 0 || d > 0.5) return "must be a number from 0 to 0.5";
    c.jitter = d;
    return std::nullopt;
  };
}

const std::map<std::string, Setter>& setters() {
  using std::chrono::milliseconds;
  static const std::map<std::string, Setter> all{
      {"server.host", text([](auto& c, auto& s) { c.host = s; })},
      {"server.port", intIn(0, 65535, [](auto& c, auto n) { c.port = static_cast<int>(n); })},
      {"server.threads", intIn(1, 256, [](auto& c, auto n) { c.threads = static_cast<int>(n); })},
      {"store.path", text([](auto& c, auto& s) { c.store_path = s; })},
      {"store.key_file", text([](auto& c, auto& s) { c.key_file = s; })},
      {"plugins.dir", text([](auto& c, auto& s) { c.plugin_dir = s; })},
      {"scheduler.interval_seconds",
       intIn(1, 7 * 86'400, [](auto& c, auto n) { c.interval = milliseconds(n * 1000); })},
      {"scheduler.jitter", jitter()},
      {"scheduler.seed", intIn(0, INT64_MAX, [](auto& c, auto n) { c.seed = n; })},
      {"scheduler.max_parallel",
       intIn(1, 256, [](auto& c, auto n) { c.max_parallel = static_cast<int>(n); })},
      {"scheduler.recovery_after",
       intIn(1, 1000, [](auto& c, auto n) { c.recovery_after = static_cast<int>(n); })},
      {"scheduler.recovery_delay_seconds",
       intIn(1, 7 * 86'400, [](auto& c, auto n) { c.recovery_delay = milliseconds(n * 1000); })},
      {"scheduler.refresh_seconds",
       intIn(1, 86'400, [](auto& c, auto n) { c.refresh = milliseconds(n * 1000); })},
      {"webhooks.max_body_bytes", intIn(1024, 64 << 20, [](auto& c, auto n) {
         c.max_webhook_body = static_cast<std::size_t>(n);
       })},
      {"log.level", logLevel()},
      {"tls.certificate", text([](auto& c, auto& s) { c.tls_certificate = s; })},
      {"tls.private_key", text([](auto& c, auto& s) { c.tls_private_key = s; })},
  };
  return all;
}

sdk::Error configError(const std::string& label, const std::string& key, const std::string& why) {
  return sdk::makeError(ErrorKind::invalid_config, label + ": " + key + ": " + why, key);
}

std::optional<sdk::Error> apply(const Poco::JSON::Object& object, const std::string& prefix,
                                const std::string& label, ServiceConfig& config) {
  for (const auto& [name, value] : object) {
    const std::string key = prefix.empty() ? name : prefix + "." + name;
    auto setter = setters().find(key);
    if (setter != setters().end()) {
      if (auto why = setter->second(value, config)) return configError(label, key, *why);
      continue;
    }
    bool is_section = false;
    for (const auto& [known, unused] : setters()) {
      if (known.rfind(key + ".", 0) == 0) is_section = true;
    }
    if (!is_section) return configError(label, key, "unknown key (docs/service.md lists them)");
    auto section = object.getObject(name);
    if (!section) return configError(label, key, "must be an object");
    if (auto error = apply(*section, key, label, config)) return error;
  }
  return std::nullopt;
}

}  // namespace

sdk::Result<ServiceConfig> parseServiceConfig(const std::string& json, const std::string& label) {
  Var root;
  try {
    root = Poco::JSON::Parser().parse(json);
  } catch (const Poco::Exception& e) {
    return sdk::makeError(ErrorKind::invalid_config, label + ": not valid JSON: " + e.message());
  }
  auto object = root.type() == typeid(Poco::JSON::Object::Ptr)
                    ? root.extract<Poco::JSON::Object::Ptr>()
                    : Poco::JSON::Object::Ptr();
  if (!object) return sdk::makeError(ErrorKind::invalid_config, label + ": must be a JSON object");
  ServiceConfig config;
  if (auto error = apply(*object, "", label, config)) return *error;
  if (config.tls_certificate.has_value() != config.tls_private_key.has_value()) {
    const std::string missing = config.tls_certificate ? "tls.private_key" : "tls.certificate";
    return configError(label, missing, "must be set with the other tls key (HTTPS needs both)");
  }
  return config;
}

sdk::Result<ServiceConfig> loadServiceConfig(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) {
    return sdk::makeError(ErrorKind::invalid_config,
                          file.string() + ": cannot be read (does it exist?)");
  }
  std::stringstream text;
  text << in.rdbuf();
  return parseServiceConfig(text.str(), file.string());
}

}  // namespace accord::service
