// The SDK conformance suite: the checks every Accord plugin must pass, as GoogleTest tests a
// plugin author registers from their own test binary (link accord_conformance and GTest).
//
//   int main(int argc, char** argv) {
//     ::testing::InitGoogleTest(&argc, argv);
//     accord::sdk::conformance::PluginUnderTest plugin;
//     plugin.manifest = my::describe();
//     plugin.factory = [] { return std::make_shared<my::MyConnector>(); };
//     plugin.environment = [] { ... a TestHostContext with a valid config ... };
//     accord::sdk::conformance::registerSuite(std::move(plugin));
//     return RUN_ALL_TESTS();
//   }
//
// Each check is its own test, "Conformance/<name>.<Check>[/<entity>]":
//   ManifestIsConsistent, ConfigOptionsAreDocumented, EmptyConfigNamesRequiredKeys,
//   InvalidConfigIsRefused (when invalid_config is given), and, when an environment is given:
//   ValidConfigIsAccepted, UnsupportedEntityIsRefused, ReadHonoursPageSize/<entity>,
//   CreateBatchGivesOneOutcomePerOp/<entity>.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "accord/sdk/connector.h"
#include "accord/sdk/manifest.h"
#include "accord/sdk/testing/test_host_context.h"

namespace accord::sdk::conformance {

// What one test lends the plugin: a host context whose config is valid (defaults applied), and
// whatever must outlive the test's calls (a temporary folder, a sandbox server). Both are
// released when the test ends.
struct Environment {
  std::shared_ptr<testing::TestHostContext> context;
  std::shared_ptr<void> resources;
};

struct PluginUnderTest {
  std::string name;  // in test names; empty: manifest.name
  Manifest manifest;
  // A new connector per test. shared_ptr so a loaded plugin's deleter (its destroy function,
  // its library handle) travels with it.
  std::function<std::shared_ptr<Connector>()> factory;
  // A fresh environment per test. Without one, the checks that call the app are not registered.
  std::function<Environment()> environment;
  // A config the plugin must refuse with at least one FieldError (schema or validateConfig).
  std::optional<Config> invalid_config;
  // The i-th record to create for an entity; default: an empty record of that type.
  std::function<model::Record(model::EntityType, int)> sample;
};

// Registers the suite's checks for one plugin. Call before RUN_ALL_TESTS. Returns how many
// tests were registered.
int registerSuite(PluginUnderTest plugin);

// Registers one failing test "Conformance/<name>.Loads" carrying reason: for a plugin file that
// could not even be loaded, so that the failure shows up among the results.
void registerLoadFailure(const std::string& name, const std::string& reason);

}  // namespace accord::sdk::conformance
