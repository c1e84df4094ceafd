// The single-flight core that TokenManager (OAuth2) and SessionManager (session login) share:
// one credential per connection, renewed by a supplied function, persisted by another before
// anyone may use it, and never renewed twice at once.
//
// Why persist comes before use: refresh tokens are single use (Xero). Once the app has answered
// a refresh, the old refresh token is dead; if the new one were used but not stored and the hub
// then stopped, the connection could never refresh again. So a renewed credential becomes
// current only after persist succeeds. When persist fails, the renewed credential is kept aside
// (not used) and the next renewal retries persisting it instead of asking the app again, whose
// answer to the spent token would be a refusal.
//
// A renewal the app refuses for good (auth_expired: the refresh token was revoked or spent;
// invalid_config: wrong credentials) is sticky: every later get() returns that error without
// asking the app again (a spent refresh token, or a login that could lock the account), until
// replace() installs a credential a human obtained.
//
// The remaining hole: a crash after the app answered and before persist finished loses the new
// credential; for OAuth2 the connection then needs re-authorising. The window is one local
// store write long.
#pragma once

#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <condition_variable>
#include <string>
#include <utility>

#include "accord/sdk/result.h"

namespace accord::net {

// Thread-safe. Renew and persist run on the calling thread without the lock held; callers
// that arrive meanwhile wait for that one renewal and share its outcome (value or error).
// Renew and persist must not call back into the same cache (that would wait for itself).
template <typename T>
class CredentialCache {
 public:
  using Renew = std::function<sdk::Result<T>(const T& current)>;
  using Persist = std::function<sdk::Result<void>(const T& renewed)>;
  using Stale = std::function<bool(const T& current)>;

  CredentialCache(T initial, Renew renew, Persist persist)
      : current_(std::move(initial)), renew_(std::move(renew)), persist_(std::move(persist)) {}

  // The current credential unless `stale` says it is unusable; then the outcome of one renewal
  // (this caller's, or the one in flight when it arrived).
  sdk::Result<T> get(const Stale& stale) {
    std::unique_lock lock(mutex_);
    for (;;) {
      if (refused_) return *refused_;
      if (!in_flight_) {
        if (!stale(current_)) return current_;
        break;
      }
      const std::uint64_t awaited = started_;
      done_.wait(lock, [&] { return finished_ >= awaited; });
      if (failed_ == awaited && last_error_) return *last_error_;
    }
    const std::uint64_t flight = ++started_;
    in_flight_ = true;
    T base = current_;
    std::optional<T> pending = std::move(pending_);
    pending_.reset();
    lock.unlock();

    std::optional<T> renewed;
    sdk::Result<void> outcome = renewAndPersist(base, pending, renewed);

    lock.lock();
    in_flight_ = false;
    finished_ = flight;
    if (outcome.ok()) {
      current_ = *renewed;
      last_error_.reset();
    } else {
      if (!renewed && isFinal(outcome.error().kind)) refused_ = outcome.error();
      pending_ = std::move(renewed);  // set only when persist was what failed
      failed_ = flight;
      last_error_ = outcome.error();
    }
    done_.notify_all();
    if (!outcome.ok()) return outcome.error();
    return current_;
  }

  // Installs a new credential (after re-authorisation) and forgets a sticky refusal and any
  // unpersisted renewal. Waits for a renewal in flight to finish first.
  void replace(T credential) {
    std::unique_lock lock(mutex_);
    done_.wait(lock, [&] { return !in_flight_; });
    current_ = std::move(credential);
    pending_.reset();
    refused_.reset();
  }

  T current() const {
    std::lock_guard lock(mutex_);
    return current_;
  }

  // True when a renewed credential awaits a successful persist.
  bool hasUnpersisted() const {
    std::lock_guard lock(mutex_);
    return pending_.has_value();
  }

 private:
  static bool isFinal(sdk::ErrorKind kind) {
    return kind == sdk::ErrorKind::auth_expired || kind == sdk::ErrorKind::invalid_config;
  }

  // Leaves `renewed` set when renewal succeeded (whether or not persist did).
  sdk::Result<void> renewAndPersist(const T& base, std::optional<T> pending,
                                    std::optional<T>& renewed) {
    try {
      if (pending) {
        renewed = std::move(pending);
      } else {
        auto fresh = renew_(base);
        if (!fresh.ok()) return fresh.error();
        renewed = std::move(fresh).value();
      }
      if (!persist_) return {};
      auto saved = persist_(*renewed);
      if (!saved.ok()) {
        sdk::Error error = saved.error();
        error.message = "the renewed credential was not saved, so it is not used: " + error.message;
        return error;
      }
      return {};
    } catch (const std::exception& e) {
      // A throwing callback must not leave the flight open forever with everyone waiting.
      return sdk::makeError(sdk::ErrorKind::plugin_bug,
                            std::string("credential renewal threw: ") + e.what());
    }
  }

  mutable std::mutex mutex_;
  std::condition_variable done_;
  T current_;
  std::optional<T> pending_;
  Renew renew_;
  Persist persist_;
  bool in_flight_ = false;
  std::uint64_t started_ = 0;
  std::uint64_t finished_ = 0;
  std::uint64_t failed_ = 0;
  std::optional<sdk::Error> last_error_;
  std::optional<sdk::Error> refused_;  // the app refused renewal for good; see replace()
};

}  // namespace accord::net
