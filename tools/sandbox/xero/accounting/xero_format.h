// Xero's wire formats: "/Date(1573755038314+0000)/" dates, the date inputs Xero accepts, and
// server-assigned GUIDs that are deterministic from a seed so runs are reproducible.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>

namespace accord::sandbox::xero {

// "/Date(1573755038314+0000)/" (records) or "/Date(1573755038314)/" (envelope DateTimeUTC).
std::string msDate(std::int64_t epoch_ms, bool with_offset = true);
// "2019-03-11 00:00:00": the DateString Xero returns next to Date (as in the spec examples).
std::string dateString(std::int64_t epoch_ms);
// Epoch ms of what a client may send as a date: "2019-03-11", "2019-03-11T10:20:30[.fff]",
// with or without "Z"/offset, or "/Date(ms[+hhmm])/". nullopt for anything else.
std::optional<std::int64_t> parseXeroDate(std::string_view text);
// The If-Modified-Since header: RFC 1123 ("Sun, 06 Nov 1994 08:49:37 GMT") or ISO 8601.
std::optional<std::int64_t> parseHttpDate(std::string_view text);
// Midnight UTC of the calendar day of epoch_ms.
std::int64_t startOfDay(std::int64_t epoch_ms);
std::int64_t daysFromCivil(int year, int month, int day);

std::string toLower(std::string_view text);
bool looksLikeGuid(std::string_view text);
inline constexpr std::string_view kEmptyGuid = "00000000-0000-0000-0000-000000000000";

// Version-4-shaped GUIDs from a seeded generator. Thread-safe.
class IdGenerator {
 public:
  explicit IdGenerator(std::uint64_t seed) : engine_(seed) {}
  std::string next();

 private:
  std::mutex mutex_;
  std::mt19937_64 engine_;
};

}  // namespace accord::sandbox::xero
