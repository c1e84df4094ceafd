// Loading good plugins: what a LoadedPlugin offers, exceptions turned into errors, separate
// descriptors per plugin, and the library outliving every connector it created.
#include <gtest/gtest.h>

#include <dlfcn.h>

#include "plugin_host/plugin_host.h"
#include "accord/sdk/testing/test_host_context.h"

namespace accord::plugin_host {
namespace {
namespace fs = std::filesystem;

const fs::path kGood = ACCORD_TEST_GOOD_DIR;
const fs::path kProbe = kGood / "accord_probe.so";

// Whether the dynamic loader still has the file mapped (asks without loading it).
bool isMapped(const fs::path& file) {
  void* handle = dlopen(file.c_str(), RTLD_NOW | RTLD_NOLOAD);
  if (handle) dlclose(handle);
  return handle != nullptr;
}

std::string readCursor(sdk::Connector& connector, const std::string& cursor) {
  sdk::testing::TestHostContext ctx;
  sdk::ReadRequest request;
  request.cursor = cursor;
  auto page = connector.read(ctx, request);
  return page.ok() ? page->next_cursor : page.error().describe();
}

TEST(PluginHost, LoadsAPluginAndCreatesWorkingConnectors) {
  PluginHost host;
  auto plugin = host.load(kProbe);
  ASSERT_TRUE(plugin.ok()) << plugin.error().message;
  EXPECT_EQ(plugin.value()->name(), "probe");
  EXPECT_EQ(plugin.value()->version(), "0.3.1");
  EXPECT_EQ(plugin.value()->file(), kProbe);
  const auto* orgs = plugin.value()->manifest().entity(sdk::model::EntityType::organization);
  ASSERT_NE(orgs, nullptr);
  EXPECT_TRUE(orgs->supports(sdk::Operation::read));
  auto connector = plugin.value()->createConnector();
  ASSERT_TRUE(connector.ok()) << connector.error().message;
  EXPECT_EQ(readCursor(*connector.value(), "c1"), "probe:c1");
  EXPECT_EQ(host.find("probe"), plugin.value());
  EXPECT_EQ(host.find("absent"), nullptr);
}

TEST(PluginHost, AnExceptionInAPluginBecomesPluginBugNamingPluginAndMethod) {
  auto plugin = loadPluginFile(kProbe);
  ASSERT_TRUE(plugin.ok()) << plugin.error().message;
  auto connector = plugin.value()->createConnector().value();
  EXPECT_EQ(readCursor(*connector, "throw"), "plugin_bug: plugin 'probe' threw in read: boom");
}

TEST(PluginHost, TwoPluginsInOneProcessKeepTheirOwnDescriptors) {
  PluginHost host;
  ScanResult scanned = host.scan(kGood);
  EXPECT_EQ(scanned.refusals, std::vector<std::string>{});
  ASSERT_EQ(scanned.plugins.size(), 2u);
  EXPECT_EQ(scanned.plugins[0]->name(), "probe");
  EXPECT_EQ(scanned.plugins[1]->name(), "probe_two");
  auto one = scanned.plugins[0]->createConnector().value();
  auto two = scanned.plugins[1]->createConnector().value();
  EXPECT_EQ(readCursor(*one, "throw"), "plugin_bug: plugin 'probe' threw in read: boom");
  EXPECT_EQ(readCursor(*two, "throw"), "plugin_bug: plugin 'probe_two' threw in read: boom");
  EXPECT_EQ(readCursor(*two, "x"), "probe_two:x");
  ASSERT_EQ(host.plugins().size(), 2u);
}

TEST(PluginHost, TheLibraryOutlivesEveryConnectorItCreated) {
  std::shared_ptr<sdk::Connector> connector;
  {
    PluginHost host;
    auto plugin = host.load(kProbe);
    ASSERT_TRUE(plugin.ok()) << plugin.error().message;
    connector = plugin.value()->createConnector().value();
  }
  // Host and LoadedPlugin are gone; the connector alone keeps the code it runs mapped.
  ASSERT_TRUE(isMapped(kProbe));
  EXPECT_EQ(readCursor(*connector, "late"), "probe:late");
  connector.reset();
  EXPECT_FALSE(isMapped(kProbe)) << "the last connector should release the library";
}

TEST(PluginHost, ScanOfAMissingDirectoryIsOneRefusal) {
  PluginHost host;
  ScanResult scanned = host.scan("/nonexistent/accord-plugins");
  EXPECT_TRUE(scanned.plugins.empty());
  EXPECT_EQ(scanned.refusals, std::vector<std::string>{
                                  "/nonexistent/accord-plugins: a readable plugin directory "
                                  "expected, found No such file or directory"});
}

}  // namespace
}  // namespace accord::plugin_host
