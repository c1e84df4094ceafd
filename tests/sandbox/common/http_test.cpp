#include "sandbox/common/http.h"

#include <gtest/gtest.h>

#include "sandbox/common/clock.h"

namespace accord::sandbox {
namespace {

TEST(Request, HeaderAndParamLookupIgnoreCase) {
  Request request;
  request.headers = {{"Xero-Tenant-Id", "t-1"}, {"Accept", "application/json"}};
  request.query = {{"Page", "2"}, {"page", "3"}, {"where", "Name==\"A\""}};
  EXPECT_EQ(request.header("xero-tenant-id").value_or(""), "t-1");
  EXPECT_FALSE(request.header("Authorization").has_value());
  EXPECT_EQ(request.param("PAGE").value_or(""), "2");  // first value wins
  EXPECT_EQ(request.param("Where").value_or(""), "Name==\"A\"");
}

TEST(Request, FormDecodesPercentAndPlus) {
  Request request;
  request.body = "grant_type=authorization_code&code=a%2Fb&redirect_uri=http%3A%2F%2Fx%2Fcb&note=a+b&empty=";
  Pairs form = request.form();
  ASSERT_EQ(form.size(), 5u);
  EXPECT_EQ(form[1], (std::pair<std::string, std::string>{"code", "a/b"}));
  EXPECT_EQ(form[2].second, "http://x/cb");
  EXPECT_EQ(form[3].second, "a b");
  EXPECT_EQ(form[4].second, "");
}

TEST(Response, JsonSetsContentTypeAndSetHeaderReplaces) {
  Response response = Response::json(201, "{}");
  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(response.header("content-type").value_or(""), "application/json; charset=utf-8");
  response.setHeader("Retry-After", "5");
  response.setHeader("retry-after", "7");
  EXPECT_EQ(response.header("Retry-After").value_or(""), "7");
  EXPECT_EQ(response.headers.size(), 2u);
}

TEST(Helpers, EncodeRoundTripsAndJsonQuoteEscapes) {
  std::string raw = "a b&c=d/é";
  EXPECT_EQ(urlDecode(urlEncode(raw), false), raw);
  EXPECT_EQ(urlEncode("a b&c"), "a%20b%26c");
  EXPECT_EQ(jsonQuote("say \"hi\"\n\x01"), "\"say \\\"hi\\\"\\n\\u0001\"");
}

TEST(Clock, ManualClockMovesOnlyWhenTold) {
  ManualClock clock;
  auto start = clock.now();
  EXPECT_EQ(formatIsoUtc(start), "2026-01-01T00:00:00Z");
  clock.advance(std::chrono::minutes(30));
  EXPECT_EQ(clock.now() - start, std::chrono::minutes(30));
  EXPECT_EQ(formatIsoUtc(clock.now(), true, false), "2026-01-01T00:30:00.000");
}

TEST(Clock, ScaledClockRunsFasterThanRealTime) {
  ScaledClock clock(3600.0);  // an hour per real second
  auto start = clock.now();
  auto real_start = std::chrono::steady_clock::now();
  // Why a spin and not a sleep: we only need *some* real time to pass, however little.
  while (std::chrono::steady_clock::now() - real_start < std::chrono::milliseconds(2)) {
  }
  auto real = std::chrono::steady_clock::now() - real_start;
  auto scaled = clock.now() - start;
  EXPECT_GE(scaled, real * 3000);  // at least ~3000x with generous slack for timing noise
}

}  // namespace
}  // namespace accord::sandbox
