// Exact decimal money and quantities. Never binary floating point: 0.1 + 0.2 is 0.3 here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace accord::sdk {

// A signed decimal number: units * 10^-scale. Scale is at most kMaxScale digits; units fit in
// 64 bits (about 9.2e18), which covers any amount a small business books at 4 decimals.
// Value type; thread-compatible.
class Decimal {
 public:
  static constexpr int kMaxScale = 9;

  constexpr Decimal() = default;
  // Precondition: 0 <= scale <= kMaxScale.
  constexpr Decimal(std::int64_t units, int scale) : units_(units), scale_(scale) {}

  // Parses "-12.3400", "0", "5." is refused; no exponent, no thousands separators, no leading
  // "+" or leading zeros ("007"), at most kMaxScale fraction digits. Keeps the scale written
  // ("1.50" has scale 2) so that a value round-trips to the same text ("-0.00" reads as "0.00").
  static std::optional<Decimal> parse(std::string_view text);

  std::string toString() const;  // exact, with the value's own scale: "1.50".
  std::int64_t units() const noexcept { return units_; }
  int scale() const noexcept { return scale_; }

  // Arithmetic is exact; results take the larger scale (multiply: the sum of scales, capped
  // at kMaxScale with round-half-away-from-zero). Overflow yields nullopt, never wraps.
  static std::optional<Decimal> add(const Decimal& a, const Decimal& b);
  static std::optional<Decimal> subtract(const Decimal& a, const Decimal& b);
  static std::optional<Decimal> multiply(const Decimal& a, const Decimal& b);
  // Round half away from zero to the given scale (the usual rule for money), clamped to
  // [0, kMaxScale]. Widening ("5" to "5.00") keeps the value; if that would overflow, the value
  // keeps its own scale.
  Decimal rounded(int scale) const;
  // The same value with trailing fraction zeros dropped ("1.50" -> "1.5", "2.00" -> "2"): the
  // one spelling of each number, for hashing and comparing text.
  Decimal normalized() const noexcept;

  // Numeric comparison: 1.5 == 1.50.
  int compare(const Decimal& other) const noexcept;
  friend bool operator==(const Decimal& a, const Decimal& b) noexcept { return a.compare(b) == 0; }
  friend bool operator<(const Decimal& a, const Decimal& b) noexcept { return a.compare(b) < 0; }

 private:
  std::int64_t units_ = 0;
  int scale_ = 0;
};

}  // namespace accord::sdk
