#include "sync/connection_settings.h"

#include <algorithm>
#include <array>
#include <sstream>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "sync/fields.h"

namespace accord::sync {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

constexpr std::array<std::string_view, 12> kOpNames = {
    "eq", "ne", "in", "not_in", "gt", "gte", "lt", "lte", "contains", "starts_with", "exists",
    "missing"};

std::optional<FilterOp> opFromString(std::string_view text) {
  for (std::size_t i = 0; i < kOpNames.size(); ++i) {
    if (kOpNames[i] == text) return static_cast<FilterOp>(i);
  }
  return std::nullopt;
}

std::string opList() {
  std::string out;
  for (auto name : kOpNames) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

// Thrown inside the parser only; parseSettings turns it into an Error.
struct Bad {
  std::string path;
  std::string message;
};

Object::Ptr objectAt(const Poco::Dynamic::Var& value, const std::string& path) {
  if (value.type() != typeid(Object::Ptr)) throw Bad{path, "expected a JSON object"};
  return value.extract<Object::Ptr>();
}

Array::Ptr arrayAt(const Poco::Dynamic::Var& value, const std::string& path) {
  if (value.type() != typeid(Array::Ptr)) throw Bad{path, "expected a JSON array"};
  return value.extract<Array::Ptr>();
}

std::string scalarText(const Poco::Dynamic::Var& value, const std::string& path) {
  if (value.isEmpty() || value.type() == typeid(Object::Ptr) || value.type() == typeid(Array::Ptr))
    throw Bad{path, "expected a string, number or boolean"};
  if (value.isBoolean()) return value.extract<bool>() ? "true" : "false";
  return value.convert<std::string>();
}

model::EntityType entityAt(const std::string& name, const std::string& path) {
  auto type = model::entityTypeFromString(name);
  if (!type) throw Bad{path, "unknown entity '" + name + "'"};
  return *type;
}

bool knownField(model::EntityType type, std::string_view name) {
  const auto names = fieldNames(type);
  return std::find(names.begin(), names.end(), name) != names.end();
}

void checkFilterField(model::EntityType type, const std::string& field, const std::string& path) {
  if (field == "$status" || field == "$created_at" || field == "$updated_at") return;
  if (field.rfind("remote.", 0) == 0 && field.size() > 7) return;
  const std::string first = field.substr(0, field.find('.'));
  if (!knownField(type, first)) {
    throw Bad{path, "'" + field + "' is not a field of " + std::string(model::toString(type)) +
                        " (a canonical field, $status, $created_at, $updated_at or remote.<Key>)"};
  }
}

FilterRule parseRule(model::EntityType type, const Object::Ptr& object, const std::string& path) {
  FilterRule rule;
  for (const auto& [key, value] : *object) {
    if (key != "field" && key != "op" && key != "value")
      throw Bad{path + "." + key, "unknown key (field, op, value)"};
  }
  if (!object->has("field")) throw Bad{path + ".field", "is missing"};
  rule.field = scalarText(object->get("field"), path + ".field");
  checkFilterField(type, rule.field, path + ".field");
  const std::string op = object->has("op") ? scalarText(object->get("op"), path + ".op") : "eq";
  auto parsed = opFromString(op);
  if (!parsed) throw Bad{path + ".op", "unknown operator '" + op + "' (one of " + opList() + ")"};
  rule.op = *parsed;
  const bool list = rule.op == FilterOp::in || rule.op == FilterOp::not_in;
  const bool none = rule.op == FilterOp::exists || rule.op == FilterOp::missing;
  if (none) {
    if (object->has("value")) throw Bad{path + ".value", "'" + op + "' takes no value"};
    return rule;
  }
  if (!object->has("value")) throw Bad{path + ".value", "is missing"};
  if (list) {
    auto array = arrayAt(object->get("value"), path + ".value");
    for (std::size_t i = 0; i < array->size(); ++i) {
      rule.values.push_back(scalarText(array->get(i), path + ".value[" + std::to_string(i) + "]"));
    }
  } else {
    rule.values.push_back(scalarText(object->get("value"), path + ".value"));
  }
  return rule;
}

EntityFilter parseFilter(model::EntityType type, const Object::Ptr& object, const std::string& path) {
  EntityFilter filter;
  for (const auto& [key, value] : *object) {
    if (key == "match") {
      const std::string match = scalarText(value, path + ".match");
      if (match != "all" && match != "any") throw Bad{path + ".match", "expected \"all\" or \"any\""};
      filter.match_all = match == "all";
    } else if (key == "rules") {
      auto rules = arrayAt(value, path + ".rules");
      for (std::size_t i = 0; i < rules->size(); ++i) {
        const std::string at = path + ".rules[" + std::to_string(i) + "]";
        filter.rules.push_back(parseRule(type, objectAt(rules->get(i), at), at));
      }
    } else {
      throw Bad{path + "." + key, "unknown key (match, rules)"};
    }
  }
  return filter;
}

std::vector<std::string> parseRequired(model::EntityType type, const Poco::Dynamic::Var& value,
                                       const std::string& path) {
  std::vector<std::string> fields;
  auto array = arrayAt(value, path);
  for (std::size_t i = 0; i < array->size(); ++i) {
    const std::string at = path + "[" + std::to_string(i) + "]";
    std::string field = scalarText(array->get(i), at);
    if (!knownField(type, field)) {
      throw Bad{at, "'" + field + "' is not a field of " + std::string(model::toString(type))};
    }
    fields.push_back(std::move(field));
  }
  return fields;
}

ConnectionSettings parseObject(const Object::Ptr& root) {
  ConnectionSettings out;
  for (const auto& [key, value] : *root) {
    if (key == "block_on_preview_errors") {
      if (!value.isBoolean()) throw Bad{key, "expected true or false"};
      out.block_on_preview_errors = value.extract<bool>();
    } else if (key == "required") {
      for (const auto& [entity, fields] : *objectAt(value, key)) {
        const std::string path = key + "." + entity;
        out.required[entityAt(entity, path)] = parseRequired(entityAt(entity, path), fields, path);
      }
    } else if (key == "filters") {
      for (const auto& [entity, filter] : *objectAt(value, key)) {
        const std::string path = key + "." + entity;
        const auto type = entityAt(entity, path);
        out.filters[type] = parseFilter(type, objectAt(filter, path), path);
      }
    } else {
      throw Bad{key, "unknown key (block_on_preview_errors, required, filters)"};
    }
  }
  return out;
}

}  // namespace

std::string_view toString(FilterOp op) noexcept { return kOpNames[static_cast<std::size_t>(op)]; }

std::string FilterRule::text() const {
  std::string out = field + " " + std::string(toString(op));
  if (op == FilterOp::in || op == FilterOp::not_in) {
    std::string list;
    for (const auto& v : values) list += (list.empty() ? "" : ", ") + v;
    return out + " [" + list + "]";
  }
  return values.empty() ? out : out + " " + values.front();
}

const EntityFilter* ConnectionSettings::filter(model::EntityType type) const {
  auto it = filters.find(type);
  return it == filters.end() || it->second.rules.empty() ? nullptr : &it->second;
}

const std::vector<std::string>* ConnectionSettings::requiredFields(model::EntityType type) const {
  auto it = required.find(type);
  return it == required.end() ? nullptr : &it->second;
}

Result<ConnectionSettings> parseSettings(const std::string& json, const std::string& origin) {
  try {
    Poco::JSON::Parser parser;
    return parseObject(objectAt(parser.parse(json), "(top level)"));
  } catch (const Bad& bad) {
    return sdk::makeError(ErrorKind::invalid_config, origin + ": " + bad.path + ": " + bad.message);
  } catch (const Poco::Exception& e) {
    return sdk::makeError(ErrorKind::invalid_config, origin + ": not valid JSON: " + e.displayText());
  }
}

std::string settingsToJson(const ConnectionSettings& settings) {
  Object root(Poco::JSON_PRESERVE_KEY_ORDER);
  root.set("block_on_preview_errors", settings.block_on_preview_errors);
  Object::Ptr required = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  for (const auto& [type, fields] : settings.required) {
    Array::Ptr list = new Array;
    for (const auto& f : fields) list->add(f);
    required->set(std::string(model::toString(type)), list);
  }
  root.set("required", required);
  Object::Ptr filters = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  for (const auto& [type, filter] : settings.filters) {
    Object::Ptr entry = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    entry->set("match", filter.match_all ? "all" : "any");
    Array::Ptr rules = new Array;
    for (const FilterRule& rule : filter.rules) {
      Object::Ptr r = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
      r->set("field", rule.field);
      r->set("op", std::string(toString(rule.op)));
      if (rule.op == FilterOp::in || rule.op == FilterOp::not_in) {
        Array::Ptr values = new Array;
        for (const auto& v : rule.values) values->add(v);
        r->set("value", values);
      } else if (!rule.values.empty()) {
        r->set("value", rule.values.front());
      }
      rules->add(r);
    }
    entry->set("rules", rules);
    filters->set(std::string(model::toString(type)), entry);
  }
  root.set("filters", filters);
  std::ostringstream out;
  root.stringify(out, 2);
  return out.str();
}

Result<void> SettingsStore::ensureSchema() {
  return db_.exec(
      "CREATE TABLE IF NOT EXISTS sync_connection_settings ("
      "  connection_id INTEGER PRIMARY KEY REFERENCES connections(id) ON DELETE CASCADE,"
      "  body TEXT NOT NULL);"
      "CREATE TABLE IF NOT EXISTS sync_filtered_links ("
      "  connection_id INTEGER NOT NULL REFERENCES connections(id) ON DELETE CASCADE,"
      "  record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,"
      "  reason TEXT NOT NULL,"
      "  at_ms INTEGER NOT NULL,"
      "  PRIMARY KEY (connection_id, record_id));");
}

Result<std::optional<std::string>> SettingsStore::getJson(store::ConnectionId connection) {
  ACCORD_STORE_TRY(ensureSchema());
  return store::firstRow<std::string>(
      db_.prepare("SELECT body FROM sync_connection_settings WHERE connection_id = ?1", connection),
      [](const store::Statement& st) { return st.columnText(0); });
}

Result<ConnectionSettings> SettingsStore::get(const store::Connection& connection) {
  auto body = getJson(connection.id);
  if (!body) return body.error();
  if (!body.value()) return ConnectionSettings{};
  return parseSettings(*body.value(), "sync settings of '" + connection.label() + "'");
}

Result<ConnectionSettings> SettingsStore::set(const store::Connection& connection,
                                              const std::string& json, const std::string& origin) {
  auto parsed = parseSettings(json, origin);
  if (!parsed) return parsed.error();
  ACCORD_STORE_TRY(ensureSchema());
  ACCORD_STORE_TRY(db_.run(
      "INSERT INTO sync_connection_settings (connection_id, body) VALUES (?1, ?2) "
      "ON CONFLICT (connection_id) DO UPDATE SET body = excluded.body",
      connection.id, settingsToJson(parsed.value())));
  return parsed;
}

}  // namespace accord::sync
