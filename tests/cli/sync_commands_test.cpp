// `accord sync runs`, `accord sync status` and `accord record show` as an admin reads them: the
// store is filled the way the sync engine fills it (runs, records, links, cursors), on a clock
// the test moves, then the commands are run in-process against the same file.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include <Poco/JSON/Parser.h>

#include "accord/sdk/testing/fake_clock.h"
#include "cli/cli.h"
#include "store/store.h"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using accord::sdk::testing::FakeClock;
namespace store = accord::store;

namespace {

struct Outcome {
  int code;
  std::string out;
  std::string err;
};

template <typename T>
T must(accord::sdk::Result<T> result) {
  if (!result) throw std::runtime_error(result.error().message);
  return std::move(result).value();
}
void must(accord::sdk::Result<void> result) {
  if (!result) throw std::runtime_error(result.error().message);
}

class SyncCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("accord-clisync-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    store::StoreOptions options;
    options.clock = &clock_;
    store_ = must(store::Store::open(dir_ / "accord.db", options));
    org_ = must(store_->organisations().add("Acme Pty Ltd"));
    xero_ = must(store_->connections().add({org_.id, "xero", "", "{}", {}, true, {}}, nullptr));
    vtiger_ = must(store_->connections().add({org_.id, "vtiger", "", "{}", {}, true, {}}, nullptr));
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  Outcome accord(std::vector<std::string> args) {
    args.insert(args.end(), {"--db", (dir_ / "accord.db").string()});
    std::ostringstream out, err;
    const int code = accord::cli::run(args, out, err);
    return {code, out.str(), err.str()};
  }

  Poco::JSON::Array::Ptr jsonArray(const Outcome& r) {
    return Poco::JSON::Parser().parse(r.out).extract<Poco::JSON::Array::Ptr>();
  }
  Poco::JSON::Object::Ptr jsonObject(const Outcome& r) {
    return Poco::JSON::Parser().parse(r.out).extract<Poco::JSON::Object::Ptr>();
  }

  // A person pulled from Xero in `run` and linked to its id there.
  store::RecordId pulledPerson(const std::string& xero_id, const std::string& body,
                               store::RunId run, const std::string& status = "active") {
    const auto put = must(store_->records().put(
        {"", org_.id, "person", "hash-" + body, status, body, xero_.id, run, std::nullopt}));
    must(store_->idMap().link({xero_.id, "person", xero_id}, put.id));
    return put.id;
  }

  FakeClock clock_;
  fs::path dir_;
  std::unique_ptr<store::Store> store_;
  store::Organisation org_;
  store::Connection xero_;
  store::Connection vtiger_;
};

TEST_F(SyncCommandsTest, RunsListNewestFirstWithEveryCount) {
  const auto first = must(store_->syncRuns().start(org_.id, std::nullopt, "manual"));
  const auto kept = pulledPerson("C-1/primary", R"({"name":"Ann"})", first);
  clock_.advance(1s);
  must(store_->syncRuns().finish(first, store::RunStatus::succeeded, {3, 2, 0, 1, 2, 0, 0}));

  clock_.advance(1min);
  const auto second = must(store_->syncRuns().start(org_.id, std::nullopt, "schedule"));
  must(store_->records().put({kept, org_.id, "person", "hash-gone", "archived",
                              R"({"name":"Ann"})", xero_.id, second, std::nullopt}));
  clock_.advance(1s);
  must(store_->idMap().setWarning({xero_.id, "person", "C-1/primary"}, "phones: at most 1"));
  clock_.advance(1s);
  must(store_->syncRuns().finish(second, store::RunStatus::partial, {5, 0, 1, 4, 0, 0, 2}));

  const auto r = accord({"sync", "runs", "acme-pty-ltd", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto runs = jsonArray(r);
  ASSERT_EQ(runs->size(), 2u);
  const auto newest = runs->getObject(0);
  EXPECT_EQ(newest->getValue<std::string>("run"), std::to_string(second));
  EXPECT_EQ(newest->getValue<std::string>("status"), "partial");
  EXPECT_EQ(newest->getValue<std::string>("trigger"), "schedule");
  EXPECT_EQ(newest->getValue<std::string>("pulled"), "5");
  EXPECT_EQ(newest->getValue<std::string>("updated"), "1");
  EXPECT_EQ(newest->getValue<std::string>("archived"), "1");
  EXPECT_EQ(newest->getValue<std::string>("echoes_skipped"), "4");
  EXPECT_EQ(newest->getValue<std::string>("warnings"), "1");
  EXPECT_EQ(newest->getValue<std::string>("errors"), "2");
  const auto oldest = runs->getObject(1);
  EXPECT_EQ(oldest->getValue<std::string>("created"), "2");
  EXPECT_EQ(oldest->getValue<std::string>("archived"), "0");
  EXPECT_EQ(oldest->getValue<std::string>("warnings"), "0");  // set after it finished

  const auto limited = accord({"sync", "runs", "acme-pty-ltd", "--limit", "1", "--json"});
  ASSERT_EQ(jsonArray(limited)->size(), 1u);
  EXPECT_EQ(jsonArray(limited)->getObject(0)->getValue<std::string>("run"),
            std::to_string(second));

  const auto table = accord({"sync", "runs", "acme-pty-ltd"});
  EXPECT_NE(table.out.find("Echoes skipped"), std::string::npos);
  EXPECT_NE(table.out.find("partial"), std::string::npos);
}

TEST_F(SyncCommandsTest, RunsRefuseABadLimitAndAnUnknownOrganisation) {
  const auto bad = accord({"sync", "runs", "acme-pty-ltd", "--limit", "ten"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("--limit takes a positive number, got 'ten'"), std::string::npos);
  const auto unknown = accord({"sync", "runs", "nosuch"});
  EXPECT_EQ(unknown.code, 1);
  EXPECT_NE(unknown.err.find("no organisation 'nosuch'"), std::string::npos) << unknown.err;
  EXPECT_NE(accord({"sync", "runs", "acme-pty-ltd"}).out.find("(none)"), std::string::npos);
}

TEST_F(SyncCommandsTest, StatusShowsEachConnectionItsLastRunProblemsHealthAndCursors) {
  const auto run = must(store_->syncRuns().start(org_.id, std::nullopt, "manual"));
  pulledPerson("C-1/primary", R"({"name":"Ann"})", run);
  must(store_->idMap().setError({xero_.id, "person", "C-1/primary"}, "email: malformed"));
  must(store_->cursors().set(xero_.id, "person", "v1:2026-01-01T00:00:00:0:1:0"));
  must(store_->cursors().set(vtiger_.id, "organization", "17", store::CursorKind::push));
  must(store_->syncRuns().finish(run, store::RunStatus::partial, {1, 1, 0, 0, 0, 0, 1}));
  must(store_->connections().setEnabled(vtiger_.id, false));
  store::ConnectionStatus down;
  down.connection_id = vtiger_.id;
  down.state = store::HealthState::recovery;
  down.consecutive_failures = 6;
  down.last_error = "transport: connection refused";
  must(store_->connectionStatuses().save(down));

  const auto r = accord({"sync", "status", "acme-pty-ltd", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto status = jsonObject(r);
  const auto connections = status->getArray("connections");
  ASSERT_EQ(connections->size(), 2u);
  for (unsigned i = 0; i < connections->size(); ++i) {
    const auto c = connections->getObject(i);
    const auto name = c->getValue<std::string>("connection");
    EXPECT_NE(c->getValue<std::string>("last_run").find("#" + std::to_string(run) + " partial"),
              std::string::npos);
    const auto cursors = c->getArray("cursors");
    ASSERT_EQ(cursors->size(), 1u) << name;
    if (name == "xero") {
      EXPECT_EQ(c->getValue<std::string>("enabled"), "yes");
      EXPECT_EQ(c->getValue<std::string>("records_with_errors"), "1");
      EXPECT_EQ(c->getValue<std::string>("health"), "healthy");
      EXPECT_EQ(cursors->getObject(0)->getValue<std::string>("entity"), "person");
      EXPECT_EQ(cursors->getObject(0)->getValue<std::string>("kind"), "pull");
    } else {
      EXPECT_EQ(c->getValue<std::string>("enabled"), "no");
      EXPECT_EQ(c->getValue<std::string>("records_with_errors"), "0");
      const auto health = c->getValue<std::string>("health");
      EXPECT_NE(health.find("recovery (6 failed runs"), std::string::npos) << health;
      EXPECT_NE(health.find("connection refused"), std::string::npos) << health;
      EXPECT_EQ(cursors->getObject(0)->getValue<std::string>("cursor"), "17");
    }
  }
  const auto text = accord({"sync", "status", "acme-pty-ltd"});
  EXPECT_NE(text.out.find("v1:2026-01-01T00:00:00:0:1:0"), std::string::npos) << text.out;
}

TEST_F(SyncCommandsTest, StatusOfAnOrganisationNeverSyncedSaysNever) {
  const auto r = accord({"sync", "status", "acme-pty-ltd"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("never"), std::string::npos);
  EXPECT_EQ(accord({"sync", "status", "nosuch"}).code, 1);
}

TEST_F(SyncCommandsTest, RecordShowGivesBodyIdsProblemsAndHistory) {
  const auto run = must(store_->syncRuns().start(org_.id, std::nullopt, "manual"));
  const auto id = pulledPerson("C-1/primary", R"({"name":"Ann"})", run);
  must(store_->idMap().link({vtiger_.id, "person", "12x7"}, id));
  must(store_->idMap().setWarning({vtiger_.id, "person", "12x7"}, "phones: home not held"));
  clock_.advance(1min);
  must(store_->records().put({id, org_.id, "person", "hash-2", "active", R"({"name":"Ann Lee"})",
                              vtiger_.id, run, std::nullopt}));
  must(store_->syncRuns().addError(
      run, {"person", "", id, "permanent", "Xero refused: email malformed", {}}));

  for (const auto& args : {std::vector<std::string>{"record", "show", "acme-pty-ltd", "person", id,
                                                    "--json"},
                           std::vector<std::string>{"record", "show", "acme-pty-ltd", "person",
                                                    "12x7", "--connection", "vtiger", "--json"}}) {
    const auto r = accord(args);
    ASSERT_EQ(r.code, 0) << r.err;
    const auto json = jsonObject(r);
    EXPECT_EQ(json->getValue<std::string>("id"), id);
    EXPECT_EQ(json->getObject("body")->getValue<std::string>("name"), "Ann Lee");
    EXPECT_EQ(json->getValue<int>("version"), 2);
    const auto links = json->getArray("links");
    ASSERT_EQ(links->size(), 2u);
    bool saw_warning = false;
    for (unsigned i = 0; i < links->size(); ++i) {
      saw_warning = saw_warning || links->getObject(i)->getValue<std::string>("warning") ==
                                       "phones: home not held";
    }
    EXPECT_TRUE(saw_warning);
    const auto history = json->getArray("history");
    ASSERT_EQ(history->size(), 2u);
    EXPECT_EQ(history->getObject(0)->getValue<std::string>("source"), "xero");
    EXPECT_EQ(history->getObject(1)->getValue<std::string>("source"), "vtiger");
    EXPECT_EQ(json->getArray("run_errors")->getObject(0)->getValue<std::string>("message"),
              "Xero refused: email malformed");
  }
  const auto text = accord({"record", "show", "acme-pty-ltd", "person", id});
  EXPECT_NE(text.out.find("C-1/primary"), std::string::npos);
  EXPECT_NE(text.out.find("Ann Lee"), std::string::npos);
}

TEST_F(SyncCommandsTest, RecordShowNamesWhatWasNotFound) {
  const auto run = must(store_->syncRuns().start(org_.id, std::nullopt, "manual"));
  const auto id = pulledPerson("C-1/primary", R"({"name":"Ann"})", run);

  auto r = accord({"record", "show", "acme-pty-ltd", "person", "0123abcd"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("organisation 'acme-pty-ltd' has no person record '0123abcd'"),
            std::string::npos) << r.err;
  r = accord({"record", "show", "acme-pty-ltd", "invoice", id});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("that id is a person record"), std::string::npos) << r.err;
  r = accord({"record", "show", "acme-pty-ltd", "persn", id});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("unknown entity 'persn'"), std::string::npos) << r.err;
  r = accord({"record", "show", "acme-pty-ltd", "person", "C-9/primary", "--connection", "xero"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("no person 'C-9/primary' from acme-pty-ltd/xero"), std::string::npos)
      << r.err;
  r = accord({"record", "show", "acme-pty-ltd", "person", "x", "--connection", "shopify"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("organisation 'acme-pty-ltd' has no connection 'shopify'"),
            std::string::npos) << r.err;
  r = accord({"record", "show", "other-org", "person", id});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("no organisation 'other-org'"), std::string::npos) << r.err;

  must(store_->organisations().add("Other Org"));
  r = accord({"record", "show", "other-org", "person", id});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("of another organisation"), std::string::npos) << r.err;
}

}  // namespace
