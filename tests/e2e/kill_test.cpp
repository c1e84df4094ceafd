// The kill test (issue 5, Evidence): the hub runs as a child process (accord-e2e-sync-once, one
// sync through the runtime) against the sandboxes in this process, and is SIGKILLed once k more
// requests have reached the sandboxes (counted by the sandboxes' servers), for many k, first
// during the initial import and then during a two-way sync. Then clean runs, and both apps are
// compared with the canonical store: every record in each app once, linked, no duplicates.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <thread>

#include "harness.h"
#include "scaled_time.h"

extern char** environ;

namespace accord::e2e {
namespace {

using ::testing::IsEmpty;

class KillTest : public ::testing::Test {
 protected:
  void SetUp() override {
    EnvOptions options;
    options.sandbox_clock = std::make_shared<ScaledSandboxClock>(scale_);
    env_ = std::make_unique<Env>(options);
    env_->connect();
  }

  std::uint64_t requests() {
    return env_->xero().server().requestCount() + env_->vtigerServer().requestCount();
  }

  // One hub run; SIGKILLed once `k` more requests reached the sandboxes (0: never). Returns
  // the number of requests the run made.
  std::uint64_t runHub(std::uint64_t k) {
    auto origin = std::chrono::duration_cast<std::chrono::milliseconds>(
        scale_.origin.time_since_epoch());
    std::vector<std::string> args = {ACCORD_E2E_SYNC_ONCE, (env_->dir() / "accord.db").string(),
                                     env_->keyFile().string(), "acme-pty-ltd",
                                     std::to_string(origin.count()),
                                     std::to_string(scale_.factor)};
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    const std::uint64_t base = requests();
    pid_t pid = 0;
    if (posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) {
      ADD_FAILURE() << "cannot start " << argv[0];
      return 0;
    }
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    int status = 0;
    for (;;) {
      if (waitpid(pid, &status, WNOHANG) == pid) break;
      bool due = k != 0 && requests() - base >= k;
      if (due || std::chrono::steady_clock::now() > deadline) {
        ::kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        EXPECT_TRUE(due) << "the hub did not finish within 120 s";
        ++kills_;
        return requests() - base;
      }
      std::this_thread::sleep_for(std::chrono::microseconds(100));
    }
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
        << "the hub run failed (status " << status << ")";
    return requests() - base;
  }

  void killAt(const std::vector<std::uint64_t>& points) {
    for (std::uint64_t k : points) {
      std::uint64_t made = runHub(k);
      log_ += " k=" + std::to_string(k) + ":" + std::to_string(made);
    }
  }

  void scenario(const std::vector<std::uint64_t>& import_kills,
                const std::vector<std::uint64_t>& two_way_kills);

  void expectAppsMatchCanonical() {
    EXPECT_THAT(env_->compareWithCanonical(EntityType::organization), IsEmpty()) << log_;
    EXPECT_THAT(env_->compareWithCanonical(EntityType::person), IsEmpty()) << log_;
  }

  // Scaled time, 600x: Xero's 60 calls a minute are 600 a second, a token lives 3 s.
  Scale scale_{std::chrono::system_clock::now(), 600};
  std::unique_ptr<Env> env_;
  int kills_ = 0;
  std::string log_ = "requests per run:";
};

// The scenario, with the hub killed at the given points of the import and of the two-way sync.
void KillTest::scenario(const std::vector<std::uint64_t>& import_kills,
                        const std::vector<std::uint64_t>& two_way_kills) {
  // The initial import: Xero's demo business into an empty vTiger.
  killAt(import_kills);
  runHub(0);
  expectAppsMatchCanonical();

  // Both sides change, then a two-way sync is killed again and again.
  auto xero = env_->appRecords("xero", EntityType::organization);
  ASSERT_GE(xero.size(), 6u);
  for (std::size_t i = 0; i < 3; ++i) {
    env_->xeroPost("Contacts", R"({"Contacts":[{"ContactID":")" + model::metaOf(xero[i]).id +
                                   R"(","EmailAddress":"kill-)" + std::to_string(i) + R"(@xero.example"}]})");
  }
  env_->xeroPost("Contacts", R"({"Contacts":[{"Name":"Kill Test Xero One"},{"Name":"Kill Test Xero Two"}]})");
  auto vtiger = env_->appRecords("vtiger", EntityType::organization);
  ASSERT_GE(vtiger.size(), 6u);
  for (std::size_t i = 3; i < 6; ++i) {
    env_->vtigerRevise(model::metaOf(vtiger[i]).id, {{"email1", "kill-" + std::to_string(i) + "@vtiger.example"}});
  }
  env_->vtigerCreate("Accounts", {{"accountname", "Kill Test Vtiger One"}});
  env_->vtigerCreate("Accounts", {{"accountname", "Kill Test Vtiger Two"}});
  killAt(two_way_kills);
  runHub(0);
  runHub(0);
  expectAppsMatchCanonical();
  RecordProperty("runs", log_);
}

TEST_F(KillTest, KilledAtManyPointsBothAppsMatchTheCanonicalStoreWithoutDuplicates) {
  scenario({3, 8, 15, 25, 35, 45, 55, 65, 80, 95, 110}, {2, 4, 6, 9, 12, 16, 20, 25, 30});
  EXPECT_GE(kills_, 15) << log_;
}

// The same runs without kills: what the killed scenario is held to.
TEST_F(KillTest, WithoutKillsBothAppsMatchTheCanonicalStore) {
  scenario({}, {});
  EXPECT_EQ(kills_, 0);
}

}  // namespace
}  // namespace accord::e2e
