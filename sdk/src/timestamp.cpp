#include "accord/sdk/timestamp.h"

#include <cstdio>

namespace accord::sdk {
namespace {

using namespace std::chrono;

constexpr std::int64_t kMsPerMinute = 60'000;
constexpr std::int64_t kMsPerDay = 86'400'000;

// Reads exactly `n` digits at `pos`, advancing it; nullopt when any is not a digit.
std::optional<int> digits(std::string_view s, size_t& pos, size_t n) {
  if (pos + n > s.size()) return std::nullopt;
  int value = 0;
  for (size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += n;
  return value;
}

bool expect(std::string_view s, size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

std::optional<Date> parseDateAt(std::string_view s, size_t& pos) {
  const auto y = digits(s, pos, 4);
  if (!y || !expect(s, pos, '-')) return std::nullopt;
  const auto m = digits(s, pos, 2);
  if (!m || !expect(s, pos, '-')) return std::nullopt;
  const auto d = digits(s, pos, 2);
  if (!d) return std::nullopt;
  const year_month_day ymd{year{*y}, month{static_cast<unsigned>(*m)},
                           day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return std::nullopt;
  return Date{*y, *m, *d};
}

std::int64_t daysSinceEpoch(const Date& d) {
  const year_month_day ymd{year{d.year}, month{static_cast<unsigned>(d.month)},
                           day{static_cast<unsigned>(d.day)}};
  return sys_days{ymd}.time_since_epoch().count();
}

// Milliseconds from the fraction digits after '.', truncating below a millisecond.
std::optional<int> parseFraction(std::string_view s, size_t& pos) {
  size_t n = 0;
  int ms = 0;
  while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
    if (n < 3) ms = ms * 10 + (s[pos] - '0');
    ++n;
    ++pos;
  }
  if (n == 0 || n > 9) return std::nullopt;
  for (size_t i = n; i < 3; ++i) ms *= 10;
  return ms;
}

// "Z", "+hh:mm", "+hhmm" or "+hh"; the offset in minutes.
std::optional<int> parseOffset(std::string_view s, size_t& pos) {
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
    return 0;
  }
  if (pos >= s.size() || (s[pos] != '+' && s[pos] != '-')) return std::nullopt;
  const int sign = s[pos++] == '-' ? -1 : 1;
  const auto hh = digits(s, pos, 2);
  if (!hh || *hh > 23) return std::nullopt;
  int mm = 0;
  if (pos < s.size()) {
    expect(s, pos, ':');  // "+hh:mm" and "+hhmm" are both in use
    const auto m = digits(s, pos, 2);
    if (!m || *m > 59) return std::nullopt;
    mm = *m;
  }
  return sign * (*hh * 60 + mm);
}

std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

}  // namespace

Timestamp Timestamp::fromTimePoint(system_clock::time_point tp, int offset_minutes) {
  return Timestamp(floor<milliseconds>(tp.time_since_epoch()).count(), offset_minutes);
}

system_clock::time_point Timestamp::timePoint() const {
  return system_clock::time_point(duration_cast<system_clock::duration>(milliseconds(epoch_ms_)));
}

std::optional<Timestamp> Timestamp::parse(std::string_view s) {
  size_t pos = 0;
  const auto date = parseDateAt(s, pos);
  if (!date || pos >= s.size() || (s[pos] != 'T' && s[pos] != 't')) return std::nullopt;
  ++pos;
  const auto hh = digits(s, pos, 2);
  if (!hh || *hh > 23 || !expect(s, pos, ':')) return std::nullopt;
  const auto mm = digits(s, pos, 2);
  if (!mm || *mm > 59 || !expect(s, pos, ':')) return std::nullopt;
  const auto ss = digits(s, pos, 2);
  if (!ss || *ss > 59) return std::nullopt;
  int ms = 0;
  if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
    ++pos;
    const auto frac = parseFraction(s, pos);
    if (!frac) return std::nullopt;
    ms = *frac;
  }
  const auto offset = parseOffset(s, pos);
  if (!offset || pos != s.size()) return std::nullopt;
  const std::int64_t local_ms =
      daysSinceEpoch(*date) * kMsPerDay + ((*hh * 60 + *mm) * 60 + *ss) * 1000LL + ms;
  return Timestamp(local_ms - *offset * kMsPerMinute, *offset);
}

std::string Timestamp::toString() const {
  const std::int64_t local_ms = epoch_ms_ + offset_minutes_ * kMsPerMinute;
  const std::int64_t days = floorDiv(local_ms, kMsPerDay);
  const std::int64_t in_day = local_ms - days * kMsPerDay;
  const year_month_day ymd{sys_days{std::chrono::days{days}}};
  const int ms = static_cast<int>(in_day % 1000);
  const int secs = static_cast<int>(in_day / 1000);
  char buf[64];
  int n = std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d",
                        static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                        static_cast<unsigned>(ymd.day()), secs / 3600, secs / 60 % 60, secs % 60);
  std::string out(buf, static_cast<size_t>(n));
  if (ms != 0) {
    std::snprintf(buf, sizeof buf, ".%03d", ms);
    out += buf;
  }
  if (offset_minutes_ == 0) return out + "Z";
  const int magnitude = offset_minutes_ < 0 ? -offset_minutes_ : offset_minutes_;
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset_minutes_ < 0 ? '-' : '+', magnitude / 60,
                magnitude % 60);
  return out + buf;
}

std::optional<Date> Date::parse(std::string_view text) {
  size_t pos = 0;
  auto date = parseDateAt(text, pos);
  if (!date || pos != text.size()) return std::nullopt;
  return date;
}

std::string Date::toString() const {
  char buf[32];
  const int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return std::string(buf, static_cast<size_t>(n));
}

}  // namespace accord::sdk
