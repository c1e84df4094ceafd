// The fault test (issue 5, Evidence): with both sandboxes injecting 500s, timeouts, malformed
// and truncated bodies, 429 bursts and early token (session) expiry from a fixed seed, a sync
// of a few thousand records ends correct on both sides within a bounded number of runs.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness.h"

namespace accord::e2e {
namespace {

using ::testing::IsEmpty;

constexpr int kMaxRuns = 8;

sandbox::FaultOptions faults(std::uint64_t seed) {
  sandbox::FaultOptions f;
  f.seed = seed;
  f.error_rate = 0.05;
  f.malformed_rate = 0.02;
  f.truncate_rate = 0.02;
  f.hang_rate = 0.005;
  f.burst429_rate = 0.02;
  f.token_expiry_rate = 0.01;
  return f;
}

class FaultTest : public E2eTest {
 protected:
  FaultTest() {
    // About 1,500 companies with their people: ~3,000 records each way.
    options_.xero_seed.contacts = 1500;
    // A hung request is a timeout after 300 ms, not the sandbox's 30 s.
    options_.runtime.http.receive_timeout = std::chrono::milliseconds(300);
  }
};

TEST_F(FaultTest, SyncOfThousandsEndsCorrectOnBothSidesDespiteFaults) {
  // Faults start after the admin's consent, as they would on any later day.
  env_->xero().setFaults(faults(11));
  env_->vtigerServer().setFaults(faults(12));
  int runs = 0;
  std::int64_t pulled = 0;
  for (; runs < kMaxRuns; ++runs) {
    auto report = sync();
    pulled += report.counts.pulled;
    env_->time().advance(std::chrono::minutes(5));  // the scheduler's next interval
    bool clean = true;
    for (const auto& error : report.errors) {
      clean = clean && error.entity != "organization" && error.entity != "person";
    }
    if (clean && runs > 0) break;
  }
  env_->xero().setFaults({});
  env_->vtigerServer().setFaults({});
  EXPECT_LT(runs, kMaxRuns) << "the organizations and people still had errors after " << kMaxRuns
                            << " runs";
  EXPECT_GE(pulled, 3000);
  EXPECT_THAT(env_->compareWithCanonical(EntityType::organization), IsEmpty());
  EXPECT_THAT(env_->compareWithCanonical(EntityType::person), IsEmpty());
  auto xero = env_->runtime().metrics(env_->connection("xero").id);
  auto vtiger = env_->runtime().metrics(env_->connection("vtiger").id);
  EXPECT_GT(xero.retries + vtiger.retries, 0u) << "faults were injected, so calls were retried";
  RecordProperty("runs", runs + 1);
}

}  // namespace
}  // namespace accord::e2e
