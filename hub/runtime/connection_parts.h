// Everything the runtime keeps for one connection: its HostContext and the layers under it
// (managed HTTP over the transport, rate key, token or session manager), and the managed
// connector the engine calls. Internal to accord_runtime.
#pragma once

#include <memory>
#include <string>

#include "accord/sdk/connector.h"
#include "accord/sdk/manifest.h"
#include "net/host_context.h"
#include "net/managed_http_client.h"
#include "net/rate_limiter.h"
#include "net/session_manager.h"
#include "net/token_manager.h"
#include "runtime/connection_config.h"
#include "runtime/managed_connector.h"
#include "runtime/runtime.h"

namespace accord::runtime {

// What every connection's parts borrow from the Runtime.
struct RuntimeShared {
  store::Store& store;
  const store::SecretBox& box;
  const sdk::Clock& clock;
  sdk::Logger& log;
  net::Waiter& waiter;
  const RuntimeOptions& options;
  net::RateLimiter& limiter;
  std::shared_ptr<sdk::HttpClient> default_transport;
};

struct ConnectionParts {
  store::Connection connection;
  store::SecretMap known_secrets;  // as last read from or written to the store
  sdk::Manifest manifest;
  RuntimeSecrets secrets;
  std::unique_ptr<TaggedLogger> log;
  std::shared_ptr<sdk::HttpClient> transport;
  net::RateKey key;
  // Token requests and logins: no bearer token injected (a refresh must not wait for itself).
  std::unique_ptr<net::ManagedHttpClient> auth_http;
  std::unique_ptr<net::BasicHostContext> auth_context;
  std::unique_ptr<net::TokenManager> tokens;
  std::unique_ptr<net::SessionManager> sessions;
  std::unique_ptr<net::ManagedHttpClient> http;
  std::unique_ptr<net::BasicHostContext> context;
  std::unique_ptr<ManagedConnector> connector;

  sync::ConnectorHandle handle() { return {connector.get(), context.get(), &manifest}; }
};

// Builds the parts of a connection from its row, its decrypted secrets and its plugin.
sdk::Result<std::unique_ptr<ConnectionParts>> buildParts(
    RuntimeShared& shared, const store::Connection& connection, store::SecretMap secrets,
    std::shared_ptr<sdk::Connector> inner, const sdk::Manifest& manifest, CallStats& stats,
    std::uint64_t seed);

// Merges `changes` into the connection's sealed secrets (re-read first, one transaction) and
// into the parts' view. Refused inside an open store transaction, which a rollback would undo
// after the app had already spent the old refresh token.
sdk::Result<void> persistSecrets(RuntimeShared& shared, ConnectionParts& parts,
                                 const store::SecretMap& changes);

}  // namespace accord::runtime
