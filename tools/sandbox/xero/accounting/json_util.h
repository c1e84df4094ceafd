// Small helpers over Poco::JSON for the Xero sandbox records.
#pragma once

#include <string>
#include <string_view>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "sandbox/xero/accounting/amount.h"

namespace accord::sandbox::xero {

using Json = Poco::JSON::Object::Ptr;
using JsonArray = Poco::JSON::Array::Ptr;

Json newObject();
// A copy whose own members can be replaced without touching the original (members that are
// objects or arrays stay shared, so replace them instead of editing in place).
Json copyObject(const Poco::JSON::Object& source);
std::string str(const Poco::JSON::Object& object, const std::string& key);  // "" when absent
bool has(const Poco::JSON::Object& object, const std::string& key);        // present, not null
void setAmount(Poco::JSON::Object& object, const std::string& key, Amount value);
std::string stringify(const Poco::Dynamic::Var& value);
// Parses a request body; nullptr (and a message) when it is not a JSON object.
Json parseObject(const std::string& body, std::string* error);

}  // namespace accord::sandbox::xero
