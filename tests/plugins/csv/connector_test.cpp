// The csv connector end to end on a temporary folder: config checks, write -> read round
// trips, paging and incremental cursors, archive/remove, replays and broken rows.
#include "connector.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "accord/sdk/testing/test_host_context.h"
#include "config.h"
#include "temp_folder.h"

namespace accord::plugins::csv {
namespace {

using sdk::ErrorKind;
using sdk::ReadRequest;
using sdk::WriteBatch;
using sdk::WriteKind;
using sdk::WriteOp;
using sdk::model::EntityType;
using sdk::model::Organization;
using sdk::model::Person;
using ::testing::HasSubstr;

class CsvConnectorTest : public ::testing::Test {
 protected:
  CsvConnectorTest() : ctx_(sdk::Config({{"folder", folder_.path().string()}})) {}

  Organization org(const std::string& name) {
    Organization o;
    o.name = name;
    o.email = name + "@example.test";
    o.is_customer = true;
    o.phones = {{"work", "+61 2 9999 0000"}};
    o.addresses = {{"postal", "1 Main St", "Level 2", "Sydney", "NSW", "2000", "AU"}};
    return o;
  }

  std::vector<sdk::WriteOutcome> write(EntityType entity, std::vector<WriteOp> ops,
                                       std::string key = "") {
    auto outcomes = connector_.write(ctx_, WriteBatch{entity, std::move(ops), std::move(key)});
    EXPECT_TRUE(outcomes.ok()) << outcomes.error().describe();
    return outcomes.ok() ? outcomes.value() : std::vector<sdk::WriteOutcome>{};
  }

  std::vector<std::string> create(int count) {
    std::vector<WriteOp> ops;
    for (int i = 0; i < count; ++i) ops.push_back({WriteKind::create, org("Org " + std::to_string(i))});
    std::vector<std::string> ids;
    for (const auto& outcome : write(EntityType::organization, ops)) ids.push_back(outcome.id);
    return ids;
  }

  sdk::Page read(EntityType entity, std::string cursor = "", int page_size = 100) {
    auto page = connector_.read(ctx_, ReadRequest{entity, std::move(cursor), page_size, false, {}});
    EXPECT_TRUE(page.ok()) << page.error().describe();
    return page.ok() ? page.value() : sdk::Page{};
  }

  tests::TempFolder folder_;
  sdk::testing::TestHostContext ctx_;
  CsvConnector connector_;
};

TEST_F(CsvConnectorTest, ConfigChecksNameTheKeyAtFault) {
  folder_.write("a-file", "x");
  auto keys = [](const std::vector<sdk::FieldError>& errors) {
    std::set<std::string> out;
    for (const auto& e : errors) out.insert(e.key);
    return out;
  };
  EXPECT_TRUE(connector_.validateConfig(ctx_.config()).empty());
  EXPECT_EQ(keys(connector_.validateConfig(sdk::Config{})), std::set<std::string>{"folder"});
  auto not_dir = connector_.validateConfig(
      sdk::Config({{"folder", (folder_.path() / "a-file").string()}}));
  ASSERT_EQ(not_dir.size(), 1u);
  EXPECT_THAT(not_dir[0].message, HasSubstr("is not a directory"));
  auto bad = connector_.validateConfig(sdk::Config({{"folder", folder_.path().string()},
                                                    {"delimiter", std::string(";;")},
                                                    {"people_file", std::string("../x.csv")}}));
  EXPECT_EQ(keys(bad), (std::set<std::string>{"delimiter", "people_file"}));
}

TEST_F(CsvConnectorTest, ReadWithBadConfigIsInvalidConfig) {
  ctx_.setConfig(sdk::Config({{"folder", (folder_.path() / "nope").string()}}));
  auto page = connector_.read(ctx_, ReadRequest{});
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().kind, ErrorKind::invalid_config);
  EXPECT_EQ(page.error().field, "folder");
}

TEST_F(CsvConnectorTest, WrittenRecordsReadBackEqual) {
  Organization acme = org("Acme, \"the\" Company");
  auto orgs = write(EntityType::organization, {{WriteKind::create, acme}});
  ASSERT_EQ(orgs.size(), 1u);
  ASSERT_TRUE(orgs[0].ok());
  Person ann;
  ann.first_name = "Ann";
  ann.last_name = "Lee";
  ann.organization.id = orgs[0].id;
  ann.is_primary = true;
  ann.phones = {{"mobile", "0412 000 000"}};
  auto people = write(EntityType::person, {{WriteKind::create, ann}});

  sdk::Page org_page = read(EntityType::organization);
  ASSERT_EQ(org_page.records.size(), 1u);
  auto read_acme = std::get<Organization>(org_page.records[0]);
  EXPECT_EQ(read_acme.meta.id, orgs[0].id);
  EXPECT_EQ(read_acme.meta.updated_at, orgs[0].updated_at);
  acme.meta = read_acme.meta;
  EXPECT_EQ(read_acme, acme);

  sdk::Page person_page = read(EntityType::person);
  ASSERT_EQ(person_page.records.size(), 1u);
  auto read_ann = std::get<Person>(person_page.records[0]);
  ann.meta = read_ann.meta;
  EXPECT_EQ(read_ann, ann);
  EXPECT_EQ(read_ann.meta.id, people[0].id);
  EXPECT_THAT(folder_.read("people.csv"), HasSubstr("id,first_name,last_name"));
}

TEST_F(CsvConnectorTest, PagesFollowTheCursorToTheEnd) {
  auto created = create(7);
  std::set<std::string> seen;
  std::string cursor;
  std::vector<std::size_t> sizes;
  for (;;) {
    sdk::Page page = read(EntityType::organization, cursor, 3);
    sizes.push_back(page.records.size());
    for (const auto& r : page.records) EXPECT_TRUE(seen.insert(sdk::model::metaOf(r).id).second);
    if (!page.more) break;
    cursor = page.next_cursor;
  }
  EXPECT_EQ(sizes, (std::vector<std::size_t>{3, 3, 1}));
  EXPECT_EQ(seen, std::set<std::string>(created.begin(), created.end()));
}

TEST_F(CsvConnectorTest, IncrementalReadReturnsOnlyWhatChangedSinceTheCursor) {
  auto ids = create(4);
  sdk::Page all = read(EntityType::organization);
  ASSERT_FALSE(all.more);
  EXPECT_TRUE(read(EntityType::organization, all.next_cursor).records.empty());

  ctx_.fake_clock.advance(std::chrono::seconds(5));
  Organization changed = org("Renamed");
  changed.meta.id = ids[2];
  auto outcome = write(EntityType::organization, {{WriteKind::update, changed}});
  ASSERT_TRUE(outcome.at(0).ok());
  sdk::Page since = read(EntityType::organization, all.next_cursor);
  ASSERT_EQ(since.records.size(), 1u);
  EXPECT_EQ(std::get<Organization>(since.records[0]).name, "Renamed");
  EXPECT_EQ(sdk::model::metaOf(since.records[0]).id, ids[2]);
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  return text.replace(text.find(from), from.size(), to);
}

TEST_F(CsvConnectorTest, HandEditAfterThePluginsWriteIsSeenByTheNextIncrementalRead) {
  create(3);
  sdk::Page all = read(EntityType::organization);
  ASSERT_TRUE(read(EntityType::organization, all.next_cursor).records.empty());
  // A person edits the sheet without touching updated_at.
  folder_.write("organizations.csv",
                replaced(folder_.read("organizations.csv"), "Org 1,", "Org One,"));
  sdk::Page since = read(EntityType::organization, all.next_cursor);
  std::set<std::string> names;
  for (const auto& r : since.records) names.insert(std::get<Organization>(r).name);
  EXPECT_TRUE(names.count("Org One")) << "any row may have changed: all come again";
}

TEST_F(CsvConnectorTest, PluginWriteAfterAHandEditDoesNotHideTheEdit) {
  auto ids = create(3);
  sdk::Page all = read(EntityType::organization);
  folder_.write("organizations.csv",
                replaced(folder_.read("organizations.csv"), "Org 1,", "Org One,"));
  Organization other = org("Org 2 renamed by the hub");
  other.meta.id = ids[2];
  ASSERT_TRUE(write(EntityType::organization, {{WriteKind::update, other}}).at(0).ok());
  std::set<std::string> names;
  for (const auto& r : read(EntityType::organization, all.next_cursor).records) {
    names.insert(std::get<Organization>(r).name);
  }
  EXPECT_TRUE(names.count("Org One"));
  EXPECT_TRUE(names.count("Org 2 renamed by the hub"));
}

TEST_F(CsvConnectorTest, ArchiveIsReportedAsRemovalAndRemoveDeletesTheRow) {
  auto ids = create(3);
  Organization target;
  target.meta.id = ids[0];
  ctx_.fake_clock.advance(std::chrono::seconds(1));
  auto archived = write(EntityType::organization, {{WriteKind::archive, target}});
  ASSERT_TRUE(archived.at(0).ok());
  sdk::Page page = read(EntityType::organization);
  EXPECT_EQ(page.records.size(), 2u);
  ASSERT_EQ(page.removals.size(), 1u);
  EXPECT_EQ(page.removals[0].id, ids[0]);
  EXPECT_EQ(page.removals[0].status, sdk::model::RecordStatus::archived);

  target.meta.id = ids[1];
  ASSERT_TRUE(write(EntityType::organization, {{WriteKind::remove, target}}).at(0).ok());
  EXPECT_THAT(folder_.read("organizations.csv"), ::testing::Not(HasSubstr(ids[1])));
  auto again = write(EntityType::organization, {{WriteKind::remove, target}});
  ASSERT_TRUE(again.at(0).ok()) << "removing what is gone is not a failure";
  EXPECT_THAT(again.at(0).warnings.at(0), HasSubstr("nothing to remove"));
}

TEST_F(CsvConnectorTest, EachOpHasItsOwnOutcome) {
  auto ids = create(1);
  Organization missing = org("Ghost");
  missing.meta.id = "no-such-id";
  Organization known = org("Known");
  known.meta.id = ids[0];
  auto outcomes = write(EntityType::organization,
                        {{WriteKind::update, missing}, {WriteKind::update, known},
                         {WriteKind::create, Person{}}});
  ASSERT_EQ(outcomes.size(), 3u);
  ASSERT_FALSE(outcomes[0].ok());
  EXPECT_EQ(outcomes[0].error->kind, ErrorKind::permanent);
  EXPECT_THAT(outcomes[0].error->message, HasSubstr("no row with id \"no-such-id\""));
  EXPECT_TRUE(outcomes[1].ok());
  EXPECT_FALSE(outcomes[2].ok()) << "a person in an organization batch";
  EXPECT_EQ(std::get<Organization>(read(EntityType::organization).records.at(0)).name, "Known");
}

TEST_F(CsvConnectorTest, ReplayedCreateBatchDoesNotCreateTwice) {
  std::vector<WriteOp> ops{{WriteKind::create, org("A")}, {WriteKind::create, org("B")}};
  auto first = write(EntityType::organization, ops, "batch-key-1");
  auto replay = write(EntityType::organization, ops, "batch-key-1");
  ASSERT_EQ(replay.size(), 2u);
  EXPECT_EQ(replay[0].id, first[0].id);
  EXPECT_EQ(replay[1].id, first[1].id);
  EXPECT_FALSE(replay[0].warnings.empty());
  EXPECT_EQ(read(EntityType::organization).records.size(), 2u);
}

TEST_F(CsvConnectorTest, HandTypedRowsGetStableIdsOnFirstRead) {
  folder_.write("organizations.csv", "name,email\nAcme,a@x.test\nGlobex,g@x.test\n");
  sdk::Page first = read(EntityType::organization);
  ASSERT_EQ(first.records.size(), 2u);
  sdk::Page second = read(EntityType::organization);
  ASSERT_EQ(second.records.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_FALSE(sdk::model::metaOf(first.records[i]).id.empty());
    EXPECT_EQ(sdk::model::metaOf(first.records[i]).id, sdk::model::metaOf(second.records[i]).id);
  }
  EXPECT_THAT(folder_.read("organizations.csv"), HasSubstr("name,email,id,"));
}

TEST_F(CsvConnectorTest, BrokenRowIsARecordErrorAndTheRestIsRead) {
  folder_.write("people.csv",
                "id,first_name,is_primary,updated_at\r\n"
                "p1,Ann,true,2024-01-01T00:00:00Z\r\n"
                "p2,Bob,perhaps,2024-01-02T00:00:00Z\r\n"
                "p3,\"Cy\"x,false,2024-01-03T00:00:00Z\r\n"
                "p4,Dee,false,2024-01-04T00:00:00Z\r\n");
  sdk::Page page = read(EntityType::person);
  EXPECT_EQ(page.records.size(), 2u);
  ASSERT_EQ(page.errors.size(), 2u);
  std::map<std::string, std::string> by_id;
  for (const auto& e : page.errors) by_id[e.id] = e.error.message;
  EXPECT_THAT(by_id["p2"], HasSubstr("people.csv line 3, column 3 (is_primary)"));
  EXPECT_THAT(by_id["p3"], HasSubstr("people.csv line 4, column 2 (first_name), character 8"));
}

TEST_F(CsvConnectorTest, DuplicateIdIsReportedOnTheSecondRow) {
  folder_.write("people.csv", "id,first_name\np1,Ann\np1,Annie\n");
  sdk::Page page = read(EntityType::person);
  ASSERT_EQ(page.records.size(), 1u);
  ASSERT_EQ(page.errors.size(), 1u);
  EXPECT_THAT(page.errors[0].error.message, HasSubstr("already used on line 2"));
}

TEST_F(CsvConnectorTest, ReadsExactlyTheIdsAsked) {
  auto ids = create(5);
  auto page = connector_.read(ctx_, ReadRequest{EntityType::organization, "", 100, false,
                                                {ids[1], ids[3]}});
  ASSERT_TRUE(page.ok());
  std::set<std::string> got;
  for (const auto& r : page->records) got.insert(sdk::model::metaOf(r).id);
  EXPECT_EQ(got, (std::set<std::string>{ids[1], ids[3]}));
}

TEST_F(CsvConnectorTest, KeepsTheFilesDelimiterAndByteOrderMark) {
  ctx_.setConfig(sdk::Config({{"folder", folder_.path().string()},
                              {"delimiter", std::string(";")}}));
  folder_.write("organizations.csv", "\xEF\xBB\xBFid;name\no1;Acme\n");
  auto outcomes = write(EntityType::organization, {{WriteKind::create, org("Globex; Ltd")}});
  ASSERT_TRUE(outcomes.at(0).ok());
  std::string text = folder_.read("organizations.csv");
  EXPECT_EQ(text.rfind("\xEF\xBB\xBFid;name;", 0), 0u) << text;
  EXPECT_THAT(text, HasSubstr(";\"Globex; Ltd\";"));
  EXPECT_EQ(read(EntityType::organization).records.size(), 2u);
}

TEST_F(CsvConnectorTest, UnsupportedEntityIsNotSupported) {
  auto page = connector_.read(ctx_, ReadRequest{EntityType::invoice, "", 10, true, {}});
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().kind, ErrorKind::not_supported);
  auto outcomes = connector_.write(ctx_, WriteBatch{EntityType::invoice, {}, ""});
  ASSERT_FALSE(outcomes.ok());
  EXPECT_EQ(outcomes.error().kind, ErrorKind::not_supported);
}

TEST_F(CsvConnectorTest, MalformedCursorIsRefused) {
  auto page = connector_.read(ctx_, ReadRequest{EntityType::person, "yesterday", 10, false, {}});
  ASSERT_FALSE(page.ok());
  EXPECT_THAT(page.error().message, HasSubstr("\"yesterday\""));
}

}  // namespace
}  // namespace accord::plugins::csv
