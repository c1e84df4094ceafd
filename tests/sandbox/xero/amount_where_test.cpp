// Exact amounts, Xero date formats and the `where` language on their own.
#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>

#include "sandbox/xero/accounting/amount.h"
#include "sandbox/xero/accounting/json_util.h"
#include "sandbox/xero/accounting/where.h"
#include "sandbox/xero/accounting/xero_format.h"

namespace accord::sandbox::xero {
namespace {

TEST(Amount, AddsWithoutBinaryRoundingError) {
  Amount sum = *Amount::parse("0.1") + *Amount::parse("0.2");
  EXPECT_EQ(sum.toString(), "0.30");
  EXPECT_EQ(Amount::multiply(*Amount::parse("3"), *Amount::parse("19.99")).toString(), "59.97");
}

TEST(Amount, RoundsHalfAwayFromZero) {
  EXPECT_EQ(Amount::parse("2.345")->rounded(2).toString(), "2.35");
  EXPECT_EQ(Amount::parse("-2.345")->rounded(2).toString(), "-2.35");
  // 15% inclusive tax of 100: 100 * 15 / 115 = 13.0434...
  Amount tax = Amount::mulDiv(*Amount::parse("100"), *Amount::parse("15"), *Amount::parse("115"));
  EXPECT_EQ(tax.rounded(2).toString(), "13.04");
}

TEST(Amount, RefusesWhatIsNotANumber) {
  EXPECT_FALSE(Amount::parse("1e5"));
  EXPECT_FALSE(Amount::parse("12.34567"));
  EXPECT_FALSE(Amount::parse("5."));
  EXPECT_FALSE(Amount::parse(""));
}

TEST(XeroFormat, WritesAndReadsMsDates) {
  EXPECT_EQ(msDate(1573755038314), "/Date(1573755038314+0000)/");
  EXPECT_EQ(msDate(1573755038314, false), "/Date(1573755038314)/");
  EXPECT_EQ(parseXeroDate("/Date(1573755038314+0000)/"), 1573755038314);
  EXPECT_EQ(parseXeroDate("2019-03-11"), 1552262400000);
  EXPECT_EQ(parseXeroDate("2019-03-11T10:00:00+10:00"), 1552262400000);
  EXPECT_EQ(parseXeroDate("2019-02-21T16:29:47.96-08:00"), 1550795387960);
  EXPECT_FALSE(parseXeroDate("11/03/2019"));
  EXPECT_EQ(dateString(1552262400000), "2019-03-11 00:00:00");
}

TEST(XeroFormat, ReadsIfModifiedSinceInBothForms) {
  EXPECT_EQ(parseHttpDate("Mon, 11 Mar 2019 00:00:00 GMT"), 1552262400000);
  EXPECT_EQ(parseHttpDate("2019-03-11T00:00:00"), 1552262400000);
  EXPECT_FALSE(parseHttpDate("yesterday"));
}

TEST(XeroFormat, GuidsAreDeterministicPerSeed) {
  IdGenerator a(5), b(5), c(6);
  std::string first = a.next();
  EXPECT_TRUE(looksLikeGuid(first));
  EXPECT_EQ(first, b.next());
  EXPECT_NE(first, c.next());
}

Json record(const std::string& text) {
  return Poco::JSON::Parser().parse(text).extract<Json>();
}

bool matches(const std::string& where, const Json& r) {
  auto parsed = WhereFilter::parse(where);
  EXPECT_TRUE(std::holds_alternative<WhereFilter>(parsed)) << where << ": " << std::get<std::string>(parsed);
  return std::holds_alternative<WhereFilter>(parsed) && std::get<WhereFilter>(parsed).matches(*r);
}

TEST(Where, EvaluatesTheCommonForms) {
  Json r = record(R"({"Name":"Acme Ltd","Status":"AUTHORISED","AmountDue":150.5,"IsCustomer":true,
    "Contact":{"ContactID":"3FF6D40C-AF9A-40A3-89CE-3C1556A25591"},"Date":"/Date(1704153600000+0000)/"})");
  EXPECT_TRUE(matches(R"(Name=="Acme Ltd")", r));
  EXPECT_TRUE(matches(R"(Name=="ACME LTD")", r));  // Xero compares strings without case
  EXPECT_FALSE(matches(R"(Status!="AUTHORISED")", r));
  EXPECT_TRUE(matches("AmountDue>100", r));
  EXPECT_FALSE(matches("AmountDue<=150", r));
  EXPECT_TRUE(matches("IsCustomer==true", r));
  EXPECT_TRUE(matches("IsCustomer", r));
  EXPECT_TRUE(matches(R"(Contact.ContactID==guid("3ff6d40c-af9a-40a3-89ce-3c1556a25591"))", r));
  EXPECT_TRUE(matches("Date>=DateTime(2024,01,01)", r));
  EXPECT_FALSE(matches("Date>=DateTime(2024, 01, 03)", r));
  EXPECT_TRUE(matches(R"(Name.Contains("cme") AND Name.StartsWith("ac"))", r));
  EXPECT_TRUE(matches(R"((Status=="PAID" OR Status=="AUTHORISED") && AmountDue>0)", r));
  EXPECT_FALSE(matches(R"(Status=="PAID" OR (Status=="AUTHORISED" AND AmountDue>1000))", r));
  EXPECT_TRUE(matches(R"(NOT Status=="PAID")", r));
}

TEST(Where, ReportsSyntaxErrorsWithAPosition) {
  for (const char* bad : {"Name==", "(Name==\"a\"", "Name==\"a", "Name.Frobnicate(\"a\")",
                          "Name==\"a\" AND", "==\"a\"", "Date>DateTime(2024,13,01)"}) {
    auto parsed = WhereFilter::parse(bad);
    ASSERT_TRUE(std::holds_alternative<std::string>(parsed)) << bad;
    EXPECT_NE(std::get<std::string>(parsed).find("position"), std::string::npos) << bad;
  }
}

}  // namespace
}  // namespace accord::sandbox::xero
