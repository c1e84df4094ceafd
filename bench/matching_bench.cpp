// Matching benchmark: the sandboxes' seed at scale (tools/sandbox/common/seed.cpp), its Xero
// spellings as the hub's existing organizations and its vTiger spellings as incoming ones
// ("Acme Ltd" vs "ACME Limited", changed emails), matched through the hash indexes.
//
//   accord-bench-matching [--records N]     (default 100000; figures in docs/PERFORMANCE.md)
#include <chrono>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "matching/matcher.h"
#include "sandbox/common/seed.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace model = accord::sdk::model;

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Processor time of this process: on a shared machine, wall time mostly measures the others.
double cpuSecondsSince(std::clock_t start) {
  return static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
}

model::Organization organization(const std::string& name, const std::string& email,
                                 const std::string& account) {
  model::Organization org;
  org.name = name;
  org.email = email;
  org.account_number = account;
  return org;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t records = 100000;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--records") == 0) records = std::strtoul(argv[i + 1], nullptr, 10);
  }
  accord::sandbox::SeedOptions options;
  options.contacts = records;
  const auto seed = accord::sandbox::generateSeed(options);
  std::vector<model::Record> existing, incoming;
  existing.reserve(seed.companies.size());
  incoming.reserve(seed.companies.size());
  for (const auto& company : seed.companies) {
    // vTiger holds no account number (its manifest), so only names and emails can agree.
    existing.push_back(organization(company.xero_name, company.xero_email, company.account_number));
    incoming.push_back(organization(company.vtiger_name, company.vtiger_email, ""));
  }

  const auto build_start = Clock::now();
  const auto build_cpu_start = std::clock();
  accord::matching::Matcher matcher(model::EntityType::organization, {});
  for (std::size_t i = 0; i < existing.size(); ++i) matcher.add("x" + std::to_string(i), existing[i]);
  const double build = secondsSince(build_start);
  const double build_cpu = cpuSecondsSince(build_cpu_start);

  const auto match_start = Clock::now();
  const auto match_cpu_start = std::clock();
  std::size_t full = 0, conflict = 0, none = 0;
  for (const auto& record : incoming) {
    switch (matcher.match(record).kind) {
      case accord::matching::MatchKind::full: ++full; break;
      case accord::matching::MatchKind::conflict: ++conflict; break;
      case accord::matching::MatchKind::none: ++none; break;
    }
  }
  const double match = secondsSince(match_start);
  const double match_cpu = cpuSecondsSince(match_cpu_start);
  std::printf("existing %zu, incoming %zu\n", existing.size(), incoming.size());
  std::printf("wall: index build %.3f s, matching %.3f s, total %.3f s\n", build, match,
              build + match);
  std::printf("cpu:  index build %.3f s, matching %.3f s, total %.3f s\n", build_cpu, match_cpu,
              build_cpu + match_cpu);
  std::printf("full %zu, conflict %zu, none %zu\n", full, conflict, none);
  return 0;
}
