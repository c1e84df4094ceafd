#include "sandbox/xero/accounting/json_util.h"


#include <Poco/JSON/Parser.h>
#include <Poco/JSONString.h>

namespace accord::sandbox::xero {

Json newObject() { return new Poco::JSON::Object(); }

Json copyObject(const Poco::JSON::Object& source) { return new Poco::JSON::Object(source); }

std::string str(const Poco::JSON::Object& object, const std::string& key) {
  if (!object.has(key)) return {};
  const auto& v = object.get(key);
  if (v.isEmpty()) return {};
  if (v.type() == typeid(std::string)) return v.extract<std::string>();  // the common case, cheaply
  try {
    return v.convert<std::string>();
  } catch (const Poco::Exception&) {
    return {};
  }
}

bool has(const Poco::JSON::Object& object, const std::string& key) {
  return object.has(key) && !object.get(key).isEmpty();
}

void setAmount(Poco::JSON::Object& object, const std::string& key, Amount value) {
  object.set(key, value.toDouble());
}

namespace {

// What Poco::JSON::Stringifier writes compactly (keys in map order, strings through
// Poco::toJSON, numbers and booleans through Var's conversion), appended to a string: the
// stream-based writer was the largest cost of storing records. Objects here never use
// JSON_PRESERVE_KEY_ORDER (their keys would print in map order).
void writeValue(const Poco::Dynamic::Var& value, std::string& out);

void writeObject(const Poco::JSON::Object& object, std::string& out) {
  out += '{';
  bool first = true;
  for (const auto& [key, member] : object) {
    if (!first) out += ',';
    first = false;
    out += Poco::toJSON(key, Poco::JSON_WRAP_STRINGS);
    out += ':';
    writeValue(member, out);
  }
  out += '}';
}

void writeArray(const Poco::JSON::Array& array, std::string& out) {
  out += '[';
  bool first = true;
  for (const auto& element : array) {
    if (!first) out += ',';
    first = false;
    writeValue(element, out);
  }
  out += ']';
}

void writeValue(const Poco::Dynamic::Var& value, std::string& out) {
  const std::type_info& type = value.type();
  if (type == typeid(Poco::JSON::Object::Ptr)) {
    writeObject(*value.extract<Poco::JSON::Object::Ptr>(), out);
  } else if (type == typeid(Poco::JSON::Array::Ptr)) {
    writeArray(*value.extract<Poco::JSON::Array::Ptr>(), out);
  } else if (type == typeid(Poco::JSON::Object)) {
    writeObject(value.extract<Poco::JSON::Object>(), out);
  } else if (type == typeid(Poco::JSON::Array)) {
    writeArray(value.extract<Poco::JSON::Array>(), out);
  } else if (value.isEmpty()) {
    out += "null";
  } else if (type == typeid(std::string)) {
    out += Poco::toJSON(value.extract<std::string>(), Poco::JSON_WRAP_STRINGS);
  } else if ((value.isNumeric() || value.isBoolean()) && type != typeid(char)) {
    out += value.convert<std::string>();
  } else if (value.isNumeric() || value.isString() || value.isDateTime() || value.isDate() ||
             value.isTime()) {
    out += Poco::toJSON(value.convert<std::string>(), Poco::JSON_WRAP_STRINGS);
  } else {
    out += value.convert<std::string>();
  }
}

}  // namespace

std::string stringify(const Poco::Dynamic::Var& value) {
  std::string out;
  out.reserve(256);
  writeValue(value, out);
  return out;
}

Json parseObject(const std::string& body, std::string* error) {
  try {
    Poco::JSON::Parser parser;
    auto result = parser.parse(body);
    if (result.type() == typeid(Poco::JSON::Object::Ptr)) return result.extract<Json>();
    if (error) *error = "the request body is not a JSON object";
  } catch (const Poco::Exception& e) {
    if (error) *error = "the request body is not valid JSON: " + e.message();
  }
  return nullptr;
}

}  // namespace accord::sandbox::xero
