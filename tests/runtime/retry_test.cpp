// Retries through the runtime: a server error on a read is retried with backoff (waiting on the
// clock, not the wall); a server error on a create is repeated only where the app honours the
// batch's idempotency key (Xero), never where a repeat could create twice (vTiger).
#include <gtest/gtest.h>

#include <algorithm>

#include "runtime_env.h"

namespace accord::runtime::testing {
namespace {

bool isVtigerRead(const sdk::HttpRequest& request) {
  return request.method == "GET" && request.url.find("webservice.php") != std::string::npos &&
         request.url.find("operation=getchallenge") == std::string::npos;
}

bool isXeroContactWrite(const SentRequest& r) {
  return r.method != "GET" && r.url.find("/api.xro/2.0/Contacts") != std::string::npos;
}

class RetryTest : public RuntimeTest {};

TEST_F(RetryTest, ServerErrorsOnReadsAreRetriedWithBackoffAndTheRunSucceeds) {
  const auto vtiger = addVtiger();
  auto runtime = makeRuntime();
  ASSERT_FALSE(createOrganization(*runtime, vtiger, "Summit Joinery").empty());
  int failed = 0;
  transport_->setHook([&](const sdk::HttpRequest& request) -> std::optional<sdk::HttpResponse> {
    if (!isVtigerRead(request) || failed >= 2) return {};
    ++failed;
    return sdk::HttpResponse{failed == 1 ? 500 : 503, {}, "<html>proxy error</html>"};
  });
  const auto waits_before = waiter_.waits().size();
  auto report = runSync(*runtime, org_);
  ASSERT_TRUE(report.ok()) << report.error().describe();
  for (const auto& e : report->errors) ADD_FAILURE() << e.message;
  EXPECT_EQ(failed, 2);
  EXPECT_EQ(runtime->metrics(vtiger.id).retries, 2u);
  EXPECT_GE(report->counts.pulled, 1) << "the organisation was read after the retries";
  EXPECT_GE(waiter_.waits().size(), waits_before + 2) << "each retry waited its backoff";
  EXPECT_EQ(runtime->status(vtiger.id).value().state, store::HealthState::healthy);
}

TEST_F(RetryTest, AServerErrorOnAVtigerCreateIsNotRepeated) {
  const auto xero = addXero();
  const auto vtiger = addVtiger();
  auto runtime = makeRuntime();
  ASSERT_FALSE(createOrganization(*runtime, xero, "Harbour Bakery").empty());
  transport_->setHook([&](const sdk::HttpRequest& request) -> std::optional<sdk::HttpResponse> {
    SentRequest seen{request.method, request.url, request.body, "", "", 0};
    if (vtigerOperation(seen) != "create") return {};
    return sdk::HttpResponse{500, {}, "<html>gateway error</html>"};
  });
  auto report = runSync(*runtime, org_);
  ASSERT_TRUE(report.ok()) << report.error().describe();
  // The app may have created it before failing: one attempt, and the failure on the record.
  EXPECT_EQ(transport_->count([](const SentRequest& r) { return vtigerOperation(r) == "create"; }),
            1);
  ASSERT_FALSE(report->errors.empty());
  EXPECT_TRUE(std::any_of(report->errors.begin(), report->errors.end(), [](const auto& e) {
    return e.kind == "retryable" && e.entity == "organization";
  }));
  EXPECT_EQ(runtime->metrics(vtiger.id).retries, 0u);
}

TEST_F(RetryTest, AServerErrorOnAXeroCreateIsRepeatedWithTheSameIdempotencyKey) {
  const auto xero = addXero();
  const auto vtiger = addVtiger();
  auto runtime = makeRuntime();
  ASSERT_FALSE(createOrganization(*runtime, vtiger, "Summit Joinery").empty());
  const int writes_before = transport_->count(isXeroContactWrite);
  bool failed = false;
  transport_->setHook([&](const sdk::HttpRequest& request) -> std::optional<sdk::HttpResponse> {
    if (failed || request.method == "GET" ||
        request.url.find("/api.xro/2.0/Contacts") == std::string::npos) {
      return {};
    }
    failed = true;
    return sdk::HttpResponse{503, {}, R"({"Title":"Service Unavailable"})"};
  });
  auto report = runSync(*runtime, org_);
  ASSERT_TRUE(report.ok()) << report.error().describe();
  for (const auto& e : report->errors) ADD_FAILURE() << e.message;
  std::vector<SentRequest> writes;
  for (const auto& r : transport_->sent()) {
    if (isXeroContactWrite(r)) writes.push_back(r);
  }
  writes.erase(writes.begin(), writes.begin() + writes_before);
  ASSERT_EQ(writes.size(), 2u);
  EXPECT_FALSE(writes[0].idempotency_key.empty());
  EXPECT_EQ(writes[0].idempotency_key, writes[1].idempotency_key);
  const auto names = organizationNames(*runtime, xero);
  EXPECT_EQ(std::count(names.begin(), names.end(), "Summit Joinery"), 1);
}

}  // namespace
}  // namespace accord::runtime::testing
