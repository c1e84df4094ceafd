// The runtime: real plugins behind the sync engine's ConnectorProvider.
//
//   runtime::Runtime rt(store, plugins, box, clock, log, waiter);   // options: see below
//   auto report = runtime::runSync(rt, org_id);   // one sync::Engine run, then each
//                                                  // connection's health is recorded
//
// For each connection the engine asks for, the runtime
//  - finds its plugin in the PluginHost (one Connector per plugin, shared by its connections),
//  - builds its HostContext: config from the connection (plain JSON + decrypted secrets, never
//    logged), a Logger that tags lines with the connection, and an HttpClient that is a
//    net::ManagedHttpClient over the transport (PocoHttpClient unless a factory is given),
//    paced by one RateLimiter keyed per plugin and tenant with the manifest's limits,
//  - keeps its credentials: OAuth2 connections get a TokenManager (refresh through the plugin's
//    requestToken; the new tokens are sealed into the store BEFORE anything uses them, since
//    refresh tokens are single use), session connections a SessionManager (the plugin's login),
//  - hands the engine a connector decorator that renews an expired credential once and repeats
//    the call (net::callWithToken / callWithSession), and retries retryable failures with
//    exponential backoff and jitter through the Waiter: reads always, writes only when that is
//    safe (rate_limited: the app did not process it; or the app honours the batch's
//    idempotency key, see RetryOptions::idempotent_write_plugins).
// After a run, runSync records each connection's outcome in the store
// (store::ConnectionStatuses): failed runs in a row back off, and after
// RecoveryOptions::failures_before_recovery of them the connection is in recovery mode (long
// backoff); connectorFor refuses a connection whose wait is not over, naming when it ends.
//
// Threading: like the Store it writes (token persists, statuses), a Runtime serves one thread
// at a time; run one Runtime per Store. What must be process-wide is shared explicitly: pass
// the same RateLimiter (RuntimeOptions::limiter) and PluginHost to every Runtime.
// docs/runtime.md has the details.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "accord/sdk/host_context.h"
#include "accord/sdk/http.h"
#include "accord/sdk/result.h"
#include "net/http_client.h"
#include "net/managed_http_client.h"
#include "net/rate_limiter.h"
#include "net/session_manager.h"
#include "net/token_manager.h"
#include "net/waiter.h"
#include "store/connection_status.h"
#include "store/secret_box.h"
#include "store/store.h"
#include "sync/engine.h"

namespace accord::plugin_host {
class PluginHost;
}

namespace accord::runtime {

using sdk::Result;

// Retries of one plugin call inside a run.
struct RetryOptions {
  int read_attempts = 4;   // tries of one read, the first included
  int write_attempts = 3;  // tries of one write batch, when repeating it is safe
  std::chrono::milliseconds base{500};  // full-jitter exponential: [0, min(cap, base*2^(n-1))]
  std::chrono::milliseconds cap{30'000};
  // Plugins whose apps honour WriteBatch::idempotency_key (Xero's Idempotency-Key header), so
  // a write that failed with a 5xx or a timeout may be sent again without creating twice. A
  // manifest flag would be the better home; until the SDK has one, the hub lists them here.
  std::set<std::string> idempotent_write_plugins{"xero"};
};

// Between failed runs of a connection, and when recovery mode starts.
struct RecoveryOptions {
  int failures_before_recovery = 5;            // failed runs in a row
  std::chrono::milliseconds base{60'000};      // backoff after the first failed run, doubling
  std::chrono::milliseconds cap{30 * 60'000};  // longest backoff before recovery
  std::chrono::milliseconds recovery_delay{2 * 60 * 60'000};  // between attempts in recovery
};

// The transport under the managed client, per connection; tests wrap it to inject faults.
using TransportFactory =
    std::function<std::shared_ptr<sdk::HttpClient>(const store::Connection& connection)>;

struct RuntimeOptions {
  net::HttpClientOptions http;        // timeouts of the default transport
  net::ManagedHttpOptions managed;    // longest rate-limit wait before a call is refused
  net::TokenOptions tokens;
  net::SessionOptions sessions;
  RetryOptions retries;
  RecoveryOptions recovery;
  TransportFactory transport;                // empty: one PocoHttpClient(http) for all
  std::shared_ptr<net::RateLimiter> limiter;  // process-wide; empty: the Runtime makes its own
  std::uint64_t seed = 0;                    // jitter seed; 0: from std::random_device
  // false: connectorFor hands out connections that are backing off or in recovery too (a
  // human's manual `accord sync run`); their outcome is still recorded.
  bool respect_backoff = true;
};

// What one connection's calls did, for reports and progress displays.
struct ConnectionMetrics {
  net::HttpMetrics http;          // requests, waits, 429s, auth retries, transport errors
  std::uint64_t retries = 0;      // plugin calls repeated after a retryable failure
  std::uint64_t renewals = 0;     // calls repeated after a token refresh or a new session
  std::uint64_t failed_calls = 0;  // calls that failed after all retries (this runtime's life)
};

class Runtime final : public sync::ConnectorProvider {
 public:
  // Everything is borrowed except the SecretBox and the options; all must outlive the Runtime.
  Runtime(store::Store& store, plugin_host::PluginHost& plugins, store::SecretBox box,
          const sdk::Clock& clock, sdk::Logger& log, net::Waiter& waiter,
          RuntimeOptions options = {});
  ~Runtime() override;
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  // The connection's plugin, ready to call. A handle stays valid until the Runtime ends, or
  // until the next beginRun() once forget() or changed config/secrets replaced its parts.
  // Errors name the org, connection and plugin: plugin not loaded or refused, config or secrets
  // unreadable, or the connection waiting out a backoff or recovery (with the time it ends).
  Result<sync::ConnectorHandle> connectorFor(const store::Connection& connection) override;
  // The same without the backoff check: webhooks and tools that must reach the app anyway.
  Result<sync::ConnectorHandle> connect(const store::Connection& connection);

  // Drops what is kept for a connection (credentials, context) so the next connectorFor reads
  // config and secrets again: after re-authorisation or a config change.
  void forget(store::ConnectionId connection);

  // Per-run bookkeeping, done by runSync: beginRun() clears the failures seen so far, and a
  // manual run (a human asked for it now) reaches connections that are backing off or in
  // recovery, as respect_backoff = false does for every run;
  // finishRun() records each connection handed out since as succeeded or failed (a plugin call
  // that failed after its retries, or connectorFor failing) in store::ConnectionStatuses.
  // Record-level errors (one record the app refused) do not count as a failed run.
  void beginRun(bool manual = false);
  Result<void> finishRun();

  // The connection's stored health (healthy when never recorded).
  Result<store::ConnectionStatus> status(store::ConnectionId connection);
  ConnectionMetrics metrics(store::ConnectionId connection) const;

  store::Store& store();
  const store::SecretBox& secretBox() const;
  net::RateLimiter& limiter();
  const RuntimeOptions& options() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One sync of one organisation through the runtime: beginRun, sync::Engine(...).run(org),
// finishRun. Errors only when the run could not take place (as Engine::run).
Result<sync::RunReport> runSync(Runtime& runtime, store::OrgId org,
                                sync::EngineOptions options = {}, bool manual = false);

}  // namespace accord::runtime
