#include "runtime/connection_parts.h"

namespace accord::runtime {
namespace {

constexpr const char* kSessionId = "session_id";
constexpr const char* kSessionExpiresAt = "session_expires_at";

std::string secretOr(const store::SecretMap& secrets, const std::string& key) {
  auto it = secrets.find(key);
  return it == secrets.end() ? std::string() : it->second;
}

void addTokens(RuntimeShared& shared, ConnectionParts& parts,
               std::shared_ptr<sdk::Connector> inner) {
  ConnectionParts* p = &parts;
  parts.tokens = std::make_unique<net::TokenManager>(
      net::tokenSetFromSecrets(parts.known_secrets), shared.clock,
      [p, inner](const std::string& refresh_token) {
        return inner->requestToken(
            *p->auth_context,
            sdk::TokenGrant{sdk::TokenGrant::Kind::refresh_token, refresh_token, {}});
      },
      [&shared, p](const sdk::TokenSet& tokens) {
        return persistSecrets(shared, *p, net::tokenSecrets(tokens));
      },
      shared.options.tokens);
}

void addSessions(RuntimeShared& shared, ConnectionParts& parts,
                 std::shared_ptr<sdk::Connector> inner) {
  ConnectionParts* p = &parts;
  sdk::Session saved{secretOr(parts.known_secrets, kSessionId), std::nullopt};
  if (auto at = secretOr(parts.known_secrets, kSessionExpiresAt); !at.empty()) {
    saved.expires_at = sdk::Timestamp::parse(at).value_or(sdk::Timestamp{});
  }
  parts.sessions = std::make_unique<net::SessionManager>(
      saved, shared.clock, [p, inner] { return inner->login(*p->auth_context); },
      [&shared, p](const sdk::Session& session) {
        store::SecretMap changes{{kSessionId, session.id}};
        changes[kSessionExpiresAt] = session.expires_at ? session.expires_at->toString() : "";
        return persistSecrets(shared, *p, changes);
      },
      shared.options.sessions);
}

// The HTTP layers and the contexts over them.
void addHttp(RuntimeShared& shared, ConnectionParts& parts, const sdk::Config& config) {
  auto& limiter = shared.limiter;
  // Token endpoints are not the API the manifest's limits describe: their own key, unlimited
  // except for what the app's headers say. Session logins count against the API's limits.
  net::RateKey auth_key = parts.key;
  if (parts.manifest.auth == sdk::AuthKind::oauth2) auth_key.connection += " (auth)";
  parts.auth_http = std::make_unique<net::ManagedHttpClient>(
      *parts.transport, limiter, auth_key, shared.waiter, nullptr, shared.options.managed);
  parts.auth_context = std::make_unique<net::BasicHostContext>(
      *parts.auth_http, shared.clock, *parts.log, parts.secrets, config);
}

void addApiContext(RuntimeShared& shared, ConnectionParts& parts, const sdk::Config& config) {
  parts.http = std::make_unique<net::ManagedHttpClient>(*parts.transport, shared.limiter,
                                                        parts.key, shared.waiter,
                                                        parts.tokens.get(), shared.options.managed);
  parts.context = std::make_unique<net::BasicHostContext>(*parts.http, shared.clock, *parts.log,
                                                          parts.secrets, config);
}

}  // namespace

sdk::Result<std::unique_ptr<ConnectionParts>> buildParts(
    RuntimeShared& shared, const store::Connection& connection, store::SecretMap secrets,
    std::shared_ptr<sdk::Connector> inner, const sdk::Manifest& manifest, CallStats& stats,
    std::uint64_t seed) {
  auto config = connectionConfig(connection, secrets, manifest.config);
  if (!config) return config.error();
  auto parts = std::make_unique<ConnectionParts>();
  parts->connection = connection;
  parts->manifest = manifest;
  parts->secrets.merge(secrets);
  parts->known_secrets = std::move(secrets);
  parts->log = std::make_unique<TaggedLogger>(shared.log, connection.label());
  parts->transport = shared.options.transport ? shared.options.transport(connection)
                                              : shared.default_transport;
  if (!parts->transport) {
    return sdk::makeError(sdk::ErrorKind::plugin_bug, "connection '" + connection.label() +
                                                          "': the transport factory gave none");
  }
  // The engine pages and batches by these too: the connection's own (profile, overrides).
  parts->manifest.limits = sdk::effectiveLimits(manifest, config.value());
  parts->key = net::RateKey{manifest.name, rateTenant(connection, config.value())};
  shared.limiter.setLimits(parts->key, parts->manifest.limits);  // and its declared headers
  addHttp(shared, *parts, config.value());
  if (manifest.auth == sdk::AuthKind::oauth2) addTokens(shared, *parts, inner);
  if (manifest.auth == sdk::AuthKind::session) addSessions(shared, *parts, inner);
  addApiContext(shared, *parts, config.value());

  ManagedParts managed{inner,
                       connection.label(),
                       parts->tokens.get(),
                       parts->sessions.get(),
                       &parts->secrets,
                       parts->auth_context.get(),
                       shared.options.retries.idempotent_write_plugins.count(manifest.name) > 0};
  parts->connector = std::make_unique<ManagedConnector>(
      std::move(managed), shared.options.retries, shared.waiter, shared.clock, shared.log, stats,
      seed);
  return parts;
}

sdk::Result<void> persistSecrets(RuntimeShared& shared, ConnectionParts& parts,
                                 const store::SecretMap& changes) {
  const store::ConnectionId id = parts.connection.id;
  if (shared.store.db().inTransaction()) {
    return sdk::makeError(sdk::ErrorKind::retryable,
                          "connection '" + parts.connection.label() +
                              "': credentials renewed inside a store transaction are not saved "
                              "until it ends");
  }
  auto tx = shared.store.transaction();
  if (!tx) return tx.error();
  // Re-read: another process (the CLI re-authorising) may have changed other secrets.
  auto current = shared.store.connections().loadSecrets(id, shared.box);
  if (!current) return current.error();
  store::SecretMap merged = std::move(current.value());
  for (const auto& [key, value] : changes) merged[key] = value;
  ACCORD_STORE_TRY(shared.store.connections().saveSecrets(id, merged, shared.box));
  ACCORD_STORE_TRY(tx->commit());
  parts.known_secrets = std::move(merged);
  parts.connection.has_secrets = true;
  parts.secrets.merge(changes);
  return {};
}

}  // namespace accord::runtime
