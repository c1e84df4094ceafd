// The connector the engine calls for one connection: the plugin's connector wrapped so that
//  - an auth_expired answer renews the credential once (token refresh or new session) and the
//    call runs once more (net::callWithToken / callWithSession), the credential handed to the
//    plugin through the connection's secrets;
//  - retryable failures are retried with exponential backoff and full jitter, waiting through
//    the Waiter: reads always, writes only when repeating cannot create twice (rate_limited:
//    the app did not process it; or the app honours the batch's idempotency key);
//  - a call that still fails is counted on the connection's stats, which decide whether its run
//    failed (runtime.h, finishRun).
// Internal to accord_runtime.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "accord/sdk/connector.h"
#include "net/session_manager.h"
#include "net/token_manager.h"
#include "net/waiter.h"
#include "runtime/connection_config.h"
#include "runtime/runtime.h"

namespace accord::runtime {

// What one connection's calls did: counters for reports, and the run's first failure.
struct CallStats {
  std::atomic<std::uint64_t> retries{0};
  std::atomic<std::uint64_t> renewals{0};
  std::atomic<std::uint64_t> failed_calls{0};

  void beginRun();
  void noteUsed();
  void noteFailure(const sdk::Error& error);
  bool used() const;
  std::optional<sdk::Error> runFailure() const;

 private:
  mutable std::mutex mutex_;
  bool used_ = false;
  std::optional<sdk::Error> run_failure_;
};

struct ManagedParts {
  std::shared_ptr<sdk::Connector> inner;
  std::string label;             // "acme/xero", for log lines
  net::TokenManager* tokens = nullptr;      // OAuth2 connections
  net::SessionManager* sessions = nullptr;  // session connections
  RuntimeSecrets* secrets = nullptr;
  sdk::HostContext* auth_context = nullptr;  // an HTTP client that injects no token
  bool idempotent_writes = false;  // the app honours WriteBatch::idempotency_key
};

class ManagedConnector final : public sdk::Connector {
 public:
  ManagedConnector(ManagedParts parts, const RetryOptions& retry, net::Waiter& waiter,
                   const sdk::Clock& clock, sdk::Logger& log, CallStats& stats,
                   std::uint64_t seed);

  std::vector<sdk::FieldError> validateConfig(const sdk::Config& config) const override;
  sdk::Result<sdk::Page> read(sdk::HostContext& ctx, const sdk::ReadRequest& request) override;
  sdk::Result<std::vector<sdk::WriteOutcome>> write(sdk::HostContext& ctx,
                                                    const sdk::WriteBatch& batch) override;
  sdk::Result<sdk::WebhookResult> handleWebhook(sdk::HostContext& ctx,
                                                const sdk::WebhookRequest& request) override;
  sdk::Result<std::string> authorizationUrl(const sdk::Config& config, const std::string& state,
                                            const std::string& redirect_uri) const override;
  // Always on the token-free context: a code exchange must not wait for a token.
  sdk::Result<sdk::TokenSet> requestToken(sdk::HostContext& ctx,
                                          const sdk::TokenGrant& grant) override;
  sdk::Result<std::vector<sdk::Tenant>> listTenants(sdk::HostContext& ctx) override;
  sdk::Result<sdk::Session> login(sdk::HostContext& ctx) override;

 private:
  template <typename T, typename Call>
  sdk::Result<T> withAuth(Call&& call);
  template <typename T, typename Call>
  sdk::Result<T> withRetries(const std::string& what, bool is_write, bool repeat_safe,
                             Call&& call);

  ManagedParts parts_;
  RetryOptions retry_;
  net::Waiter& waiter_;
  const sdk::Clock& clock_;
  sdk::Logger& log_;
  CallStats& stats_;
  std::uint64_t seed_;
  std::atomic<std::uint64_t> calls_{0};
};

}  // namespace accord::runtime
