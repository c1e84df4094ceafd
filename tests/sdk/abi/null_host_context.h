// A HostContext that offers nothing: for calling connectors whose code under test does not use
// the host's services. Shared by the SDK ABI tests and the plugin host tests.
#pragma once

#include "accord/sdk/host_context.h"

namespace accord::sdk::testing {

class NullHostContext final : public HostContext, Clock, Logger, Secrets, HttpClient {
 public:
  HttpClient& http() override { return *this; }
  const Clock& clock() const override { return *this; }
  Logger& log() override { return *this; }
  const Secrets& secrets() const override { return *this; }
  const Config& config() const override { return config_; }
  std::chrono::system_clock::time_point now() const override { return {}; }
  void log(LogLevel, std::string_view) override {}
  std::optional<std::string> get(std::string_view) const override { return std::nullopt; }
  Result<HttpResponse> send(const HttpRequest&) override {
    return makeError(ErrorKind::not_supported, "no HTTP in a NullHostContext");
  }

 private:
  Config config_;
};

}  // namespace accord::sdk::testing
