// A minimal loopback HTTP client for sandbox tests.
#pragma once

#include <cstdint>
#include <string>

#include "sandbox/common/http.h"

namespace accord::sandbox::testing {

struct HttpResult {
  int status = 0;
  accord::sandbox::Pairs headers;
  std::string body;
  bool failed = false;   // connection error or timeout
  std::string error;
  std::string header(const std::string& name) const;  // "" when absent
};

// One request on a fresh connection to 127.0.0.1:port.
HttpResult send(std::uint16_t port, const std::string& method, const std::string& target,
                const accord::sandbox::Pairs& headers = {}, const std::string& body = {},
                int timeout_ms = 5000);

}  // namespace accord::sandbox::testing
