// Kills a writer process with SIGKILL at random points while it writes pages (records, id map
// links, change log, cursor), many times, and after each kill reopens the database and checks
// every invariant the sync engine relies on.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <random>
#include <string>

#include "kill_pages.h"
#include "test_support.h"

extern char** environ;

namespace accord::store {
namespace {

using testing::TempDir;
namespace kill = testing::kill;

constexpr std::uint64_t kSeed = 20261122;
constexpr int kRounds = 60;

// The writer, with its stdout on a pipe we read committed page numbers from.
class Writer {
 public:
  Writer(const std::string& db, std::uint64_t seed) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    const std::string seed_text = std::to_string(seed);
    char* argv[] = {const_cast<char*>(ACCORD_STORE_KILL_WRITER), const_cast<char*>(db.c_str()),
                    const_cast<char*>(seed_text.c_str()), nullptr};
    if (posix_spawn(&pid_, ACCORD_STORE_KILL_WRITER, &actions, nullptr, argv, environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    out_ = fds[0];
  }
  ~Writer() {
    killNow();
    if (out_ >= 0) ::close(out_);
  }
  bool started() const { return pid_ > 0; }

  // Waits (at most 10 s) until the writer reports `pages` more committed pages.
  bool waitForPages(int pages) {
    while (pages > 0) {
      pollfd p{out_, POLLIN, 0};
      if (::poll(&p, 1, 10'000) <= 0) return false;
      char buffer[256];
      const ssize_t n = ::read(out_, buffer, sizeof buffer);
      if (n <= 0) return false;
      for (ssize_t i = 0; i < n; ++i) pages -= buffer[i] == '\n';
    }
    return true;
  }

  // Returns the wait status.
  int killNow() {
    if (pid_ <= 0) return 0;
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return status;
  }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
};

std::int64_t scalar(Database& db, const std::string& sql) {
  auto st = db.prepare(sql);
  EXPECT_TRUE(st.ok()) << st.error().describe();
  if (!st) return -1;
  auto row = st->step();
  EXPECT_TRUE(row.ok() && row.value()) << sql;
  return st->columnInt(0);
}

// Everything that must hold whenever the writer stops, wherever it stopped. Returns the page
// the cursor is at.
int checkInvariants(const std::filesystem::path& path, int round) {
  SCOPED_TRACE("round " + std::to_string(round) + ", seed " + std::to_string(kSeed));
  StoreOptions options;
  options.database.synchronous_full = false;
  auto opened = Store::open(path, options);
  EXPECT_TRUE(opened.ok()) << opened.error().describe();
  if (!opened) return -1;
  Store& store = *opened.value();
  Database& db = store.db();
  auto integrity = db.prepare("PRAGMA integrity_check");
  EXPECT_TRUE(integrity->step().value());
  EXPECT_EQ(integrity->columnText(0), "ok");
  auto fk = db.prepare("PRAGMA foreign_key_check");
  EXPECT_FALSE(fk->step().value()) << "a row points at nothing";

  auto org = store.organisations().find(kill::kOrg);
  std::optional<Connection> conn;
  if (org.value()) conn = store.connections().find(org.value()->id, kill::kConnection).value();
  const int page = conn ? kill::pageOf(store.cursors().get(conn->id, kill::kEntity).value()) : 0;
  const auto expected = kill::replay(kSeed, page);

  // The cursor covers exactly what is stored: nothing of its page missing, nothing of the next.
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM records"), static_cast<std::int64_t>(expected.size()));
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM id_map"), static_cast<std::int64_t>(expected.size()));
  // One query for all links and their records: per-row lookups would dominate the test's time.
  std::map<std::string, kill::Expected> stored;
  auto rows = db.prepare(
      "SELECT m.external_id, r.content_hash, r.body, r.version, m.last_pulled_hash "
      "FROM id_map m JOIN records r ON r.id = m.record_id");
  for (;;) {
    auto row = rows->step();
    EXPECT_TRUE(row.ok());
    if (!row.ok() || !row.value()) break;
    stored[rows->columnText(0)] = {rows->columnText(1), rows->columnText(2), rows->columnInt(3)};
    EXPECT_EQ(rows->columnText(4), rows->columnText(1)) << "last pulled hash of " << rows->columnText(0);
  }
  std::int64_t versions = 0;
  for (const auto& [ext, want] : expected) {
    versions += want.version;
    auto it = stored.find(ext);
    if (it == stored.end()) {
      ADD_FAILURE() << ext << " missing at page " << page;
      return -1;
    }
    EXPECT_EQ(it->second.version, want.version) << ext;
    EXPECT_EQ(it->second.hash, want.hash) << ext;
    EXPECT_EQ(it->second.body, want.body) << ext;
  }
  // Every version of every record has its change-log entry, and there are no others.
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM change_log"), versions);
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM records r WHERE (SELECT count(*) FROM change_log c "
                       "WHERE c.record_id = r.id AND c.version BETWEEN 1 AND r.version) != "
                       "r.version OR NOT EXISTS (SELECT 1 FROM change_log c WHERE c.record_id = "
                       "r.id AND c.version = r.version AND c.content_hash = r.content_hash)"),
            0);
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM id_map WHERE record_id NOT IN (SELECT id FROM records)"),
            0);
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM (SELECT 1 FROM id_map GROUP BY connection_id, entity, "
                       "external_id HAVING count(*) > 1)"),
            0);
  return page;
}

TEST(StoreKillTest, EveryInvariantHoldsAfterEachSigkill) {
  TempDir dir;
  const auto path = dir / "accord.db";
  std::mt19937 rng(kSeed);
  int last_page = 0;
  int kills_after_progress = 0;
  for (int round = 0; round < kRounds; ++round) {
    Writer writer(path.string(), kSeed);
    ASSERT_TRUE(writer.started()) << "cannot start " << ACCORD_STORE_KILL_WRITER;
    // Sometimes before the first commit (during open or migration), mostly a little after.
    const int pages = static_cast<int>(rng() % 4);
    ASSERT_TRUE(writer.waitForPages(pages)) << "writer stalled or died in round " << round;
    ::usleep(rng() % 4000);
    const int status = writer.killNow();
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "the writer exited by itself (status " << status << ") in round " << round;
    const int page = checkInvariants(path, round);
    ASSERT_GE(page, last_page) << "the cursor went back";
    kills_after_progress += pages > 0;
    last_page = page;
    if (::testing::Test::HasFatalFailure() || ::testing::Test::HasNonfatalFailure()) return;
  }
  ::testing::Test::RecordProperty("pages_written", last_page);
  // The test means something only if the writer got somewhere between kills.
  EXPECT_GT(last_page, kRounds);
  EXPECT_GT(kills_after_progress, kRounds / 2);
}

}  // namespace
}  // namespace accord::store
