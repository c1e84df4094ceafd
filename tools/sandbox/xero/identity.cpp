#include "sandbox/xero/identity.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/DigestEngine.h>
#include <Poco/JWT/Signer.h>
#include <Poco/JWT/Token.h>
#include <Poco/SHA2Engine.h>
#include <Poco/Timestamp.h>

#include <algorithm>
#include <sstream>
#include <string_view>

namespace accord::sandbox::xero {

namespace {

constexpr const char* kIssuer = "https://identity.xero.com";

Response oauthError(const std::string& code, int status = 400) {
  return Response::json(status, "{\"error\":" + jsonQuote(code) + "}");
}

Response page(int status, const std::string& text) {
  Response response;
  response.status = status;
  response.body = "<html><body><h1>Error</h1><p>" + text + "</p></body></html>";
  response.setHeader("Content-Type", "text/html; charset=utf-8");
  return response;
}

Response redirect(const std::string& uri, const Pairs& params) {
  std::string location = uri + (uri.find('?') == std::string::npos ? "?" : "&");
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (i) location += "&";
    location += urlEncode(params[i].first) + "=" + urlEncode(params[i].second);
  }
  Response response;
  response.status = 302;
  response.setHeader("Location", location);
  return response;
}

bool hasWord(const std::string& scope, const std::string& word) {
  std::istringstream words(scope);
  std::string item;
  while (words >> item) {
    if (item == word) return true;
  }
  return false;
}

std::string valueOf(const Pairs& pairs, const std::string& name) {
  for (const auto& [key, value] : pairs) {
    if (key == name) return value;
  }
  return {};
}

Poco::Timestamp toPoco(Clock::TimePoint time) {
  return Poco::Timestamp(
      std::chrono::duration_cast<std::chrono::microseconds>(time.time_since_epoch()).count());
}

std::string base64Url(const std::string& bytes) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
  encoder << bytes;
  encoder.close();
  return out.str();
}

bool pkceMatches(const std::string& verifier, const std::string& challenge,
                 const std::string& method) {
  if (method == "plain") return verifier == challenge;
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(verifier);
  const auto& digest = engine.digest();
  return base64Url(std::string(digest.begin(), digest.end())) == challenge;
}

// Client credentials from HTTP Basic, or from the form (PKCE clients send only client_id).
std::pair<std::string, std::optional<std::string>> clientOf(const Request& request,
                                                            const Pairs& form) {
  if (auto header = request.header("Authorization"); header && header->rfind("Basic ", 0) == 0) {
    std::istringstream in(header->substr(6));
    Poco::Base64Decoder decoder(in);
    std::string decoded;
    try {
      decoded.assign(std::istreambuf_iterator<char>(decoder), std::istreambuf_iterator<char>());
    } catch (const std::exception&) {
      return {std::string(), std::string()};  // not base64: no client, so invalid_client
    }
    auto colon = decoded.find(':');
    if (colon == std::string::npos) return {decoded, std::string()};
    return {urlDecode(decoded.substr(0, colon), true), urlDecode(decoded.substr(colon + 1), true)};
  }
  std::optional<std::string> secret;
  for (const auto& [key, value] : form) {
    if (key == "client_secret") secret = value;
  }
  return {valueOf(form, "client_id"), secret};
}

}  // namespace

XeroIdentity::XeroIdentity(const Clock& clock, IdentityOptions options,
                           std::vector<XeroTenant> tenants)
    : clock_(clock), options_(std::move(options)), tenants_(std::move(tenants)) {}

bool XeroIdentity::redirectAllowed(const std::string& uri) const {
  if (options_.redirect_uris.empty()) {
    return uri.rfind("http://", 0) == 0 || uri.rfind("https://", 0) == 0;
  }
  for (const auto& allowed : options_.redirect_uris) {
    if (allowed == uri) return true;
  }
  return false;
}

Response XeroIdentity::authorize(const Request& request) {
  std::string client_id = request.param("client_id").value_or("");
  std::string redirect_uri = request.param("redirect_uri").value_or("");
  // Why an error page and no redirect: OAuth forbids redirecting to an unverified URI.
  if (client_id != options_.client_id) return page(400, "unauthorized_client: unknown client_id");
  if (!redirectAllowed(redirect_uri)) return page(400, "invalid_request: Invalid redirect_uri");
  Pairs tail;
  if (auto state = request.param("state")) tail.emplace_back("state", *state);
  auto fail = [&](const std::string& code) {
    Pairs params{{"error", code}};
    params.insert(params.end(), tail.begin(), tail.end());
    return redirect(redirect_uri, params);
  };
  if (request.param("response_type").value_or("") != "code") return fail("unsupported_response_type");
  std::string scope = request.param("scope").value_or("");
  if (!validScope(scope)) return fail("invalid_scope");
  std::string challenge = request.param("code_challenge").value_or("");
  std::string method = request.param("code_challenge_method").value_or(challenge.empty() ? "" : "plain");
  if (!challenge.empty() && method != "S256" && method != "plain") return fail("invalid_request");
  {
    std::lock_guard lock(mutex_);
    if (!approve_) return fail("access_denied");
  }
  std::string code = approve(scope, request.param("nonce").value_or(""), redirect_uri, challenge, method);
  Pairs params{{"code", code}, {"scope", scope}};
  params.insert(params.end(), tail.begin(), tail.end());
  params.emplace_back("session_state", randomToken(16));
  return redirect(redirect_uri, params);
}

std::string XeroIdentity::approve(const std::string& scope, const std::string& nonce,
                                  const std::string& redirect_uri, const std::string& challenge,
                                  const std::string& method) {
  auto now = clock_.now();
  std::string auth_event = randomUuid();
  std::string code = randomToken(24);
  std::lock_guard lock(mutex_);
  for (const XeroTenant& tenant : tenants_) {
    bool chosen = consent_tenants_.empty();
    for (const auto& id : consent_tenants_) chosen |= id == tenant.id;
    if (!chosen) continue;
    bool found = false;
    for (Connection& connection : connections_) {
      if (connection.tenant_id != tenant.id) continue;
      connection.auth_event_id = auth_event;
      connection.updated = now;
      found = true;
    }
    if (!found) connections_.push_back({randomUuid(), tenant.id, auth_event, now, now});
  }
  codes_[sha256Hex(code)] = {now + options_.code_ttl, redirect_uri, scope, auth_event, challenge, method, nonce};
  return code;
}

TokenSet XeroIdentity::issue(const std::string& scope, const std::string& auth_event_id,
                             const std::string& nonce) {
  auto now = clock_.now();
  Poco::JWT::Signer signer(options_.signing_key);
  Poco::JWT::Token access;
  access.setType("JWT");
  access.setIssuer(kIssuer);
  access.setAudience(std::string(kIssuer) + "/resources");
  access.setNotBefore(toPoco(now));
  access.setIssuedAt(toPoco(now));
  access.setExpiration(toPoco(now + options_.access_ttl));
  access.setId(randomToken(16));
  access.payload().set("client_id", options_.client_id);
  access.payload().set("sub", sha256Hex(options_.user_email).substr(0, 32));
  access.payload().set("authentication_event_id", auth_event_id);
  access.payload().set("scope", scope);
  TokenSet set;
  set.access_token = signer.sign(access, Poco::JWT::Signer::ALGO_HS256);
  set.scope = scope;
  set.expires_in = options_.access_ttl.count();
  if (hasWord(scope, "openid")) {
    Poco::JWT::Token id;
    id.setType("JWT");
    id.setIssuer(kIssuer);
    id.setAudience(options_.client_id);
    id.setIssuedAt(toPoco(now));
    id.setExpiration(toPoco(now + std::chrono::minutes(5)));
    id.setSubject(sha256Hex(options_.user_email).substr(0, 32));
    if (!nonce.empty()) id.payload().set("nonce", nonce);
    if (hasWord(scope, "email")) id.payload().set("email", options_.user_email);
    if (hasWord(scope, "profile")) {
      id.payload().set("given_name", "Demo");
      id.payload().set("family_name", "Owner");
    }
    set.id_token = signer.sign(id, Poco::JWT::Signer::ALGO_HS256);
  }
  if (hasWord(scope, "offline_access")) set.refresh_token = randomToken(32);
  std::lock_guard lock(mutex_);
  access_[sha256Hex(set.access_token)] = {now + options_.access_ttl, auth_event_id, scope};
  if (!set.refresh_token.empty()) {
    refresh_[sha256Hex(set.refresh_token)] = {now + options_.refresh_ttl, auth_event_id, scope};
  }
  return set;
}

namespace {
Response tokenResponse(const TokenSet& set) {
  std::string body = "{";
  if (!set.id_token.empty()) body += "\"id_token\":" + jsonQuote(set.id_token) + ",";
  body += "\"access_token\":" + jsonQuote(set.access_token) +
          ",\"expires_in\":" + std::to_string(set.expires_in) + ",\"token_type\":\"Bearer\"";
  if (!set.refresh_token.empty()) body += ",\"refresh_token\":" + jsonQuote(set.refresh_token);
  body += ",\"scope\":" + jsonQuote(set.scope) + "}";
  Response response = Response::json(200, body);
  response.setHeader("Cache-Control", "no-store");
  response.setHeader("Pragma", "no-cache");
  return response;
}
}  // namespace

Response XeroIdentity::token(const Request& request) {
  if (request.method != "POST") return oauthError("invalid_request");
  Pairs form = request.form();
  auto [client_id, secret] = clientOf(request, form);
  if (client_id != options_.client_id) return oauthError("invalid_client");
  bool pkce_client = !secret.has_value();
  if (secret && *secret != options_.client_secret) return oauthError("invalid_client");
  std::string grant_type = valueOf(form, "grant_type");
  if (grant_type.empty()) return oauthError("invalid_request");
  if (grant_type == "authorization_code") return authorizationCodeGrant(form, pkce_client);
  if (grant_type == "refresh_token") return refreshTokenGrant(form);
  return oauthError("unsupported_grant_type");
}

Response XeroIdentity::authorizationCodeGrant(const Pairs& form, bool pkce_client) {
  CodeRecord record;
  {
    std::lock_guard lock(mutex_);
    auto found = codes_.find(sha256Hex(valueOf(form, "code")));
    if (found == codes_.end()) return oauthError("invalid_grant");
    record = found->second;
    codes_.erase(found);  // single use, whatever happens next
  }
  if (clock_.now() >= record.expires) return oauthError("invalid_grant");
  if (valueOf(form, "redirect_uri") != record.redirect_uri) return oauthError("invalid_grant");
  if (!record.challenge.empty()) {
    if (!pkceMatches(valueOf(form, "code_verifier"), record.challenge, record.challenge_method)) {
      return oauthError("invalid_grant");
    }
  } else if (pkce_client) {
    return oauthError("invalid_client");  // no secret and no PKCE: not authenticated
  }
  return tokenResponse(issue(record.scope, record.auth_event_id, record.nonce));
}

Response XeroIdentity::refreshTokenGrant(const Pairs& form) {
  RefreshRecord record;
  {
    std::lock_guard lock(mutex_);
    auto found = refresh_.find(sha256Hex(valueOf(form, "refresh_token")));
    if (found == refresh_.end()) return oauthError("invalid_grant");
    record = found->second;
    refresh_.erase(found);  // rotation: the old refresh token never works again
  }
  if (clock_.now() >= record.expires) return oauthError("invalid_grant");
  return tokenResponse(issue(record.scope, record.auth_event_id, {}));
}

std::optional<Access> XeroIdentity::authenticate(const Request& request, Response* error) const {
  auto fail = [&](const std::string& detail) -> std::optional<Access> {
    if (error) *error = problemResponse(401, "Unauthorized", detail);
    return std::nullopt;
  };
  std::string header = request.header("Authorization").value_or("");
  if (header.size() < 8 || !iequals(header.substr(0, 7), "Bearer ")) {
    return fail("AuthenticationUnsuccessful");
  }
  std::lock_guard lock(mutex_);
  auto found = access_.find(sha256Hex(header.substr(7)));
  if (found == access_.end()) return fail("AuthenticationUnsuccessful");
  if (clock_.now() >= found->second.expires) {
    auto seconds = std::chrono::time_point_cast<std::chrono::seconds>(found->second.expires);
    std::string iso = formatIsoUtc(seconds, false, false);  // YYYY-MM-DDTHH:MM:SS
    // Xero words it "TokenExpired: token expired at MM/DD/YYYY HH:MM:SS".
    std::string when = iso.substr(5, 2) + "/" + iso.substr(8, 2) + "/" + iso.substr(0, 4) + " " +
                       iso.substr(11, 8);
    return fail("TokenExpired: token expired at " + when);
  }
  return Access{options_.client_id, found->second.auth_event_id, found->second.scope};
}

bool XeroIdentity::isConnected(const std::string& tenant_id) const {
  std::lock_guard lock(mutex_);
  for (const Connection& connection : connections_) {
    if (connection.tenant_id == tenant_id) return true;
  }
  return false;
}

void XeroIdentity::setConsent(bool approve, std::vector<std::string> tenant_ids) {
  std::lock_guard lock(mutex_);
  approve_ = approve;
  consent_tenants_ = std::move(tenant_ids);
}

void XeroIdentity::expireToken(const Request& request) {
  std::string header = request.header("Authorization").value_or("");
  if (header.size() < 8) return;
  std::lock_guard lock(mutex_);
  auto found = access_.find(sha256Hex(header.substr(7)));
  if (found != access_.end()) found->second.expires = clock_.now();
}

std::string XeroIdentity::connectionsJson(const std::string& auth_event_filter) const {
  auto stamp = [](Clock::TimePoint time) {
    // Xero's seven-digit fraction without a zone: "2019-12-07T18:46:19.5165400".
    return formatIsoUtc(time, true, false) + "0000";
  };
  std::string body = "[";
  for (const Connection& connection : connections_) {
    if (!auth_event_filter.empty() && connection.auth_event_id != auth_event_filter) continue;
    const XeroTenant* tenant = nullptr;
    for (const XeroTenant& t : tenants_) {
      if (t.id == connection.tenant_id) tenant = &t;
    }
    if (!tenant) continue;
    if (body.size() > 1) body += ",";
    body += "{\"id\":" + jsonQuote(connection.id) +
            ",\"authEventId\":" + jsonQuote(connection.auth_event_id) +
            ",\"tenantId\":" + jsonQuote(tenant->id) + ",\"tenantType\":" + jsonQuote(tenant->type) +
            ",\"tenantName\":" + jsonQuote(tenant->name) +
            ",\"createdDateUtc\":" + jsonQuote(stamp(connection.created)) +
            ",\"updatedDateUtc\":" + jsonQuote(stamp(connection.updated)) + "}";
  }
  return body + "]";
}

Response XeroIdentity::connections(const Request& request) {
  Response error;
  if (!authenticate(request, &error)) return error;
  constexpr std::string_view kPrefix = "/connections";
  std::string rest = request.path.substr(std::min(request.path.size(), kPrefix.size()));
  if (!rest.empty() && rest.back() == '/') rest.pop_back();
  std::lock_guard lock(mutex_);
  if (rest.empty() && request.method == "GET") {
    return Response::json(200, connectionsJson(request.param("authEventId").value_or("")));
  }
  if (rest.size() > 1 && request.method == "DELETE") {
    std::string id = rest.substr(1);
    for (auto it = connections_.begin(); it != connections_.end(); ++it) {
      if (iequals(it->id, id)) {
        connections_.erase(it);
        Response done;
        done.status = 204;
        return done;
      }
    }
    return problemResponse(404, "Not Found", "Connection not found");
  }
  return problemResponse(405, "Method Not Allowed", "The requested resource does not support " + request.method);
}

TokenSet XeroIdentity::grant(const std::string& scope) {
  std::string code = approve(scope, {}, {}, {}, {});
  CodeRecord record;
  {
    std::lock_guard lock(mutex_);
    auto found = codes_.find(sha256Hex(code));
    record = found->second;
    codes_.erase(found);
  }
  return issue(scope, record.auth_event_id, {});
}

}  // namespace accord::sandbox::xero
