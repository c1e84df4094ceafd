// accord-sandbox-bench: how many GET Contacts pages a second the Xero sandbox serves on
// loopback, so we know it is not the bottleneck of our benchmarks (docs/PERFORMANCE.md).
//   accord-sandbox-bench --contacts 10000 --clients 4 --seconds 5 --page-size 100
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <boost/program_options.hpp>

#include <atomic>
#include <chrono>
#include <iostream>
#include <thread>
#include <vector>

#include "sandbox/xero/xero_app.h"

namespace po = boost::program_options;
using namespace accord::sandbox;

namespace {

struct BenchOptions {
  std::size_t contacts = 10000;
  int clients = 4;
  double seconds = 5;
  int page_size = 100;
  int threads = 16;
  bool connections = false;  // GET /connections instead: the framework without accounting
  std::string where;         // a `where` filter added to every page request
};

struct Totals {
  std::atomic<std::uint64_t> pages{0}, bytes{0}, errors{0};
};

std::string urlEncoded(const std::string& text) {
  std::string out;
  Poco::URI::encode(text, "&=+?#\"", out);
  return out;
}

// One keep-alive client walking the pages round and round until `stop`.
void client(std::uint16_t port, const std::string& token, const std::string& tenant,
            int page_count, const BenchOptions& options, int offset, const std::atomic<bool>& stop,
            Totals& totals) {
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  session.setKeepAlive(true);
  int page = offset % page_count;
  while (!stop) {
    std::string target = options.connections
                             ? std::string("/connections")
                             : "/api.xro/2.0/Contacts?page=" + std::to_string(page + 1) +
                                   "&pageSize=" + std::to_string(options.page_size) +
                                   (options.where.empty() ? "" : "&where=" + urlEncoded(options.where));
    Poco::Net::HTTPRequest request("GET", target, Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("Authorization", "Bearer " + token);
    request.set("xero-tenant-id", tenant);
    request.set("Accept", "application/json");
    try {
      session.sendRequest(request);
      Poco::Net::HTTPResponse response;
      std::string body;
      Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
      if (response.getStatus() == 200) {
        ++totals.pages;
        totals.bytes += body.size();
      } else {
        ++totals.errors;
      }
    } catch (const std::exception&) {
      ++totals.errors;
      session.reset();
    }
    page = (page + 1) % page_count;
  }
}

int run(const BenchOptions& options) {
  xero::XeroSandboxOptions sandbox_options;
  sandbox_options.seed.contacts = options.contacts;
  // Why no limits: we measure serving speed, not Xero's 60 calls a minute.
  sandbox_options.xero.tenant_limits = RateLimits{{}, 0};
  sandbox_options.xero.app_minute_limit = UINT64_MAX;
  sandbox_options.server.max_threads = options.threads;
  auto seed_start = std::chrono::steady_clock::now();
  auto sandbox = xero::startXeroSandbox(std::move(sandbox_options));
  double seed_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - seed_start).count();
  std::string token = sandbox->app().identity().grant("offline_access accounting.contacts").access_token;
  std::string tenant = sandbox->app().options().tenants.front().id;
  int page_count = static_cast<int>(std::max<std::size_t>(1, options.contacts / options.page_size));

  Totals totals;
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < options.clients; ++i) {
    threads.emplace_back(client, sandbox->port(), token, tenant, page_count, std::cref(options),
                         i * 7, std::cref(stop), std::ref(totals));
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(options.seconds));  // the run itself
  stop = true;
  for (auto& thread : threads) thread.join();
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::cout << "contacts:          " << options.contacts << " (sandbox start incl. seeding "
            << seed_seconds << " s)\n"
            << "clients:           " << options.clients << " keep-alive connections, "
            << options.threads << " server threads\n"
            << "requests:          "
            << (options.connections ? "GET /connections" : "GET /api.xro/2.0/Contacts?page=N")
            << ", page size " << options.page_size
            << (options.where.empty() ? "" : ", where " + options.where) << "\n"
            << "pages served:      " << totals.pages << " in " << elapsed << " s\n"
            << "pages per second:  " << static_cast<std::uint64_t>(totals.pages / elapsed) << "\n"
            << "MB per second:     " << (totals.bytes / elapsed) / 1e6 << "\n"
            << "errors:            " << totals.errors << "\n";
  return totals.errors == 0 && totals.pages > 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  BenchOptions options;
  po::options_description d("accord-sandbox-bench [options]");
  d.add_options()("help,h", "show this help")
      ("contacts", po::value(&options.contacts)->default_value(10000), "contacts in the sandbox")
      ("clients", po::value(&options.clients)->default_value(4), "concurrent keep-alive clients")
      ("seconds", po::value(&options.seconds)->default_value(5), "measuring time")
      ("page-size", po::value(&options.page_size)->default_value(100), "pageSize (Xero: <= 1000)")
      ("threads", po::value(&options.threads)->default_value(16), "server worker threads")
      ("connections", po::bool_switch(&options.connections), "GET /connections (no accounting)")
      ("where", po::value(&options.where), "a where filter on every page, e.g. 'Name==\"X\"'");
  try {
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, d), vm);
    po::notify(vm);
    if (vm.count("help")) {
      std::cout << d << "\n";
      return 0;
    }
  } catch (const po::error& e) {
    std::cerr << "accord-sandbox-bench: " << e.what() << "\n";
    return 2;
  }
  return run(options);
}
