// Points in time with the offset they were written in, and calendar dates.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace accord::sdk {

// An instant plus the UTC offset it was expressed in, so "2024-03-01T10:00:00+11:00" prints
// back exactly as read. Comparison is by instant only. Millisecond precision.
class Timestamp {
 public:
  constexpr Timestamp() = default;
  constexpr Timestamp(std::int64_t epoch_ms, int offset_minutes)
      : epoch_ms_(epoch_ms), offset_minutes_(offset_minutes) {}
  static Timestamp fromTimePoint(std::chrono::system_clock::time_point tp, int offset_minutes = 0);

  // ISO 8601 with an offset or Z: "2024-03-01T10:00:00Z", "...T10:00:00.250+11:00". Also
  // accepts a lowercase "t"/"z", offsets written "+1100" or "+11" (Salesforce writes "+0000"),
  // and 1 to 9 fraction digits (truncated to milliseconds). A time without an offset is
  // refused: it names no instant.
  static std::optional<Timestamp> parse(std::string_view iso8601);
  // ISO 8601 in the value's own offset; fraction (3 digits) only when non-zero; "Z" for
  // offset 0; "+11:00" style otherwise.
  std::string toString() const;

  std::int64_t epochMillis() const noexcept { return epoch_ms_; }
  int offsetMinutes() const noexcept { return offset_minutes_; }
  std::chrono::system_clock::time_point timePoint() const;

  friend bool operator==(const Timestamp& a, const Timestamp& b) noexcept {
    return a.epoch_ms_ == b.epoch_ms_;
  }
  friend auto operator<=>(const Timestamp& a, const Timestamp& b) noexcept {
    return a.epoch_ms_ <=> b.epoch_ms_;
  }

 private:
  std::int64_t epoch_ms_ = 0;
  int offset_minutes_ = 0;
};

// A calendar date with no time of day (invoice dates, due dates, pay periods): "2024-03-01".
struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;
  static std::optional<Date> parse(std::string_view text);  // strict YYYY-MM-DD, valid day.
  std::string toString() const;
  friend auto operator<=>(const Date&, const Date&) = default;
};

}  // namespace accord::sdk
