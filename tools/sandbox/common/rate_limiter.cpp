#include "sandbox/common/rate_limiter.h"

namespace accord::sandbox {

std::uint64_t RateDecision::remainingIn(std::string_view window) const {
  for (const auto& [name, left] : remaining) {
    if (name == window) return left;
  }
  return 0;
}

RateLimiter::RateLimiter(const Clock& clock, RateLimits limits)
    : clock_(clock), limits_(std::move(limits)) {}

RateDecision RateLimiter::evaluate(KeyState& state, Clock::TimePoint now) const {
  if (state.windows.size() != limits_.windows.size()) state.windows.resize(limits_.windows.size());
  RateDecision decision;
  for (std::size_t i = 0; i < limits_.windows.size(); ++i) {
    const RateWindow& limit = limits_.windows[i];
    Window& window = state.windows[i];
    if (window.used == 0 || now >= window.start + limit.length || now < window.start) {
      window.start = now;  // a fresh window starts with its first call
      window.used = 0;
    }
    std::uint64_t left = limit.limit > window.used ? limit.limit - window.used : 0;
    decision.remaining.emplace_back(limit.name, left);
    if (left == 0 && decision.allowed) {
      decision.allowed = false;
      decision.problem = limit.name;
      auto wait = window.start + limit.length - now;
      auto seconds = std::chrono::ceil<std::chrono::seconds>(wait);
      decision.retry_after = seconds.count() < 1 ? std::chrono::seconds{1} : seconds;
    }
  }
  if (decision.allowed && limits_.concurrent > 0 && state.in_flight >= limits_.concurrent) {
    decision.allowed = false;
    decision.problem = "concurrent";
    decision.retry_after = std::chrono::seconds{1};
  }
  return decision;
}

RateDecision RateLimiter::check(const std::string& key) {
  Clock::TimePoint now = clock_.now();
  std::lock_guard lock(mutex_);
  KeyState& state = keys_[key];
  RateDecision decision = evaluate(state, now);
  if (!decision.allowed) return decision;
  for (std::size_t i = 0; i < state.windows.size(); ++i) {
    ++state.windows[i].used;
    --decision.remaining[i].second;
  }
  if (limits_.concurrent > 0) ++state.in_flight;
  return decision;
}

void RateLimiter::release(const std::string& key) {
  if (limits_.concurrent == 0) return;
  std::lock_guard lock(mutex_);
  auto found = keys_.find(key);
  if (found != keys_.end() && found->second.in_flight > 0) --found->second.in_flight;
}

RateDecision RateLimiter::peek(const std::string& key) const {
  Clock::TimePoint now = clock_.now();
  std::lock_guard lock(mutex_);
  auto found = keys_.find(key);
  KeyState copy = found != keys_.end() ? found->second : KeyState{};
  return evaluate(copy, now);
}

void RateLimiter::reset() {
  std::lock_guard lock(mutex_);
  keys_.clear();
}

}  // namespace accord::sandbox
