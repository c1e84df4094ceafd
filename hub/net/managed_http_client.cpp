#include "net/managed_http_client.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <utility>

namespace accord::net {
namespace {

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// Whether we should put our bearer token on this request: none set, or a Bearer one.
bool wantsBearer(const sdk::HttpRequest& request) {
  for (const auto& [name, value] : request.headers) {
    if (!equalsIgnoreCase(name, "Authorization")) continue;
    return value.size() >= 7 && equalsIgnoreCase(std::string_view(value).substr(0, 7), "Bearer ");
  }
  return true;
}

}  // namespace

ManagedHttpClient::ManagedHttpClient(sdk::HttpClient& inner, RateLimiter& limiter, RateKey key,
                                     Waiter& waiter, TokenManager* tokens,
                                     ManagedHttpOptions options)
    : inner_(inner),
      limiter_(limiter),
      key_(std::move(key)),
      waiter_(waiter),
      tokens_(tokens),
      options_(options) {}

sdk::Result<RateLimiter::Permit> ManagedHttpClient::admit() {
  std::chrono::milliseconds waited{0};
  for (;;) {
    auto decision = limiter_.acquire(key_);
    if (decision.admitted()) return std::move(*decision.permit);
    if (waited + decision.wait > options_.max_wait) {
      ++refused_;
      sdk::Error error = sdk::makeError(
          sdk::ErrorKind::rate_limited,
          key_.label() + ": rate limit (" + std::string(toString(decision.reason)) +
              ") needs a wait of " + std::to_string(decision.wait.count()) +
              " ms, longer than the client waits");
      error.retry_after = std::chrono::ceil<std::chrono::seconds>(decision.wait);
      return error;
    }
    ++waits_;
    waited_ms_ += decision.wait.count();
    waited += decision.wait;
    waiter_.wait(decision.wait);
  }
}

sdk::Result<sdk::HttpResponse> ManagedHttpClient::attempt(const sdk::HttpRequest& request,
                                                          std::string& token) {
  token.clear();
  sdk::HttpRequest out = request;
  if (tokens_ && wantsBearer(request)) {
    auto access = tokens_->accessToken();
    if (!access.ok()) return access.error();
    token = std::move(access).value();
    out.setHeader("Authorization", "Bearer " + token);
  }
  auto permit = admit();
  if (!permit.ok()) return permit.error();
  ++sent_;
  auto response = inner_.send(out);
  if (!response.ok()) {
    ++transport_errors_;
    return response;
  }
  limiter_.observe(key_, response.value());
  if (response->status == 429) ++throttled_;
  return response;
}

sdk::Result<sdk::HttpResponse> ManagedHttpClient::send(const sdk::HttpRequest& request) {
  ++requests_;
  std::string token;
  auto response = attempt(request, token);
  if (!response.ok() || response->status != 401 || token.empty()) return response;
  // The app refused our token: refresh once (or take the one another caller just got) and
  // send once more. A second 401 goes back to the plugin as it is.
  auto fresh = tokens_->forceRefresh(token);
  if (!fresh.ok()) return fresh.error();
  ++auth_retries_;
  return attempt(request, token);
}

HttpMetrics ManagedHttpClient::metrics() const {
  HttpMetrics m;
  m.requests = requests_.load();
  m.sent = sent_.load();
  m.throttled = throttled_.load();
  m.waits = waits_.load();
  m.waited = std::chrono::milliseconds{waited_ms_.load()};
  m.refused = refused_.load();
  m.auth_retries = auth_retries_.load();
  m.transport_errors = transport_errors_.load();
  return m;
}

}  // namespace accord::net
