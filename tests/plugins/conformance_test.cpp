// Runs the SDK conformance suite on every plugin built in the tree: each file in
// ACCORD_PLUGIN_DIR is loaded through the plugin host, exactly as the hub loads it, and gets
// the suite's static checks; a plugin with an environment below (a folder, a sandbox) also
// gets the checks that read and write. A file the host refuses, or a plugin of the tree that
// is missing from the folder, is a failing test of its own.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <sstream>
#include <stdexcept>

#include "accord/sdk/conformance/suite.h"
#include "plugin_host/plugin_host.h"
#include "temp_folder.h"

namespace {

using accord::sdk::Config;
using accord::sdk::conformance::Environment;
using accord::sdk::conformance::PluginUnderTest;
using accord::sdk::model::EntityType;
using accord::sdk::model::Record;

Environment withConfig(const PluginUnderTest& plugin, Config config,
                       std::shared_ptr<void> resources) {
  auto ctx = std::make_shared<accord::sdk::testing::TestHostContext>(
      accord::sdk::withDefaults(plugin.manifest.config, config));
  return Environment{std::move(ctx), std::move(resources)};
}

// csv: a fresh temporary folder per test.
void equipCsv(PluginUnderTest& plugin) {
  plugin.environment = [manifest = plugin.manifest] {
    auto folder = std::make_shared<accord::tests::TempFolder>();
    PluginUnderTest with_schema;
    with_schema.manifest = manifest;
    return withConfig(with_schema, Config({{"folder", folder->path().string()}}), folder);
  };
  plugin.invalid_config = Config({{"folder", std::string("/nonexistent/accord/folder")},
                                  {"delimiter", std::string("||")}});
  plugin.sample = [](EntityType entity, int i) -> Record {
    Record record = accord::sdk::model::makeRecord(entity);
    if (auto* org = std::get_if<accord::sdk::model::Organization>(&record)) {
      org->name = "Sample organization " + std::to_string(i);
    } else if (auto* person = std::get_if<accord::sdk::model::Person>(&record)) {
      person->first_name = "Sample";
      person->last_name = "Person " + std::to_string(i);
    }
    return record;
  };
}

// Plugin authors: add your plugin's environment here (a sandbox URL, a scripted HTTP client).
const std::map<std::string, std::function<void(PluginUnderTest&)>>& equipment() {
  static const std::map<std::string, std::function<void(PluginUnderTest&)>> table{
      {"csv", equipCsv},
  };
  return table;
}

std::vector<std::string> treePlugins() {
  std::vector<std::string> names;
  std::istringstream list(ACCORD_TREE_PLUGINS);
  for (std::string name; std::getline(list, name, ',');) {
    if (!name.empty()) names.push_back(name);
  }
  return names;
}

std::string fileStem(const std::string& refusal) {
  std::string file = refusal.substr(0, refusal.find(": "));
  std::string stem = std::filesystem::path(file).stem().string();
  return stem.empty() ? "refused" : stem;
}

void registerAll() {
  accord::plugin_host::PluginHost host;
  accord::plugin_host::ScanResult scan = host.scan(ACCORD_PLUGIN_DIR);
  for (const std::string& refusal : scan.refusals) {
    accord::sdk::conformance::registerLoadFailure(fileStem(refusal), refusal);
  }
  for (const std::string& name : treePlugins()) {
    if (host.find(name) == nullptr) {
      accord::sdk::conformance::registerLoadFailure(
          name, "plugin " + name + " is built in the tree but was not loaded from " +
                    std::string(ACCORD_PLUGIN_DIR));
    }
  }
  for (const accord::plugin_host::PluginPtr& loaded : scan.plugins) {
    PluginUnderTest plugin;
    plugin.manifest = loaded->manifest();
    plugin.factory = [loaded]() -> std::shared_ptr<accord::sdk::Connector> {
      auto connector = loaded->createConnector();
      if (!connector.ok()) throw std::runtime_error(connector.error().describe());
      return connector.value();
    };
    auto equip = equipment().find(plugin.manifest.name);
    if (equip != equipment().end()) equip->second(plugin);
    accord::sdk::conformance::registerSuite(std::move(plugin));
  }
}

}  // namespace

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  registerAll();
  return RUN_ALL_TESTS();
}
