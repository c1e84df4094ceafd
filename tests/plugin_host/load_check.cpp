// plugin_load_check <file>: loads one plugin with the plugin host and reads every page of
// organizations through it. Prints "loaded NAME VERSION" and "read N organizations: a, b";
// exits 1 with the refusal or error. The install test runs it on the out-of-tree template.
#include <iostream>

#include "accord/sdk/testing/test_host_context.h"
#include "plugin_host/plugin_host.h"

namespace {
using namespace accord;

int fail(const std::string& line) {
  std::cerr << line << "\n";
  return 1;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return fail("usage: plugin_load_check <plugin file>");
  auto plugin = plugin_host::loadPluginFile(argv[1]);
  if (!plugin) return fail(plugin.error().message);
  std::cout << "loaded " << plugin.value()->name() << " " << plugin.value()->version() << "\n";
  auto connector = plugin.value()->createConnector();
  if (!connector) return fail(connector.error().describe());

  sdk::testing::TestHostContext ctx;
  sdk::ReadRequest request;
  request.page_size = plugin.value()->manifest().limits.max_page_size;
  std::vector<std::string> names;
  for (bool more = true; more;) {
    auto page = connector.value()->read(ctx, request);
    if (!page) return fail(page.error().describe());
    for (const auto& record : page->records) {
      if (auto* org = std::get_if<sdk::model::Organization>(&record)) names.push_back(org->name);
    }
    request.cursor = page->next_cursor;
    more = page->more;
  }
  std::cout << "read " << names.size() << " organizations:";
  for (std::size_t i = 0; i < names.size(); ++i) std::cout << (i ? ", " : " ") << names[i];
  std::cout << "\n";
  return 0;
}
