// The hub's HTTP client: sdk::HttpClient over Poco, with TLS through NetSSL for https URLs.
// Transport failures become error kinds the scheduler acts on (timeouts and refused or reset
// connections are retryable); any HTTP status is a response for the plugin to interpret.
// Rate limiting, auth injection and metrics wrap this client (decorators), so each stays small.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>

#include "accord/sdk/http.h"

namespace accord::net {

struct HttpClientOptions {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds receive_timeout{60'000};  // per read: a hung server fails, not blocks
  std::size_t max_response_bytes = 64 * 1024 * 1024;  // larger bodies are an error, not OOM
};

// Thread-safe: each send() uses its own session.
class PocoHttpClient final : public sdk::HttpClient {
 public:
  explicit PocoHttpClient(HttpClientOptions options = {});
  sdk::Result<sdk::HttpResponse> send(const sdk::HttpRequest& request) override;
  std::uint64_t calls() const { return calls_.load(); }  // requests sent, for reports

 private:
  HttpClientOptions options_;
  std::atomic<std::uint64_t> calls_{0};
};

}  // namespace accord::net
