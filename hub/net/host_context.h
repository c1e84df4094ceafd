// A plain HostContext assembled from parts: what the CLI, tests and (later) the sync engine
// hand to plugins. Owns only its copy of the config; the other parts must outlive it.
// (Test doubles for the parts: sdk/include/accord/sdk/testing/.)
#pragma once

#include <string>

#include "accord/sdk/host_context.h"

namespace accord::net {

// Writes "level: message" lines to stderr, or discards below a level.
class StderrLogger final : public sdk::Logger {
 public:
  explicit StderrLogger(sdk::LogLevel min = sdk::LogLevel::info) : min_(min) {}
  void log(sdk::LogLevel level, std::string_view message) override;

 private:
  sdk::LogLevel min_;
};

class BasicHostContext final : public sdk::HostContext {
 public:
  BasicHostContext(sdk::HttpClient& http, const sdk::Clock& clock, sdk::Logger& log,
                   const sdk::Secrets& secrets, sdk::Config config)
      : http_(http), clock_(clock), log_(log), secrets_(secrets), config_(std::move(config)) {}

  sdk::HttpClient& http() override { return http_; }
  const sdk::Clock& clock() const override { return clock_; }
  sdk::Logger& log() override { return log_; }
  const sdk::Secrets& secrets() const override { return secrets_; }
  const sdk::Config& config() const override { return config_; }

 private:
  sdk::HttpClient& http_;
  const sdk::Clock& clock_;
  sdk::Logger& log_;
  const sdk::Secrets& secrets_;
  sdk::Config config_;
};

}  // namespace accord::net
