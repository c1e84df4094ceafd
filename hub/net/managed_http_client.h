// The HttpClient a plugin gets for one connection: paces each request through the RateLimiter
// (waiting with the Waiter), adds the connection's OAuth2 bearer token, sends through an inner
// client, lets the limiter read the app's rate headers, and counts what happened.
//
// Retries: only one kind, bounded to one. A 401 to a request that carried our bearer token
// refreshes the token (TokenManager::forceRefresh, single flight) and sends once more.
// Retryable errors and 429s are NOT retried here: the sync engine decides, because it knows
// whether an operation may be repeated (writes carry idempotency keys, reads have cursors) and
// keeps the per-connection Backoff and recovery state; retrying in two layers would multiply
// attempts and hide failures from that state. The limiter still honours a 429's Retry-After for
// every later request on the key.
//
// Authorization: a request without an Authorization header, or with a Bearer one (plugins copy
// the token from their secrets, which may be older than the manager's), gets the current token.
// Any other scheme (Basic, on Xero's token endpoint) is left alone and no token is fetched for
// it. Still, give the TokenManager's refresh function a client without that TokenManager: a
// token request with no Authorization header (public clients) would otherwise wait for itself.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

#include "accord/sdk/http.h"
#include "net/rate_limiter.h"
#include "net/token_manager.h"
#include "net/waiter.h"

namespace accord::net {

struct ManagedHttpOptions {
  // Longer waits are refused with rate_limited (retry_after set) rather than blocking a worker
  // for hours on a spent daily quota: the sync engine reschedules instead.
  std::chrono::milliseconds max_wait{5 * 60'000};
};

// Counters for reports; a snapshot.
struct HttpMetrics {
  std::uint64_t requests = 0;       // send() calls from the plugin
  std::uint64_t sent = 0;           // requests passed to the inner client (retries included)
  std::uint64_t throttled = 0;      // 429 responses
  std::uint64_t waits = 0;          // times the limiter made a request wait
  std::chrono::milliseconds waited{0};  // total time asked to wait
  std::uint64_t refused = 0;        // requests refused because the wait was over max_wait
  std::uint64_t auth_retries = 0;   // 401s answered by a refresh and one more send
  std::uint64_t transport_errors = 0;  // inner client returned an Error (no response)
};

// Thread-safe (as are the parts it uses). Borrows everything: the inner client, limiter,
// waiter and token manager must outlive it. `tokens` is null for connections without OAuth2.
class ManagedHttpClient final : public sdk::HttpClient {
 public:
  ManagedHttpClient(sdk::HttpClient& inner, RateLimiter& limiter, RateKey key, Waiter& waiter,
                    TokenManager* tokens = nullptr, ManagedHttpOptions options = {});

  sdk::Result<sdk::HttpResponse> send(const sdk::HttpRequest& request) override;

  HttpMetrics metrics() const;

 private:
  sdk::Result<RateLimiter::Permit> admit();
  // Sends once; `token` is set to the bearer token injected, if any.
  sdk::Result<sdk::HttpResponse> attempt(const sdk::HttpRequest& request, std::string& token);

  sdk::HttpClient& inner_;
  RateLimiter& limiter_;
  RateKey key_;
  Waiter& waiter_;
  TokenManager* tokens_;
  ManagedHttpOptions options_;

  std::atomic<std::uint64_t> requests_{0}, sent_{0}, throttled_{0}, waits_{0}, refused_{0},
      auth_retries_{0}, transport_errors_{0};
  std::atomic<std::int64_t> waited_ms_{0};
};

}  // namespace accord::net
