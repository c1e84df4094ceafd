#include "openapi_validator.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "sandbox/xero/accounting/xero_format.h"

#ifndef ACCORD_SPECS_DIR
#define ACCORD_SPECS_DIR "/work/shared/specs"
#endif

namespace accord::sandbox::xero::testing {
namespace {

// Members Xero returns (the spec's own example responses show them) that its schemas omit.
bool isExampleOnlyMember(const std::string& name) {
  return name == "DateString" || name == "DueDateString";
}

}  // namespace

OpenApiValidator::OpenApiValidator(const std::string& yaml_path) {
  schemas_ = YAML::LoadFile(yaml_path)["components"]["schemas"];
}

bool OpenApiValidator::hasSchema(const std::string& name) const { return bool(schemas_[name]); }

YAML::Node OpenApiValidator::resolve(const YAML::Node& schema) const {
  YAML::Node current = schema;
  for (int depth = 0; depth < 10 && current["$ref"]; ++depth) {
    std::string ref = current["$ref"].as<std::string>();
    const std::string prefix = "#/components/schemas/";
    if (ref.rfind(prefix, 0) != 0) break;
    current = schemas_[ref.substr(prefix.size())];
  }
  return current;
}

std::vector<std::string> OpenApiValidator::validate(const Poco::Dynamic::Var& value,
                                                    const std::string& schema_name,
                                                    bool strict) const {
  if (!schemas_[schema_name]) return {"no schema named " + schema_name};
  Run run{strict, {}};
  check(value, schemas_[schema_name], schema_name, run);
  return run.problems;
}

void OpenApiValidator::checkObject(const Poco::Dynamic::Var& value, const YAML::Node& schema,
                                   const std::string& path, Run& run) const {
  if (value.type() != typeid(Poco::JSON::Object::Ptr)) {
    run.problems.push_back(path + ": expected an object");
    return;
  }
  auto object = value.extract<Poco::JSON::Object::Ptr>();
  YAML::Node properties = schema["properties"];
  if (schema["required"]) {
    for (const auto& name : schema["required"]) {
      if (!object->has(name.as<std::string>())) {
        run.problems.push_back(path + ": required member " + name.as<std::string>() + " is missing");
      }
    }
  }
  for (const auto& [name, member] : *object) {
    YAML::Node property = properties ? properties[name] : YAML::Node();
    if (!property && isExampleOnlyMember(name) && member.isString()) continue;
    if (!property) {
      if (run.strict && !schema["additionalProperties"]) run.problems.push_back(path + "." + name + ": not in the schema");
      continue;
    }
    check(member, property, path + "." + name, run);
  }
}

void OpenApiValidator::check(const Poco::Dynamic::Var& value, const YAML::Node& raw,
                             const std::string& path, Run& run) const {
  YAML::Node schema = resolve(raw);
  if (value.isEmpty()) return;  // null: Xero omits or nulls optional members
  if (schema["allOf"]) {
    for (const auto& part : schema["allOf"]) check(value, part, path, run);
    return;
  }
  std::string type = schema["type"] ? schema["type"].as<std::string>() : (schema["properties"] ? "object" : "");
  if (type == "object") return checkObject(value, schema, path, run);
  if (type == "array") {
    if (value.type() != typeid(Poco::JSON::Array::Ptr)) {
      run.problems.push_back(path + ": expected an array");
      return;
    }
    auto array = value.extract<Poco::JSON::Array::Ptr>();
    for (std::size_t i = 0; i < array->size(); ++i) {
      check(array->get(static_cast<unsigned>(i)), schema["items"], path + "[" + std::to_string(i) + "]", run);
    }
    return;
  }
  if (type == "string") {
    if (!value.isString()) {
      run.problems.push_back(path + ": expected a string");
      return;
    }
    std::string text = value.extract<std::string>();
    if (schema["enum"]) {
      bool found = false;
      for (const auto& option : schema["enum"]) found = found || option.as<std::string>() == text;
      if (!found) run.problems.push_back(path + ": '" + text + "' is not one of the schema's enum values");
    }
    if (schema["format"] && schema["format"].as<std::string>() == "uuid" && !looksLikeGuid(text)) {
      run.problems.push_back(path + ": '" + text + "' is not a uuid");
    }
    bool ms_date = (raw["x-is-msdate"] || raw["x-is-msdate-time"] || schema["x-is-msdate"] ||
                    schema["x-is-msdate-time"]);
    if (ms_date && text.rfind("/Date(", 0) != 0) run.problems.push_back(path + ": '" + text + "' is not a /Date()/");
    if (schema["maxLength"] && text.size() > schema["maxLength"].as<std::size_t>()) {
      run.problems.push_back(path + ": longer than maxLength");
    }
    return;
  }
  if (type == "boolean" && !value.isBoolean()) run.problems.push_back(path + ": expected a boolean");
  if (type == "integer" && (!value.isInteger() || value.isBoolean())) run.problems.push_back(path + ": expected an integer");
  if (type == "number" && (!value.isNumeric() || value.isBoolean())) run.problems.push_back(path + ": expected a number");
}

const OpenApiValidator& accountingSchemas() {
  static const OpenApiValidator kValidator(std::string(ACCORD_SPECS_DIR) + "/xero/xero_accounting.yaml");
  return kValidator;
}

}  // namespace accord::sandbox::xero::testing
