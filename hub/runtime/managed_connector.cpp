#include "runtime/managed_connector.h"

#include <climits>

#include "net/auth_retry.h"
#include "net/backoff.h"

namespace accord::runtime {
namespace {

bool retryableKind(sdk::ErrorKind kind) {
  return kind == sdk::ErrorKind::retryable || kind == sdk::ErrorKind::rate_limited;
}

std::string describeRead(const sdk::ReadRequest& request) {
  return "read " + std::string(sdk::model::toString(request.entity));
}

std::string describeWrite(const sdk::WriteBatch& batch) {
  return "write of " + std::to_string(batch.ops.size()) + " " +
         std::string(sdk::model::toString(batch.entity));
}

}  // namespace

void CallStats::beginRun() {
  std::lock_guard lock(mutex_);
  used_ = false;
  run_failure_.reset();
}

void CallStats::noteUsed() {
  std::lock_guard lock(mutex_);
  used_ = true;
}

void CallStats::noteFailure(const sdk::Error& error) {
  ++failed_calls;
  std::lock_guard lock(mutex_);
  used_ = true;
  if (!run_failure_) run_failure_ = error;
}

bool CallStats::used() const {
  std::lock_guard lock(mutex_);
  return used_;
}

std::optional<sdk::Error> CallStats::runFailure() const {
  std::lock_guard lock(mutex_);
  return run_failure_;
}

ManagedConnector::ManagedConnector(ManagedParts parts, const RetryOptions& retry,
                                   net::Waiter& waiter, const sdk::Clock& clock,
                                   sdk::Logger& log, CallStats& stats, std::uint64_t seed)
    : parts_(std::move(parts)),
      retry_(retry),
      waiter_(waiter),
      clock_(clock),
      log_(log),
      stats_(stats),
      seed_(seed) {}

// The credential goes to the plugin through the connection's secrets; a second call means the
// first was refused and the credential renewed.
template <typename T, typename Call>
sdk::Result<T> ManagedConnector::withAuth(Call&& call) {
  int calls = 0;
  auto with = [&](const char* key, const std::string& credential) {
    if (calls++ > 0) ++stats_.renewals;
    parts_.secrets->set(key, credential);
    return call();
  };
  if (parts_.tokens) {
    return net::callWithToken<T>(*parts_.tokens, [&](const std::string& token) {
      return with("access_token", token);
    });
  }
  if (parts_.sessions) {
    return net::callWithSession<T>(*parts_.sessions, [&](const std::string& session) {
      return with("session_id", session);
    });
  }
  return call();
}

template <typename T, typename Call>
sdk::Result<T> ManagedConnector::withRetries(const std::string& what, bool is_write,
                                             bool repeat_safe, Call&& call) {
  stats_.noteUsed();
  net::BackoffOptions options;
  options.base = retry_.base;
  options.cap = retry_.cap;
  options.recovery_after = INT_MAX;  // recovery is per run, not per call (runtime.cpp)
  net::Backoff backoff(clock_, options, seed_ + calls_.fetch_add(1));
  const int attempts = is_write ? retry_.write_attempts : retry_.read_attempts;
  for (int attempt = 1;; ++attempt) {
    sdk::Result<T> result = withAuth<T>(call);
    if (result.ok()) return result;
    const sdk::Error& error = result.error();
    // A wait the app asks for beyond the cap is the scheduler's to take, not a worker's.
    const bool too_long = error.retry_after && *error.retry_after > retry_.cap;
    const bool again = retryableKind(error.kind) && attempt < attempts && !too_long &&
                       (error.kind == sdk::ErrorKind::rate_limited || repeat_safe);
    if (!again) {
      if (error.kind != sdk::ErrorKind::not_supported) stats_.noteFailure(error);
      if (retryableKind(error.kind) && attempt > 1) {
        log_.warn(parts_.label + ": " + what + " failed after " + std::to_string(attempt) +
                  " attempts: " + error.describe());
      }
      return result;
    }
    const auto delay = backoff.onFailure(error);
    log_.info(parts_.label + ": " + what + " failed (" + error.describe() + "); attempt " +
              std::to_string(attempt + 1) + " of " + std::to_string(attempts) + " in " +
              std::to_string(delay.count()) + " ms");
    ++stats_.retries;
    waiter_.wait(delay);
  }
}

std::vector<sdk::FieldError> ManagedConnector::validateConfig(const sdk::Config& config) const {
  return parts_.inner->validateConfig(config);
}

sdk::Result<sdk::Page> ManagedConnector::read(sdk::HostContext& ctx,
                                              const sdk::ReadRequest& request) {
  return withRetries<sdk::Page>(describeRead(request), false, true,
                                [&] { return parts_.inner->read(ctx, request); });
}

sdk::Result<std::vector<sdk::WriteOutcome>> ManagedConnector::write(
    sdk::HostContext& ctx, const sdk::WriteBatch& batch) {
  // After a 5xx or a timeout the app may have processed the batch: repeat it only when its
  // idempotency key makes the repeat a no-op (rate_limited is always safe: not processed).
  const bool repeat_safe = parts_.idempotent_writes && !batch.idempotency_key.empty();
  return withRetries<std::vector<sdk::WriteOutcome>>(
      describeWrite(batch), true, repeat_safe, [&] { return parts_.inner->write(ctx, batch); });
}

sdk::Result<sdk::WebhookResult> ManagedConnector::handleWebhook(
    sdk::HostContext& ctx, const sdk::WebhookRequest& request) {
  return parts_.inner->handleWebhook(ctx, request);
}

sdk::Result<std::string> ManagedConnector::authorizationUrl(
    const sdk::Config& config, const std::string& state, const std::string& redirect_uri) const {
  return parts_.inner->authorizationUrl(config, state, redirect_uri);
}

sdk::Result<sdk::TokenSet> ManagedConnector::requestToken(sdk::HostContext& ctx,
                                                          const sdk::TokenGrant& grant) {
  return parts_.inner->requestToken(parts_.auth_context ? *parts_.auth_context : ctx, grant);
}

sdk::Result<std::vector<sdk::Tenant>> ManagedConnector::listTenants(sdk::HostContext& ctx) {
  return withRetries<std::vector<sdk::Tenant>>("list tenants", false, true,
                                               [&] { return parts_.inner->listTenants(ctx); });
}

sdk::Result<sdk::Session> ManagedConnector::login(sdk::HostContext& ctx) {
  return parts_.inner->login(ctx);
}

}  // namespace accord::runtime
