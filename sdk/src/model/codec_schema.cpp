// jsonSchema: the same describe() walk, emitting JSON Schema draft 2020-12.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <sstream>

#include "accord/sdk/model/codec.h"
#include "traits.h"

namespace accord::sdk::model {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr newObject() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

Object::Ptr refTo(const std::string& def) {
  Object::Ptr o = newObject();
  o->set("$ref", "#/$defs/" + def);
  return o;
}

// Shared value shapes, published once under $defs.
Object::Ptr definitions() {
  auto stringWith = [](const char* pattern, const char* format, const char* description) {
    Object::Ptr o = newObject();
    o->set("type", "string");
    if (format) o->set("format", format);
    o->set("pattern", pattern);
    o->set("description", description);
    return o;
  };
  Object::Ptr defs = newObject();
  defs->set("decimal",
            stringWith("^-?(0|[1-9][0-9]*)(\\.[0-9]{1,9})?$", nullptr,
                       "Exact decimal as a string; the digits after the point are kept"));
  defs->set("date", stringWith("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "date", "Calendar date YYYY-MM-DD"));
  defs->set("timestamp",
            stringWith("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{3})?"
                       "(Z|[+-][0-9]{2}:[0-9]{2})$",
                       "date-time", "ISO 8601 instant with its UTC offset"));
  Object::Ptr ref = newObject();
  ref->set("type", "string");
  ref->set("description", "Id of another record: canonical in the hub, the app's own in a plugin");
  defs->set("ref", ref);
  return defs;
}

template <typename T>
Object::Ptr schemaOf(const StringRule& rule);

class PropertiesBuilder {
 public:
  template <typename T>
  void operator()(std::string_view key, const T&, const StringRule& rule = {}) {
    properties_->set(std::string(key), schemaOf<T>(rule));
    required_->add(std::string(key));
  }
  Object::Ptr objectSchema() const {
    Object::Ptr o = newObject();
    o->set("type", "object");
    o->set("additionalProperties", false);
    o->set("required", required_);
    o->set("properties", properties_);
    return o;
  }

 private:
  Object::Ptr properties_ = newObject();
  Poco::JSON::Array::Ptr required_ = new Array;
};

Object::Ptr stringSchema(const StringRule& rule) {
  Object::Ptr o = newObject();
  o->set("type", "string");
  if (!rule.one_of.empty()) {
    Array::Ptr values = new Array;
    for (std::string_view v : rule.one_of) values->add(std::string(v));
    o->set("enum", values);
  }
  if (!rule.pattern.empty()) o->set("pattern", std::string(rule.pattern));
  if (!rule.what.empty()) o->set("description", std::string(rule.what));
  return o;
}

template <typename T>
Object::Ptr schemaOf(const StringRule& rule) {
  using detail::Described;
  Object::Ptr o = newObject();
  if constexpr (std::is_same_v<T, std::string>) {
    return stringSchema(rule);
  } else if constexpr (std::is_same_v<T, bool>) {
    o->set("type", "boolean");
  } else if constexpr (std::is_same_v<T, std::int64_t>) {
    o->set("type", "integer");
  } else if constexpr (std::is_same_v<T, Decimal>) {
    return refTo("decimal");
  } else if constexpr (std::is_same_v<T, Date>) {
    return refTo("date");
  } else if constexpr (std::is_same_v<T, Timestamp>) {
    return refTo("timestamp");
  } else if constexpr (std::is_same_v<T, Ref>) {
    return refTo("ref");
  } else if constexpr (detail::IsOptional<T>::value) {
    Array::Ptr any = new Array;
    any->add(schemaOf<typename T::value_type>(rule));
    Object::Ptr null = newObject();
    null->set("type", "null");
    any->add(null);
    o->set("anyOf", any);
  } else if constexpr (detail::IsVector<T>::value) {
    o->set("type", "array");
    o->set("items", schemaOf<typename T::value_type>(rule));
  } else if constexpr (Described<T>) {
    PropertiesBuilder builder;
    const T prototype{};
    T::describe(prototype, builder);
    return builder.objectSchema();
  } else {
    static_assert(detail::kUnsupported<T>,
                  "describe() lists a field type the schema does not know");
  }
  return o;
}

Object::Ptr envelope(EntityType type, Object::Ptr fields) {
  constexpr std::string_view kStatuses[] = {"active", "archived", "deleted"};
  Object::Ptr properties = newObject();
  Object::Ptr type_schema = newObject();
  type_schema->set("const", std::string(toString(type)));
  properties->set("type", type_schema);
  Object::Ptr id = newObject();
  id->set("type", "string");
  properties->set("id", id);
  properties->set("created_at", schemaOf<std::optional<Timestamp>>({}));
  properties->set("updated_at", schemaOf<std::optional<Timestamp>>({}));
  properties->set("status", stringSchema(oneOf(kStatuses)));
  Object::Ptr remote = newObject();
  remote->set("type", "object");
  remote->set("description", "The app's raw JSON for fields the model does not carry");
  properties->set("remote_data", remote);
  properties->set("fields", fields);
  Array::Ptr required = new Array;
  for (const auto& name : properties->getNames()) required->add(name);
  Object::Ptr root = newObject();
  root->set("$schema", "https://json-schema.org/draft/2020-12/schema");
  root->set("title", "Accord " + std::string(toString(type)));
  root->set("type", "object");
  root->set("additionalProperties", false);
  root->set("required", required);
  root->set("properties", properties);
  root->set("$defs", definitions());
  return root;
}

}  // namespace

std::string jsonSchema(EntityType type) {
  const Record prototype = makeRecord(type);
  Object::Ptr fields = std::visit(
      [](const auto& entity) { return schemaOf<std::decay_t<decltype(entity)>>({}); }, prototype);
  std::ostringstream out;
  envelope(type, fields)->stringify(out, 2);
  return out.str() + "\n";
}

}  // namespace accord::sdk::model
