#include "net/token_manager.h"

#include <algorithm>
#include <utility>

namespace accord::net {
namespace {

constexpr const char* kAccessToken = "access_token";
constexpr const char* kRefreshToken = "refresh_token";
constexpr const char* kExpiresAt = "access_token_expires_at";

// Providers may omit a refresh token or expiry they did not change (RFC 6749 section 6): keep
// the ones we had.
sdk::TokenSet merged(sdk::TokenSet fresh, const sdk::TokenSet& previous) {
  if (fresh.refresh_token.empty()) fresh.refresh_token = previous.refresh_token;
  if (fresh.scopes.empty()) fresh.scopes = previous.scopes;
  return fresh;
}

}  // namespace

TokenManager::TokenManager(sdk::TokenSet initial, const sdk::Clock& clock, RefreshFn refresh,
                           PersistFn persist, TokenOptions options)
    : clock_(clock),
      options_(options),
      refresh_(std::move(refresh)),
      margin_ms_(options.refresh_margin.count()),
      cache_(
          std::move(initial), [this](const sdk::TokenSet& current) { return renew(current); },
          std::move(persist)) {}

sdk::Result<sdk::TokenSet> TokenManager::renew(const sdk::TokenSet& current) {
  if (current.refresh_token.empty()) {
    return sdk::makeError(sdk::ErrorKind::auth_expired,
                          "no refresh token: the connection must be authorised again");
  }
  auto fresh = refresh_(current.refresh_token);
  if (!fresh.ok()) return fresh;
  if (fresh->access_token.empty()) {
    return sdk::makeError(sdk::ErrorKind::plugin_bug, "token refresh returned no access token",
                          "access_token");
  }
  auto tokens = merged(std::move(fresh).value(), current);
  noteLifetime(tokens);
  return tokens;
}

sdk::Result<std::string> TokenManager::accessToken() {
  auto tokens = cache_.get([this](const sdk::TokenSet& t) {
    if (t.access_token.empty()) return true;
    if (!t.expires_at) return false;
    const std::chrono::milliseconds margin(margin_ms_.load());
    return t.expires_at->timePoint() - margin <= clock_.now();
  });
  if (!tokens.ok()) return tokens.error();
  return tokens->access_token;
}

void TokenManager::noteLifetime(const sdk::TokenSet& tokens) {
  if (!tokens.expires_at) return;
  const auto lifetime = std::chrono::duration_cast<std::chrono::milliseconds>(
      tokens.expires_at->timePoint() - clock_.now());
  margin_ms_ = std::min(options_.refresh_margin, lifetime / 2).count();
}

sdk::Result<std::string> TokenManager::forceRefresh(const std::string& rejected) {
  auto tokens = cache_.get([&rejected](const sdk::TokenSet& t) {
    return t.access_token.empty() || t.access_token == rejected;
  });
  if (!tokens.ok()) return tokens.error();
  return tokens->access_token;
}

std::map<std::string, std::string> tokenSecrets(const sdk::TokenSet& tokens) {
  std::map<std::string, std::string> secrets{{kAccessToken, tokens.access_token},
                                             {kRefreshToken, tokens.refresh_token}};
  if (tokens.expires_at) secrets[kExpiresAt] = tokens.expires_at->toString();
  return secrets;
}

sdk::TokenSet tokenSetFromSecrets(const std::map<std::string, std::string>& secrets) {
  sdk::TokenSet tokens;
  auto value = [&](const char* key) {
    auto it = secrets.find(key);
    return it == secrets.end() ? std::string() : it->second;
  };
  tokens.access_token = value(kAccessToken);
  tokens.refresh_token = value(kRefreshToken);
  // An unreadable expiry is treated as expired: the worst it costs is one early refresh.
  if (auto text = value(kExpiresAt); !text.empty()) {
    tokens.expires_at = sdk::Timestamp::parse(text).value_or(sdk::Timestamp{});
  }
  return tokens;
}

}  // namespace accord::net
