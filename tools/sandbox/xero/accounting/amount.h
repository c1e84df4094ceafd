// Exact amounts for the Xero sandbox: quantities, unit prices and money as integers of 1/10000
// (Xero's largest unitdp is 4), so totals never pick up binary floating-point error.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <Poco/Dynamic/Var.h>

namespace accord::sandbox::xero {

class Amount {
 public:
  static constexpr std::int64_t kOne = 10000;

  constexpr Amount() = default;
  static constexpr Amount fromUnits(std::int64_t units) { return Amount(units); }
  // "12.3456", "-3", "0.5"; more than 4 decimals or anything else is refused.
  static std::optional<Amount> parse(std::string_view text);
  // A JSON number or a numeric string; doubles are taken to the nearest 1/10000.
  static std::optional<Amount> fromVar(const Poco::Dynamic::Var& value);

  std::int64_t units() const { return units_; }
  double toDouble() const { return static_cast<double>(units_) / kOne; }
  std::string toString(int decimals = 2) const;  // "1234.50"
  Amount rounded(int decimals) const;              // half away from zero
  bool isZero() const { return units_ == 0; }

  // Product and ratio with exact 128-bit intermediates, rounded half away to 4 decimals.
  static Amount multiply(Amount a, Amount b);
  static Amount mulDiv(Amount value, Amount numerator, Amount denominator);

  friend Amount operator+(Amount a, Amount b) { return Amount(a.units_ + b.units_); }
  friend Amount operator-(Amount a, Amount b) { return Amount(a.units_ - b.units_); }
  Amount operator-() const { return Amount(-units_); }
  Amount& operator+=(Amount b) { units_ += b.units_; return *this; }
  Amount& operator-=(Amount b) { units_ -= b.units_; return *this; }
  friend auto operator<=>(Amount, Amount) = default;

 private:
  constexpr explicit Amount(std::int64_t units) : units_(units) {}
  std::int64_t units_ = 0;
};

}  // namespace accord::sandbox::xero
