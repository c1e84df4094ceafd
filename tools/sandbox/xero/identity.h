// Xero's OAuth 2.0 identity service as the sandbox models it (specs/xero/xero-identity.yaml and
// the README's facts): the authorization-code flow with a scripted consent screen, the token
// endpoint (authorization_code and rotating refresh_token grants, optional PKCE), GET/DELETE
// /connections, and bearer validation for the API. Tokens are kept only as SHA-256 hashes, so
// saved state holds no usable secret. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "sandbox/common/clock.h"
#include "sandbox/common/http.h"

namespace accord::sandbox::xero {

struct XeroTenant {
  std::string id;    // the tenantId (uuid) sent as xero-tenant-id
  std::string name;  // "Demo Company (US)"
  std::string type = "ORGANISATION";
};

struct IdentityOptions {
  std::string client_id;
  std::string client_secret;
  std::vector<std::string> redirect_uris;  // registered URIs; empty accepts any http(s) URI
  std::string user_email = "owner@accord-demo.example";
  std::chrono::seconds access_ttl{1800};               // 30 minutes
  std::chrono::seconds refresh_ttl{60 * 24 * 3600};    // 60 days unused
  std::chrono::seconds code_ttl{300};                  // 5 minutes
  std::string signing_key = "accord-sandbox-jwt-key";  // HS256 key for the JWTs it issues
};

struct TokenSet {
  std::string access_token, refresh_token, id_token, scope;
  std::int64_t expires_in = 0;
};

// Who a valid bearer token speaks for.
struct Access {
  std::string client_id;
  std::string auth_event_id;
  std::string scope;
};

// Xero's problem-details error body: {"Type":null,"Title":...,"Status":...,"Detail":...,
// "Instance":"<uuid>","Extensions":{}}.
Response problemResponse(int status, const std::string& title, const std::string& detail);

class XeroIdentity {
 public:
  XeroIdentity(const Clock& clock, IdentityOptions options, std::vector<XeroTenant> tenants);

  // GET /identity/connect/authorize: 302 to redirect_uri with code (or an OAuth error).
  Response authorize(const Request& request);
  // POST /connect/token.
  Response token(const Request& request);
  // GET /connections and DELETE /connections/{id} (path matched case-insensitively).
  Response connections(const Request& request);

  // The bearer token's access, or the 401 Xero sends (missing, unknown, expired token).
  std::optional<Access> authenticate(const Request& request, Response* error) const;
  // Whether the token's user has `tenant_id` connected to this app right now.
  bool isConnected(const std::string& tenant_id) const;

  // Scripted consent: the next authorizations approve (connecting `tenant_ids`, or every
  // tenant when empty) or deny with access_denied.
  void setConsent(bool approve, std::vector<std::string> tenant_ids = {});
  // Ends the access token a request carries now (fault injection: "tokens expire early").
  void expireToken(const Request& request);
  // The consent flow without a browser, for tests, benches and the demo.
  TokenSet grant(const std::string& scope);

  const IdentityOptions& options() const { return options_; }
  const std::vector<XeroTenant>& tenants() const { return tenants_; }

  // Connections and token hashes as JSON (--state FILE), and back.
  std::string saveState() const;
  bool loadState(const std::string& json, std::string* error);

 private:
  struct Connection {
    std::string id, tenant_id, auth_event_id;
    Clock::TimePoint created, updated;
  };
  struct AccessRecord {
    Clock::TimePoint expires;
    std::string auth_event_id, scope;
  };
  struct RefreshRecord {
    Clock::TimePoint expires;
    std::string auth_event_id, scope;
  };
  struct CodeRecord {
    Clock::TimePoint expires;
    std::string redirect_uri, scope, auth_event_id, challenge, challenge_method, nonce;
  };

  bool redirectAllowed(const std::string& uri) const;
  std::string approve(const std::string& scope, const std::string& nonce,
                      const std::string& redirect_uri, const std::string& challenge,
                      const std::string& method);
  TokenSet issue(const std::string& scope, const std::string& auth_event_id,
                 const std::string& nonce);
  Response authorizationCodeGrant(const Pairs& form, bool pkce_client);
  Response refreshTokenGrant(const Pairs& form);
  std::string connectionsJson(const std::string& auth_event_filter) const;

  const Clock& clock_;
  IdentityOptions options_;
  std::vector<XeroTenant> tenants_;
  mutable std::mutex mutex_;
  bool approve_ = true;
  std::vector<std::string> consent_tenants_;
  std::vector<Connection> connections_;
  std::map<std::string, AccessRecord> access_;    // by SHA-256 of the token
  std::map<std::string, RefreshRecord> refresh_;  // by SHA-256 of the token
  std::map<std::string, CodeRecord> codes_;       // by SHA-256 of the code
};

// Helpers the other Xero parts share.
std::string sha256Hex(const std::string& text);
std::string randomUuid();
std::string randomToken(std::size_t bytes);  // hex
bool validScope(const std::string& scope);

}  // namespace accord::sandbox::xero
