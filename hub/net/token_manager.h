// OAuth2 access tokens for one connection: valid on demand, refreshed ahead of expiry through
// the plugin (its requestToken, wrapped by the hub), persisted before use, one refresh at a time.
// See credential_cache.h for why persist precedes use and what a crash in between costs.
//
//   TokenManager tokens(saved, clock,
//       [&](const std::string& refresh) {   // the plugin's requestToken, on a context whose
//         return connector.requestToken(ctx, {TokenGrant::Kind::refresh_token, refresh, {}});
//       },                                   // HTTP client does NOT inject tokens (recursion)
//       [&](const sdk::TokenSet& t) {         // all token secrets in one store write
//         return store.connections().saveSecrets(id, merged(secrets, tokenSecrets(t)), box);
//       });
//   auto token = tokens.accessToken();       // before each call
//   auto again = tokens.forceRefresh(token.value());  // after the app refused that token
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "accord/sdk/connector.h"
#include "accord/sdk/host_context.h"
#include "net/credential_cache.h"

namespace accord::net {

struct TokenOptions {
  // Refresh when the token expires within this margin, so no call carries a token that dies
  // in flight.
  std::chrono::milliseconds refresh_margin{5 * 60'000};
};

// Thread-safe. The clock must outlive it; the callbacks are called on a caller's thread, one
// at a time, and must not call back into this TokenManager.
class TokenManager {
 public:
  using RefreshFn = std::function<sdk::Result<sdk::TokenSet>(const std::string& refresh_token)>;
  using PersistFn = std::function<sdk::Result<void>(const sdk::TokenSet& tokens)>;

  TokenManager(sdk::TokenSet initial, const sdk::Clock& clock, RefreshFn refresh,
               PersistFn persist, TokenOptions options = {});

  // A token valid for at least the margin (or with no known expiry), refreshing first if not.
  // auth_expired when there is no refresh token left: the connection needs re-authorising.
  sdk::Result<std::string> accessToken();

  // The app refused `rejected` (401 / auth_expired): refresh unless another caller already
  // replaced that token, then return the current one. The caller retries its request once.
  sdk::Result<std::string> forceRefresh(const std::string& rejected);

  // After re-authorisation (a new code exchange): use these tokens and forget a refused
  // refresh. A refresh the app refused (auth_expired) is otherwise returned to every caller
  // without asking the app again.
  void replace(sdk::TokenSet tokens) { cache_.replace(std::move(tokens)); }

  sdk::TokenSet current() const { return cache_.current(); }
  // A refresh succeeded but its persist failed; the next refresh retries the persist.
  bool hasUnpersisted() const { return cache_.hasUnpersisted(); }

 private:
  sdk::Result<sdk::TokenSet> renew(const sdk::TokenSet& current);
  void noteLifetime(const sdk::TokenSet& tokens);

  const sdk::Clock& clock_;
  TokenOptions options_;
  RefreshFn refresh_;
  // The margin in use: the configured one, or half a token's lifetime when the app issues
  // tokens shorter-lived than the margin (which would otherwise refresh on every call).
  std::atomic<std::int64_t> margin_ms_;
  CredentialCache<sdk::TokenSet> cache_;
};

// The token secrets kept per connection ("access_token", "refresh_token",
// "access_token_expires_at"), for one store write, and back.
std::map<std::string, std::string> tokenSecrets(const sdk::TokenSet& tokens);
sdk::TokenSet tokenSetFromSecrets(const std::map<std::string, std::string>& secrets);

}  // namespace accord::net
