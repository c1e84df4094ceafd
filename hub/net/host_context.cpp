#include "net/host_context.h"

#include <iostream>

namespace accord::net {

void StderrLogger::log(sdk::LogLevel level, std::string_view message) {
  if (level < min_) return;
  static constexpr const char* kNames[] = {"debug", "info", "warn", "error"};
  std::cerr << kNames[static_cast<int>(level)] << ": " << message << '\n';
}

}  // namespace accord::net
