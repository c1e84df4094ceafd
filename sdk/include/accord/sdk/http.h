// HTTP as the host provides it. The hub's implementation adds auth headers, paces calls under
// the manifest's rate limits, records metrics and maps transport failures to error kinds; a
// plugin only builds requests and reads responses.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "accord/sdk/result.h"

namespace accord::sdk {

struct HttpRequest {
  std::string method = "GET";
  std::string url;  // absolute; query already encoded (see http_util.h helpers)
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  void setHeader(const std::string& name, const std::string& value);
};

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names as received
  std::string body;

  // Case-insensitive lookup of the first header with this name.
  std::optional<std::string> header(const std::string& name) const;
};

// Thread-safe; owned by the host; valid for the duration of the call it was passed to.
class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // A response for any HTTP status (4xx/5xx included): the plugin interprets the app's errors.
  // An Error only when there was no response: retryable (timeout, connection refused/reset) or
  // rate_limited when the host's limiter refuses to wait any longer.
  virtual Result<HttpResponse> send(const HttpRequest& request) = 0;
};

}  // namespace accord::sdk
