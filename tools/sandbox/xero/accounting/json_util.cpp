#include "sandbox/xero/accounting/json_util.h"

#include <sstream>

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

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

std::string stringify(const Poco::Dynamic::Var& value) {
  std::ostringstream out;
  Poco::JSON::Stringifier::stringify(value, out, 0, -1);
  return out.str();
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
