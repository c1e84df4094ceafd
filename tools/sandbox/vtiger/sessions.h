// getchallenge tokens and webservice sessions on the sandbox clock, as vtiger 7 keeps them:
// a challenge token lives 5 minutes (one per user, a new challenge replaces the old one); a
// session ends after 30 minutes without a call, 1 day after login, or at logout. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>

#include "sandbox/common/clock.h"
#include "sandbox/vtiger/errors.h"

namespace accord::sandbox::vtiger {

struct SessionOptions {
  std::chrono::seconds token_life{300};
  std::chrono::seconds idle_timeout{1800};
  std::chrono::seconds max_life{86400};
};

struct Challenge {
  std::string token;
  std::int64_t server_time = 0;
  std::int64_t expire_time = 0;
};

class Sessions {
 public:
  Sessions(const Clock& clock, SessionOptions options);

  Challenge challenge(const std::string& user);
  // Checks md5(token + access_key) against `key_hash` (hex, as clients send it). On success
  // returns the new sessionName.
  WsResult<std::string> login(const std::string& user, const std::string& key_hash,
                              const std::string& access_key);
  // The session's user, refreshing its idle time; INVALID_SESSIONID when unknown or expired.
  WsResult<std::string> validate(const std::string& session_name);
  bool logout(const std::string& session_name);
  void expire(const std::string& session_name);  // fault injection: "tokens that expire early"

 private:
  struct Session {
    std::string user;
    Clock::TimePoint started;
    Clock::TimePoint last_used;
  };
  struct Token {
    std::string value;
    Clock::TimePoint expires;
  };
  std::string randomHex(std::size_t length);

  const Clock& clock_;
  SessionOptions options_;
  std::mutex mutex_;
  std::map<std::string, Token> tokens_;      // user -> current challenge
  std::map<std::string, Session> sessions_;  // sessionName -> session
  std::mt19937_64 random_;
};

std::string md5Hex(const std::string& text);

}  // namespace accord::sandbox::vtiger
