#include "accord/sdk/decimal.h"

#include <gtest/gtest.h>

#include <limits>

namespace accord::sdk {
namespace {

Decimal d(const char* text) {
  auto parsed = Decimal::parse(text);
  EXPECT_TRUE(parsed.has_value()) << text;
  return parsed.value_or(Decimal{});
}

TEST(Decimal, ParseAndFormatRoundTripKeepingScale) {
  for (const char* text :
       {"0", "1.50", "-12.3400", "0.000000001", "123456789.123456789", "-0.5",
        "9223372036854775807", "-9223372036854775808", "-9223372036.854775808"}) {
    EXPECT_EQ(d(text).toString(), text);
  }
  EXPECT_EQ(d("1.50").scale(), 2);
  EXPECT_EQ(d("1.50").units(), 150);
}

TEST(Decimal, NegativeZeroReadsAsZero) {
  EXPECT_EQ(d("-0.00").toString(), "0.00");
  EXPECT_EQ(d("-0"), d("0"));
}

TEST(Decimal, RefusesMalformedText) {
  for (const char* text : {"", "-", ".", "5.", ".5", "+1", "1e3", "1,000", "1 000", " 1", "1 ",
                           "01", "-01.5", "1.2.3", "0x10", "NaN", "1.0000000001", "abc", "--1"}) {
    EXPECT_FALSE(Decimal::parse(text).has_value()) << text;
  }
}

TEST(Decimal, RefusesValuesBeyond64Bits) {
  EXPECT_FALSE(Decimal::parse("9223372036854775808").has_value());
  EXPECT_FALSE(Decimal::parse("-9223372036854775809").has_value());
  EXPECT_FALSE(Decimal::parse("92233720368547758.08").has_value());
  EXPECT_FALSE(Decimal::parse("99999999999999999999999999999").has_value());
}

TEST(Decimal, AdditionIsExact) {
  EXPECT_EQ(Decimal::add(d("0.1"), d("0.2"))->toString(), "0.3");
  EXPECT_EQ(*Decimal::add(d("0.1"), d("0.2")), d("0.3"));
  EXPECT_EQ(Decimal::add(d("1.5"), d("2.25"))->toString(), "3.75");
  EXPECT_EQ(Decimal::add(d("-10"), d("2.500"))->toString(), "-7.500");
  EXPECT_EQ(Decimal::subtract(d("100.00"), d("33.33"))->toString(), "66.67");
  EXPECT_EQ(Decimal::subtract(d("0"), d("-9223372036854775807"))->toString(),
            "9223372036854775807");
}

TEST(Decimal, OverflowYieldsNullopt) {
  const Decimal max(std::numeric_limits<std::int64_t>::max(), 0);
  const Decimal min(std::numeric_limits<std::int64_t>::min(), 0);
  EXPECT_FALSE(Decimal::add(max, d("1")).has_value());
  EXPECT_FALSE(Decimal::add(min, d("-1")).has_value());
  EXPECT_FALSE(Decimal::subtract(d("0"), min).has_value());
  EXPECT_FALSE(Decimal::subtract(min, d("1")).has_value());
  // Bringing 1e10 to scale 9 needs 1e19 units: more than 64 bits.
  EXPECT_FALSE(Decimal::add(d("10000000000"), d("0.000000001")).has_value());
  EXPECT_FALSE(Decimal::multiply(max, d("2")).has_value());
  EXPECT_FALSE(Decimal::multiply(d("10000000000"), d("10000000000")).has_value());
}

TEST(Decimal, MultiplicationAddsScalesAndRoundsBeyondNine) {
  EXPECT_EQ(Decimal::multiply(d("1.5"), d("2.25"))->toString(), "3.375");
  EXPECT_EQ(Decimal::multiply(d("-3"), d("0.10"))->toString(), "-0.30");
  EXPECT_EQ(Decimal::multiply(d("0.00001"), d("0.000015"))->toString(), "0.000000000");
  // 0.00005 * 0.000015 = 7.5e-10 -> 0.000000001 (half away from zero), and its negative.
  EXPECT_EQ(Decimal::multiply(d("0.00005"), d("0.000015"))->toString(), "0.000000001");
  EXPECT_EQ(Decimal::multiply(d("-0.00005"), d("0.000015"))->toString(), "-0.000000001");
}

TEST(Decimal, RoundsHalfAwayFromZero) {
  EXPECT_EQ(d("2.345").rounded(2).toString(), "2.35");
  EXPECT_EQ(d("-2.345").rounded(2).toString(), "-2.35");
  EXPECT_EQ(d("2.344").rounded(2).toString(), "2.34");
  EXPECT_EQ(d("0.5").rounded(0).toString(), "1");
  EXPECT_EQ(d("-0.5").rounded(0).toString(), "-1");
  EXPECT_EQ(d("-0.4").rounded(0).toString(), "0");
  EXPECT_EQ(d("9.995").rounded(2).toString(), "10.00");
}

TEST(Decimal, RoundingWidensAndClampsScale) {
  EXPECT_EQ(d("5").rounded(2).toString(), "5.00");
  EXPECT_EQ(d("1.5").rounded(-3).toString(), "2");
  EXPECT_EQ(d("1.5").rounded(20).scale(), Decimal::kMaxScale);
  EXPECT_EQ(d("9223372036854775807").rounded(2).toString(), "9223372036854775807");
}

TEST(Decimal, ComparesNumericallyAcrossScales) {
  EXPECT_EQ(d("1.5"), d("1.50"));
  EXPECT_LT(d("1.49"), d("1.5"));
  EXPECT_LT(d("-2"), d("-1.999"));
  EXPECT_EQ(d("-9223372036854775808").compare(d("9223372036854775807")), -1);
  EXPECT_EQ(d("0.000000001").compare(d("0")), 1);
}

TEST(Decimal, NormalizedDropsTrailingZeros) {
  EXPECT_EQ(d("1.500").normalized().toString(), "1.5");
  EXPECT_EQ(d("-2.00").normalized().toString(), "-2");
  EXPECT_EQ(d("100").normalized().toString(), "100");
}

}  // namespace
}  // namespace accord::sdk
