// Validates JSON values against the component schemas of an OpenAPI 3 document (the vendor's
// xero_accounting.yaml): types, required, enums, $ref, arrays, uuid and /Date()/ formats, and
// members the schema does not declare (a misspelt field name is a fidelity bug).
#pragma once

#include <string>
#include <vector>

#include <Poco/Dynamic/Var.h>
#include <yaml-cpp/yaml.h>

namespace accord::sandbox::xero::testing {

class OpenApiValidator {
 public:
  explicit OpenApiValidator(const std::string& yaml_path);
  // Problems found, each naming the JSON path; empty when the value conforms.
  // `strict`: members the schema does not declare are problems (Error.Elements echo whole
  // records, which the spec's Element schema does not list, so errors are checked loosely).
  std::vector<std::string> validate(const Poco::Dynamic::Var& value, const std::string& schema_name,
                                    bool strict = true) const;
  bool hasSchema(const std::string& name) const;

 private:
  struct Run {
    bool strict;
    std::vector<std::string> problems;
  };
  void check(const Poco::Dynamic::Var& value, const YAML::Node& schema, const std::string& path,
             Run& run) const;
  void checkObject(const Poco::Dynamic::Var& value, const YAML::Node& schema,
                   const std::string& path, Run& run) const;
  YAML::Node resolve(const YAML::Node& schema) const;

  YAML::Node schemas_;
};

// The shared instance over /work/shared/specs/xero/xero_accounting.yaml (parsed once).
const OpenApiValidator& accountingSchemas();

}  // namespace accord::sandbox::xero::testing
