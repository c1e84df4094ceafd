// The sync engine alone: the real xero plugin's translation, the merge and the store, no HTTP.
// N contacts (each with people) and N invoices are pulled from canned Xero pages
// (canned_xero.h) into a fresh store by one Engine run on one thread. Prints records per second
// (with and without the time spent rendering the canned pages), CPU time and peak RSS.
//
//   accord-bench-sync [--contacts N] [--invoices N] [--dir DIR] [--fast-commits]
//
// Run it at two sizes to see that memory stays flat (docs/PERFORMANCE.md).
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

#include "accord/sdk/testing/map_secrets.h"
#include "canned_xero.h"
#include "net/host_context.h"
#include "plugin_host/plugin_host.h"
#include "store/store.h"
#include "sync/engine.h"

namespace accord::bench {
namespace {

using sdk::Result;

struct Options {
  std::size_t contacts = 10000;
  std::size_t invoices = 0;  // 0: as many as contacts
  std::filesystem::path dir;
  bool fast_commits = false;
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--contacts") o.contacts = std::stoul(value());
    else if (arg == "--invoices") o.invoices = std::stoul(value());
    else if (arg == "--dir") o.dir = value();
    else if (arg == "--fast-commits") o.fast_commits = true;
    else throw std::invalid_argument("unknown option " + arg);
  }
  if (o.invoices == 0) o.invoices = o.contacts;
  return o;
}

class OneConnector final : public sync::ConnectorProvider {
 public:
  explicit OneConnector(sync::ConnectorHandle handle) : handle_(handle) {}
  Result<sync::ConnectorHandle> connectorFor(const store::Connection&) override { return handle_; }

 private:
  sync::ConnectorHandle handle_;
};

double cpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto secs = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return secs(usage.ru_utime) + secs(usage.ru_stime);
}

long peakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

template <typename T>
T orDie(Result<T> result, const std::string& what) {
  if (!result) {
    std::cerr << what << ": " << result.error().message << "\n";
    std::exit(1);
  }
  return std::move(result.value());
}

int run(const Options& options) {
  auto plugin = orDie(plugin_host::loadPluginFile(std::filesystem::path(ACCORD_BENCH_PLUGIN_DIR) /
                                                  "accord_xero.so"),
                      "loading the xero plugin");
  auto connector = orDie(plugin->createConnector(), "creating the xero connector");
  // Invoices are served from the contacts' pages' blocks, so the larger count sets N for both.
  CannedXero http(std::max(options.contacts, options.invoices));
  store::SystemClock clock;
  sdk::testing::MapSecrets secrets;
  secrets.set("access_token", "canned");
  const std::string tenant = "9f3c2a1e-4b7d-4e8a-9c61-2d5f8a7b3e01";
  sdk::Config config = sdk::withDefaults(
      plugin->manifest().config,
      sdk::Config({{"tenant_id", sdk::ConfigValue(tenant)},
                   {"auth.client_id", sdk::ConfigValue(std::string("bench"))},
                   {"api_url", sdk::ConfigValue(std::string("http://canned/api.xro/2.0"))}}));
  net::StderrLogger log(sdk::LogLevel::warn);
  net::BasicHostContext context(http, clock, log, secrets, config);
  OneConnector provider({connector.get(), &context, &plugin->manifest()});

  std::filesystem::path dir = options.dir.empty()
                                  ? std::filesystem::temp_directory_path() /
                                        ("accord-bench-" + std::to_string(::getpid()))
                                  : options.dir;
  std::filesystem::remove_all(dir);
  store::StoreOptions store_options;
  store_options.database.synchronous_full = !options.fast_commits;
  auto db = orDie(store::Store::open(dir / "accord.db", store_options), "opening the store");
  auto org = orDie(db->organisations().add("Bench"), "adding the organisation");
  store::NewConnection spec{org.id, "xero", "xero", "{}", {}, true, {}};
  // Contacts, their people and invoices (with the small ledger they refer to); the rest off.
  // Nothing is pushed: with one connection there is no other app, and pushing the pulled
  // records back to their own source would measure echo checks, not the pull.
  for (sdk::model::EntityType type : sdk::model::allEntityTypes()) {
    spec.directions[std::string(sdk::model::toString(type))] = store::EntityDirection{true, false};
  }
  for (const char* entity : {"payment", "credit_note", "purchase_order", "journal"}) {
    spec.directions[entity] = store::EntityDirection{false, false};
  }
  orDie(db->connections().add(spec, nullptr), "adding the connection");

  sync::Engine engine(*db, provider);
  double cpu_before = cpuSeconds();
  auto start = std::chrono::steady_clock::now();
  auto report = orDie(engine.run(org.id), "running the engine");
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double cpu = cpuSeconds() - cpu_before;
  double serving = http.servingSeconds();
  auto pulled = static_cast<double>(report.counts.pulled);
  std::printf("contacts=%zu invoices=%zu pulled=%lld created=%lld errors=%lld calls=%llu\n",
              options.contacts, options.invoices, static_cast<long long>(report.counts.pulled),
              static_cast<long long>(report.counts.created),
              static_cast<long long>(report.counts.errors),
              static_cast<unsigned long long>(http.calls()));
  std::printf("wall %.2f s, canned pages %.2f s, cpu %.2f s\n", wall, serving, cpu);
  std::printf("records/s %.0f (engine alone, canned pages excluded: %.0f)\n", pulled / wall,
              pulled / (wall - serving));
  std::printf("peak RSS %ld MB, store %.1f MB\n", peakRssMb(),
              std::filesystem::file_size(dir / "accord.db") / 1e6);
  for (const auto& error : report.errors) {
    std::cerr << "error: " << error.entity << " " << error.external_id << ": " << error.message
              << "\n";
    break;
  }
  if (options.dir.empty()) std::filesystem::remove_all(dir);
  return report.counts.errors == 0 ? 0 : 1;
}

}  // namespace
}  // namespace accord::bench

int main(int argc, char** argv) {
  try {
    return accord::bench::run(accord::bench::parse(argc, argv));
  } catch (const std::exception& e) {
    std::cerr << "accord-bench-sync: " << e.what() << "\n";
    return 2;
  }
}
