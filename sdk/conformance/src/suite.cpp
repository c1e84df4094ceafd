#include "accord/sdk/conformance/suite.h"

#include <gtest/gtest.h>

#include "accord/sdk/conformance/checks.h"

namespace accord::sdk::conformance {
namespace {

class Check : public ::testing::Test {
 public:
  explicit Check(std::function<void()> body) : body_(std::move(body)) {}
  void TestBody() override { body_(); }

 private:
  std::function<void()> body_;
};

void add(const std::string& suite, const std::string& test, std::function<void()> body) {
  ::testing::RegisterTest(suite.c_str(), test.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                          [body = std::move(body)]() -> ::testing::Test* { return new Check(body); });
}

// The first entity type the manifest does not declare, if there is one.
std::optional<model::EntityType> undeclaredEntity(const Manifest& manifest) {
  for (model::EntityType type : model::allEntityTypes()) {
    if (manifest.entity(type) == nullptr) return type;
  }
  return std::nullopt;
}

}  // namespace

int registerSuite(PluginUnderTest given) {
  auto plugin = std::make_shared<const PluginUnderTest>(std::move(given));
  const std::string suite =
      "Conformance/" + (plugin->name.empty() ? plugin->manifest.name : plugin->name);
  int count = 0;
  auto check = [&](const std::string& test, void (*body)(const PluginUnderTest&)) {
    add(suite, test, [plugin, body] { body(*plugin); });
    ++count;
  };
  auto perEntity = [&](const std::string& test, model::EntityType entity,
                       void (*body)(const PluginUnderTest&, model::EntityType)) {
    add(suite, test, [plugin, body, entity] { body(*plugin, entity); });
    ++count;
  };
  check("ManifestIsConsistent", checks::manifestIsConsistent);
  check("ConfigOptionsAreDocumented", checks::configOptionsAreDocumented);
  check("EmptyConfigNamesRequiredKeys", checks::emptyConfigNamesRequiredKeys);
  if (plugin->invalid_config) check("InvalidConfigIsRefused", checks::invalidConfigIsRefused);
  if (!plugin->environment) return count;
  check("ValidConfigIsAccepted", checks::validConfigIsAccepted);
  if (auto entity = undeclaredEntity(plugin->manifest)) {
    perEntity("UnsupportedEntityIsRefused", *entity, checks::unsupportedEntityIsRefused);
  }
  for (const EntityCapability& cap : plugin->manifest.entities) {
    const std::string entity(model::toString(cap.entity));
    if (cap.supports(Operation::read)) {
      perEntity("ReadHonoursPageSize/" + entity, cap.entity, checks::readHonoursPageSize);
    }
    if (cap.supports(Operation::create)) {
      perEntity("CreateBatchGivesOneOutcomePerOp/" + entity, cap.entity,
                checks::createBatchGivesOneOutcomePerOp);
    }
  }
  return count;
}

void registerLoadFailure(const std::string& name, const std::string& reason) {
  add("Conformance/" + name, "Loads", [reason] { FAIL() << reason; });
}

}  // namespace accord::sdk::conformance
