// SIGTERM in the middle of a sync: the page in hand is stored, the run is saved (not left
// "running"), the service exits 0, and the next run picks up exactly where it stopped. The
// apps are the sync engine's in-memory FakeApps; the signal is a real one sent to this process
// from inside the app's second page read.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <condition_variable>
#include <sstream>

#include "scheduler/executor.h"
#include "scheduler/timer_source.h"
#include "service/serve.h"
#include "service/service.h"
#include "service/signals.h"
#include "service/sync_runner.h"
#include "sync_fixture.h"

namespace accord::service {
namespace {

using sdk::model::EntityType;

// Sends SIGTERM during the Nth read, then holds that read until the service is stopping, so
// the page is "in hand" when the stop arrives.
class SignalOnRead final : public sdk::Connector {
 public:
  SignalOnRead(sdk::Connector& inner, int on_read, std::function<bool()> stopping_seen)
      : inner_(inner), on_read_(on_read), stopping_seen_(std::move(stopping_seen)) {}
  sdk::Result<sdk::Page> read(sdk::HostContext& ctx, const sdk::ReadRequest& request) override {
    if (++reads_ == on_read_) {
      ::kill(::getpid(), SIGTERM);
      EXPECT_TRUE(stopping_seen_()) << "the service did not start stopping";
    }
    return inner_.read(ctx, request);
  }
  sdk::Result<std::vector<sdk::WriteOutcome>> write(sdk::HostContext& ctx,
                                                    const sdk::WriteBatch& batch) override {
    return inner_.write(ctx, batch);
  }
  int reads() const { return reads_; }

 private:
  sdk::Connector& inner_;
  int on_read_;
  int reads_ = 0;
  std::function<bool()> stopping_seen_;
};

class SigtermTest : public sync::testing::SyncTest, public Backend {
 protected:
  // The Backend: runs go through the same runGuarded as the RuntimeBackend's.
  sdk::Result<std::optional<WebhookDelivery>> webhook(const std::string&, const std::string&,
                                                      const sdk::WebhookRequest&) override {
    return std::optional<WebhookDelivery>();
  }
  scheduler::RunOutcome runSync(store::OrgId org, const scheduler::Trigger& trigger) override {
    auto outcome = runGuarded(*store_, *this, org, trigger, stop_, metrics_);
    std::lock_guard lock(mutex_);
    outcomes_.push_back(outcome);
    return outcome;
  }
  sdk::Result<std::vector<scheduler::ConnectionSchedule>> schedules() override {
    return std::vector<scheduler::ConnectionSchedule>{};
  }
  sdk::Result<void> ready() override { return {}; }
  void requestStop() override {
    stop_.raise();
    std::lock_guard lock(mutex_);
    stopping_.notify_all();
  }
  bool waitStopping() {
    std::unique_lock lock(mutex_);
    return stopping_.wait_for(lock, std::chrono::seconds(10), [this] { return stop_.raised(); });
  }

  // The ConnectorProvider: the fixture's FakeApps, the first one behind SignalOnRead.
  sdk::Result<sync::ConnectorHandle> connectorFor(const store::Connection& connection) override {
    auto handle = SyncTest::connectorFor(connection);
    if (handle.ok() && connection.id == connectionId("shop")) {
      if (!signal_) {
        signal_ = std::make_unique<SignalOnRead>(*handle->connector, 2, [this] {
          return waitStopping();
        });
      }
      handle.value().connector = signal_.get();
    }
    return handle;
  }

  StopFlag stop_;
  Metrics metrics_;
  std::mutex mutex_;
  std::condition_variable stopping_;
  std::vector<scheduler::RunOutcome> outcomes_;
  std::unique_ptr<SignalOnRead> signal_;
};

TEST_F(SigtermTest, MidSyncTheServiceSavesThePageInHandAndExitsZero) {
  blockTerminationSignals();  // before any thread: the signal waits for runUntilTerminated
  auto& shop = addApp("shop", sync::testing::fakeManifest("shop", {EntityType::organization}));
  addApp("books", sync::testing::fakeManifest("books", {EntityType::organization}));
  for (int i = 0; i < 10; ++i) {
    shop.put(sync::testing::organization("Customer " + std::to_string(i)));
  }
  tick();

  std::ostringstream log_text;
  JsonLog log(log_text, clock_);
  scheduler::AsioTimerSource timers;
  scheduler::ThreadPoolExecutor pool(2);
  ServiceConfig config;
  config.port = 0;
  int code = -1;
  {
    Service service(config, *this, log, metrics_, timers, pool);
    ASSERT_TRUE(service.start().ok());
    scheduler::Trigger manual;
    manual.kind = scheduler::TriggerKind::manual;
    ASSERT_TRUE(service.scheduler().trigger(org_, manual));
    code = runUntilTerminated(service);
  }
  EXPECT_EQ(code, 0);
  ASSERT_EQ(outcomes_.size(), 1u);
  EXPECT_EQ(signal_->reads(), 2) << "a page was read after the stop";

  // Two pages of two records were stored, and the run was saved as ended, not left running.
  auto run = store_->syncRuns().get(outcomes_[0].run);
  ASSERT_TRUE(run.ok()) << run.error().message;
  EXPECT_NE(run->status, store::RunStatus::running);
  EXPECT_EQ(run->counts.pulled, 4);
  EXPECT_EQ(canonical(EntityType::organization).size(), 4u);
  EXPECT_NE(log_text.str().find("\"msg\":\"signal 15 received\""), std::string::npos);
  EXPECT_NE(log_text.str().find("\"msg\":\"stopped\""), std::string::npos);

  // The next run continues from the saved cursor: nothing lost, nothing read twice as new.
  auto next = sync(sync::EngineOptions{});
  EXPECT_GE(next.counts.pulled, 6);
  EXPECT_EQ(canonical(EntityType::organization).size(), 10u);
  EXPECT_EQ(app("books").all(EntityType::organization).size(), 10u);
}

}  // namespace
}  // namespace accord::service
