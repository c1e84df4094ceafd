// The review commands in-process (`accord matches ...`, `accord push`), against a store the
// sync engine filled with the seeded "changed email" conflict.
#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>

#include <Poco/JSON/Parser.h>

#include "cli/cli.h"
#include "matching_fixture.h"

namespace accord::matching::testing {
namespace {

using store::EntityDirection;

struct Ran {
  int code = 0;
  std::string out, err;
};

class MatchesCliTest : public MatchingTest {
 protected:
  void SetUp() override {
    MatchingTest::SetUp();
    FakeApp& vtiger = addApp("vtiger", sync::testing::fakeManifest("vtiger", {EntityType::organization}));
    crm_bluebird_ = vtiger.put(company("Bluebird Bakery", "hello@bluebird-bakery.example"));
    sync();
    tick();
    FakeApp& xero = addApp("xero", sync::testing::fakeManifest("xero", {EntityType::organization}),
                           {{"organization", EntityDirection{true, false}}});
    bluebird_ = xero.put(company("Bluebird Bakery", "orders@bluebirdbakery.example", "CUST-0002"));
    tick();
    sync();
    auto issues = openIssues();
    ASSERT_EQ(issues.size(), 1u);
    issue_ = std::to_string(issues[0].id);
    canonical_ = canonicalOf("vtiger", EntityType::organization, crm_bluebird_);
  }
  Ran run(std::vector<std::string> args) {
    args.push_back("--db");
    args.push_back((dir_ / "accord.db").string());
    std::ostringstream out, err;
    const int code = cli::run(args, out, err);
    return {code, out.str(), err.str()};
  }
  // The table row whose first cell is `first`.
  static std::string rowOf(const std::string& table, const std::string& first) {
    std::istringstream lines(table);
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind(first + " ", 0) == 0) return line;
    }
    return {};
  }
  std::string crm_bluebird_, bluebird_, canonical_, issue_;
};

TEST_F(MatchesCliTest, ListShowsBothRecordsSideBySideWithEachKey) {
  Ran listed = run({"matches", "list", "acme"});
  ASSERT_EQ(listed.code, 0) << listed.err;
  EXPECT_NE(listed.out.find("issue " + issue_ + ": xero organization '" + bluebird_ +
                            "' — name agrees, email differs"),
            std::string::npos)
      << listed.out;
  EXPECT_NE(listed.out.find("candidate " + canonical_ + " (score 0.5): name agrees; email differs"),
            std::string::npos)
      << listed.out;
  // One row per field either side has: the email row shows both values and that they differ.
  std::istringstream lines(listed.out);
  std::string line, email_row, account_row;
  while (std::getline(lines, line)) {
    if (line.rfind("email ", 0) == 0) email_row = line;
    if (line.rfind("account_number ", 0) == 0) account_row = line;
  }
  EXPECT_NE(email_row.find("orders@bluebirdbakery.example"), std::string::npos) << listed.out;
  EXPECT_NE(email_row.find("hello@bluebird-bakery.example"), std::string::npos);
  EXPECT_NE(email_row.find("differs"), std::string::npos);
  EXPECT_NE(account_row.find("not compared"), std::string::npos) << listed.out;
}

TEST_F(MatchesCliTest, ListAsJson) {
  Ran listed = run({"matches", "list", "acme", "--json"});
  ASSERT_EQ(listed.code, 0) << listed.err;
  Poco::JSON::Parser parser;
  auto issues = parser.parse(listed.out).extract<Poco::JSON::Array::Ptr>();
  ASSERT_EQ(issues->size(), 1u);
  auto issue = issues->getObject(0);
  EXPECT_EQ(issue->getValue<std::string>("connection"), "xero");
  EXPECT_EQ(issue->getObject("incoming")->getValue<std::string>("email"),
            "orders@bluebirdbakery.example");
  auto candidate = issue->getArray("candidates")->getObject(0);
  EXPECT_EQ(candidate->getValue<std::string>("record_id"), canonical_);
  EXPECT_EQ(candidate->getObject("existing")->getValue<std::string>("email"),
            "hello@bluebird-bakery.example");
  auto keys = candidate->getArray("keys");
  ASSERT_EQ(keys->size(), 3u);
  EXPECT_EQ(keys->getObject(0)->getValue<std::string>("state"), "agrees");
  EXPECT_EQ(keys->getObject(1)->getValue<std::string>("state"), "differs");
  EXPECT_EQ(keys->getObject(1)->getValue<std::string>("incoming"), "orders@bluebirdbakery.example");
}

TEST_F(MatchesCliTest, ConfirmLinksAndIsLoggedWithWho) {
  Ran bad = run({"matches", "confirm", issue_, "--keep", "both", "--by", "ann"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("--keep must be 'incoming'"), std::string::npos) << bad.err;
  Ran confirmed = run({"matches", "confirm", issue_, "--keep", "incoming", "--by", "ann"});
  ASSERT_EQ(confirmed.code, 0) << confirmed.err;
  EXPECT_EQ(confirmed.out, "issue " + issue_ + ": linked to record " + canonical_ +
                               " (kept incoming)\n");
  EXPECT_EQ(canonicalOf("xero", EntityType::organization, bluebird_), canonical_);
  Ran log = run({"matches", "log", "acme", "--json"});
  ASSERT_EQ(log.code, 0) << log.err;
  Poco::JSON::Parser parser;
  auto rows = parser.parse(log.out).extract<Poco::JSON::Array::Ptr>();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->getObject(0)->getValue<std::string>("by"), "ann");
  EXPECT_EQ(rows->getObject(0)->getValue<std::string>("action"), "confirm");
  EXPECT_FALSE(rows->getObject(0)->getValue<std::string>("at").empty());
  Ran again = run({"matches", "confirm", issue_, "--keep", "incoming", "--by", "bob"});
  EXPECT_EQ(again.code, 1);
  EXPECT_NE(again.err.find("was decided already (link by ann)"), std::string::npos) << again.err;
}

TEST_F(MatchesCliTest, SeparateCreatesANewRecord) {
  Ran separated = run({"matches", "separate", issue_, "--by", "ann"});
  ASSERT_EQ(separated.code, 0) << separated.err;
  const std::string created = canonicalOf("xero", EntityType::organization, bluebird_);
  EXPECT_EQ(separated.out, "issue " + issue_ + ": new record " + created + "\n");
  EXPECT_NE(created, canonical_);
  EXPECT_EQ(run({"matches", "list", "acme"}).out, "no match issues waiting in acme\n");
}

TEST_F(MatchesCliTest, ByDefaultsToUserAndIsRequired) {
  const char* saved = std::getenv("USER");
  const std::string user = saved ? saved : "";
  ::setenv("USER", "carol", 1);
  Ran ignored = run({"matches", "ignore", issue_});
  ASSERT_EQ(ignored.code, 0) << ignored.err;
  auto issue = store_->matchIssues().get(std::stoll(issue_));
  EXPECT_EQ(issue->decided_by.value_or(""), "carol");
  ::unsetenv("USER");
  Ran nobody = run({"matches", "resync", issue_});
  EXPECT_EQ(nobody.code, 2);
  EXPECT_NE(nobody.err.find("name who decides with --by (or set $USER)"), std::string::npos);
  if (saved) ::setenv("USER", user.c_str(), 1);
}

TEST_F(MatchesCliTest, UnsyncListsTheRecordAndResyncBringsItBack) {
  Ran unsynced = run({"matches", "unsync", "acme", canonical_, "--note", "on hold", "--by", "ann"});
  ASSERT_EQ(unsynced.code, 0) << unsynced.err;
  Ran listed = run({"matches", "unsynced", "acme", "--json"});
  ASSERT_EQ(listed.code, 0) << listed.err;
  Poco::JSON::Parser parser;
  auto rows = parser.parse(listed.out).extract<Poco::JSON::Array::Ptr>();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->getObject(0)->getValue<std::string>("record"), canonical_);
  EXPECT_EQ(rows->getObject(0)->getValue<std::string>("note"), "on hold");
  EXPECT_TRUE(link("vtiger", canonical_).push_opt_out);
  Ran resynced = run({"matches", "resync", canonical_, "--by", "ann"});
  ASSERT_EQ(resynced.code, 0) << resynced.err;
  EXPECT_EQ(resynced.out, "record " + canonical_ + ": synced both ways again\n");
  EXPECT_FALSE(link("vtiger", canonical_).push_opt_out);
  Ran unknown = run({"matches", "unsync", "acme", "nope", "--by", "ann"});
  EXPECT_EQ(unknown.code, 1);
  EXPECT_NE(unknown.err.find("no record 'nope' in this organisation"), std::string::npos);
}

TEST_F(MatchesCliTest, ResyncOfAnIssueMatchesAgain) {
  ASSERT_EQ(run({"matches", "rules", "acme", "--set", "organization.keys=name", "--by", "ann"}).code, 0);
  Ran resynced = run({"matches", "resync", issue_, "--by", "ann"});
  ASSERT_EQ(resynced.code, 0) << resynced.err;
  EXPECT_EQ(resynced.out, "issue " + issue_ + ": matched, linked to record " + canonical_ + "\n");
}

TEST_F(MatchesCliTest, RulesShowAndChangeTheSettings) {
  Ran shown = run({"matches", "rules", "acme"});
  ASSERT_EQ(shown.code, 0) << shown.err;
  EXPECT_NE(rowOf(shown.out, "organization.keys").find(" name,email,account_number"),
            std::string::npos)
      << shown.out;
  EXPECT_NE(rowOf(shown.out, "email.plus_tags").find(" keep"), std::string::npos) << shown.out;
  Ran set = run({"matches", "rules", "acme", "--set", "email.plus_tags=strip", "--by", "ann"});
  ASSERT_EQ(set.code, 0) << set.err;
  EXPECT_NE(rowOf(set.out, "email.plus_tags").find(" strip"), std::string::npos) << set.out;
  Ran bad = run({"matches", "rules", "acme", "--set", "person.keys=phone", "--by", "ann"});
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("matching setting 'person.keys': no key 'phone'"), std::string::npos);
}

TEST_F(MatchesCliTest, PushMarksARecordForAnAppThatLacksIt) {
  ASSERT_EQ(run({"matches", "separate", issue_, "--by", "ann"}).code, 0);
  Ran not_sent = run({"push", "acme", canonical_, "--to", "xero", "--by", "ann"});
  EXPECT_EQ(not_sent.code, 1);
  EXPECT_NE(not_sent.err.find("connection 'acme/xero' does not receive organization records"),
            std::string::npos)
      << not_sent.err;
  ASSERT_TRUE(store_->connections().setDirection(connectionId("xero"), "organization", {}));
  Ran pushed = run({"push", "acme", canonical_, "--to", "xero", "--by", "ann"});
  ASSERT_EQ(pushed.code, 0) << pushed.err;
  EXPECT_EQ(pushed.out, "record " + canonical_ + ": will be created in acme/xero by the next sync\n");
  Ran no_to = run({"push", "acme", canonical_, "--by", "ann"});
  EXPECT_EQ(no_to.code, 2);
  Ran there = run({"push", "acme", canonicalOf("xero", EntityType::organization, bluebird_),
                   "--to", "xero", "--by", "ann"});
  EXPECT_EQ(there.code, 1);
  EXPECT_NE(there.err.find("has record"), std::string::npos) << there.err;
  Ran unknown = run({"push", "acme", canonical_, "--to", "shopify", "--by", "ann"});
  EXPECT_EQ(unknown.code, 1);
}

}  // namespace
}  // namespace accord::matching::testing
