// Pulling: cursors advance with the records they cover, and the overlap of the last second
// catches same-second changes without writing anything twice.
#include <gtest/gtest.h>

#include "sync_fixture.h"

namespace accord::sync::testing {
namespace {

using model::EntityType;

class PullTest : public SyncTest {};

std::optional<std::string> pullCursor(store::Store& store, store::ConnectionId id) {
  auto cursor = store.cursors().get(id, "organization");
  EXPECT_TRUE(cursor);
  return cursor ? cursor.value() : std::nullopt;
}

TEST_F(PullTest, PullAdvancesCursorWithRecords) {
  FakeApp& crm = addApp("crm", fakeManifest("crm", {EntityType::organization}));
  for (int i = 1; i <= 5; ++i) {
    crm.put(organization("Org " + std::to_string(i)));
    tick(std::chrono::seconds(1));
  }
  crm.fail_after_reads = 1;  // the first page (2 records) arrives, the second read fails
  RunReport first = sync();
  EXPECT_EQ(first.status, store::RunStatus::partial);
  EXPECT_EQ(canonical(EntityType::organization).size(), 2u);
  // The cursor covers exactly the page that was stored, so nothing is skipped or taken twice.
  EXPECT_EQ(pullCursor(*store_, connectionId("crm")).value_or(""), "0/2");

  crm.fail_reads = false;
  crm.fail_after_reads = -1;
  RunReport second = sync();
  EXPECT_EQ(second.status, store::RunStatus::succeeded);
  auto orgs = canonical(EntityType::organization);
  ASSERT_EQ(orgs.size(), 5u);
  EXPECT_EQ(second.counts.created, 3);
  EXPECT_EQ(changeLogSize(), 5);
}

TEST_F(PullTest, SameSecondChangesAreNotMissed) {
  FakeApp& crm = addApp("crm", fakeManifest("crm", {EntityType::organization}));
  clock_.advance(std::chrono::milliseconds(100));  // 0.1 s into a second
  crm.put(organization("Early"));
  sync();
  ASSERT_EQ(canonical(EntityType::organization).size(), 1u);
  const auto log_before = changeLogSize();

  clock_.advance(std::chrono::milliseconds(500));  // the same second, after the read
  crm.put(organization("Late"));
  RunReport report = sync();
  auto orgs = canonical(EntityType::organization);
  ASSERT_EQ(orgs.size(), 2u);
  // "Early" was read again (the overlap) but wrote nothing: one new version, for "Late".
  EXPECT_EQ(report.counts.pulled, 2);
  EXPECT_EQ(changeLogSize(), log_before + 1);

  tick();
  RunReport quiet = sync();
  EXPECT_EQ(changeLogSize(), log_before + 1);
  EXPECT_EQ(quiet.counts.created + quiet.counts.updated, 0);
}

}  // namespace
}  // namespace accord::sync::testing
