// `accord sync run` against a vTiger sandbox on loopback, through the real plugin and runtime:
// what an admin sees after a first and a second run, and when the app refuses the connection.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <Poco/JSON/Parser.h>

#include "cli/cli.h"
#include "sandbox/common/clock.h"
#include "sandbox/common/seed.h"
#include "sandbox/common/server.h"
#include "sandbox/vtiger/vtiger_app.h"

namespace fs = std::filesystem;
namespace sandbox = accord::sandbox;

namespace {

struct Outcome {
  int code;
  std::string out;
  std::string err;
};

// Two companies with their people and nothing else: a first sync stays well inside the
// edition's calls per minute, so the runtime's pacing never makes this test wait.
sandbox::SeedData smallSeed() {
  auto data = sandbox::generateSeed({});
  data.companies.resize(2);
  for (auto& c : data.companies) c.in_vtiger = true;
  data.products.clear();
  data.invoices.clear();
  return data;
}

class SyncRunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("accord-syncrun-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    app_.seed(smallSeed());
    server_ = std::make_unique<sandbox::Server>(app_);
    server_->start();
    ASSERT_EQ(accord({"org", "add", "Acme"}).code, 0);
  }
  void TearDown() override {
    server_->stop();
    fs::remove_all(dir_);
  }

  Outcome accord(std::vector<std::string> args) {
    // No key option: the CLI makes accord.key beside the database on first use.
    args.insert(args.end(), {"--db", (dir_ / "accord.db").string(), "--plugins", TREE_PLUGIN_DIR});
    std::ostringstream out, err;
    const int code = accord::cli::run(args, out, err);
    return {code, out.str(), err.str()};
  }

  void connectVtiger(const std::string& access_key) {
    const auto config = (dir_ / "vtiger.json").string();
    std::ofstream(config) << R"({"url": ")" << server_->baseUrl() << R"(", "username": ")"
                          << app_.userName() << R"(", "access_key": ")" << access_key << R"("})";
    const auto added = accord({"connection", "add", "acme", "vtiger", "--config", config});
    ASSERT_EQ(added.code, 0) << added.err;
  }

  static Poco::JSON::Object::Ptr object(const std::string& text) {
    return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
  }

  // The summary's line for one entity of the vtiger connection.
  static Poco::JSON::Object::Ptr entityLine(const Poco::JSON::Object::Ptr& summary,
                                            const std::string& entity) {
    const auto lines = summary->getArray("entities");
    for (unsigned i = 0; i < lines->size(); ++i) {
      const auto line = lines->getObject(i);
      if (line->getValue<std::string>("entity") == entity) return line;
    }
    return nullptr;
  }

  fs::path dir_;
  sandbox::ManualClock clock_;
  sandbox::vtiger::VtigerApp app_{clock_, {}};
  std::unique_ptr<sandbox::Server> server_;
};

TEST_F(SyncRunTest, FirstRunImportsEachEntityAndTheSecondFindsNothingNew) {
  connectVtiger(app_.accessKey());
  const auto first = accord({"sync", "run", "acme", "--json"});
  ASSERT_EQ(first.code, 0) << first.err << first.out;
  auto summary = object(first.out);
  EXPECT_EQ(summary->getValue<std::string>("status"), "succeeded");
  const auto orgs = entityLine(summary, "organization");
  ASSERT_TRUE(orgs) << first.out;
  EXPECT_EQ(orgs->getValue<std::string>("connection"), "vtiger");
  EXPECT_EQ(orgs->getValue<std::string>("pulled"), "2");
  EXPECT_EQ(orgs->getValue<std::string>("created"), "2");
  const auto calls = summary->getArray("api_calls")->getObject(0);
  EXPECT_GT(std::stoi(calls->getValue<std::string>("api_calls")), 0);

  const auto second = accord({"sync", "run", "acme"});
  ASSERT_EQ(second.code, 0) << second.err;
  EXPECT_NE(second.out.find("sync run #2 of acme: succeeded"), std::string::npos) << second.out;
  EXPECT_NE(second.out.find("created 0"), std::string::npos) << second.out;

  const auto runs = accord({"sync", "runs", "acme", "--json"});
  const auto rows = Poco::JSON::Parser().parse(runs.out).extract<Poco::JSON::Array::Ptr>();
  ASSERT_EQ(rows->size(), 2u);
  const auto people = entityLine(summary, "person");
  ASSERT_TRUE(people) << first.out;
  EXPECT_EQ(rows->getObject(1)->getValue<std::string>("created"),
            std::to_string(std::stoi(orgs->getValue<std::string>("created")) +
                           std::stoi(people->getValue<std::string>("created"))));
}

TEST_F(SyncRunTest, ARefusedLoginMakesThePartialRunVisibleAndNamesTheConnection) {
  connectVtiger("wrongAccessKey00");
  const auto r = accord({"sync", "run", "acme"});
  EXPECT_EQ(r.code, 0) << r.err;  // the run took place; the connection failed inside it
  EXPECT_NE(r.err.find("warning: sync run #1 of acme was partial"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("errors:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("vtiger"), std::string::npos) << r.out;
}

TEST_F(SyncRunTest, AnUnknownOrganisationOrConnectionIsNamed) {
  auto r = accord({"sync", "run", "nosuch"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("no organisation 'nosuch'"), std::string::npos) << r.err;
  r = accord({"sync", "run", "acme", "--connection", "xero"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("organisation 'acme' has no connection 'xero'"), std::string::npos)
      << r.err;
}

}  // namespace
