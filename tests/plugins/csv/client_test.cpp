// The CSV reader and writer: RFC 4180 quoting, BOM, line endings, recovery from a broken row,
// and the atomic rewrite.
#include "client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "temp_folder.h"

namespace accord::plugins::csv {
namespace {

using ::testing::ElementsAre;

Table parse(std::string_view text, char delimiter = ',') {
  auto table = parseTable(text, delimiter);
  EXPECT_TRUE(table.ok()) << table.error().describe();
  return table.ok() ? std::move(table).value() : Table{};
}

TEST(CsvClient, ReadsQuotedFieldsWithDelimitersQuotesAndNewlines) {
  Table t = parse("name,note\r\n\"Acme, Inc.\",\"said \"\"hi\"\"\r\nthen left\"\r\nplain,\r\n");
  EXPECT_THAT(t.header, ElementsAre("name", "note"));
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_THAT(t.rows[0].fields, ElementsAre("Acme, Inc.", "said \"hi\"\r\nthen left"));
  EXPECT_EQ(t.rows[0].line, 2);
  EXPECT_THAT(t.rows[1].fields, ElementsAre("plain", ""));
  EXPECT_EQ(t.rows[1].line, 4) << "the quoted line break counts as a line";
}

TEST(CsvClient, StripsByteOrderMarkAndRemembersIt) {
  Table t = parse("\xEF\xBB\xBFid,name\n1,Acme\n");
  EXPECT_TRUE(t.bom);
  EXPECT_FALSE(t.crlf);
  EXPECT_THAT(t.header, ElementsAre("id", "name"));
  EXPECT_EQ(formatTable(t, ','), "\xEF\xBB\xBFid,name\n1,Acme\n");
}

TEST(CsvClient, SkipsBlankLinesAndReadsLastRowWithoutLineBreak) {
  Table t = parse("a;b\n\n1;2\n\n3;4");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_THAT(t.rows[1].fields, ElementsAre("3;4")) << "default delimiter is the comma";
  Table semi = parse("a;b\n\n1;2\n\n3;4", ';');
  EXPECT_THAT(semi.rows[1].fields, ElementsAre("3", "4"));
  EXPECT_EQ(semi.rows[1].line, 5);
}

TEST(CsvClient, TextAfterClosingQuoteBreaksOnlyThatRow) {
  Table t = parse("a,b\n1,\"x\"y\n2,z\n");
  ASSERT_EQ(t.rows.size(), 2u);
  ASSERT_TRUE(t.rows[0].error.has_value());
  EXPECT_EQ(t.rows[0].error->line, 2);
  EXPECT_EQ(t.rows[0].error->character, 6);
  EXPECT_EQ(t.rows[0].error->field, 1u);
  EXPECT_FALSE(t.rows[1].error.has_value());
  EXPECT_THAT(t.rows[1].fields, ElementsAre("2", "z"));
}

TEST(CsvClient, UnclosedQuoteCostsOneRowAndParsingResumesOnTheNextLine) {
  Table t = parse("a,b\n1,\"never closed\n2,z\n3,w\n");
  ASSERT_EQ(t.rows.size(), 3u);
  ASSERT_TRUE(t.rows[0].error.has_value());
  EXPECT_EQ(t.rows[0].error->line, 2);
  EXPECT_EQ(t.rows[0].error->character, 3);
  EXPECT_THAT(t.rows[0].error->message, ::testing::HasSubstr("never closed"));
  EXPECT_THAT(t.rows[1].fields, ElementsAre("2", "z"));
  EXPECT_EQ(t.rows[1].line, 3);
  EXPECT_THAT(t.rows[2].fields, ElementsAre("3", "w"));
}

TEST(CsvClient, BrokenHeaderIsAnError) {
  auto table = parseTable("\"id,name\n", ',');
  ASSERT_FALSE(table.ok());
  EXPECT_THAT(table.error().message, ::testing::HasSubstr("header row, line 1"));
}

TEST(CsvClient, FormatQuotesOnlyWhatNeedsItAndRoundTrips) {
  Table t;
  t.header = {"id", "note"};
  t.rows.push_back(Row{2, {"1", "plain"}, std::nullopt, ""});
  t.rows.push_back(Row{3, {"2", "a,b \"q\"\nline"}, std::nullopt, ""});
  std::string text = formatTable(t, ',');
  EXPECT_EQ(text, "id,note\r\n1,plain\r\n2,\"a,b \"\"q\"\"\nline\"\r\n");
  Table back = parse(text);
  ASSERT_EQ(back.rows.size(), 2u);
  EXPECT_EQ(back.rows[1].fields, t.rows[1].fields);
}

TEST(CsvClient, FormatPadsShortRowsToTheHeader) {
  Table t;
  t.header = {"a", "b", "c"};
  t.rows.push_back(Row{2, {"1"}, std::nullopt, ""});
  EXPECT_EQ(formatTable(t, ','), "a,b,c\r\n1,,\r\n");
}

TEST(CsvClient, RewritingKeepsABrokenRowAsItWas) {
  const std::string text = "a,b\r\n1,\"x\"y\r\n2,z\r\n";
  Table t = parse(text);
  ASSERT_TRUE(t.rows[0].error.has_value());
  EXPECT_EQ(formatTable(t, ','), text) << "a user's broken row must never be lost";
}

TEST(CsvClient, AtomicWriteReplacesTheFileAndLeavesNoTemporary) {
  tests::TempFolder dir;
  dir.write("people.csv", "old");
  ASSERT_TRUE(writeFileAtomically(dir.path() / "people.csv", "new content").ok());
  EXPECT_EQ(dir.read("people.csv"), "new content");
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    (void)entry;
    ++files;
  }
  EXPECT_EQ(files, 1);
}

TEST(CsvClient, FailedWriteLeavesTheOldFileAndIsRetryable) {
  tests::TempFolder dir;
  auto result = writeFileAtomically(dir.path() / "missing" / "people.csv", "x");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, sdk::ErrorKind::retryable);
  EXPECT_THAT(result.error().message, ::testing::HasSubstr("missing"));
}

TEST(CsvClient, ReadingAMissingFileIsEmptyNotAnError) {
  tests::TempFolder dir;
  auto snapshot = readFile(dir.path() / "nothing.csv");
  ASSERT_TRUE(snapshot.ok());
  EXPECT_FALSE(snapshot.value().has_value());
}

}  // namespace
}  // namespace accord::plugins::csv
