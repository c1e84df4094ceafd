#include "auth.h"

#include <Poco/Base64Encoder.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

#include "client.h"
#include "json_util.h"

namespace accord::plugins::xero {
namespace {

std::string base64(const std::string& text) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder.rdbuf()->setLineLength(0);
  encoder << text;
  encoder.close();
  return out.str();
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string word; in >> word;) out.push_back(word);
  return out;
}

// Token endpoint errors: {"error":"invalid_grant"} means the grant is spent or revoked, which
// only a new consent fixes; other failures follow the usual HTTP mapping.
sdk::Error tokenError(const sdk::HttpResponse& response) {
  std::string problem;
  JsonObject body = parseObject(response.body, &problem);
  std::string code = body && body->has("error") ? body->get("error").toString() : "";
  if (response.status == 400 && (code == "invalid_grant" || code == "invalid_client")) {
    return sdk::makeError(sdk::ErrorKind::invalid_config,
                          "Xero refused the grant (" + code +
                              "): the refresh token is spent or revoked, or the client id/secret "
                              "are wrong; connect the organisation again",
                          code == "invalid_client" ? kClientSecretKey : "");
  }
  return *errorFor(response, "POST /connect/token");
}

}  // namespace

std::string authorizationUrl(const XeroConfig& config, const std::string& state,
                             const std::string& redirect_uri) {
  return config.authorizeUrl() + "?" +
         encodeQuery({{"response_type", "code"},
                      {"client_id", config.client_id},
                      {"redirect_uri", redirect_uri},
                      {"scope", joined(config.scopes)},
                      {"state", state}});
}

sdk::Result<sdk::TokenSet> requestToken(sdk::HostContext& ctx, const XeroConfig& config,
                                        const sdk::TokenGrant& grant) {
  sdk::HttpRequest request;
  request.method = "POST";
  request.url = config.tokenUrl();
  std::string secret = secretValue(ctx, kClientSecretKey);
  request.setHeader("Authorization", "Basic " + base64(config.client_id + ":" + secret));
  request.setHeader("Content-Type", "application/x-www-form-urlencoded");
  request.setHeader("Accept", "application/json");
  if (grant.kind == sdk::TokenGrant::Kind::authorization_code) {
    request.body = encodeQuery({{"grant_type", "authorization_code"},
                                {"code", grant.value},
                                {"redirect_uri", grant.redirect_uri}});
  } else {
    request.body = encodeQuery({{"grant_type", "refresh_token"}, {"refresh_token", grant.value}});
  }
  auto response = ctx.http().send(request);
  if (!response.ok()) return response.error();
  if (response->status != 200) return tokenError(response.value());
  std::string problem;
  JsonObject body = parseObject(response->body, &problem);
  if (!body) {
    return sdk::makeError(sdk::ErrorKind::retryable, "POST /connect/token: the body is " + problem);
  }
  Reader r(*body, "token response");
  sdk::TokenSet tokens;
  tokens.access_token = r.str("access_token");
  tokens.refresh_token = r.str("refresh_token");
  tokens.scopes = split(r.str("scope"));
  if (auto seconds = r.decimal("expires_in")) {
    auto ms = std::chrono::milliseconds(seconds->rounded(0).units() * 1000);
    tokens.expires_at = sdk::Timestamp::fromTimePoint(ctx.clock().now() + ms);
  }
  if (!r.error() && tokens.access_token.empty()) r.fail("access_token", "is missing");
  if (r.error()) return *r.error();
  return tokens;
}

sdk::Result<std::vector<sdk::Tenant>> listTenants(sdk::HostContext& ctx, const XeroConfig& config) {
  sdk::HttpRequest request;
  request.url = config.connectionsUrl();
  if (auto token = ctx.secrets().get("access_token")) {
    request.setHeader("Authorization", "Bearer " + *token);
  }
  request.setHeader("Accept", "application/json");
  auto response = ctx.http().send(request);
  if (!response.ok()) return response.error();
  if (auto error = errorFor(response.value(), "GET /connections")) return *error;
  std::vector<sdk::Tenant> tenants;
  try {
    Poco::JSON::Parser parser;
    auto list = parser.parse(response->body).extract<Poco::JSON::Array::Ptr>();
    for (std::size_t i = 0; i < list->size(); ++i) {
      JsonObject element = list->getObject(static_cast<unsigned>(i));
      if (!element) continue;
      Reader r(*element, "connection " + std::to_string(i));
      tenants.push_back({r.str("tenantId"), r.str("tenantName"), r.str("tenantType")});
      if (r.error()) return *r.error();
    }
  } catch (const Poco::Exception& e) {
    return sdk::makeError(sdk::ErrorKind::retryable,
                          "GET /connections: the body is not a JSON array: " + e.message());
  } catch (const std::exception& e) {
    return sdk::makeError(sdk::ErrorKind::retryable,
                          "GET /connections: the body is not a JSON array: " + std::string(e.what()));
  }
  return tenants;
}

}  // namespace accord::plugins::xero
