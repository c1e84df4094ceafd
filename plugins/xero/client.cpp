#include "client.h"

#include <Poco/URI.h>

#include <charconv>

namespace accord::plugins::xero {
namespace {

// Xero's error bodies: {"Message": ...} or {"Detail": ...} or {"Elements":[{"ValidationErrors"..
std::string xeroMessage(const std::string& body) {
  std::string ignored;
  JsonObject parsed = parseObject(body, &ignored);
  if (!parsed) return body.substr(0, 200);
  for (const char* key : {"Message", "Detail", "Title", "message"}) {
    if (parsed->has(key) && parsed->get(key).isString()) {
      return parsed->get(key).extract<std::string>();
    }
  }
  return body.substr(0, 200);
}

std::optional<std::chrono::seconds> retryAfter(const sdk::HttpResponse& response) {
  auto header = response.header("Retry-After");
  if (!header) return std::nullopt;
  long long seconds = 0;
  auto [ptr, ec] = std::from_chars(header->data(), header->data() + header->size(), seconds);
  if (ec != std::errc() || seconds < 0) return std::nullopt;
  return std::chrono::seconds(seconds);
}

}  // namespace

std::string encodeQuery(const Query& query) {
  std::string out;
  for (const auto& [name, value] : query) {
    std::string n, v;
    Poco::URI::encode(name, "&=+?#/ ", n);
    Poco::URI::encode(value, "&=+?#/: ", v);
    out += (out.empty() ? "" : "&") + n + "=" + v;
  }
  return out;
}

std::optional<sdk::Error> errorFor(const sdk::HttpResponse& response, const std::string& what) {
  const int status = response.status;
  if (status >= 200 && status < 300) return std::nullopt;
  std::string prefix = what + ": HTTP " + std::to_string(status) + ": ";
  if (status == 401) {
    return sdk::makeError(sdk::ErrorKind::auth_expired, prefix + "the access token was refused");
  }
  if (status == 403) {
    return sdk::makeError(sdk::ErrorKind::invalid_config,
                          prefix + xeroMessage(response.body) +
                              " (is the tenant still connected, with the scopes asked for?)",
                          kTenantIdKey);
  }
  if (status == 429) {
    auto problem = response.header("X-Rate-Limit-Problem").value_or("minute");
    sdk::Error error = sdk::makeError(sdk::ErrorKind::rate_limited,
                                      prefix + "Xero's " + problem + " limit was reached");
    error.retry_after = retryAfter(response);
    return error;
  }
  if (status >= 500) {
    return sdk::makeError(sdk::ErrorKind::retryable, prefix + xeroMessage(response.body));
  }
  return sdk::makeError(sdk::ErrorKind::permanent, prefix + xeroMessage(response.body));
}

void XeroClient::authorize(sdk::HttpRequest& request) const {
  // The hub's client may add the bearer token itself; when it hands it to us, we add it.
  if (auto token = ctx_.secrets().get("access_token")) {
    request.setHeader("Authorization", "Bearer " + *token);
  }
  request.setHeader("xero-tenant-id", config_.tenant_id);
  request.setHeader("Accept", "application/json");
}

sdk::Result<JsonObject> XeroClient::get(const std::string& path, const Query& query,
                                        const std::optional<sdk::Timestamp>& since) {
  sdk::HttpRequest request;
  request.method = "GET";
  request.url = config_.api_url + "/" + path + (query.empty() ? "" : "?" + encodeQuery(query));
  authorize(request);
  if (since) request.setHeader("If-Modified-Since", httpDate(*since));
  return call(std::move(request), "GET " + path);
}

sdk::Result<JsonObject> XeroClient::send(const std::string& method, const std::string& path,
                                         const Query& query, const std::string& body,
                                         const std::string& idempotency_key) {
  sdk::HttpRequest request;
  request.method = method;
  request.url = config_.api_url + "/" + path + (query.empty() ? "" : "?" + encodeQuery(query));
  request.body = body;
  authorize(request);
  request.setHeader("Content-Type", "application/json");
  if (!idempotency_key.empty()) request.setHeader("Idempotency-Key", idempotency_key);
  return call(std::move(request), method + " " + path);
}

sdk::Result<JsonObject> XeroClient::call(sdk::HttpRequest request, const std::string& what) {
  auto response = ctx_.http().send(request);
  if (!response.ok()) return response.error();
  if (auto error = errorFor(response.value(), what)) return *error;
  std::string problem;
  JsonObject parsed = parseObject(response->body, &problem);
  if (!parsed) {
    // A cut or garbled body is a transport accident: asking again is the cure.
    return sdk::makeError(sdk::ErrorKind::retryable, what + ": the response body is " + problem);
  }
  return parsed;
}

JsonArray envelopeArray(const Poco::JSON::Object& envelope, const std::string& key) {
  if (envelope.has(key) && envelope.isArray(key)) return envelope.getArray(key);
  return new Poco::JSON::Array();
}

}  // namespace accord::plugins::xero
