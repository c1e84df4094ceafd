#include "sandbox/vtiger/sessions.h"

#include <Poco/DigestEngine.h>
#include <Poco/MD5Engine.h>

namespace accord::sandbox::vtiger {
namespace {
std::int64_t unixSeconds(Clock::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}
}  // namespace

std::string md5Hex(const std::string& text) {
  Poco::MD5Engine md5;
  md5.update(text);
  return Poco::DigestEngine::digestToHex(md5.digest());
}

Sessions::Sessions(const Clock& clock, SessionOptions options)
    : clock_(clock), options_(options), random_(std::random_device{}()) {}

std::string Sessions::randomHex(std::size_t length) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  while (out.size() < length) {
    std::uint64_t bits = random_();
    for (int i = 0; i < 16 && out.size() < length; ++i, bits >>= 4) out += kHex[bits & 0xf];
  }
  return out;
}

Challenge Sessions::challenge(const std::string& user) {
  std::lock_guard lock(mutex_);
  const auto now = clock_.now();
  Token token{randomHex(13), now + options_.token_life};  // uniqid()-like, 13 hex digits
  tokens_[user] = token;
  return {token.value, unixSeconds(now), unixSeconds(token.expires)};
}

WsResult<std::string> Sessions::login(const std::string& user, const std::string& key_hash,
                                      const std::string& access_key) {
  std::lock_guard lock(mutex_);
  const auto now = clock_.now();
  auto it = tokens_.find(user);
  if (it == tokens_.end() || it->second.expires < now) {
    return wsError(code::kInvalidToken, "Specified token is invalid or expired");
  }
  if (md5Hex(it->second.value + access_key) != key_hash) {
    return wsError(code::kInvalidCredentials, "Invalid username or password");
  }
  std::string name = randomHex(26);
  sessions_[name] = Session{user, now, now};
  return name;
}

WsResult<std::string> Sessions::validate(const std::string& session_name) {
  std::lock_guard lock(mutex_);
  const auto now = clock_.now();
  auto it = sessions_.find(session_name);
  if (it != sessions_.end() && (now - it->second.last_used > options_.idle_timeout ||
                                now - it->second.started > options_.max_life)) {
    sessions_.erase(it);
    it = sessions_.end();
  }
  // vtiger reports an expired session the same way as an unknown one.
  if (it == sessions_.end()) {
    return wsError(code::kInvalidSession, "Session Identifier provided is Invalid");
  }
  it->second.last_used = now;
  return it->second.user;
}

bool Sessions::logout(const std::string& session_name) {
  std::lock_guard lock(mutex_);
  return sessions_.erase(session_name) > 0;
}

void Sessions::expire(const std::string& session_name) {
  std::lock_guard lock(mutex_);
  sessions_.erase(session_name);
}

}  // namespace accord::sandbox::vtiger
