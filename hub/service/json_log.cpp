#include "service/json_log.h"

#include <Poco/JSON/Object.h>

#include <ostream>
#include <regex>
#include <sstream>

#include "accord/sdk/timestamp.h"

namespace accord::service {

std::string_view toString(sdk::LogLevel level) noexcept {
  switch (level) {
    case sdk::LogLevel::debug: return "debug";
    case sdk::LogLevel::info: return "info";
    case sdk::LogLevel::warn: return "warn";
    case sdk::LogLevel::error: return "error";
  }
  return "info";
}

JsonLog::JsonLog(std::ostream& out, const sdk::Clock& clock, sdk::LogLevel min)
    : out_(out), clock_(clock), min_(min) {}

void JsonLog::addSecret(std::string value) {
  if (value.size() < 8) return;
  std::lock_guard lock(mutex_);
  secrets_.insert(std::move(value));
}

std::string JsonLog::scrub(std::string_view message) const {
  static const std::regex bearer(R"((Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+)", std::regex::icase);
  static const std::regex keyed(
      R"re(("[A-Za-z_]*(token|secret|password|key)[A-Za-z_]*"\s*:\s*"?|[A-Za-z_]*(token|secret|password|key)[A-Za-z_]*=)[^"&\s,}]+)re",
      std::regex::icase);
  std::string text = std::regex_replace(std::string(message), bearer, "$1 [redacted]");
  text = std::regex_replace(text, keyed, "$1[redacted]");
  std::lock_guard lock(mutex_);
  for (const auto& secret : secrets_) {
    for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
      text.replace(at, secret.size(), "[redacted]");
    }
  }
  return text;
}

void JsonLog::write(sdk::LogLevel level, std::string_view message, const LogFields& fields) {
  if (level < min_) return;
  Poco::JSON::Object line(Poco::JSON_PRESERVE_KEY_ORDER);
  line.set("ts", sdk::Timestamp::fromTimePoint(clock_.now()).toString());
  line.set("level", std::string(toString(level)));
  line.set("msg", scrub(message));
  if (!fields.component.empty()) line.set("component", fields.component);
  if (fields.org) line.set("org", *fields.org);
  if (fields.connection) line.set("connection", *fields.connection);
  if (fields.run) line.set("run", *fields.run);
  std::ostringstream text;
  line.stringify(text);
  std::lock_guard lock(mutex_);
  out_ << text.str() << '\n' << std::flush;
}

}  // namespace accord::service
