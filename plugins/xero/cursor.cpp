#include "cursor.h"

#include <charconv>
#include <vector>

namespace accord::plugins::xero {

std::string Cursor::toString() const {
  return "v1:" + std::to_string(since_ms) + ":" + std::to_string(high_ms) + ":" +
         std::to_string(page) + ":" + std::to_string(phase) + ":" +
         std::to_string(journal_offset) + (served > 0 ? ":" + std::to_string(served) : "");
}

std::optional<Cursor> Cursor::parse(const std::string& text) {
  if (text.empty()) return Cursor{};
  if (text.rfind("v1:", 0) != 0) return std::nullopt;
  std::vector<std::int64_t> parts;
  std::size_t pos = 3;
  while (pos <= text.size()) {
    std::size_t end = text.find(':', pos);
    if (end == std::string::npos) end = text.size();
    std::int64_t value = 0;
    auto [ptr, ec] = std::from_chars(text.data() + pos, text.data() + end, value);
    if (ec != std::errc() || ptr != text.data() + end) return std::nullopt;
    parts.push_back(value);
    pos = end + 1;
  }
  if (parts.size() == 5) parts.push_back(0);  // no page cut short
  if (parts.size() != 6 || parts[2] < 1 || parts[3] < 0 || parts[3] > 1 || parts[5] < 0) {
    return std::nullopt;
  }
  return Cursor{parts[0], parts[1], parts[2], static_cast<int>(parts[3]), parts[4], parts[5]};
}

Cursor Cursor::nextPass() const {
  Cursor next = *this;
  next.since_ms = high_ms;
  next.page = 1;
  next.phase = 0;
  next.served = 0;
  return next;
}

}  // namespace accord::plugins::xero
