#include <gtest/gtest.h>

#include "store/match_issues.h"
#include "store/push_intents.h"
#include "store/sync_runs.h"
#include "test_support.h"

namespace accord::store {
namespace {

using testing::StoreTest;

class SyncRunsTest : public StoreTest {};

TEST_F(SyncRunsTest, RecordsARunFromStartToFinishWithItsErrors) {
  ASSERT_OK_AND_ASSIGN(run, store().syncRuns().start(org_, xero_, "schedule"));
  ASSERT_OK(store().syncRuns().addError(run, {"person", "C-1", "", "permanent", "email invalid", {}}));
  clock_.advance(2500);
  const RunCounts counts{10, 3, 2, 5, 1, 0, 1};
  ASSERT_OK(store().syncRuns().finish(run, RunStatus::partial, counts));
  ASSERT_OK_AND_ASSIGN(got, store().syncRuns().get(run));
  EXPECT_EQ(got.status, RunStatus::partial);
  EXPECT_EQ(got.counts, counts);
  EXPECT_EQ(got.finished_at->epochMillis() - got.started_at.epochMillis(), 2500);
  ASSERT_OK_AND_ASSIGN(errors, store().syncRuns().errors(run));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "email invalid");
  auto twice = store().syncRuns().finish(run, RunStatus::failed, counts);
  EXPECT_FALSE(twice.ok());
}

TEST_F(SyncRunsTest, ListsNewestFirstAndMarksCrashedRunsInterrupted) {
  ASSERT_OK_AND_ASSIGN(first, store().syncRuns().start(org_, xero_, "manual"));
  clock_.advance(1);
  ASSERT_OK_AND_ASSIGN(second, store().syncRuns().start(org_, std::nullopt, "schedule"));
  ASSERT_OK(store().syncRuns().finish(second, RunStatus::succeeded, {}));
  EXPECT_EQ(store().syncRuns().markInterrupted().value(), 1);
  EXPECT_EQ(store().syncRuns().get(first)->status, RunStatus::interrupted);
  ASSERT_OK_AND_ASSIGN(all, store().syncRuns().list(org_));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, second);
  EXPECT_EQ(store().syncRuns().list(org_, xero_)->size(), 1u);
}

class MatchIssuesTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    for (const char* id : {"p1", "p2"}) {
      ASSERT_OK(store().records().put(recordPut(id, id)));
    }
  }
  NewMatchIssue issue(const std::string& reason) {
    return {org_, xero_, "person", "C-7", R"({"email":"a@b.c"})", reason,
            {{"p1", 0.6, "same name"}, {"p2", 0.9, "same email"}}};
  }
};

TEST_F(MatchIssuesTest, OpensOncePerRecordWithCandidatesBestFirst) {
  ASSERT_OK_AND_ASSIGN(id, store().matchIssues().open(issue("two candidates")));
  NewMatchIssue again = issue("still two candidates");
  again.candidates.pop_back();
  ASSERT_OK_AND_ASSIGN(same, store().matchIssues().open(again));
  EXPECT_EQ(same, id);
  ASSERT_OK_AND_ASSIGN(open, store().matchIssues().list(org_));
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].reason, "still two candidates");
  ASSERT_EQ(open[0].candidates.size(), 1u);
  ASSERT_OK(store().matchIssues().open(issue("x")));
  ASSERT_OK_AND_ASSIGN(refreshed, store().matchIssues().get(id));
  ASSERT_EQ(refreshed.candidates.size(), 2u);
  EXPECT_EQ(refreshed.candidates[0].record_id, "p2");
}

TEST_F(MatchIssuesTest, ResolutionRecordsWhoAndWhenAndClosesTheIssue) {
  ASSERT_OK_AND_ASSIGN(id, store().matchIssues().open(issue("two candidates")));
  EXPECT_FALSE(store().matchIssues().resolve(id, MatchDecision::link, "p2", "").ok());
  EXPECT_FALSE(store().matchIssues().resolve(id, MatchDecision::link, "", "ana").ok());
  clock_.advance(60'000);
  ASSERT_OK(store().matchIssues().resolve(id, MatchDecision::link, "p2", "ana", "same email"));
  ASSERT_OK_AND_ASSIGN(done, store().matchIssues().get(id));
  EXPECT_FALSE(done.open);
  EXPECT_EQ(done.decision, "link");
  EXPECT_EQ(done.decided_record_id, "p2");
  EXPECT_EQ(done.decided_by, "ana");
  EXPECT_EQ(done.decided_at->epochMillis(), clock_.millis());
  EXPECT_TRUE(store().matchIssues().list(org_)->empty());
  EXPECT_EQ(store().matchIssues().list(org_, true)->size(), 1u);
  EXPECT_FALSE(store().matchIssues().resolve(id, MatchDecision::ignore, "", "bob").ok());
  ASSERT_OK_AND_ASSIGN(new_id, store().matchIssues().open(issue("seen again")));
  EXPECT_NE(new_id, id);
}

class PushIntentsTest : public StoreTest {};

TEST_F(PushIntentsTest, PendingIntentsAreWhatACrashLeavesToReconcile) {
  ASSERT_OK(store().records().put(recordPut("p1")));
  ASSERT_OK(store().records().put(recordPut("p2")));
  PushIntent intent;
  intent.connection_id = xero_;
  intent.entity = "person";
  intent.record_id = "p1";
  intent.operation = "create";
  intent.record_version = 1;
  intent.content_hash = "h";
  intent.idempotency_key = "batch-1";
  ASSERT_OK(store().pushIntents().record(intent));
  intent.record_id = "p2";
  ASSERT_OK(store().pushIntents().record(intent));
  EXPECT_FALSE(store().pushIntents().record(intent).ok());  // same key and record twice
  ASSERT_OK(store().pushIntents().complete("batch-1", "p1", "C-100"));
  ASSERT_OK_AND_ASSIGN(pending, store().pushIntents().pending(xero_));
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].record_id, "p2");
  ASSERT_OK_AND_ASSIGN(done, store().pushIntents().byKey("batch-1", "p1"));
  EXPECT_EQ(done->state, PushState::done);
  EXPECT_EQ(done->external_id, "C-100");
  ASSERT_OK(store().pushIntents().fail("batch-1", "p2", "permanent: rejected"));
  EXPECT_TRUE(store().pushIntents().pending(xero_)->empty());
  EXPECT_FALSE(store().pushIntents().complete("batch-1", "p2", "x").ok());
}

}  // namespace
}  // namespace accord::store
