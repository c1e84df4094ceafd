// Test doubles for plugin authors: a Logger that keeps every line, so a test can assert what a
// plugin said (and, as important, that it never logged a secret).
#pragma once

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "accord/sdk/host_context.h"

namespace accord::sdk::testing {

struct LogLine {
  LogLevel level = LogLevel::info;
  std::string message;
};

// Thread-safe; lines() returns a copy.
class RecordingLogger final : public Logger {
 public:
  void log(LogLevel level, std::string_view message) override {
    std::lock_guard lock(mutex_);
    lines_.push_back(LogLine{level, std::string(message)});
  }

  std::vector<LogLine> lines() const {
    std::lock_guard lock(mutex_);
    return lines_;
  }

  // True when any line contains needle: `EXPECT_FALSE(log.contains(token))`.
  bool contains(std::string_view needle) const {
    std::lock_guard lock(mutex_);
    for (const auto& line : lines_) {
      if (line.message.find(needle) != std::string::npos) return true;
    }
    return false;
  }

  void clear() {
    std::lock_guard lock(mutex_);
    lines_.clear();
  }

 private:
  mutable std::mutex mutex_;
  std::vector<LogLine> lines_;
};

}  // namespace accord::sdk::testing
