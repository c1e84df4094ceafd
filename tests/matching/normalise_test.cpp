// Each normalisation the matcher relies on: the spellings that must agree, and the ones that
// must not.
#include <gtest/gtest.h>

#include "matching/normalise.h"

namespace accord::matching {
namespace {

TEST(NormaliseTest, CaseAndSpacingDoNotMatter) {
  EXPECT_EQ(foldText("  Northwind   TRADERS "), "northwind traders");
  EXPECT_EQ(foldText("Northwind\tTraders"), foldText("northwind traders"));
}

TEST(NormaliseTest, PunctuationSeparatesApostrophesAndFullStopsJoin) {
  EXPECT_EQ(foldText("Smith-Jones, (West)"), "smith jones west");
  EXPECT_EQ(foldText("O'Brien"), "obrien");
  EXPECT_EQ(foldText("O\u2019Brien"), "obrien");  // typographic apostrophe
  EXPECT_EQ(foldText("A.B.C. Plumbing"), "abc plumbing");
  EXPECT_EQ(foldText("Granite & Sons"), foldText("Granite and Sons"));
}

TEST(NormaliseTest, AccentsAndUnicodeCaseAreFolded) {
  EXPECT_EQ(foldText("Maple Street Caf\u00e9"), "maple street cafe");
  EXPECT_EQ(foldText("CAF\u00c9 M\u00dcLLER"), "cafe muller");
  EXPECT_EQ(foldText("Stra\u00dfe"), "strasse");
  EXPECT_EQ(foldText("Cafe\u0301"), "cafe");          // a combining accent
  EXPECT_EQ(foldText("\u041c\u0418\u0420"), "\u043c\u0438\u0440");  // other scripts kept, folded
  EXPECT_EQ(foldText("Acme\u00a0Ltd"), "acme ltd");    // no-break space
}

TEST(NormaliseTest, CompanySuffixesAreDropped) {
  const std::string acme = companyName("Acme");
  EXPECT_EQ(acme, "acme");
  for (const char* spelling : {"Acme Ltd", "ACME Limited", "Acme Pty Ltd", "Acme Pty. Ltd.",
                               "Acme, Inc.", "Acme LLC", "Acme L.L.C.", "Acme GmbH",
                               "The Acme Company", "Acme Corp.", "Acme & Co"}) {
    EXPECT_EQ(companyName(spelling), acme) << spelling;
  }
  EXPECT_EQ(companyName("Summit Software Ltd"), companyName("Summit Software"));
}

TEST(NormaliseTest, SuffixesOnlyAtTheEndAndNeverDownToNothing) {
  EXPECT_EQ(companyName("Limited Editions Books"), "limited editions books");
  EXPECT_EQ(companyName("Limited"), "limited");
  EXPECT_NE(companyName("Acme Traders"), companyName("Acme"));
}

TEST(NormaliseTest, EmailCaseAndPlusTagsWhereConfigured) {
  EXPECT_EQ(emailAddress(" Ann.Lee@Example.COM ", false), "ann.lee@example.com");
  EXPECT_EQ(emailAddress("ann+invoices@example.com", false), "ann+invoices@example.com");
  EXPECT_EQ(emailAddress("ann+invoices@example.com", true), "ann@example.com");
  EXPECT_EQ(emailAddress("", true), "");
  EXPECT_EQ(emailAddress("not-an-address+x", true), "not-an-address+x");
}

TEST(NormaliseTest, CodesIgnoreCaseAndWhitespaceButNotHyphens) {
  EXPECT_EQ(codeKey(" widget-s"), codeKey("WIDGET-S"));
  EXPECT_EQ(codeKey("INV 0001"), codeKey("inv0001"));
  EXPECT_NE(codeKey("A-1"), codeKey("A1"));
}

TEST(NormaliseTest, PersonNameIsFirstAndLastFolded) {
  EXPECT_EQ(personName("Zo\u00eb", "O'Neil"), personName("zoe", "ONEIL"));
  EXPECT_EQ(personName("", ""), "");
}

}  // namespace
}  // namespace accord::matching
