#include "net/rate_limiter.h"

#include <algorithm>
#include <charconv>
#include <deque>

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Exception.h>

namespace accord::net {

using Clock = std::chrono::system_clock;
using std::chrono::milliseconds;

namespace detail {

struct Window {
  std::string name;
  milliseconds length{0};
  int limit = 0;
  std::deque<Clock::time_point> calls;  // oldest first; at most `limit` entries

  // A call at `t` counts while t > now - length.
  void prune(Clock::time_point now) {
    while (!calls.empty() && calls.front() <= now - length) calls.pop_front();
  }
};

struct Bucket {
  std::mutex mutex;
  std::vector<Window> windows;  // shortest first
  milliseconds interval{0};     // even spacing at the shortest window's rate
  Clock::time_point next_free{};
  Clock::time_point blocked_until{};
  std::optional<int> concurrent;
  int in_flight = 0;
  std::string problem;
  std::optional<RateHeaders> headers;  // this app's, when not the limiter's defaults

  Window* window(std::string_view name) {
    for (auto& w : windows) {
      if (w.name == name) return &w;
    }
    return nullptr;
  }
};

}  // namespace detail

namespace {

using detail::Bucket;
using detail::Window;

constexpr milliseconds kMinute{60'000};
constexpr milliseconds kHour{3'600'000};
constexpr milliseconds kDay{86'400'000};

std::optional<int> parseCount(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  int value = 0;
  const char* end = text->data() + text->size();
  auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (ec != std::errc() || ptr != end || value < 0) return std::nullopt;
  return value;
}

std::optional<std::string> headerIfNamed(const sdk::HttpResponse& response,
                                         const std::string& name) {
  if (name.empty()) return std::nullopt;
  return response.header(name);
}

// The app says it has `remaining` calls left in this window; when it knows of calls we did not
// make (another client on the tenant), count them as made now so our log agrees with the app.
void alignWindow(Window& window, int remaining, Clock::time_point now) {
  window.prune(now);
  const int ours = window.limit - static_cast<int>(window.calls.size());
  for (int i = remaining; i < ours; ++i) window.calls.push_back(now);
}

milliseconds untilTime(Clock::time_point when, Clock::time_point now) {
  return std::chrono::ceil<milliseconds>(when - now);
}

}  // namespace

RateHeaders rateHeadersFrom(const sdk::RateLimits& limits) {
  if (!limits.headers) return RateHeaders{};
  const sdk::RateHeaderNames& h = *limits.headers;
  return RateHeaders{h.minute_remaining,     h.hour_remaining, h.day_remaining,
                     h.app_minute_remaining, h.retry_after,    h.problem};
}

RateHeaders rateHeadersFrom(const sdk::Manifest& manifest) {
  return rateHeadersFrom(manifest.limits);
}

std::string_view toString(WaitReason reason) noexcept {
  switch (reason) {
    case WaitReason::none: return "none";
    case WaitReason::window: return "window";
    case WaitReason::concurrency: return "concurrency";
    case WaitReason::app_said: return "app_said";
  }
  return "none";
}

RateLimiter::Permit& RateLimiter::Permit::operator=(Permit&& other) noexcept {
  if (this != &other) {
    release();
    bucket_ = std::move(other.bucket_);
  }
  return *this;
}

RateLimiter::Permit::~Permit() { release(); }

void RateLimiter::Permit::release() {
  if (!bucket_) return;
  std::lock_guard lock(bucket_->mutex);
  --bucket_->in_flight;
  bucket_.reset();
}

RateLimiter::RateLimiter(const sdk::Clock& clock, RateLimiterOptions options)
    : clock_(clock), options_(std::move(options)) {}

RateLimiter::~RateLimiter() = default;

std::shared_ptr<Bucket> RateLimiter::bucket(const RateKey& key) {
  std::lock_guard lock(mutex_);
  auto& slot = buckets_[key];
  if (!slot) slot = std::make_shared<Bucket>();
  return slot;
}

void RateLimiter::setLimits(const RateKey& key, const sdk::RateLimits& limits,
                            std::optional<RateHeaders> headers) {
  auto b = bucket(key);
  std::lock_guard lock(b->mutex);
  std::vector<Window> windows;
  auto add = [&](const char* name, milliseconds length, const std::optional<int>& limit) {
    if (!limit || *limit <= 0) return;
    Window w{name, length, *limit, {}};
    if (const Window* old = b->window(name)) w.calls = old->calls;
    while (static_cast<int>(w.calls.size()) > w.limit) w.calls.pop_front();
    windows.push_back(std::move(w));
  };
  add("minute", kMinute, limits.per_minute);
  add("hour", kHour, limits.per_hour);
  add("day", kDay, limits.per_day);
  b->windows = std::move(windows);
  b->interval = milliseconds{0};
  if (!b->windows.empty()) {  // rounded up: never faster than the limit
    const Window& shortest = b->windows.front();
    b->interval = milliseconds{(shortest.length.count() + shortest.limit - 1) / shortest.limit};
  }
  b->concurrent = limits.concurrent;
  if (!headers && limits.headers) headers = rateHeadersFrom(limits);
  b->headers = std::move(headers);
}

RateLimiter::Decision RateLimiter::acquire(const RateKey& key) {
  auto b = bucket(key);
  std::lock_guard lock(b->mutex);
  const auto now = clock_.now();
  Decision decision;
  auto need = [&](milliseconds wait, WaitReason reason) {
    if (wait > decision.wait) {
      decision.wait = wait;
      decision.reason = reason;
    }
  };
  // The clamps keep a wall clock stepped backwards from turning into a wait longer than any
  // window or interval could need.
  if (b->blocked_until > now) need(untilTime(b->blocked_until, now), WaitReason::app_said);
  for (auto& w : b->windows) {
    w.prune(now);
    if (static_cast<int>(w.calls.size()) >= w.limit) {
      need(std::min(untilTime(w.calls.front() + w.length, now), w.length), WaitReason::window);
    }
  }
  if (b->next_free > now) {
    need(std::min(untilTime(b->next_free, now), b->interval), WaitReason::window);
  }
  if (b->concurrent && b->in_flight >= *b->concurrent) {
    need(options_.concurrency_poll, WaitReason::concurrency);
  }
  if (decision.wait.count() > 0) return decision;

  for (auto& w : b->windows) w.calls.push_back(now);
  b->next_free = now + b->interval;
  ++b->in_flight;
  decision.permit.emplace(Permit(b));
  return decision;
}

void RateLimiter::observe(const RateKey& key, const sdk::HttpResponse& response) {
  auto b = bucket(key);
  std::lock_guard lock(b->mutex);
  const auto now = clock_.now();
  const RateHeaders& h = b->headers ? *b->headers : options_.headers;
  const std::pair<const std::string*, const char*> remaining[] = {
      {&h.minute_remaining, "minute"}, {&h.hour_remaining, "hour"}, {&h.day_remaining, "day"}};
  for (const auto& [name, window] : remaining) {
    auto left = parseCount(headerIfNamed(response, *name));
    if (!left) continue;
    if (Window* w = b->window(window)) alignWindow(*w, *left, now);
  }
  // The app-wide quota is shared with other tenants we cannot see: when it is spent, hold this
  // key for a minute, the span that quota is counted over.
  if (parseCount(headerIfNamed(response, h.app_minute_remaining)) == 0) {
    b->blocked_until = std::max(b->blocked_until, now + kMinute);
  }
  const bool throttled = response.status == 429;
  std::optional<std::chrono::seconds> after;
  if (auto text = headerIfNamed(response, h.retry_after)) after = parseRetryAfter(*text, now);
  if (throttled && !after) after = options_.default_retry_after;
  if (after && (throttled || response.status == 503)) {
    b->blocked_until = std::max(b->blocked_until, now + *after);
  }
  if (throttled) {
    b->problem = headerIfNamed(response, h.problem).value_or("unspecified");
  } else {
    b->problem.clear();
  }
}

RateStatus RateLimiter::status(const RateKey& key) {
  auto b = bucket(key);
  std::lock_guard lock(b->mutex);
  const auto now = clock_.now();
  RateStatus status;
  for (auto& w : b->windows) {
    w.prune(now);
    status.windows.push_back(WindowUse{w.name, static_cast<int>(w.calls.size()), w.limit});
  }
  status.in_flight = b->in_flight;
  if (b->blocked_until > now) status.blocked_until = b->blocked_until;
  status.problem = b->problem;
  return status;
}

std::optional<std::chrono::seconds> parseRetryAfter(std::string_view value,
                                                    std::chrono::system_clock::time_point now) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  long long seconds = 0;
  auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec == std::errc() && ptr == value.data() + value.size()) {
    if (seconds < 0) return std::nullopt;
    return std::chrono::seconds(seconds);
  }
  try {
    int tz = 0;  // IMF-fixdate is always GMT
    Poco::DateTime when =
        Poco::DateTimeParser::parse(Poco::DateTimeFormat::HTTP_FORMAT, std::string(value), tz);
    // Poco's parser accepts nearly anything; only an IMF-fixdate (what RFC 9110 has senders
    // write) that formats back to itself counts as a date.
    if (tz != 0 ||
        Poco::DateTimeFormatter::format(when, Poco::DateTimeFormat::HTTP_FORMAT) != value) {
      return std::nullopt;
    }
    const auto at =
        Clock::time_point(std::chrono::microseconds(when.timestamp().epochMicroseconds()));
    if (at <= now) return std::chrono::seconds(0);
    return std::chrono::ceil<std::chrono::seconds>(at - now);
  } catch (const Poco::Exception&) {
    return std::nullopt;
  }
}

}  // namespace accord::net
