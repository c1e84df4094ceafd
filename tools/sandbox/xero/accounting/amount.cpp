#include "sandbox/xero/accounting/amount.h"

#include <cmath>
#include <cstdlib>

namespace accord::sandbox::xero {
namespace {

std::int64_t divRoundHalfAway(__int128 value, __int128 divisor) {
  bool negative = (value < 0) != (divisor < 0);
  __int128 a = value < 0 ? -value : value;
  __int128 d = divisor < 0 ? -divisor : divisor;
  __int128 q = (a + d / 2) / d;
  return static_cast<std::int64_t>(negative ? -q : q);
}

}  // namespace

std::optional<Amount> Amount::parse(std::string_view text) {
  if (text.empty()) return std::nullopt;
  bool negative = false;
  std::size_t i = 0;
  if (text[0] == '-' || text[0] == '+') {
    negative = text[0] == '-';
    i = 1;
  }
  std::int64_t whole = 0, frac = 0;
  int frac_digits = 0, whole_digits = 0;
  bool seen_point = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '.' && !seen_point) {
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    if (seen_point) {
      if (++frac_digits > 4) {
        if (c != '0') return std::nullopt;  // only trailing zeros past 4 places
        continue;
      }
      frac = frac * 10 + (c - '0');
    } else {
      if (++whole_digits > 14) return std::nullopt;
      whole = whole * 10 + (c - '0');
    }
  }
  if (whole_digits == 0 || (seen_point && frac_digits == 0)) return std::nullopt;
  for (int d = std::min(frac_digits, 4); d < 4; ++d) frac *= 10;
  std::int64_t units = whole * kOne + frac;
  return Amount(negative ? -units : units);
}

std::optional<Amount> Amount::fromVar(const Poco::Dynamic::Var& value) {
  if (value.isEmpty()) return std::nullopt;
  if (value.isString()) return parse(value.extract<std::string>());
  if (value.isBoolean()) return std::nullopt;
  if (value.isInteger()) {
    std::int64_t v = value.convert<std::int64_t>();
    if (v > 900000000000000 || v < -900000000000000) return std::nullopt;
    return Amount(v * kOne);
  }
  if (value.isNumeric()) {
    double d = value.convert<double>();
    if (!std::isfinite(d) || std::fabs(d) > 9e14) return std::nullopt;
    return Amount(static_cast<std::int64_t>(std::llround(d * kOne)));
  }
  return std::nullopt;
}

std::string Amount::toString(int decimals) const {
  Amount r = rounded(decimals);
  std::int64_t units = r.units_ < 0 ? -r.units_ : r.units_;
  std::string text = std::to_string(units / kOne);
  if (decimals > 0) {
    std::string frac = std::to_string(units % kOne + kOne).substr(1);
    text += "." + frac.substr(0, static_cast<std::size_t>(decimals));
  }
  return r.units_ < 0 ? "-" + text : text;
}

Amount Amount::rounded(int decimals) const {
  if (decimals >= 4) return *this;
  std::int64_t step = 1;
  for (int d = decimals; d < 4; ++d) step *= 10;
  return Amount(divRoundHalfAway(units_, step) * step);
}

Amount Amount::multiply(Amount a, Amount b) {
  return Amount(divRoundHalfAway(static_cast<__int128>(a.units_) * b.units_, kOne));
}

Amount Amount::mulDiv(Amount value, Amount numerator, Amount denominator) {
  if (denominator.units_ == 0) return Amount();
  return Amount(divRoundHalfAway(static_cast<__int128>(value.units_) * numerator.units_,
                                 denominator.units_));
}

}  // namespace accord::sandbox::xero
