// The VTQL tokenizer and parser on their own.
#include <gtest/gtest.h>

#include "sandbox/vtiger/vtql.h"

namespace accord::sandbox::vtiger {
namespace {

TEST(VtqlTest, ParsesEveryClause) {
  auto q = parseVtql(
      "SELECT accountname, email1 FROM Accounts WHERE accountname LIKE '%acme%' AND "
      "employees >= 10 OR industry IN ('Retail', \"Banking\") ORDER BY accountname, employees DESC "
      "LIMIT 20, 50;");
  ASSERT_TRUE(q.ok()) << q.error().message;
  const VtqlQuery& v = q.value();
  EXPECT_EQ(v.module, "Accounts");
  EXPECT_EQ(v.columns, (std::vector<std::string>{"accountname", "email1"}));
  ASSERT_EQ(v.conditions.size(), 3u);
  EXPECT_EQ(v.conditions[0].op, CompareOp::kLike);
  EXPECT_EQ(v.conditions[0].values[0], "%acme%");
  EXPECT_EQ(v.conditions[1].op, CompareOp::kGe);
  EXPECT_EQ(v.conditions[1].values[0], "10");
  EXPECT_EQ(v.conditions[2].op, CompareOp::kIn);
  EXPECT_EQ(v.conditions[2].values, (std::vector<std::string>{"Retail", "Banking"}));
  EXPECT_EQ(v.joined_by_or, (std::vector<bool>{false, true}));
  EXPECT_EQ(v.order_by, (std::vector<std::string>{"accountname", "employees"}));
  EXPECT_TRUE(v.descending);
  EXPECT_EQ(v.offset, 20);
  EXPECT_EQ(v.limit, 50);
}

TEST(VtqlTest, KeywordsAreCaseInsensitiveAndSelectStarWorks) {
  auto q = parseVtql("select * from Contacts where lastname != 'x' order by lastname asc limit 5;");
  ASSERT_TRUE(q.ok()) << q.error().message;
  EXPECT_TRUE(q.value().select_all);
  EXPECT_EQ(q.value().conditions[0].op, CompareOp::kNe);
  EXPECT_FALSE(q.value().descending);
  EXPECT_EQ(q.value().limit, 5);
}

TEST(VtqlTest, NotEqualsHasTwoSpellings) {
  auto q = parseVtql("SELECT * FROM Contacts WHERE lastname <> 'x';");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q.value().conditions[0].op, CompareOp::kNe);
}

TEST(VtqlTest, LimitDefaultsTo100AndIsCappedAt100) {
  EXPECT_EQ(parseVtql("SELECT * FROM Accounts;").value().limit, 100);
  EXPECT_EQ(parseVtql("SELECT * FROM Accounts LIMIT 5000;").value().limit, 100);
  auto paged = parseVtql("SELECT * FROM Accounts LIMIT 300, 500;");
  EXPECT_EQ(paged.value().offset, 300);  // the offset is not capped
  EXPECT_EQ(paged.value().limit, 100);
}

TEST(VtqlTest, CountStar) {
  auto q = parseVtql("SELECT count(*) FROM Accounts;");
  ASSERT_TRUE(q.ok());
  EXPECT_TRUE(q.value().count);
}

TEST(VtqlTest, QuotedValuesKeepEscapedQuotes) {
  auto q = parseVtql("SELECT * FROM Accounts WHERE accountname = 'O\\'Brien & Co';");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q.value().conditions[0].values[0], "O'Brien & Co");
}

TEST(VtqlTest, SyntaxErrorsSayWhatWasExpected) {
  auto missing_semicolon = parseVtql("SELECT * FROM Accounts");
  ASSERT_FALSE(missing_semicolon.ok());
  EXPECT_EQ(missing_semicolon.error().code, "QUERY_SYNTAX_ERROR");
  EXPECT_NE(missing_semicolon.error().message.find("expected one of"), std::string::npos);

  auto misspelt = parseVtql("SELECT * FORM Accounts;");
  ASSERT_FALSE(misspelt.ok());
  EXPECT_EQ(misspelt.error().message,
            "Syntax Error on line 1: token 'FORM' Unexpected COLUMNNAME(FORM), expected one of: "
            "FRM,COMMA");
}

TEST(VtqlTest, MalformedQueriesAreRefused) {
  for (const char* bad : {"", "SELECT FROM Accounts;", "SELECT * FROM Accounts WHERE;",
                          "SELECT * FROM Accounts WHERE name = ;",
                          "SELECT * FROM Accounts WHERE name = 'open;",
                          "SELECT * FROM Accounts WHERE a IN ();",
                          "SELECT * FROM Accounts ORDER accountname;",
                          "SELECT * FROM Accounts LIMIT x;",
                          "SELECT * FROM Accounts; DROP TABLE x;",
                          "SELECT * FROM Accounts WHERE a = 1 AND;"}) {
    auto q = parseVtql(bad);
    EXPECT_FALSE(q.ok()) << bad;
    if (!q.ok()) {
      EXPECT_EQ(q.error().code, "QUERY_SYNTAX_ERROR") << bad;
    }
  }
}

TEST(VtqlTest, ModuleIsFoundBeforeParsing) {
  EXPECT_EQ(moduleOfQuery("SELEC * from  Widgets;").value_or(""), "Widgets");
  EXPECT_FALSE(moduleOfQuery("SELECT *;").has_value());
}

TEST(VtqlTest, LikeMatchesWildcardsCaseInsensitively) {
  EXPECT_TRUE(likeMatch("ACME Limited", "%acme%"));
  EXPECT_TRUE(likeMatch("Acme", "ac_e"));
  EXPECT_TRUE(likeMatch("Acme", "%"));
  EXPECT_FALSE(likeMatch("Acme", "acm"));
  EXPECT_FALSE(likeMatch("Beta", "%acme%"));
  EXPECT_TRUE(likeMatch("a%b", "a%b"));
}

}  // namespace
}  // namespace accord::sandbox::vtiger
