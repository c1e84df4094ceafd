// What the hub lends a plugin for the duration of one call. Plugins keep nothing between calls:
// cursors, tokens and sessions live in the hub's store and come back through this context.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "accord/sdk/config.h"
#include "accord/sdk/http.h"

namespace accord::sdk {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point now() const = 0;
};

enum class LogLevel { debug, info, warn, error };

// The hub tags every line with org, connection and run ids; never pass a secret to it.
class Logger {
 public:
  virtual ~Logger() = default;
  virtual void log(LogLevel level, std::string_view message) = 0;
  void debug(std::string_view m) { log(LogLevel::debug, m); }
  void info(std::string_view m) { log(LogLevel::info, m); }
  void warn(std::string_view m) { log(LogLevel::warn, m); }
  void error(std::string_view m) { log(LogLevel::error, m); }
};

// Credentials of this connection, decrypted by the hub only for the call: config options
// declared secret, and the auth state the hub keeps ("access_token", "session_id", ...).
class Secrets {
 public:
  virtual ~Secrets() = default;
  virtual std::optional<std::string> get(std::string_view key) const = 0;
};

// Everything here is owned by the hub and valid only until the plugin call returns; do not
// keep references. The context may be used from the calling thread only.
class HostContext {
 public:
  virtual ~HostContext() = default;
  virtual HttpClient& http() = 0;
  virtual const Clock& clock() const = 0;
  virtual Logger& log() = 0;
  virtual const Secrets& secrets() const = 0;
  virtual const Config& config() const = 0;  // validated, with defaults applied
};

}  // namespace accord::sdk
