// /metrics text and the JSON log lines, as a scraper and a log shipper read them.
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <sstream>

#include "accord/sdk/testing/fake_clock.h"
#include "prometheus_text.h"
#include "service/json_log.h"
#include "service/metrics.h"

namespace accord::service {
namespace {

TEST(Metrics, RenderedTextParsesAndCarriesEveryFamilyWithItsLabels) {
  Metrics metrics;
  metrics.add("accord_syncs_total", {{"outcome", "succeeded"}}, 2);
  metrics.add("accord_records_total", {{"entity", "invoice"}, {"outcome", "pulled"}}, 40);
  metrics.add("accord_api_calls_total", {{"plugin", "xero"}, {"status", "429"}});
  metrics.add("accord_errors_total", {{"kind", "retryable"}});
  metrics.add("accord_webhooks_total", {{"plugin", "x\"y"}, {"status", "200"}});
  metrics.onRender([](Metrics& m) { m.set("accord_queue_depth", {}, 3); });
  auto scrape = testing::parsePrometheus(metrics.render());
  EXPECT_EQ(scrape.problem, "");
  for (const char* family :
       {"accord_syncs_total", "accord_records_total", "accord_api_calls_total",
        "accord_rate_limit_waits_total", "accord_errors_total", "accord_webhooks_total",
        "accord_queue_depth", "accord_syncs_running"}) {
    EXPECT_TRUE(scrape.types.count(family)) << family;
  }
  EXPECT_EQ(scrape.types["accord_queue_depth"], "gauge");
  EXPECT_EQ(scrape.sample("accord_syncs_total{outcome=\"succeeded\"}"), 2);
  EXPECT_EQ(scrape.sample("accord_records_total{entity=\"invoice\",outcome=\"pulled\"}"), 40);
  EXPECT_EQ(scrape.sample("accord_api_calls_total{plugin=\"xero\",status=\"429\"}"), 1);
  EXPECT_EQ(scrape.sample("accord_webhooks_total{plugin=\"x\\\"y\",status=\"200\"}"), 1);
  EXPECT_EQ(scrape.sample("accord_queue_depth"), 3);
}

Poco::JSON::Object::Ptr parseLine(const std::string& line) {
  return Poco::JSON::Parser().parse(line).extract<Poco::JSON::Object::Ptr>();
}

TEST(JsonLog, OneObjectPerLineWithOrgConnectionAndRunIds) {
  std::ostringstream out;
  sdk::testing::FakeClock clock;
  JsonLog log(out, clock, sdk::LogLevel::info);
  log.write(sdk::LogLevel::debug, "not shown", {});
  JsonLogger logger(log, LogFields{"sync", 1, 11, 42});
  logger.warn("pull of invoices stopped: retryable: GET /Invoices timed out");
  std::istringstream lines(out.str());
  std::string line;
  ASSERT_TRUE(std::getline(lines, line));
  auto object = parseLine(line);
  EXPECT_EQ(object->getValue<std::string>("ts"), "2024-01-01T00:00:00Z");
  EXPECT_EQ(object->getValue<std::string>("level"), "warn");
  EXPECT_EQ(object->getValue<std::string>("component"), "sync");
  EXPECT_EQ(object->getValue<int>("org"), 1);
  EXPECT_EQ(object->getValue<int>("connection"), 11);
  EXPECT_EQ(object->getValue<int>("run"), 42);
  EXPECT_FALSE(std::getline(lines, line)) << "the debug line was written";
}

TEST(JsonLog, SecretsThatSlipIntoAMessageAreRedacted) {
  std::ostringstream out;
  sdk::testing::FakeClock clock;
  JsonLog log(out, clock);
  log.addSecret("s3cr3t-webhook-signing-key");
  log.write(sdk::LogLevel::error,
            "refused: Authorization: Bearer eyJhbGciOi.abc.def body {\"access_token\":\"tok-123\"}"
            " form refresh_token=rt-456&x=1 key s3cr3t-webhook-signing-key; "
            "webhooks.key: must be set",
            {});
  const std::string text = out.str();
  for (const char* secret : {"eyJhbGciOi", "tok-123", "rt-456", "s3cr3t-webhook-signing-key"}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << secret << " leaked: " << text;
  }
  auto msg = parseLine(text)->getValue<std::string>("msg");
  EXPECT_NE(msg.find("Bearer [redacted]"), std::string::npos) << msg;
  EXPECT_NE(msg.find("webhooks.key: must be set"), std::string::npos) << msg;
}

}  // namespace
}  // namespace accord::service
