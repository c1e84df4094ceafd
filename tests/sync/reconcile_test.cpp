// Crash safety with an app that does not honour idempotency keys (vTiger creates whatever it is
// sent): a create the app applied before the hub died must be found by the next run's pull and
// linked, not sent again — a replay would leave the app with two copies, the second linked and
// the first pulled back as a new canonical record (the e2e kill test's "missing from Xero").
#include <gtest/gtest.h>

#include "sync_fixture.h"

namespace accord::sync::testing {
namespace {

using model::EntityType;

// Forwards to a FakeApp, but gives every call its own key: the app cannot tell a replay.
class KeylessApp final : public sdk::Connector {
 public:
  explicit KeylessApp(FakeApp& app) : app_(app) {}
  Result<sdk::Page> read(sdk::HostContext& ctx, const sdk::ReadRequest& request) override {
    return app_.read(ctx, request);
  }
  Result<std::vector<sdk::WriteOutcome>> write(sdk::HostContext& ctx,
                                               const sdk::WriteBatch& batch) override {
    sdk::WriteBatch unkeyed = batch;
    unkeyed.idempotency_key = "call-" + std::to_string(++calls_);
    return app_.write(ctx, unkeyed);
  }

 private:
  FakeApp& app_;
  int calls_ = 0;
};

class ReconcileTest : public SyncTest {
 protected:
  Result<ConnectorHandle> connectorFor(const store::Connection& connection) override {
    if (connection.id != connectionId("crm")) return SyncTest::connectorFor(connection);
    return ConnectorHandle{keyless_.get(), &context_, &app("crm").manifest()};
  }

  void SetUp() override {
    SyncTest::SetUp();
    addApp("books", fakeManifest("books", {EntityType::organization}));
    crm_ = &addApp("crm", fakeManifest("crm", {EntityType::organization}, 1));
    keyless_ = std::make_unique<KeylessApp>(*crm_);
  }

  std::size_t named(FakeApp& app, const std::string& name) {
    std::size_t n = 0;
    for (const model::Record& record : app.all(EntityType::organization)) {
      if (std::get<model::Organization>(record).name == name) ++n;
    }
    return n;
  }

  FakeApp* crm_ = nullptr;
  std::unique_ptr<KeylessApp> keyless_;
};

TEST_F(ReconcileTest, CreateAppliedBeforeACrashIsLinkedNotSentAgain) {
  app("books").put(organization("Kestrel Cycles"));
  app("books").put(organization("Hiro Anders Ltd"));
  crm_->crash_after_accept = true;  // the first create lands in crm; the hub dies unaware
  {
    Engine engine(*store_, *this);
    EXPECT_THROW((void)engine.run(org_), SimulatedCrash);
  }
  ASSERT_EQ(crm_->creates, 1);
  ASSERT_TRUE(store_->syncRuns().markInterrupted());

  tick();
  RunReport report = sync();
  EXPECT_EQ(report.status, store::RunStatus::succeeded);
  tick();
  sync();
  EXPECT_EQ(crm_->creates, 2);  // each record once
  EXPECT_EQ(named(*crm_, "Kestrel Cycles"), 1u);
  EXPECT_EQ(named(*crm_, "Hiro Anders Ltd"), 1u);
  EXPECT_EQ(canonical(EntityType::organization).size(), 2u);  // the copy was not imported anew
  EXPECT_EQ(named(app("books"), "Kestrel Cycles"), 1u);
  for (const model::Record& record : canonical(EntityType::organization)) {
    EXPECT_FALSE(externalId("crm", model::metaOf(record).id).empty());
    EXPECT_FALSE(externalId("books", model::metaOf(record).id).empty());
  }
  auto pending = store_->pushIntents().pending(connectionId("crm"));
  ASSERT_TRUE(pending);
  EXPECT_TRUE(pending->empty());
}

}  // namespace
}  // namespace accord::sync::testing
