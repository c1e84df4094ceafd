// Xero's HTTP API as the plugin uses it: requests built with the tenant, token and JSON headers,
// and responses turned into parsed envelopes or errors of the kind the hub acts on. Holds
// references for one plugin call only.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "accord/sdk/host_context.h"
#include "accord/sdk/timestamp.h"
#include "config.h"
#include "json_util.h"

namespace accord::plugins::xero {

using Query = std::vector<std::pair<std::string, std::string>>;

// "a=1&b=x%20y", each name and value percent-encoded.
std::string encodeQuery(const Query& query);

// The Error a response stands for, or nullopt for 2xx: 401 auth_expired, 403 invalid_config
// (tenant disconnected or scope missing), 429 rate_limited with Retry-After, 5xx retryable,
// other 4xx permanent with Xero's own message. `what` names the call ("GET Contacts").
std::optional<sdk::Error> errorFor(const sdk::HttpResponse& response, const std::string& what);

class XeroClient {
 public:
  XeroClient(sdk::HostContext& ctx, XeroConfig config) : ctx_(ctx), config_(std::move(config)) {}

  // GET <api>/<path>?query; If-Modified-Since when `since` is set.
  sdk::Result<JsonObject> get(const std::string& path, const Query& query,
                              const std::optional<sdk::Timestamp>& since = std::nullopt);
  // POST or PUT a JSON body; the Idempotency-Key makes a retried call a no-op at Xero.
  sdk::Result<JsonObject> send(const std::string& method, const std::string& path,
                               const Query& query, const std::string& body,
                               const std::string& idempotency_key);

  const XeroConfig& config() const { return config_; }

 private:
  sdk::Result<JsonObject> call(sdk::HttpRequest request, const std::string& what);
  void authorize(sdk::HttpRequest& request) const;

  sdk::HostContext& ctx_;
  XeroConfig config_;
};

// The array an envelope carries under `key` ({"Contacts":[...]}); empty when absent.
JsonArray envelopeArray(const Poco::JSON::Object& envelope, const std::string& key);

}  // namespace accord::plugins::xero
