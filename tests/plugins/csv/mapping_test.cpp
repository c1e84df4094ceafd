// Rows <-> records: columns, booleans, times, unknown columns, and errors that name the file,
// the line and the column.
#include "mapping.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace accord::plugins::csv {
namespace {

using sdk::model::EntityType;
using sdk::model::Organization;
using sdk::model::Person;
using ::testing::HasSubstr;

const sdk::Timestamp kFileTime = *sdk::Timestamp::parse("2024-05-01T08:00:00Z");

Table table(std::string_view text) {
  auto parsed = parseTable(text, ',');
  EXPECT_TRUE(parsed.ok());
  return parsed.ok() ? std::move(parsed).value() : Table{};
}

sdk::Result<sdk::model::Record> decodeFirst(EntityType entity, std::string_view text,
                                            std::string file = "organizations.csv") {
  Table t = table(text);
  return decodeRow(entity, HeaderIndex(t.header), t.rows.at(0), RowSource{file, kFileTime});
}

TEST(CsvMapping, DecodesAnOrganizationRow) {
  auto record = decodeFirst(EntityType::organization,
                            " ID ,Name,email,is_customer,is_supplier,phone,mobile,city,country,"
                            "status,updated_at,Notes\n"
                            "o1,\"Acme, Inc.\",ap@acme.test,yes,0,+61 2 9999 0000,0412 000 000,"
                            "Sydney,AU,active,2024-03-01T10:00:00+11:00,VIP since 2019\n");
  ASSERT_TRUE(record.ok()) << record.error().describe();
  const auto& org = std::get<Organization>(record.value());
  EXPECT_EQ(org.meta.id, "o1");
  EXPECT_EQ(org.name, "Acme, Inc.");
  EXPECT_TRUE(org.is_customer);
  EXPECT_FALSE(org.is_supplier);
  ASSERT_EQ(org.phones.size(), 2u);
  EXPECT_EQ(org.phones[0].kind, "work");
  EXPECT_EQ(org.phones[1].kind, "mobile");
  EXPECT_EQ(org.phones[1].number, "0412 000 000");
  ASSERT_EQ(org.addresses.size(), 1u);
  EXPECT_EQ(org.addresses[0].city, "Sydney");
  EXPECT_EQ(org.addresses[0].country, "AU");
  EXPECT_EQ(org.meta.updated_at->toString(), "2024-03-01T10:00:00+11:00");
  EXPECT_EQ(org.meta.remote_data, R"({"Notes":"VIP since 2019"})");
}

TEST(CsvMapping, EmptyUpdatedAtTakesTheFileTime) {
  auto record = decodeFirst(EntityType::person, "id,first_name,organization_id\np1,Ann,o1\n");
  ASSERT_TRUE(record.ok());
  const auto& person = std::get<Person>(record.value());
  EXPECT_EQ(person.meta.updated_at, kFileTime);
  EXPECT_EQ(person.organization.id, "o1");
  EXPECT_TRUE(person.addresses.empty()) << "no address cells, no address";
}

TEST(CsvMapping, BadBooleanNamesFileLineAndColumn) {
  auto record = decodeFirst(EntityType::organization,
                            "id,name,is_customer\n\no1,Acme,maybe\n");
  ASSERT_FALSE(record.ok());
  EXPECT_EQ(record.error().kind, sdk::ErrorKind::permanent);
  EXPECT_EQ(record.error().field, "is_customer");
  EXPECT_THAT(record.error().message,
              HasSubstr("organizations.csv line 3, column 3 (is_customer): expected true or "
                        "false"));
  EXPECT_THAT(record.error().message, HasSubstr("\"maybe\""));
}

TEST(CsvMapping, BadTimeAndStatusAreRefused) {
  auto time = decodeFirst(EntityType::person, "id,updated_at\np1,yesterday\n", "people.csv");
  ASSERT_FALSE(time.ok());
  EXPECT_THAT(time.error().message, HasSubstr("people.csv line 2, column 2 (updated_at)"));
  auto status = decodeFirst(EntityType::person, "id,status\np1,gone\n", "people.csv");
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.error().message, HasSubstr("expected active or archived"));
}

TEST(CsvMapping, SyntaxErrorNamesLineCharacterAndColumn) {
  auto record = decodeFirst(EntityType::organization, "id,name\no1,\"Acme\"x\n");
  ASSERT_FALSE(record.ok());
  EXPECT_THAT(record.error().message,
              HasSubstr("organizations.csv line 2, column 2 (name), character 10"));
}

TEST(CsvMapping, MoreFieldsThanHeaderIsRefused) {
  auto record = decodeFirst(EntityType::organization, "id,name\no1,Acme,extra\n");
  ASSERT_FALSE(record.ok());
  EXPECT_THAT(record.error().message, HasSubstr("line 2, column 3: the row has 3 fields"));
}

TEST(CsvMapping, EncodeWritesColumnsAndWarnsAboutWhatDoesNotFit) {
  Table t;
  t.header = {"id", "name", "Notes"};
  Row row{2, {"o1", "old", "keep me"}, std::nullopt, ""};
  Organization org;
  org.name = "New name";
  org.is_supplier = true;
  org.phones = {{"work", "1"}, {"fax", "2"}, {"mobile", "3"}};
  org.addresses = {{"billing", "1 Main St", "", "Perth", "WA", "6000", "AU"},
                   {"shipping", "2 Side St", "", "Perth", "WA", "6000", "AU"}};
  auto warnings = encodeFields(org, t, row);
  EXPECT_EQ(warnings.size(), 2u);
  HeaderIndex header(t.header);
  EXPECT_EQ(cellValue(header, row, "name"), "New name");
  EXPECT_EQ(cellValue(header, row, "notes"), "keep me") << "columns we do not know are kept";
  EXPECT_EQ(cellValue(header, row, "is_supplier"), "true");
  EXPECT_EQ(cellValue(header, row, "phone"), "1");
  EXPECT_EQ(cellValue(header, row, "mobile"), "3");
  EXPECT_EQ(cellValue(header, row, "address_line1"), "1 Main St");
  EXPECT_EQ(cellValue(header, row, "postal_code"), "6000");
}

TEST(CsvMapping, FormulasAreDefusedAndComeBackUnchanged) {
  EXPECT_EQ(encodeCell("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
  EXPECT_EQ(encodeCell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(encodeCell("+61 2 9999 0000"), "+61 2 9999 0000") << "a phone number is data";
  EXPECT_EQ(encodeCell("-12.50"), "-12.50");
  EXPECT_EQ(encodeCell("'=x"), "''=x");
  EXPECT_EQ(encodeCell("'+61 2"), "''+61 2");
  for (std::string value : {"=1+2", "@x", "+cmd|x", "'=x", "''@x", "'+61 2", "plain", "-12.50",
                            "'quoted'", ""}) {
    EXPECT_EQ(decodeCell(encodeCell(value)), value);
  }
}

TEST(CsvMapping, DefaultHeaderListsMetaAndEntityColumns) {
  auto header = defaultHeader(EntityType::person);
  EXPECT_EQ(header.front(), "id");
  EXPECT_EQ(header.back(), "updated_at");
  EXPECT_NE(std::find(header.begin(), header.end(), "organization_id"), header.end());
}

}  // namespace
}  // namespace accord::plugins::csv
