// The service's logs: one JSON object per line on a stream (stderr; journald keeps it),
//   {"ts":"2024-01-01T00:00:00.123Z","level":"info","msg":"sync ended: succeeded",
//    "component":"scheduler","org":1,"connection":11,"run":42}
// Secrets never reach a log on purpose (messages are built from ids and Error::describe()), and
// as a second line of defence every message is scrubbed: bearer tokens, "token"/"secret"/
// "password"/"key" JSON or form values, and any value registered with addSecret() become
// "[redacted]".
#pragma once

#include <cstdint>
#include <iosfwd>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "accord/sdk/host_context.h"

namespace accord::service {

struct LogFields {
  std::string component;
  std::optional<std::int64_t> org;
  std::optional<std::int64_t> connection;
  std::optional<std::int64_t> run;
};

// Thread-safe; the stream and clock must outlive it.
class JsonLog {
 public:
  JsonLog(std::ostream& out, const sdk::Clock& clock, sdk::LogLevel min = sdk::LogLevel::info);
  void write(sdk::LogLevel level, std::string_view message, const LogFields& fields);
  void addSecret(std::string value);  // values of 8+ characters only (short ones are ambiguous)
  std::string scrub(std::string_view message) const;

 private:
  std::ostream& out_;
  const sdk::Clock& clock_;
  sdk::LogLevel min_;
  mutable std::mutex mutex_;
  std::set<std::string> secrets_;
};

// An sdk::Logger that writes to a JsonLog with fixed fields (what a component or a plugin gets).
class JsonLogger final : public sdk::Logger {
 public:
  JsonLogger(JsonLog& sink, LogFields fields) : sink_(sink), fields_(std::move(fields)) {}
  void log(sdk::LogLevel level, std::string_view message) override {
    sink_.write(level, message, fields_);
  }

 private:
  JsonLog& sink_;
  LogFields fields_;
};

std::string_view toString(sdk::LogLevel level) noexcept;

}  // namespace accord::service
