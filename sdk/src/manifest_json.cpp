// The manifest's JSON form. Parsing is strict: every key must be known and of its type, and any
// problem is reported with the JSON path of the value at fault ("$.entities[1].operations[0]").
#include <Poco/Dynamic/Var.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <initializer_list>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "accord/sdk/manifest.h"

namespace accord::sdk {
namespace {
using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

// Internal only: caught in manifestFromJson and turned into an Error.
struct JsonProblem : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string typeName(const Var& v) {
  if (v.isEmpty()) return "null";
  if (v.type() == typeid(Object::Ptr)) return "object";
  if (v.type() == typeid(Array::Ptr)) return "array";
  if (v.type() == typeid(bool)) return "boolean";
  if (v.isString()) return "string";
  if (v.isInteger()) return "integer";
  if (v.isNumeric()) return "number";
  return "unknown";
}

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw JsonProblem(path + ": " + what);
}

void expectType(const Var& v, const std::string& path, const char* expected) {
  if (typeName(v) != expected) fail(path, std::string("expected ") + expected + ", got " + typeName(v));
}

// One JSON object being read: typed getters by key, and a check that no unknown key is left.
class ObjectReader {
 public:
  ObjectReader(const Var& v, std::string path) : path_(std::move(path)) {
    expectType(v, path_, "object");
    object_ = v.extract<Object::Ptr>();
  }

  void allowOnly(std::initializer_list<const char*> keys) const {
    for (const auto& [key, value] : *object_) {
      (void)value;
      bool known = std::any_of(keys.begin(), keys.end(), [&](const char* k) { return key == k; });
      if (!known) fail(at(key), "unknown key");
    }
  }
  std::string at(const std::string& key) const { return path_ + "." + key; }
  bool has(const std::string& key) const { return object_->has(key) && !object_->isNull(key); }
  Var get(const std::string& key) const { return object_->get(key); }

  std::string string(const std::string& key, bool required = false) const {
    if (!has(key)) {
      if (required) fail(at(key), "missing");
      return {};
    }
    expectType(get(key), at(key), "string");
    return get(key).extract<std::string>();
  }
  bool boolean(const std::string& key) const {
    if (!has(key)) return false;
    expectType(get(key), at(key), "boolean");
    return get(key).extract<bool>();
  }
  std::optional<int> integer(const std::string& key) const {
    if (!has(key)) return std::nullopt;
    expectType(get(key), at(key), "integer");
    auto value = get(key).convert<std::int64_t>();
    if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
      fail(at(key), "out of range");
    }
    return static_cast<int>(value);
  }
  template <typename F>
  void each(const std::string& key, F&& f) const {
    if (!has(key)) return;
    expectType(get(key), at(key), "array");
    auto array = get(key).extract<Array::Ptr>();
    for (std::size_t i = 0; i < array->size(); ++i) {
      f(array->get(i), at(key) + "[" + std::to_string(i) + "]");
    }
  }
  std::vector<std::string> strings(const std::string& key) const {
    std::vector<std::string> out;
    each(key, [&](const Var& v, const std::string& path) {
      expectType(v, path, "string");
      out.push_back(v.extract<std::string>());
    });
    return out;
  }
  template <typename E, typename FromString>
  std::vector<E> enums(const std::string& key, FromString fromString) const {
    std::vector<E> out;
    each(key, [&](const Var& v, const std::string& path) { out.push_back(enumValue<E>(v, path, fromString)); });
    return out;
  }
  template <typename E, typename FromString>
  static E enumValue(const Var& v, const std::string& path, FromString fromString) {
    expectType(v, path, "string");
    auto text = v.extract<std::string>();
    auto value = fromString(text);
    if (!value) fail(path, "unknown value \"" + text + "\"");
    return *value;
  }

 private:
  std::string path_;
  Object::Ptr object_;
};

ConfigValue configValue(const Var& v, ConfigType type, const std::string& path) {
  switch (type) {
    case ConfigType::string: expectType(v, path, "string"); return v.extract<std::string>();
    case ConfigType::integer: expectType(v, path, "integer"); return v.convert<std::int64_t>();
    case ConfigType::boolean: expectType(v, path, "boolean"); return v.extract<bool>();
    case ConfigType::number:
      if (typeName(v) != "integer") expectType(v, path, "number");
      return v.convert<double>();
    case ConfigType::string_list: {
      expectType(v, path, "array");
      auto array = v.extract<Array::Ptr>();
      std::vector<std::string> out;
      for (std::size_t i = 0; i < array->size(); ++i) {
        expectType(array->get(i), path + "[" + std::to_string(i) + "]", "string");
        out.push_back(array->get(i).extract<std::string>());
      }
      return out;
    }
  }
  fail(path, "unknown config type");
}

FieldRule readFieldRule(const Var& v, const std::string& path) {
  ObjectReader r(v, path);
  r.allowOnly({"field", "required", "read_only", "max_items", "immutable_when_status", "note",
               "held_values", "max_per_ref"});
  return FieldRule{r.string("field", true), r.boolean("required"), r.boolean("read_only"),
                   r.integer("max_items"), r.strings("immutable_when_status"), r.string("note"),
                   r.strings("held_values"), r.integer("max_per_ref")};
}

EntityCapability readEntity(const Var& v, const std::string& path) {
  ObjectReader r(v, path);
  r.allowOnly({"entity", "operations", "sync_modes", "field_rules", "unsupported_fields"});
  if (!r.has("entity")) fail(r.at("entity"), "missing");
  EntityCapability cap;
  cap.entity = ObjectReader::enumValue<model::EntityType>(r.get("entity"), r.at("entity"),
                                                          model::entityTypeFromString);
  cap.operations = r.enums<Operation>("operations", operationFromString);
  cap.sync_modes = r.enums<SyncMode>("sync_modes", syncModeFromString);
  r.each("field_rules", [&](const Var& item, const std::string& p) {
    cap.field_rules.push_back(readFieldRule(item, p));
  });
  cap.unsupported_fields = r.strings("unsupported_fields");
  return cap;
}

RateHeaderNames readHeaders(const Var& v, const std::string& path) {
  ObjectReader r(v, path);
  r.allowOnly({"minute_remaining", "hour_remaining", "day_remaining", "app_minute_remaining",
               "retry_after", "problem"});
  return RateHeaderNames{r.string("minute_remaining"), r.string("hour_remaining"),
                         r.string("day_remaining"),    r.string("app_minute_remaining"),
                         r.string("retry_after"),      r.string("problem")};
}

LimitProfile readProfile(const Var& v, const std::string& path) {
  ObjectReader r(v, path);
  r.allowOnly({"name", "per_minute", "per_hour", "per_day", "concurrent"});
  return LimitProfile{r.string("name", true), r.integer("per_minute"), r.integer("per_hour"),
                      r.integer("per_day"), r.integer("concurrent")};
}

RateLimits readLimits(const Var& v, const std::string& path) {
  ObjectReader r(v, path);
  r.allowOnly({"per_minute", "per_hour", "per_day", "concurrent", "max_page_size", "max_batch_size",
               "headers", "profile_key", "profiles"});
  RateLimits limits;
  limits.per_minute = r.integer("per_minute");
  limits.per_hour = r.integer("per_hour");
  limits.per_day = r.integer("per_day");
  limits.concurrent = r.integer("concurrent");
  limits.max_page_size = r.integer("max_page_size").value_or(limits.max_page_size);
  limits.max_batch_size = r.integer("max_batch_size").value_or(limits.max_batch_size);
  if (r.has("headers")) limits.headers = readHeaders(r.get("headers"), r.at("headers"));
  limits.profile_key = r.string("profile_key");
  r.each("profiles", [&](const Var& item, const std::string& p) {
    limits.profiles.push_back(readProfile(item, p));
  });
  return limits;
}

ConfigOption readOption(const Var& v, const std::string& path) {
  ObjectReader r(v, path);
  r.allowOnly({"key", "type", "default", "required", "secret", "description", "choices"});
  ConfigOption option;
  option.key = r.string("key", true);
  if (!r.has("type")) fail(r.at("type"), "missing");
  option.type = ObjectReader::enumValue<ConfigType>(r.get("type"), r.at("type"), configTypeFromString);
  if (r.has("default")) option.default_value = configValue(r.get("default"), option.type, r.at("default"));
  option.required = r.boolean("required");
  option.secret = r.boolean("secret");
  option.description = r.string("description");
  option.choices = r.strings("choices");
  return option;
}

Manifest readManifest(const Var& root) {
  ObjectReader r(root, "$");
  r.allowOnly({"name", "version", "display_name", "description", "auth", "oauth_scopes",
               "regions", "entities", "limits", "config"});
  Manifest m;
  m.name = r.string("name", true);
  m.version = r.string("version", true);
  m.display_name = r.string("display_name");
  m.description = r.string("description");
  if (r.has("auth")) m.auth = ObjectReader::enumValue<AuthKind>(r.get("auth"), r.at("auth"), authKindFromString);
  m.oauth_scopes = r.strings("oauth_scopes");
  m.regions = r.strings("regions");
  r.each("entities", [&](const Var& v, const std::string& p) { m.entities.push_back(readEntity(v, p)); });
  if (r.has("limits")) m.limits = readLimits(r.get("limits"), r.at("limits"));
  r.each("config", [&](const Var& v, const std::string& p) { m.config.push_back(readOption(v, p)); });
  return m;
}

// ---- writing ----

Object::Ptr newObject() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

template <typename T, typename F>
Array::Ptr arrayOf(const std::vector<T>& items, F&& toVar) {
  Array::Ptr out = new Array;
  for (const auto& item : items) out->add(toVar(item));
  return out;
}

Array::Ptr strings(const std::vector<std::string>& items) {
  return arrayOf(items, [](const std::string& s) { return Var(s); });
}

template <typename E>
Array::Ptr enumNames(const std::vector<E>& items) {
  return arrayOf(items, [](E e) { return Var(std::string(toString(e))); });
}

Var configVar(const ConfigValue& value) {
  return std::visit(
      [](const auto& v) -> Var {
        if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::vector<std::string>>) {
          return strings(v);
        } else {
          return Var(v);
        }
      },
      value);
}

Object::Ptr writeEntity(const EntityCapability& cap) {
  Object::Ptr o = newObject();
  o->set("entity", std::string(model::toString(cap.entity)));
  o->set("operations", enumNames(cap.operations));
  o->set("sync_modes", enumNames(cap.sync_modes));
  o->set("field_rules", arrayOf(cap.field_rules, [](const FieldRule& rule) {
           Object::Ptr r = newObject();
           r->set("field", rule.field);
           r->set("required", rule.required);
           r->set("read_only", rule.read_only);
           if (rule.max_items) r->set("max_items", *rule.max_items);
           r->set("immutable_when_status", strings(rule.immutable_when_status));
           r->set("note", rule.note);
           if (!rule.held_values.empty()) r->set("held_values", strings(rule.held_values));
           if (rule.max_per_ref) r->set("max_per_ref", *rule.max_per_ref);
           return Var(r);
         }));
  o->set("unsupported_fields", strings(cap.unsupported_fields));
  return o;
}

Object::Ptr writeLimits(const RateLimits& limits) {
  Object::Ptr o = newObject();
  auto optional = [&](const char* key, const std::optional<int>& v) {
    if (v) o->set(key, *v);
  };
  optional("per_minute", limits.per_minute);
  optional("per_hour", limits.per_hour);
  optional("per_day", limits.per_day);
  optional("concurrent", limits.concurrent);
  o->set("max_page_size", limits.max_page_size);
  o->set("max_batch_size", limits.max_batch_size);
  if (limits.headers) {
    const RateHeaderNames& h = *limits.headers;
    Object::Ptr headers = newObject();
    headers->set("minute_remaining", h.minute_remaining);
    headers->set("hour_remaining", h.hour_remaining);
    headers->set("day_remaining", h.day_remaining);
    headers->set("app_minute_remaining", h.app_minute_remaining);
    headers->set("retry_after", h.retry_after);
    headers->set("problem", h.problem);
    o->set("headers", headers);
  }
  if (!limits.profile_key.empty()) o->set("profile_key", limits.profile_key);
  if (!limits.profiles.empty()) {
    o->set("profiles", arrayOf(limits.profiles, [](const LimitProfile& profile) {
             Object::Ptr p = newObject();
             p->set("name", profile.name);
             auto optional = [&](const char* key, const std::optional<int>& v) {
               if (v) p->set(key, *v);
             };
             optional("per_minute", profile.per_minute);
             optional("per_hour", profile.per_hour);
             optional("per_day", profile.per_day);
             optional("concurrent", profile.concurrent);
             return Var(p);
           }));
  }
  return o;
}

Object::Ptr writeOption(const ConfigOption& option) {
  Object::Ptr o = newObject();
  o->set("key", option.key);
  o->set("type", std::string(toString(option.type)));
  if (option.default_value) o->set("default", configVar(*option.default_value));
  o->set("required", option.required);
  o->set("secret", option.secret);
  o->set("description", option.description);
  if (!option.choices.empty()) o->set("choices", strings(option.choices));
  return o;
}
}  // namespace

std::string manifestToJson(const Manifest& m) {
  Object::Ptr o = newObject();
  o->set("name", m.name);
  o->set("version", m.version);
  o->set("display_name", m.display_name);
  o->set("description", m.description);
  o->set("auth", std::string(toString(m.auth)));
  o->set("oauth_scopes", strings(m.oauth_scopes));
  o->set("regions", strings(m.regions));
  o->set("entities", arrayOf(m.entities, [](const EntityCapability& c) { return Var(writeEntity(c)); }));
  o->set("limits", writeLimits(m.limits));
  o->set("config", arrayOf(m.config, [](const ConfigOption& c) { return Var(writeOption(c)); }));
  std::ostringstream out;
  o->stringify(out);
  return out.str();
}

Result<Manifest> manifestFromJson(std::string_view json) {
  Var root;
  try {
    Poco::JSON::Parser parser;
    root = parser.parse(std::string(json));
  } catch (const Poco::Exception& e) {
    return makeError(ErrorKind::plugin_bug, "manifest: not valid JSON: " + e.displayText());
  }
  try {
    return readManifest(root);
  } catch (const JsonProblem& e) {
    return makeError(ErrorKind::plugin_bug, std::string("manifest ") + e.what());
  } catch (const Poco::Exception& e) {
    return makeError(ErrorKind::plugin_bug, "manifest: " + e.displayText());
  }
}

}  // namespace accord::sdk
