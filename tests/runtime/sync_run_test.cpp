// A whole sync of an organisation with a Xero and a vTiger connection, through the runtime:
// records made in each app arrive in the other, pacing keeps the sandboxes from answering 429,
// and no secret reaches a log line.
#include <gtest/gtest.h>

#include <algorithm>

#include "runtime_env.h"

namespace accord::runtime::testing {
namespace {

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

class SyncRunTest : public RuntimeTest {};

TEST_F(SyncRunTest, RecordsMadeInEachAppArriveInTheOtherAndTheSecondRunChangesNothing) {
  const auto xero = addXero();
  const auto vtiger = addVtiger();
  auto runtime = makeRuntime();
  ASSERT_FALSE(createOrganization(*runtime, xero, "Harbour Bakery").empty());
  ASSERT_FALSE(createOrganization(*runtime, vtiger, "Summit Joinery").empty());

  auto report = runSync(*runtime, org_);
  ASSERT_TRUE(report.ok()) << report.error().describe();
  for (const auto& e : report->errors) ADD_FAILURE() << e.entity << " " << e.message;
  EXPECT_GE(report->counts.pushed, 2);

  EXPECT_TRUE(contains(organizationNames(*runtime, vtiger), "Harbour Bakery"));
  EXPECT_TRUE(contains(organizationNames(*runtime, xero), "Summit Joinery"));
  // Paced under both apps' limits: neither sandbox had to refuse a call.
  EXPECT_EQ(transport_->count([](const SentRequest& r) { return r.status == 429; }), 0);
  EXPECT_EQ(runtime->status(xero.id).value().state, store::HealthState::healthy);
  EXPECT_EQ(runtime->status(vtiger.id).value().state, store::HealthState::healthy);
  EXPECT_TRUE(runtime->status(vtiger.id).value().last_success_at.has_value());
  EXPECT_GT(runtime->metrics(xero.id).http.requests, 0u);

  auto again = runSync(*runtime, org_);
  ASSERT_TRUE(again.ok()) << again.error().describe();
  EXPECT_EQ(again->counts.pushed, 0) << "the pushed records came back as echoes";
  EXPECT_EQ(again->counts.errors, 0);
}

TEST_F(SyncRunTest, NoSecretReachesALogLine) {
  const auto xero = addXero();
  const auto vtiger = addVtiger();
  auto runtime = makeRuntime();
  ASSERT_FALSE(createOrganization(*runtime, xero, "Harbour Bakery").empty());
  // An expired access token and a session that went idle: refresh and login both happen.
  clock_->advance(std::chrono::minutes(31));
  // A failing call too, whose error is logged.
  int failures = 0;
  transport_->setHook([&](const sdk::HttpRequest& request) -> std::optional<sdk::HttpResponse> {
    if (request.url.find("webservice.php") == std::string::npos || failures >= 1) return {};
    ++failures;
    return sdk::HttpResponse{503, {}, "busy"};
  });
  ASSERT_TRUE(runSync(*runtime, org_).ok());
  const auto secrets = secretValues({xero, vtiger});
  ASSERT_GE(secrets.size(), 5u) << "tokens, client secret, access key and session are stored";
  ASSERT_FALSE(log_.lines().empty());
  for (const auto& line : log_.lines()) {
    for (const auto& secret : secrets) {
      EXPECT_EQ(line.message.find(secret), std::string::npos) << line.message;
    }
  }
}

}  // namespace
}  // namespace accord::runtime::testing
