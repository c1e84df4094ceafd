// accord-sandbox: runs the Xero or vTiger sandbox on 127.0.0.1 until SIGINT/SIGTERM.
//   accord-sandbox xero --port 8101 --seed demo
//   accord-sandbox vtiger --port 8102 --seed demo --state vtiger.json
// See docs/sandboxes.md.
#include <boost/program_options.hpp>

#include <csignal>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "sandbox/common/clock.h"
#include "sandbox/common/seed.h"
#include "sandbox/common/server.h"
#if defined(ACCORD_SANDBOX_HAVE_XERO)
#include "sandbox/xero/xero_app.h"
#endif
#if defined(ACCORD_SANDBOX_HAVE_VTIGER)
#include "sandbox/vtiger/vtiger_app.h"
#endif

namespace po = boost::program_options;
using namespace accord::sandbox;

namespace {

struct CliOptions {
  std::string vendor;
  std::uint16_t port = 0;
  SeedOptions seed;
  std::string state_file;
  double time_scale = 1.0;
  std::string webhook_url;
  std::string edition = "Professional";
  FaultOptions faults;
  long latency_ms = 0;
  int threads = 16;
};

po::options_description describe(CliOptions& o) {
  po::options_description d("accord-sandbox xero|vtiger [options]");
  d.add_options()
      ("help,h", "show this help")
      ("port", po::value(&o.port)->default_value(0), "port on 127.0.0.1 (0: any free port)")
      ("seed", po::value(&o.seed.profile)->default_value("demo"), "seed profile: demo | empty")
      ("seed-value", po::value(&o.seed.seed)->default_value(42), "generator seed")
      ("contacts", po::value(&o.seed.contacts)->default_value(0), "scale companies to N")
      ("invoices", po::value(&o.seed.invoices)->default_value(0), "scale invoices to N")
      ("state", po::value(&o.state_file), "load state from FILE if it exists; save on exit")
      ("time-scale", po::value(&o.time_scale)->default_value(1.0),
       "sandbox seconds per real second (token expiry, rate windows)")
      ("webhook-url", po::value(&o.webhook_url), "xero: deliver webhooks to URL (http)")
      ("edition", po::value(&o.edition)->default_value("Professional"),
       "vtiger: Standard | Professional | Enterprise | unlimited")
      ("threads", po::value(&o.threads)->default_value(16), "HTTP worker threads")
      ("fault-seed", po::value(&o.faults.seed)->default_value(1), "fault injection seed")
      ("fault-rate", po::value(&o.faults.error_rate)->default_value(0), "share of 500/502/503")
      ("malformed-rate", po::value(&o.faults.malformed_rate)->default_value(0), "share of broken JSON")
      ("truncate-rate", po::value(&o.faults.truncate_rate)->default_value(0), "share of cut bodies")
      ("hang-rate", po::value(&o.faults.hang_rate)->default_value(0), "share of requests never answered")
      ("burst429-rate", po::value(&o.faults.burst429_rate)->default_value(0), "share starting a 429 burst")
      ("token-expiry-rate", po::value(&o.faults.token_expiry_rate)->default_value(0),
       "share of requests whose token/session expires early")
      ("latency-ms", po::value(&o.latency_ms)->default_value(0), "added to every request");
  return d;
}

// Returns nullopt after printing help or an error naming the bad option.
std::optional<CliOptions> parse(int argc, char** argv, int& exit_code) {
  CliOptions options;
  po::options_description visible = describe(options);
  po::options_description all = visible;
  all.add_options()("vendor", po::value(&options.vendor));
  po::positional_options_description positional;
  positional.add("vendor", 1);
  try {
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
    if (vm.count("help") || options.vendor.empty()) {
      std::cout << visible << "\n";
      exit_code = vm.count("help") ? 0 : 2;
      return std::nullopt;
    }
  } catch (const po::error& e) {
    std::cerr << "accord-sandbox: " << e.what() << "\n";
    exit_code = 2;
    return std::nullopt;
  }
  if (options.time_scale <= 0) {
    std::cerr << "accord-sandbox: --time-scale must be positive\n";
    exit_code = 2;
    return std::nullopt;
  }
  options.faults.latency = std::chrono::milliseconds(options.latency_ms);
  return options;
}

std::shared_ptr<Clock> makeClock(double scale) {
  if (scale == 1.0) return std::make_shared<SystemClock>();
  return std::make_shared<ScaledClock>(scale);
}

// Blocks until SIGINT or SIGTERM. The signals are blocked in every thread (set before any
// thread starts) so that only this sigwait sees them.
void waitForSignal(const sigset_t& signals) {
  int received = 0;
  sigwait(&signals, &received);
  std::cout << "stopping (signal " << received << ")" << std::endl;
}

#if defined(ACCORD_SANDBOX_HAVE_XERO)
int runXero(const CliOptions& cli, const sigset_t& signals) {
  xero::XeroSandboxOptions options;
  options.xero.webhooks.url = cli.webhook_url;
  options.seed = cli.seed;
  options.state_file = cli.state_file;
  options.faults = cli.faults;
  options.port = cli.port;
  options.clock = makeClock(cli.time_scale);
  options.server.max_threads = cli.threads;
  auto sandbox = xero::startXeroSandbox(std::move(options));
  const auto& xero = sandbox->app().options();
  std::string base = sandbox->baseUrl();
  std::cout << "Xero sandbox on " << base << "\n"
            << "  authorize URL:  " << base << "/identity/connect/authorize\n"
            << "  token URL:      " << base << "/connect/token\n"
            << "  connections:    " << base << "/connections\n"
            << "  accounting API: " << base << "/api.xro/2.0\n"
            // Why print secrets: they are the sandbox's fixed, public test credentials.
            << "  client_id:      " << xero.identity.client_id << "\n"
            << "  client_secret:  " << xero.identity.client_secret << "\n"
            << "  webhook key:    " << xero.webhooks.key << "\n";
  for (const auto& tenant : xero.tenants) {
    std::cout << "  tenant:         " << tenant.id << "  " << tenant.name << "\n";
  }
  if (!cli.webhook_url.empty()) std::cout << "  webhooks to:    " << cli.webhook_url << "\n";
  std::cout << std::flush;
  waitForSignal(signals);
  std::string error;
  if (!sandbox->saveState(&error)) {
    std::cerr << "accord-sandbox: " << error << "\n";
    return 1;
  }
  return 0;
}
#endif

#if defined(ACCORD_SANDBOX_HAVE_VTIGER)
int runVtiger(const CliOptions& cli, const sigset_t& signals) {
  auto clock = makeClock(cli.time_scale);
  vtiger::VtigerOptions options;
  options.edition = cli.edition;
  if (!vtiger::editionLimits(cli.edition)) {
    std::cerr << "accord-sandbox: unknown --edition " << cli.edition << "\n";
    return 2;
  }
  vtiger::VtigerApp app(*clock, options);
  if (!cli.state_file.empty() && std::filesystem::exists(cli.state_file)) {
    if (auto error = app.loadStateFile(cli.state_file)) {
      std::cerr << "accord-sandbox: " << *error << "\n";
      return 1;
    }
  } else {
    app.seed(generateSeed(cli.seed));
  }
  ServerOptions server_options;
  server_options.max_threads = cli.threads;
  Server server(app, cli.port, cli.faults, server_options);
  server.start();
  std::cout << "vTiger sandbox on " << server.baseUrl() << "\n"
            << "  webservice URL: " << server.baseUrl() << "/webservice.php\n"
            << "  user name:      " << app.userName() << "\n"
            << "  access key:     " << app.accessKey() << "\n"
            << "  edition:        " << app.edition() << "\n"
            << std::flush;
  waitForSignal(signals);
  server.stop();
  if (!cli.state_file.empty()) {
    if (auto error = app.saveStateFile(cli.state_file)) {
      std::cerr << "accord-sandbox: " << *error << "\n";
      return 1;
    }
  }
  return 0;
}
#endif

}  // namespace

int main(int argc, char** argv) {
  int exit_code = 0;
  auto cli = parse(argc, argv, exit_code);
  if (!cli) return exit_code;
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  try {
#if defined(ACCORD_SANDBOX_HAVE_XERO)
    if (cli->vendor == "xero") return runXero(*cli, signals);
#endif
#if defined(ACCORD_SANDBOX_HAVE_VTIGER)
    if (cli->vendor == "vtiger") return runVtiger(*cli, signals);
#endif
  } catch (const std::exception& e) {
    std::cerr << "accord-sandbox: " << e.what() << "\n";
    return 1;
  }
  std::cerr << "accord-sandbox: unknown or unavailable sandbox '" << cli->vendor
            << "' (expected xero or vtiger)\n";
  return 2;
}
