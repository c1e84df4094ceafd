// The preview commands as an admin runs them: two csv connections (a folder with a customer
// list and an empty one), the preview of the first sync, a required field turning a record
// into an error, settings refused with the file and key named, and a filter explained.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <Poco/JSON/Parser.h>

#include "cli/cli.h"
#include "store/store.h"

namespace fs = std::filesystem;

namespace {

struct Outcome {
  int code;
  std::string out;
  std::string err;
};

class PreviewCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("accord-preview-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "a");
    fs::create_directories(dir_ / "b");
    write(dir_ / "a" / "organizations.csv",
          "id,status,updated_at,name,email,is_customer,is_supplier\n"
          "org-1,active,2024-03-01T10:00:00+00:00,Buyer Ltd,ap@buyer.test,true,false\n"
          "org-2,active,2024-03-01T10:00:00+00:00,Vendor Ltd,ar@vendor.test,false,true\n");
    write(dir_ / "a" / "people.csv",
          "id,status,updated_at,first_name,last_name,email,organization_id\n"
          "p-1,active,2024-03-01T10:00:00+00:00,Ann,Smith,ann@buyer.test,org-1\n"
          "p-2,active,2024-03-01T10:00:00+00:00,Bob,Jones,,org-1\n");
    ASSERT_EQ(accord({"org", "add", "Acme"}).code, 0);
    for (const std::string name : {"a", "b"}) {
      write(dir_ / (name + ".json"), R"({"folder": ")" + (dir_ / name).string() + R"("})");
      auto added = accord({"connection", "add", "acme", "csv", "--name", name, "--config",
                           (dir_ / (name + ".json")).string()});
      ASSERT_EQ(added.code, 0) << added.err;
    }
  }
  void TearDown() override { fs::remove_all(dir_); }

  static void write(const fs::path& path, const std::string& text) {
    std::ofstream(path) << text;
  }

  Outcome accord(std::vector<std::string> args) {
    args.insert(args.end(), {"--db", (dir_ / "accord.db").string(), "--plugins", TREE_PLUGIN_DIR});
    std::ostringstream out, err;
    const int code = accord::cli::run(args, out, err);
    return {code, out.str(), err.str()};
  }

  std::int64_t changeLogSize() {
    auto store = accord::store::Store::open(dir_ / "accord.db");
    EXPECT_TRUE(store);
    auto org = store.value()->organisations().get("acme");
    auto changes = store.value()->records().changesSince(org->id, 0, 100000);
    return changes ? static_cast<std::int64_t>(changes->size()) : -1;
  }

  // Table cells with one space between them.
  static std::string squashed(const std::string& text) {
    std::string out;
    for (char c : text) {
      if (c == ' ' && !out.empty() && out.back() == ' ') continue;
      out += c;
    }
    return out;
  }

  fs::path dir_;
};

TEST_F(PreviewCommandsTest, PreviewOfTheFirstSyncWritesNothing) {
  const Outcome r = accord({"preview", "acme"});
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("pull: 4 read, 4 new"), std::string::npos) << r.out;
  const std::string table = squashed(r.out);
  EXPECT_NE(table.find("\nacme/b organization create 2 0\n"), std::string::npos) << r.out;
  EXPECT_NE(table.find("\nacme/b person create 2 0\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("acme/b organization create 'Buyer Ltd'"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("    email: \"ap@buyer.test\""), std::string::npos) << r.out;
  // Nothing in the hub, nothing in the other folder; the same preview again.
  EXPECT_EQ(changeLogSize(), 0);
  EXPECT_FALSE(fs::exists(dir_ / "b" / "organizations.csv"));
  // New records get new ids each time; the rest is the same.
  const std::regex id("[0-9a-f]{32}");
  EXPECT_EQ(std::regex_replace(accord({"preview", "acme"}).out, id, "ID"),
            std::regex_replace(r.out, id, "ID"));
}

TEST_F(PreviewCommandsTest, RequiredFieldMakesAnErrorAndExitOne) {
  write(dir_ / "req.json", R"({"required": {"person": ["email"]}})");
  ASSERT_EQ(accord({"connection", "settings", "acme", "b", "--file", (dir_ / "req.json").string()}).code, 0);
  const Outcome r = accord({"preview", "acme", "--connection", "b", "--json"});
  EXPECT_EQ(r.code, 1);
  auto json = Poco::JSON::Parser().parse(r.out).extract<Poco::JSON::Object::Ptr>();
  auto groups = json->getArray("groups");
  bool found = false;
  for (std::size_t i = 0; i < groups->size(); ++i) {
    auto g = groups->getObject(i);
    if (g->getValue<std::string>("entity") != "person") continue;
    found = true;
    EXPECT_EQ(g->getValue<int>("records"), 2);
    EXPECT_EQ(g->getValue<int>("with_errors"), 1);
  }
  EXPECT_TRUE(found) << r.out;
  EXPECT_NE(r.out.find("email is required by acme/b's sync settings and is missing"),
            std::string::npos) << r.out;
}

TEST_F(PreviewCommandsTest, SettingsAreShownAndBadOnesRefusedNamingFileAndKey) {
  write(dir_ / "bad.json", R"({"filters": {"organization": {"rules": [{"field": "kind", "value": 1}]}}})");
  const Outcome bad = accord({"connection", "settings", "acme", "a", "--file", (dir_ / "bad.json").string()});
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find((dir_ / "bad.json").string() +
                         ": filters.organization.rules[0].field: 'kind' is not a field of organization"),
            std::string::npos) << bad.err;
  const Outcome shown = accord({"connection", "settings", "acme", "a"});
  EXPECT_EQ(shown.code, 0);
  EXPECT_NE(shown.out.find("\"block_on_preview_errors\": false"), std::string::npos) << shown.out;
}

TEST_F(PreviewCommandsTest, ExplainSaysWhichRuleKeepsARecordOut) {
  write(dir_ / "filter.json", R"({"filters": {"organization": {"rules": [
      {"field": "is_supplier", "op": "eq", "value": false}]}}})");
  ASSERT_EQ(accord({"connection", "settings", "acme", "a", "--file", (dir_ / "filter.json").string()}).code, 0);
  Outcome r = accord({"connection", "explain", "acme", "a", "org-2", "--entity", "organization"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("acme/a organization 'Vendor Ltd' (app id org-2), not in the hub:"),
            std::string::npos) << r.out;
  EXPECT_NE(r.out.find("not shared: rule 1 (is_supplier eq false) fails: is_supplier is true"),
            std::string::npos) << r.out;
  EXPECT_NE(r.out.find("as read from acme/a just now"), std::string::npos) << r.out;
  r = accord({"connection", "explain", "acme", "a", "org-1", "--entity", "organization"});
  EXPECT_NE(r.out.find("shared: all 1 rules pass"), std::string::npos) << r.out;
  // The preview leaves the supplier out.
  r = accord({"preview", "acme"});
  EXPECT_NE(r.out.find("1 not shared (filters)"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("Vendor Ltd"), std::string::npos) << r.out;
  r = accord({"connection", "explain", "acme", "a", "nope"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("give --entity ENTITY"), std::string::npos) << r.err;
}

}  // namespace
