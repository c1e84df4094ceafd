// The published JSON Schemas: in step with the code, and describing what toJson emits.
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "accord/sdk/model/codec.h"
#include "populate.h"

namespace accord::sdk::model {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

Var parse(const std::string& text) {
  Poco::JSON::Parser parser;
  return parser.parse(text);
}

// A small structural validator for the keywords our schemas use: $ref, anyOf, const, type,
// enum, pattern, required, properties, additionalProperties and items.
class MiniValidator {
 public:
  explicit MiniValidator(Object::Ptr root) : root_(root) {}

  std::vector<std::string> check(const Var& value) {
    problems_.clear();
    walk(value, root_, "");
    return problems_;
  }

 private:
  void fail(const std::string& path, const std::string& what) {
    problems_.push_back(path + ": " + what);
  }

  static bool hasType(const Var& v, const std::string& type) {
    if (type == "null") return v.isEmpty();
    if (type == "object") return v.type() == typeid(Object::Ptr);
    if (type == "array") return v.type() == typeid(Array::Ptr);
    if (type == "string") return v.type() == typeid(std::string);
    if (type == "boolean") return v.type() == typeid(bool);
    if (type == "integer") return v.isInteger() && v.type() != typeid(bool);
    return false;
  }

  void walk(const Var& v, Object::Ptr schema, const std::string& path) {
    if (schema->has("$ref")) {
      const std::string ref = schema->getValue<std::string>("$ref");
      return walk(v, root_->getObject("$defs")->getObject(ref.substr(ref.rfind('/') + 1)), path);
    }
    if (schema->has("anyOf")) {
      const auto saved = problems_;
      for (const Var& alternative : *schema->getArray("anyOf")) {
        problems_.clear();
        walk(v, alternative.extract<Object::Ptr>(), path);
        if (problems_.empty()) return void(problems_ = saved);
      }
      problems_ = saved;
      return fail(path, "matches no alternative");
    }
    if (schema->has("const") && v.toString() != schema->getValue<std::string>("const"))
      fail(path, "not the const");
    if (schema->has("type") && !hasType(v, schema->getValue<std::string>("type")))
      return fail(path, "wrong type");
    if (schema->has("enum")) {
      bool found = false;
      for (const Var& allowed : *schema->getArray("enum"))
        found = found || allowed.toString() == v.toString();
      if (!found) fail(path, "not in enum");
    }
    if (schema->has("pattern") &&
        !std::regex_search(v.toString(), std::regex(schema->getValue<std::string>("pattern")))) {
      fail(path, "does not match pattern");
    }
    if (v.type() == typeid(Object::Ptr)) walkObject(*v.extract<Object::Ptr>(), schema, path);
    if (v.type() == typeid(Array::Ptr) && schema->has("items")) {
      const Array& array = *v.extract<Array::Ptr>();
      for (size_t i = 0; i < array.size(); ++i) {
        walk(array.get(static_cast<unsigned>(i)), schema->getObject("items"),
             path + "[" + std::to_string(i) + "]");
      }
    }
  }

  void walkObject(const Object& object, Object::Ptr schema, const std::string& path) {
    if (schema->has("required")) {
      for (const Var& key : *schema->getArray("required")) {
        if (!object.has(key.toString())) fail(path + "." + key.toString(), "required, missing");
      }
    }
    const Object::Ptr properties =
        schema->has("properties") ? schema->getObject("properties") : nullptr;
    const bool closed =
        schema->has("additionalProperties") && !schema->getValue<bool>("additionalProperties");
    for (const std::string& key : object.getNames()) {
      if (properties && properties->has(key)) {
        walk(object.get(key), properties->getObject(key), path + "." + key);
      } else if (closed) {
        fail(path + "." + key, "not in the schema's properties");
      }
    }
  }

  Object::Ptr root_;
  std::vector<std::string> problems_;
};

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += line + "\n";
  return out;
}

class Schema : public ::testing::TestWithParam<EntityType> {};

TEST_P(Schema, CommittedFileMatchesTheCode) {
  const std::string name(toString(GetParam()));
  const std::string path = std::string(ACCORD_SOURCE_DIR) + "/docs/schema/" + name + ".json";
  std::ifstream file(path);
  ASSERT_TRUE(file) << "missing " << path << ": build and run accord_schema_gen";
  std::stringstream content;
  content << file.rdbuf();
  EXPECT_EQ(content.str(), jsonSchema(GetParam()))
      << path << " is stale: run `cmake --build <build> --target accord_update_schemas`";
}

TEST_P(Schema, PopulatedSampleValidates) {
  MiniValidator validator(parse(jsonSchema(GetParam())).extract<Object::Ptr>());
  const auto problems = validator.check(parse(toJson(testing::populated(GetParam()))));
  EXPECT_TRUE(problems.empty()) << joined(problems);
  const auto default_problems = validator.check(parse(toJson(makeRecord(GetParam()))));
  EXPECT_TRUE(default_problems.empty()) << joined(default_problems);
}

TEST_P(Schema, RefusesWhatFromJsonRefuses) {
  MiniValidator validator(parse(jsonSchema(GetParam())).extract<Object::Ptr>());
  std::string json = toJson(testing::populated(GetParam()));
  json.replace(json.find("\"fields\":{"), 10, "\"fields\":{\"bogus\":1,");
  EXPECT_FALSE(validator.check(parse(json)).empty());
  EXPECT_FALSE(fromJson(json).ok());
}

INSTANTIATE_TEST_SUITE_P(AllEntities, Schema, ::testing::ValuesIn(allEntityTypes()),
                         [](const auto& info) { return std::string(toString(info.param)); });

TEST(SchemaKeywords, PublishEnumsPatternsAndDraft) {
  const Object::Ptr schema = parse(jsonSchema(EntityType::invoice)).extract<Object::Ptr>();
  EXPECT_EQ(schema->getValue<std::string>("$schema"),
            "https://json-schema.org/draft/2020-12/schema");
  const Object::Ptr fields =
      schema->getObject("properties")->getObject("fields")->getObject("properties");
  const Array::Ptr statuses = fields->getObject("status")->getArray("enum");
  ASSERT_EQ(statuses->size(), 5u);
  EXPECT_EQ(statuses->getElement<std::string>(4), "voided");
  EXPECT_EQ(fields->getObject("currency")->getValue<std::string>("pattern"), "^([A-Z]{3})?$");
  const std::regex decimal(
      schema->getObject("$defs")->getObject("decimal")->getValue<std::string>("pattern"));
  EXPECT_TRUE(std::regex_match("-12.50", decimal));
  EXPECT_FALSE(std::regex_match("12.", decimal));
  EXPECT_FALSE(std::regex_match("1e5", decimal));
}

}  // namespace
}  // namespace accord::sdk::model
