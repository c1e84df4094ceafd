// Xero's limits as the manifest declares them, and the hub's limiter pacing by them: the calls,
// the page and batch sizes, every field rule, and Xero's rate-limit headers.
#include <gtest/gtest.h>

#include "accord/sdk/manifest.h"
#include "accord/sdk/testing/fake_clock.h"
#include "descriptor.h"
#include "net/rate_limiter.h"
#include "test_support.h"

namespace accord::plugins::xero {
namespace {

using sdk::model::EntityType;

TEST(XeroManifest, DeclaresXerosCallPageAndBatchLimits) {
  const sdk::Manifest m = describe();
  EXPECT_EQ(sdk::checkManifest(m), std::vector<std::string>{});
  const sdk::RateLimits limits = sdk::effectiveLimits(m, testing::testConfig());
  EXPECT_EQ(limits.per_minute, 60);
  EXPECT_EQ(limits.per_hour, std::nullopt);
  EXPECT_EQ(limits.per_day, 5000);
  EXPECT_EQ(limits.concurrent, 5);
  EXPECT_EQ(limits.max_page_size, 1000);
  EXPECT_EQ(limits.max_batch_size, 50);
  ASSERT_TRUE(limits.headers.has_value());
  EXPECT_EQ(*limits.headers,
            (sdk::RateHeaderNames{"X-MinLimit-Remaining", "", "X-DayLimit-Remaining",
                                  "X-AppMinLimit-Remaining", "Retry-After",
                                  "X-Rate-Limit-Problem"}));
}

TEST(XeroManifest, DeclaresEveryFieldRuleOfTheIssue) {
  const sdk::Manifest m = describe();
  auto rule = [&](EntityType entity, const std::string& field) {
    const sdk::EntityCapability* cap = m.entity(entity);
    return cap ? cap->rule(field) : nullptr;
  };
  ASSERT_NE(rule(EntityType::organization, "people"), nullptr);
  EXPECT_EQ(rule(EntityType::organization, "people")->max_items, 6);  // own name + 5 persons
  EXPECT_TRUE(rule(EntityType::organization, "is_customer")->read_only);
  EXPECT_TRUE(rule(EntityType::organization, "is_supplier")->read_only);
  EXPECT_EQ(rule(EntityType::item, "taxes")->max_items, 1);
  EXPECT_TRUE(rule(EntityType::item, "quantity_on_hand")->read_only);
  EXPECT_TRUE(rule(EntityType::invoice, "organization")->required);
  // Xero refuses every edit of a PAID invoice, whichever field it touches.
  ASSERT_NE(rule(EntityType::invoice, sdk::kWholeRecord), nullptr);
  EXPECT_EQ(rule(EntityType::invoice, sdk::kWholeRecord)->immutable_when_status,
            (std::vector<std::string>{"paid", "voided"}));
  EXPECT_TRUE(rule(EntityType::invoice, "amount_paid")->read_only);
  EXPECT_TRUE(rule(EntityType::invoice, "total")->read_only);  // Xero computes it from lines
  EXPECT_TRUE(rule(EntityType::person, "organization")->required);  // one of a contact's people
  EXPECT_EQ(rule(EntityType::person, "organization")->max_per_ref, 6);  // and at most six
  EXPECT_TRUE(rule(EntityType::payment, "bank_account")->required);
}

// The hub builds its limiter from the manifest alone: Xero's headers need no code in the hub.
TEST(XeroManifest, TheHubsLimiterReadsXerosHeadersFromTheManifest) {
  sdk::testing::FakeClock clock;
  net::RateLimiter limiter(clock);
  const net::RateKey key{"xero", testing::kTenant};
  const sdk::Manifest m = describe();
  limiter.setLimits(key, sdk::effectiveLimits(m, testing::testConfig()));
  ASSERT_TRUE(limiter.acquire(key).admitted());
  // Another client of the tenant spent the day's quota: 4,999 calls we did not make.
  limiter.observe(key, sdk::HttpResponse{200, {{"X-DayLimit-Remaining", "0"}}, ""});
  const net::RateStatus status = limiter.status(key);
  ASSERT_EQ(status.windows.size(), 2u);
  EXPECT_EQ(status.windows[1].name, "day");
  EXPECT_EQ(status.windows[1].used, 5000);
  EXPECT_EQ(net::rateHeadersFrom(m).problem, "X-Rate-Limit-Problem");
}

}  // namespace
}  // namespace accord::plugins::xero
