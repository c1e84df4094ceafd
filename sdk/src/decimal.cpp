#include "accord/sdk/decimal.h"

#include <limits>

namespace accord::sdk {
namespace {

using Wide = __int128;

constexpr Wide kInt64Min = std::numeric_limits<std::int64_t>::min();
constexpr Wide kInt64Max = std::numeric_limits<std::int64_t>::max();

Wide pow10(int n) {
  Wide p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

bool fits(Wide v) { return v >= kInt64Min && v <= kInt64Max; }

// Divides by 10^digits, rounding half away from zero.
Wide divRoundHalfAway(Wide v, int digits) {
  const Wide d = pow10(digits);
  Wide q = v / d;
  const Wide r = v % d;  // same sign as v
  if (r * 2 >= d) ++q;
  if (r * 2 <= -d) --q;
  return q;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<Decimal> Decimal::parse(std::string_view text) {
  bool negative = false;
  if (!text.empty() && text.front() == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  const auto dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view frac =
      dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if (whole.empty() || (dot != std::string_view::npos && frac.empty())) return std::nullopt;
  if (whole.size() > 1 && whole.front() == '0') return std::nullopt;
  if (frac.size() > static_cast<size_t>(kMaxScale)) return std::nullopt;
  Wide units = 0;
  for (std::string_view part : {whole, frac}) {
    for (char c : part) {
      if (!isDigit(c)) return std::nullopt;
      units = units * 10 + (c - '0');
      if (units > kInt64Max + 1) return std::nullopt;  // +1: the magnitude of INT64_MIN
    }
  }
  if (negative) units = -units;
  if (!fits(units)) return std::nullopt;
  return Decimal(static_cast<std::int64_t>(units), static_cast<int>(frac.size()));
}

std::string Decimal::toString() const {
  Wide magnitude = units_;
  const bool negative = magnitude < 0;
  if (negative) magnitude = -magnitude;
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  } while (magnitude > 0);
  if (static_cast<int>(digits.size()) <= scale_) {
    digits.insert(0, static_cast<size_t>(scale_ - static_cast<int>(digits.size()) + 1), '0');
  }
  if (scale_ > 0) digits.insert(digits.size() - static_cast<size_t>(scale_), 1, '.');
  return negative ? "-" + digits : digits;
}

std::optional<Decimal> Decimal::add(const Decimal& a, const Decimal& b) {
  const int scale = a.scale_ > b.scale_ ? a.scale_ : b.scale_;
  const Wide sum =
      Wide{a.units_} * pow10(scale - a.scale_) + Wide{b.units_} * pow10(scale - b.scale_);
  if (!fits(sum)) return std::nullopt;
  return Decimal(static_cast<std::int64_t>(sum), scale);
}

std::optional<Decimal> Decimal::subtract(const Decimal& a, const Decimal& b) {
  if (b.units_ == std::numeric_limits<std::int64_t>::min()) {
    // -b does not fit; go through the wide sum directly.
    const int scale = a.scale_ > b.scale_ ? a.scale_ : b.scale_;
    const Wide diff =
        Wide{a.units_} * pow10(scale - a.scale_) - Wide{b.units_} * pow10(scale - b.scale_);
    if (!fits(diff)) return std::nullopt;
    return Decimal(static_cast<std::int64_t>(diff), scale);
  }
  return add(a, Decimal(-b.units_, b.scale_));
}

std::optional<Decimal> Decimal::multiply(const Decimal& a, const Decimal& b) {
  Wide product = Wide{a.units_} * Wide{b.units_};  // |product| < 2^126: cannot overflow
  int scale = a.scale_ + b.scale_;
  if (scale > kMaxScale) {
    product = divRoundHalfAway(product, scale - kMaxScale);
    scale = kMaxScale;
  }
  if (!fits(product)) return std::nullopt;
  return Decimal(static_cast<std::int64_t>(product), scale);
}

Decimal Decimal::rounded(int scale) const {
  if (scale < 0) scale = 0;
  if (scale > kMaxScale) scale = kMaxScale;
  if (scale == scale_) return *this;
  if (scale > scale_) {
    const Wide widened = Wide{units_} * pow10(scale - scale_);
    return fits(widened) ? Decimal(static_cast<std::int64_t>(widened), scale) : *this;
  }
  // Narrowing makes the magnitude smaller (or equal), so the result always fits.
  return Decimal(static_cast<std::int64_t>(divRoundHalfAway(units_, scale_ - scale)), scale);
}

Decimal Decimal::normalized() const noexcept {
  Decimal d = *this;
  while (d.scale_ > 0 && d.units_ % 10 == 0) {
    d.units_ /= 10;
    --d.scale_;
  }
  return d;
}

int Decimal::compare(const Decimal& other) const noexcept {
  const int scale = scale_ > other.scale_ ? scale_ : other.scale_;
  const Wide a = Wide{units_} * pow10(scale - scale_);
  const Wide b = Wide{other.units_} * pow10(scale - other.scale_);
  return a < b ? -1 : (a > b ? 1 : 0);
}

}  // namespace accord::sdk
