// Credentials through the runtime: Xero's rotating refresh tokens are sealed into the store
// before any call uses the new access token (so a restart mid-way still works), a 401 costs
// one refresh, and an idle vTiger session costs one login.
#include <gtest/gtest.h>

#include "runtime_env.h"

namespace accord::runtime::testing {
namespace {

bool isXeroApiCall(const SentRequest& r) { return r.url.find("/api.xro/") != std::string::npos; }

class AuthTest : public RuntimeTest {};

TEST_F(AuthTest, ARotatedRefreshTokenIsStoredBeforeUseAndARestartedRuntimeCarriesOn) {
  const auto xero = addXero();
  const std::string first_refresh = storedSecrets(xero.id).at("refresh_token");
  // Every API call's token must already be in the store, as another process reads it.
  int unsaved_uses = 0;
  transport_->setHook([&](const sdk::HttpRequest& request) -> std::optional<sdk::HttpResponse> {
    if (request.url.find("/api.xro/") == std::string::npos) return {};
    std::string auth;
    for (const auto& [name, value] : request.headers) {
      if (name == "Authorization") auth = value;
    }
    if (auth != "Bearer " + storedSecrets(xero.id).at("access_token")) ++unsaved_uses;
    return {};
  });
  clock_->advance(std::chrono::minutes(31));  // the access token has expired
  {
    auto runtime = makeRuntime();
    auto report = runSync(*runtime, org_);
    ASSERT_TRUE(report.ok()) << report.error().describe();
    EXPECT_EQ(report->counts.errors, 0);
  }
  EXPECT_EQ(transport_->count(isXeroTokenCall), 1);
  EXPECT_GT(transport_->count(isXeroApiCall), 0);
  EXPECT_EQ(unsaved_uses, 0);
  const std::string second_refresh = storedSecrets(xero.id).at("refresh_token");
  EXPECT_NE(second_refresh, first_refresh) << "Xero rotates refresh tokens";

  // A new process: the first refresh token is spent, only the stored one works.
  clock_->advance(std::chrono::minutes(31));
  auto restarted = makeRuntime();
  auto report = runSync(*restarted, org_);
  ASSERT_TRUE(report.ok()) << report.error().describe();
  for (const auto& e : report->errors) ADD_FAILURE() << e.message;
  EXPECT_EQ(transport_->count(isXeroTokenCall), 2);
  EXPECT_EQ(unsaved_uses, 0);
  EXPECT_EQ(restarted->status(xero.id).value().state, store::HealthState::healthy);
}

TEST_F(AuthTest, AnAccessTokenTheAppRefusesIsRefreshedOnceAndTheCallRepeated) {
  const auto xero = addXero();
  // The stored token looks valid for another 25 minutes, but Xero no longer knows it.
  store::SecretBox box(key_);
  ASSERT_TRUE(store_->connections().setSecret(xero.id, "access_token", "revoked-token", box).ok());
  auto runtime = makeRuntime();
  auto report = runSync(*runtime, org_);
  ASSERT_TRUE(report.ok()) << report.error().describe();
  EXPECT_EQ(report->counts.errors, 0);
  EXPECT_EQ(transport_->count(isXeroTokenCall), 1);
  EXPECT_EQ(transport_->count([](const SentRequest& r) { return r.status == 401; }), 1);
  EXPECT_EQ(transport_->count([](const SentRequest& r) {
              return r.authorization == "Bearer revoked-token";
            }),
            1);
  EXPECT_NE(storedSecrets(xero.id).at("access_token"), "revoked-token");
}

TEST_F(AuthTest, AnIdleVtigerSessionIsReplacedByOneLoginAndKeptAcrossRestarts) {
  const auto vtiger = addVtiger();
  auto logins = [&] {
    return transport_->count([](const SentRequest& r) { return vtigerOperation(r) == "login"; });
  };
  {
    auto runtime = makeRuntime();
    ASSERT_TRUE(runSync(*runtime, org_).ok());
  }
  EXPECT_EQ(logins(), 1);
  EXPECT_FALSE(storedSecrets(vtiger.id)["session_id"].empty()) << "the session is kept";

  auto runtime = makeRuntime();  // a restart reuses the stored session
  ASSERT_TRUE(runSync(*runtime, org_).ok());
  EXPECT_EQ(logins(), 1);

  clock_->advance(std::chrono::minutes(31));  // vTiger ends sessions idle for 30 minutes
  auto report = runSync(*runtime, org_);
  ASSERT_TRUE(report.ok()) << report.error().describe();
  EXPECT_EQ(report->counts.errors, 0);
  EXPECT_EQ(logins(), 2);
  EXPECT_EQ(runtime->metrics(vtiger.id).renewals, 1u);
}

}  // namespace
}  // namespace accord::runtime::testing
