// sync: changes and deletions after a unix time, about 100 per call, with `more` to page on.
#include <set>

#include "vtiger_test_support.h"

namespace accord::sandbox::vtiger::testing {
namespace {

using std::chrono::seconds;

class SyncTest : public VtigerTest {
 protected:
  void SetUp() override { session_ = login(); }

  Answer sync(std::int64_t since, const std::string& type = "Accounts") {
    Pairs params{{"operation", "sync"}, {"sessionName", session_}, {"modifiedTime", std::to_string(since)}};
    if (!type.empty()) params.emplace_back("elementType", type);
    return get(params);
  }

  std::int64_t now() const {
    return std::chrono::duration_cast<seconds>(clock_.now().time_since_epoch()).count();
  }

  std::string session_;
};

TEST_F(SyncTest, PagesThroughChangesHundredAtATime) {
  const std::int64_t start = now() - 1;
  for (int i = 0; i < 250; ++i) {
    clock_.advance(seconds(1));
    createAccount(session_, "Account " + std::to_string(i));
  }
  std::int64_t cursor = start;
  std::vector<std::size_t> pages;
  std::set<std::string> seen;
  bool more = true;
  while (more) {
    Answer a = sync(cursor);
    ASSERT_TRUE(a.success()) << a.errorMessage();
    auto updated = a.result()->getArray("updated");
    pages.push_back(updated->size());
    for (const auto& r : *updated) seen.insert(r.extract<Object::Ptr>()->getValue<std::string>("id"));
    more = a.result()->getValue<bool>("more");
    const auto last = a.result()->getValue<std::int64_t>("lastModifiedTime");
    ASSERT_GT(last, cursor);
    cursor = last;
  }
  EXPECT_EQ(pages, (std::vector<std::size_t>{100, 100, 50}));
  EXPECT_EQ(seen.size(), 250u);
  // Nothing new: same cursor back, no more.
  Answer idle = sync(cursor);
  EXPECT_EQ(idle.result()->getArray("updated")->size(), 0u);
  EXPECT_EQ(idle.result()->getValue<std::int64_t>("lastModifiedTime"), cursor);
  EXPECT_FALSE(idle.result()->getValue<bool>("more"));
}

TEST_F(SyncTest, ReportsDeletionsAndLaterUpdates) {
  const std::string kept = createAccount(session_, "Kept");
  const std::string gone = createAccount(session_, "Gone");
  const std::int64_t cursor = sync(0).result()->getValue<std::int64_t>("lastModifiedTime");
  clock_.advance(seconds(10));
  post({{"operation", "delete"}, {"sessionName", session_}, {"id", gone}});
  Object::Ptr change = new Object;
  change->set("id", kept);
  change->set("phone", "555-0100");
  post({{"operation", "revise"}, {"sessionName", session_}, {"element", json(change)}});

  Answer a = sync(cursor);
  ASSERT_TRUE(a.success());
  auto updated = a.result()->getArray("updated");
  ASSERT_EQ(updated->size(), 1u);
  EXPECT_EQ(updated->getObject(0)->getValue<std::string>("phone"), "555-0100");
  auto deleted = a.result()->getArray("deleted");
  ASSERT_EQ(deleted->size(), 1u);
  EXPECT_EQ(deleted->getElement<std::string>(0), gone);
  EXPECT_EQ(a.result()->getValue<std::int64_t>("lastModifiedTime"), now());
}

TEST_F(SyncTest, ChangesInTheSameSecondAreNeverSplitAcrossPages) {
  for (int i = 0; i < 150; ++i) createAccount(session_, "Same second " + std::to_string(i));
  Answer a = sync(0);
  EXPECT_EQ(a.result()->getArray("updated")->size(), 150u);
  EXPECT_FALSE(a.result()->getValue<bool>("more"));
}

TEST_F(SyncTest, WithoutElementTypeCoversEveryModule) {
  const std::string account = createAccount(session_, "Acme Ltd");
  Object::Ptr c = new Object;
  c->set("lastname", "Smith");
  c->set("assigned_user_id", "19x1");
  c->set("account_id", account);
  create(session_, "Contacts", c);
  Answer a = sync(0, "");
  ASSERT_TRUE(a.success()) << a.errorMessage();
  EXPECT_EQ(a.result()->getArray("updated")->size(), 2u);
  EXPECT_EQ(sync(0, "Contacts").result()->getArray("updated")->size(), 1u);
}

TEST_F(SyncTest, UnknownElementTypeIsAccessDenied) {
  EXPECT_EQ(sync(0, "Widgets").errorCode(), "ACCESS_DENIED");
}

TEST_F(SyncTest, SeededDataPagesFromZero) {
  app_.seed(generateSeed({}));
  std::int64_t cursor = 0;
  std::size_t total = 0, calls = 0;
  bool more = true;
  while (more && calls < 1000) {
    Answer a = sync(cursor, "");
    ASSERT_TRUE(a.success());
    EXPECT_LE(a.result()->getArray("updated")->size() + a.result()->getArray("deleted")->size(), 100u);
    total += a.result()->getArray("updated")->size() + a.result()->getArray("deleted")->size();
    more = a.result()->getValue<bool>("more");
    cursor = a.result()->getValue<std::int64_t>("lastModifiedTime");
    ++calls;
  }
  EXPECT_FALSE(more);
  EXPECT_EQ(total, app_.state().store().all().size());
}

}  // namespace
}  // namespace accord::sandbox::vtiger::testing
