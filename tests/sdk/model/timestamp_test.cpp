#include "accord/sdk/timestamp.h"

#include <gtest/gtest.h>

namespace accord::sdk {
namespace {

Timestamp ts(const char* text) {
  auto parsed = Timestamp::parse(text);
  EXPECT_TRUE(parsed.has_value()) << text;
  return parsed.value_or(Timestamp{});
}

TEST(Timestamp, RoundTripsTextWithItsOffset) {
  for (const char* text :
       {"2024-03-01T10:00:00Z", "2024-03-01T10:00:00+11:00", "2024-03-01T10:00:00.250+11:00",
        "1969-12-31T23:59:59.999Z", "2024-02-29T00:00:00-05:30", "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999+14:00"}) {
    EXPECT_EQ(ts(text).toString(), text);
  }
}

TEST(Timestamp, KnowsTheInstant) {
  EXPECT_EQ(ts("1970-01-01T00:00:00Z").epochMillis(), 0);
  EXPECT_EQ(ts("2024-03-01T10:00:00+11:00").epochMillis(), 1709247600000);
  EXPECT_EQ(ts("2024-03-01T10:00:00+11:00").offsetMinutes(), 660);
  EXPECT_EQ(ts("1969-12-31T23:59:59.999Z").epochMillis(), -1);
  EXPECT_EQ(ts("2024-03-01T10:00:00+11:00"), ts("2024-02-29T23:00:00Z"));
  EXPECT_LT(ts("2024-03-01T10:00:00+11:00"), ts("2024-03-01T10:00:00+10:00"));
}

TEST(Timestamp, AcceptsTheSpellingsAppsUse) {
  EXPECT_EQ(ts("2024-03-01T10:00:00.000+0000").toString(), "2024-03-01T10:00:00Z");
  EXPECT_EQ(ts("2024-03-01T10:00:00+1100").toString(), "2024-03-01T10:00:00+11:00");
  EXPECT_EQ(ts("2024-03-01T10:00:00-05").toString(), "2024-03-01T10:00:00-05:00");
  EXPECT_EQ(ts("2024-03-01t10:00:00z").toString(), "2024-03-01T10:00:00Z");
  // Below a millisecond is truncated.
  EXPECT_EQ(ts("2024-03-01T10:00:00.1234567Z").toString(), "2024-03-01T10:00:00.123Z");
  EXPECT_EQ(ts("2024-03-01T10:00:00.5Z").toString(), "2024-03-01T10:00:00.500Z");
}

TEST(Timestamp, RefusesInvalidInput) {
  for (const char* text :
       {"", "2024-03-01", "2024-03-01T10:00:00", "2024-03-01 10:00:00Z", "2024-03-01T10:00Z",
        "2024-02-30T10:00:00Z", "2024-13-01T10:00:00Z", "2024-03-01T24:00:00Z",
        "2024-03-01T10:60:00Z", "2024-03-01T10:00:60Z", "2024-03-01T10:00:00+24:00",
        "2024-03-01T10:00:00+11:60", "2024-03-01T10:00:00.Z", "2024-03-01T10:00:00.1234567891Z",
        "2024-03-01T10:00:00Z ", "24-03-01T10:00:00Z", "2024-3-1T10:00:00Z",
        "2024-03-01T10:00:00+1", "/Date(1709247600000+0000)/"}) {
    EXPECT_FALSE(Timestamp::parse(text).has_value()) << text;
  }
}

TEST(Timestamp, ConvertsToAndFromTimePoints) {
  const auto tp = std::chrono::system_clock::time_point(std::chrono::milliseconds(1709247600123));
  const Timestamp t = Timestamp::fromTimePoint(tp, 60);
  EXPECT_EQ(t.epochMillis(), 1709247600123);
  EXPECT_EQ(t.toString(), "2024-03-01T00:00:00.123+01:00");
  EXPECT_EQ(t.timePoint(), tp);
}

TEST(Date, ParsesStrictlyAndRoundTrips) {
  EXPECT_EQ(Date::parse("2024-02-29")->toString(), "2024-02-29");
  EXPECT_EQ(Date::parse("2024-03-01"), (Date{2024, 3, 1}));
  for (const char* text : {"2023-02-29", "2024-04-31", "2024-00-10", "2024-1-01", "2024/01/01",
                           "2024-01-01T00:00:00Z", "", "20240101", "2024-01-01 "}) {
    EXPECT_FALSE(Date::parse(text).has_value()) << text;
  }
  EXPECT_LT(*Date::parse("2023-12-31"), *Date::parse("2024-01-01"));
}

}  // namespace
}  // namespace accord::sdk
