#include "sandbox/common/fault.h"

#include <gtest/gtest.h>

#include <map>
#include <vector>

namespace accord::sandbox {
namespace {

std::vector<FaultPlan> plans(const FaultOptions& options, std::uint64_t count) {
  FaultInjector injector(options);
  std::vector<FaultPlan> result;
  for (std::uint64_t i = 0; i < count; ++i) result.push_back(injector.planFor(i));
  return result;
}

FaultOptions mixed(std::uint64_t seed) {
  FaultOptions options;
  options.seed = seed;
  options.error_rate = 0.1;
  options.malformed_rate = 0.05;
  options.truncate_rate = 0.05;
  options.hang_rate = 0.02;
  options.token_expiry_rate = 0.03;
  options.burst429_rate = 0.01;
  return options;
}

TEST(FaultInjector, SameSeedSamePlan) {
  auto a = plans(mixed(7), 2000);
  auto b = plans(mixed(7), 2000);
  auto c = plans(mixed(8), 2000);
  int differences = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].kind, b[i].kind) << "request " << i;
    EXPECT_EQ(a[i].status, b[i].status) << "request " << i;
    if (a[i].kind != c[i].kind) ++differences;
  }
  EXPECT_GT(differences, 50) << "another seed must give other faults";
}

TEST(FaultInjector, SharesFollowTheRates) {
  std::map<FaultKind, int> counts;
  std::map<int, int> statuses;
  for (const FaultPlan& plan : plans(mixed(3), 20000)) {
    ++counts[plan.kind];
    if (plan.kind == FaultKind::kError) ++statuses[plan.status];
  }
  EXPECT_NEAR(counts[FaultKind::kError] / 20000.0, 0.1, 0.02);
  EXPECT_NEAR(counts[FaultKind::kMalformed] / 20000.0, 0.05, 0.015);
  EXPECT_NEAR(counts[FaultKind::kHang] / 20000.0, 0.02, 0.01);
  EXPECT_GT(counts[FaultKind::kBurst429], 0);
  EXPECT_GT(counts[FaultKind::kNone], 14000);
  EXPECT_EQ(statuses.size(), 3u);  // 500, 502 and 503 all occur
  for (const auto& [status, count] : statuses) {
    EXPECT_TRUE(status == 500 || status == 502 || status == 503) << status;
  }
}

TEST(FaultInjector, TooManyRequestsComeInBursts) {
  FaultOptions options;
  options.seed = 11;
  options.burst429_rate = 0.02;
  auto all = plans(options, 5000);
  int bursts = 0;
  std::size_t i = 0;
  while (i < all.size()) {
    if (all[i].kind != FaultKind::kBurst429) { ++i; continue; }
    std::size_t run = 0;
    while (i < all.size() && all[i].kind == FaultKind::kBurst429) { ++run; ++i; }
    EXPECT_GE(run, 2u) << "a burst is at least two 429s in a row";
    EXPECT_EQ(all[i - 1].status, 429);
    ++bursts;
  }
  EXPECT_GT(bursts, 20);
}

TEST(FaultInjector, NoRatesNoFaults) {
  for (const FaultPlan& plan : plans(FaultOptions{}, 1000)) EXPECT_EQ(plan.kind, FaultKind::kNone);
  EXPECT_FALSE(FaultOptions{}.any());
}

TEST(FaultBodies, DamagedBodiesAreNotTheOriginal) {
  std::string body = R"({"Contacts":[{"ContactID":"1","Name":"Acme Ltd"}]})";
  EXPECT_NE(malformBody(body), body);
  EXPECT_NE(malformBody(body).find("<html>"), std::string::npos);
  EXPECT_EQ(truncateBody(body), body.substr(0, body.size() / 2));
}

}  // namespace
}  // namespace accord::sandbox
