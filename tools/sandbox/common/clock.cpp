#include "sandbox/common/clock.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

namespace accord::sandbox {

ManualClock::ManualClock(TimePoint start) : now_(start) {}

Clock::TimePoint ManualClock::now() const {
  std::lock_guard lock(mutex_);
  return now_;
}

void ManualClock::set(TimePoint time) {
  std::lock_guard lock(mutex_);
  now_ = time;
}

void ManualClock::advance(std::chrono::system_clock::duration delta) {
  std::lock_guard lock(mutex_);
  now_ += delta;
}

ScaledClock::ScaledClock(double scale, TimePoint origin)
    : scale_(scale), origin_(origin), start_(std::chrono::steady_clock::now()) {}

Clock::TimePoint ScaledClock::now() const {
  // Why steady_clock: a wall-clock jump must not make sandbox time run backwards.
  auto real = std::chrono::steady_clock::now() - start_;
  auto scaled = std::chrono::duration<double, std::micro>(real) * scale_;
  return origin_ + std::chrono::duration_cast<std::chrono::system_clock::duration>(scaled);
}

std::string formatIsoUtc(Clock::TimePoint time, bool with_millis, bool with_zone) {
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(time.time_since_epoch());
  Poco::DateTime date{Poco::Timestamp(micros.count())};
  std::string format = with_millis ? "%Y-%m-%dT%H:%M:%S.%i" : "%Y-%m-%dT%H:%M:%S";
  if (with_zone) format += "Z";
  return Poco::DateTimeFormatter::format(date, format);
}

}  // namespace accord::sandbox
