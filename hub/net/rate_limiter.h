// Paces calls to an app under its limits, per plugin and connection (the tenant the app counts
// against). Limits come from the manifest (sdk::RateLimits); the app's own response headers
// tighten them at run time (other clients using the same tenant, app-wide quotas, Retry-After).
//
// Two rules together keep a steady stream free of 429s:
//  - a sliding log per window (minute, hour, day): a call is admitted only while fewer than
//    `limit` calls fall in the last window length, so no rolling window (and therefore no fixed
//    one) ever sees more than the limit;
//  - even spacing at the shortest window's rate (60/min: one call per second), so a sync that
//    starts with a backlog does not burst and then stall.
// The longer windows only count; spacing them evenly too would slow Xero (5,000/day) to one call
// every 17 seconds when the daily quota exists to absorb bursts.
//
// The limiter never sleeps: acquire() returns a Permit or how long to wait; the caller (or a
// Waiter) waits and asks again.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accord/sdk/host_context.h"
#include "accord/sdk/http.h"
#include "accord/sdk/manifest.h"

namespace accord::net {

struct RateKey {
  std::string plugin;      // "xero"
  std::string connection;  // the tenant or connection the app counts calls against
  std::string label() const { return plugin + "/" + connection; }
  friend auto operator<=>(const RateKey&, const RateKey&) = default;
};

// Response headers the limiter reads; an empty name is not read. A plugin declares its app's in
// the manifest (sdk::RateLimits::headers, built into this by rateHeadersFrom); the defaults
// here, Xero's names and the generic Retry-After, serve plugins that declare none.
struct RateHeaders {
  std::string minute_remaining = "X-MinLimit-Remaining";
  std::string hour_remaining;
  std::string day_remaining = "X-DayLimit-Remaining";
  std::string app_minute_remaining = "X-AppMinLimit-Remaining";  // across all tenants
  std::string retry_after = "Retry-After";
  std::string problem = "X-Rate-Limit-Problem";  // which limit a 429 hit: "minute", "day"
};

// The headers a manifest declares (exactly those: an empty name is not read), or RateHeaders'
// defaults when it declares none.
RateHeaders rateHeadersFrom(const sdk::RateLimits& limits);
RateHeaders rateHeadersFrom(const sdk::Manifest& manifest);

struct RateLimiterOptions {
  RateHeaders headers;
  // All concurrent slots taken: no time is known, so the caller polls at this interval.
  std::chrono::milliseconds concurrency_poll{50};
  // A 429 that does not say how long to wait.
  std::chrono::seconds default_retry_after{60};
};

enum class WaitReason { none, window, concurrency, app_said };
std::string_view toString(WaitReason reason) noexcept;

struct WindowUse {
  std::string name;  // "minute", "hour", "day"
  int used = 0;      // calls in the last window length, including ones the app reported
  int limit = 0;
};

// A snapshot for status displays and reports.
struct RateStatus {
  std::vector<WindowUse> windows;
  int in_flight = 0;
  std::optional<std::chrono::system_clock::time_point> blocked_until;  // the app said wait
  std::string problem;  // the app's last X-Rate-Limit-Problem, cleared by a non-429 response
};

namespace detail {
struct Bucket;
}

// Thread-safe. The limiter and the clock must outlive every call; a Permit may outlive the
// limiter (it shares ownership of its key's state).
class RateLimiter {
 public:
  // A concurrency slot plus one counted call. Move-only; the slot is released when destroyed.
  class Permit {
   public:
    Permit(Permit&&) noexcept = default;
    Permit& operator=(Permit&& other) noexcept;
    Permit(const Permit&) = delete;
    Permit& operator=(const Permit&) = delete;
    ~Permit();

   private:
    friend class RateLimiter;
    explicit Permit(std::shared_ptr<detail::Bucket> bucket) : bucket_(std::move(bucket)) {}
    void release();
    std::shared_ptr<detail::Bucket> bucket_;
  };

  struct Decision {
    std::optional<Permit> permit;    // set: go ahead now
    std::chrono::milliseconds wait{0};  // otherwise: ask again after this long
    WaitReason reason = WaitReason::none;
    bool admitted() const { return permit.has_value(); }
  };

  explicit RateLimiter(const sdk::Clock& clock, RateLimiterOptions options = {});
  ~RateLimiter();

  // Sets (or replaces) the limits for a key; calls already counted stay counted. A key never
  // configured has no limits of its own but still obeys what the app's headers say. The app's
  // rate headers are `headers` when given, else those `limits.headers` declares, else the
  // options' defaults. Typically: setLimits(key, sdk::effectiveLimits(manifest, config)).
  void setLimits(const RateKey& key, const sdk::RateLimits& limits,
                 std::optional<RateHeaders> headers = std::nullopt);

  // Admits one call now or says how long to wait. Never blocks beyond a short lock.
  Decision acquire(const RateKey& key);

  // Reads the app's headers from a response to a call on this key and tightens pacing.
  void observe(const RateKey& key, const sdk::HttpResponse& response);

  RateStatus status(const RateKey& key);

 private:
  std::shared_ptr<detail::Bucket> bucket(const RateKey& key);

  const sdk::Clock& clock_;
  RateLimiterOptions options_;
  std::mutex mutex_;
  std::map<RateKey, std::shared_ptr<detail::Bucket>> buckets_;
};

// "120" (seconds) or an HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT"), relative to now; nullopt
// for anything else. A date in the past is zero.
std::optional<std::chrono::seconds> parseRetryAfter(std::string_view value,
                                                    std::chrono::system_clock::time_point now);

}  // namespace accord::net
