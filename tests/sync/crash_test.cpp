// Crash safety: a push whose outcome was lost with the process is reconciled on the next run,
// and the app never gets the record twice.
#include <gtest/gtest.h>

#include "sync_fixture.h"

namespace accord::sync::testing {
namespace {

using model::EntityType;

class CrashTest : public SyncTest {};

TEST_F(CrashTest, CrashBetweenIntentAndCallReconciles) {
  addApp("crm", fakeManifest("crm", {EntityType::organization}));
  FakeApp& books = addApp("books", fakeManifest("books", {EntityType::organization}));
  app("crm").put(organization("Acme"));
  app("crm").put(organization("Bolt"));
  // books applies the batch, then the hub "dies" before it stores the outcome.
  books.crash_after_accept = true;
  {
    Engine engine(*store_, *this);
    EXPECT_THROW((void)engine.run(org_), SimulatedCrash);
  }
  ASSERT_EQ(books.creates, 2);
  auto pending = store_->pushIntents().pending(connectionId("books"));
  ASSERT_TRUE(pending);
  EXPECT_EQ(pending->size(), 2u);
  ASSERT_TRUE(store_->syncRuns().markInterrupted());

  tick();
  RunReport report = sync();
  EXPECT_EQ(report.status, store::RunStatus::succeeded);
  EXPECT_EQ(books.creates, 2);  // the replay carried the same key: answered, not applied again
  EXPECT_EQ(books.batches.back().idempotency_key, books.batches.front().idempotency_key);
  EXPECT_EQ(books.all(EntityType::organization).size(), 2u);
  EXPECT_EQ(canonical(EntityType::organization).size(), 2u);  // not imported back as new
  pending = store_->pushIntents().pending(connectionId("books"));
  ASSERT_TRUE(pending);
  EXPECT_TRUE(pending->empty());
  tick();
  sync();
  EXPECT_EQ(books.creates, 2);
  EXPECT_EQ(canonical(EntityType::organization).size(), 2u);
}

}  // namespace
}  // namespace accord::sync::testing
