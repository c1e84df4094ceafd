#include "accord/sdk/http.h"

#include <Poco/String.h>

#include <vector>

namespace accord::sdk {
namespace {
bool sameName(const std::string& a, const std::string& b) { return Poco::icompare(a, b) == 0; }
}  // namespace

// Why replace rather than append: a plugin that sets Content-Type twice means the last one, and
// servers treat duplicated single-valued headers inconsistently.
void HttpRequest::setHeader(const std::string& name, const std::string& value) {
  std::erase_if(headers, [&](const auto& header) { return sameName(header.first, name); });
  headers.emplace_back(name, value);
}

std::optional<std::string> HttpResponse::header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (sameName(key, name)) return value;
  }
  return std::nullopt;
}

}  // namespace accord::sdk
