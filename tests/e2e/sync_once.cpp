// accord-e2e-sync-once: one sync of one organisation through the runtime, as `accord sync run`
// will do, for the kill test to run as a child process and SIGKILL at chosen points.
//
//   accord-e2e-sync-once DB KEY_FILE ORG_SLUG ORIGIN_MS SCALE
//
// Time is the kill test's scaled time (scaled_time.h). Exit 0 when the run took place.
#include <iostream>
#include <string>

#include "net/host_context.h"
#include "plugin_host/plugin_host.h"
#include "runtime/runtime.h"
#include "scaled_time.h"
#include "store/secret_key.h"
#include "store/store.h"

int main(int argc, char** argv) {
  using namespace accord;
  if (argc != 6) {
    std::cerr << "usage: accord-e2e-sync-once DB KEY_FILE ORG_SLUG ORIGIN_MS SCALE\n";
    return 2;
  }
  e2e::Scale scale{std::chrono::system_clock::time_point(std::chrono::milliseconds(std::stoll(argv[4]))),
                   std::stod(argv[5])};
  e2e::ScaledHubTime time(scale);
  store::StoreOptions options;
  options.clock = &time;
  auto store = store::Store::open(argv[1], options);
  auto key = store::SecretKey::fromFile(argv[2]);
  if (!store || !key) {
    std::cerr << (store ? key.error().message : store.error().message) << "\n";
    return 1;
  }
  auto org = store.value()->organisations().get(argv[3]);
  if (!org) {
    std::cerr << org.error().message << "\n";
    return 1;
  }
  plugin_host::PluginHost plugins;
  plugins.scan(ACCORD_PLUGIN_DIR);
  net::StderrLogger log(sdk::LogLevel::error);
  runtime::RuntimeOptions runtime_options;
  runtime_options.respect_backoff = false;  // a manual run: try every connection
  runtime::Runtime runtime(*store.value(), plugins, store::SecretBox(key.value()), time, log, time,
                           runtime_options);
  auto report = runtime::runSync(runtime, org->id);
  if (!report) {
    std::cerr << report.error().message << "\n";
    return 1;
  }
  const auto& c = report->counts;
  std::cout << "pulled " << c.pulled << " created " << c.created << " updated " << c.updated
            << " pushed " << c.pushed << " errors " << c.errors << "\n";
  return 0;
}
