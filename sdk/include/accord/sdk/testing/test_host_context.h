// Test doubles for plugin authors: a HostContext bundling a FakeClock, a RecordingLogger,
// MapSecrets, a ScriptedHttpClient and a Config, all public so a test can script and inspect
// them. Include this one header to get all of the doubles.
//
//   accord::sdk::testing::TestHostContext ctx(config);
//   ctx.http_client.enqueue(200, "{}");
//   auto page = connector.read(ctx, request);
#pragma once

#include <utility>

#include "accord/sdk/host_context.h"
#include "accord/sdk/testing/fake_clock.h"
#include "accord/sdk/testing/map_secrets.h"
#include "accord/sdk/testing/recording_logger.h"
#include "accord/sdk/testing/scripted_http_client.h"

namespace accord::sdk::testing {

// The members live as long as the context; tests may change them between plugin calls.
class TestHostContext final : public HostContext {
 public:
  TestHostContext() = default;
  explicit TestHostContext(Config config) : config_(std::move(config)) {}

  HttpClient& http() override { return http_client; }
  const Clock& clock() const override { return fake_clock; }
  Logger& log() override { return logger; }
  const Secrets& secrets() const override { return secret_values; }
  const Config& config() const override { return config_; }

  void setConfig(Config config) { config_ = std::move(config); }

  ScriptedHttpClient http_client;
  FakeClock fake_clock;
  RecordingLogger logger;
  MapSecrets secret_values;

 private:
  Config config_;
};

}  // namespace accord::sdk::testing
