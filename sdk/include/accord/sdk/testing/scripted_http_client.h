// Test doubles for plugin authors: an HttpClient that answers from a script and records every
// request, so a plugin's HTTP calls are tested without any network.
//
//   ScriptedHttpClient http;
//   http.enqueue(200, R"({"Contacts":[]})");               // answers in order...
//   http.setHandler([](const HttpRequest& r) { ... });      // ...then falls back to a handler
//   ... plugin call ...
//   EXPECT_EQ(http.requests().at(0).url, "https://api.example.com/contacts");
#pragma once

#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "accord/sdk/http.h"

namespace accord::sdk::testing {

// Thread-safe. Scripted answers are consumed first, in order; then the handler answers; with
// neither, send() returns a plugin_bug Error naming the unexpected request, which makes the
// test fail loudly instead of hanging or touching the network.
class ScriptedHttpClient final : public HttpClient {
 public:
  using Handler = std::function<Result<HttpResponse>(const HttpRequest&)>;

  ScriptedHttpClient() = default;
  explicit ScriptedHttpClient(Handler handler) : handler_(std::move(handler)) {}

  void enqueue(Result<HttpResponse> answer) {
    std::lock_guard lock(mutex_);
    script_.push_back(std::move(answer));
  }
  void enqueue(int status, std::string body,
               std::vector<std::pair<std::string, std::string>> headers = {}) {
    enqueue(HttpResponse{status, std::move(headers), std::move(body)});
  }
  // An answer with no response at all (timeout, refused connection).
  void enqueueError(ErrorKind kind, std::string message) {
    enqueue(makeError(kind, std::move(message)));
  }
  void setHandler(Handler handler) {
    std::lock_guard lock(mutex_);
    handler_ = std::move(handler);
  }

  Result<HttpResponse> send(const HttpRequest& request) override {
    Handler handler;
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(request);
      if (!script_.empty()) {
        Result<HttpResponse> answer = std::move(script_.front());
        script_.pop_front();
        return answer;
      }
      handler = handler_;
    }
    if (handler) return handler(request);
    return makeError(ErrorKind::plugin_bug, "ScriptedHttpClient: no answer scripted for " +
                                                request.method + " " + request.url);
  }

  std::vector<HttpRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  std::size_t pending() const {
    std::lock_guard lock(mutex_);
    return script_.size();
  }

 private:
  mutable std::mutex mutex_;
  std::deque<Result<HttpResponse>> script_;
  Handler handler_;
  std::vector<HttpRequest> requests_;
};

}  // namespace accord::sdk::testing
