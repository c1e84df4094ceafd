#include "accord/sdk/result.h"

#include <array>
#include <utility>

namespace accord::sdk {
namespace {
constexpr std::array<std::pair<ErrorKind, std::string_view>, 7> kNames{{
    {ErrorKind::retryable, "retryable"},
    {ErrorKind::rate_limited, "rate_limited"},
    {ErrorKind::auth_expired, "auth_expired"},
    {ErrorKind::invalid_config, "invalid_config"},
    {ErrorKind::not_supported, "not_supported"},
    {ErrorKind::permanent, "permanent"},
    {ErrorKind::plugin_bug, "plugin_bug"},
}};
}  // namespace

std::string_view toString(ErrorKind kind) noexcept {
  for (const auto& [k, name] : kNames) {
    if (k == kind) return name;
  }
  return "unknown";
}

std::optional<ErrorKind> errorKindFromString(std::string_view text) noexcept {
  for (const auto& [k, name] : kNames) {
    if (name == text) return k;
  }
  return std::nullopt;
}

std::string Error::describe() const {
  std::string out{toString(kind)};
  out += ": ";
  out += message;
  if (!field.empty()) out += " [" + field + "]";
  return out;
}

}  // namespace accord::sdk
