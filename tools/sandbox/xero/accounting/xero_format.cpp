#include "sandbox/xero/accounting/xero_format.h"

#include <cctype>
#include <cstdio>
#include <regex>

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>

namespace accord::sandbox::xero {
namespace {

constexpr std::int64_t kDayMs = 86400000;

bool readInt(std::string_view text, std::size_t pos, std::size_t len, int& out) {
  if (pos + len > text.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + len; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

std::optional<std::int64_t> parseMsDate(std::string_view text) {
  // /Date(1573755038314+0000)/ ; the offset only says how to display the instant.
  text.remove_prefix(6);
  std::size_t end = text.find_first_of("+-)", 1);
  if (end == std::string_view::npos) return std::nullopt;
  std::int64_t ms = 0;
  bool negative = !text.empty() && text[0] == '-';
  for (std::size_t i = negative ? 1 : 0; i < end; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
    ms = ms * 10 + (text[i] - '0');
  }
  if (text.substr(text.size() - 2) != ")/") return std::nullopt;
  return negative ? -ms : ms;
}

std::optional<std::int64_t> parseIso(std::string_view text) {
  int y, mo, d, h = 0, mi = 0, s = 0;
  if (!readInt(text, 0, 4, y) || text.size() < 10 || text[4] != '-' || !readInt(text, 5, 2, mo) ||
      text[7] != '-' || !readInt(text, 8, 2, d) || mo < 1 || mo > 12 || d < 1 || d > 31) {
    return std::nullopt;
  }
  std::int64_t ms = daysFromCivil(y, mo, d) * kDayMs;
  if (text.size() == 10) return ms;
  if ((text[10] != 'T' && text[10] != ' ') || !readInt(text, 11, 2, h) || text.size() < 16 ||
      text[13] != ':' || !readInt(text, 14, 2, mi)) {
    return std::nullopt;
  }
  std::size_t pos = 16;
  if (pos < text.size() && text[pos] == ':') {
    if (!readInt(text, 17, 2, s)) return std::nullopt;
    pos = 19;
  }
  ms += ((h * 60 + mi) * 60 + s) * 1000LL;
  if (pos < text.size() && text[pos] == '.') {
    int scale = 100;
    for (++pos; pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])); ++pos) {
      ms += (text[pos] - '0') * scale;
      scale /= 10;
    }
  }
  if (pos == text.size() || (text[pos] == 'Z' && pos + 1 == text.size())) return ms;
  int oh, om;
  if ((text[pos] != '+' && text[pos] != '-') || !readInt(text, pos + 1, 2, oh) ||
      !readInt(text, text[pos + 3] == ':' ? pos + 4 : pos + 3, 2, om)) {
    return std::nullopt;
  }
  std::int64_t offset = (oh * 60 + om) * 60000LL;
  return text[pos] == '+' ? ms - offset : ms + offset;
}

}  // namespace

std::int64_t daysFromCivil(int y, int m, int d) {
  // Howard Hinnant's days_from_civil.
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097LL + static_cast<std::int64_t>(doe) - 719468;
}

std::string msDate(std::int64_t epoch_ms, bool with_offset) {
  return "/Date(" + std::to_string(epoch_ms) + (with_offset ? "+0000)/" : ")/");
}

std::string dateString(std::int64_t epoch_ms) {
  Poco::DateTime time(Poco::Timestamp(epoch_ms * 1000));
  return Poco::DateTimeFormatter::format(time, "%Y-%m-%d %H:%M:%S");
}

std::optional<std::int64_t> parseXeroDate(std::string_view text) {
  if (text.rfind("/Date(", 0) == 0) return parseMsDate(text);
  return parseIso(text);
}

std::optional<std::int64_t> parseHttpDate(std::string_view text) {
  if (auto iso = parseIso(text)) return iso;
  // Poco's parser is lenient ("yesterday" parses), so check the RFC 1123 shape first.
  static const std::regex kRfc1123(
      R"(^[A-Za-z]{3}, \d{1,2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} (GMT|UTC|[+-]\d{4})$)");
  if (!std::regex_match(text.begin(), text.end(), kRfc1123)) return std::nullopt;
  Poco::DateTime parsed;
  int tz = 0;
  if (!Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::RFC1123_FORMAT, std::string(text),
                                      parsed, tz)) {
    return std::nullopt;
  }
  return parsed.timestamp().epochMicroseconds() / 1000 - tz * 1000LL;
}

std::int64_t startOfDay(std::int64_t epoch_ms) {
  return epoch_ms - ((epoch_ms % kDayMs) + kDayMs) % kDayMs;
}

std::string toLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool looksLikeGuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

std::string IdGenerator::next() {
  std::uint64_t hi, lo;
  {
    std::lock_guard lock(mutex_);
    hi = engine_();
    lo = engine_();
  }
  hi = (hi & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;
  lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xFFFF), static_cast<unsigned>(hi & 0xFFFF),
                static_cast<unsigned>(lo >> 48),
                static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
  return buf;
}

}  // namespace accord::sandbox::xero
