// The review queue's decisions (hub/matching/review.h) and what the next sync then does.
#include <gtest/gtest.h>

#include "matching/review.h"
#include "matching_fixture.h"
#include "store/record_codec.h"

namespace accord::matching::testing {
namespace {

using store::EntityDirection;

class ReviewTest : public MatchingTest {
 protected:
  // The seeded "changed email": Bluebird Bakery in the CRM, then connected in Xero with another
  // email. Xero's organizations are not pushed while the issue is open (the held record's
  // candidate would be created in it), and pushed again when a test says so.
  void SetUp() override {
    MatchingTest::SetUp();
    vtiger_ = &addApp("vtiger", sync::testing::fakeManifest("vtiger", {EntityType::organization}));
    crm_bluebird_ = vtiger_->put(company("Bluebird Bakery", "hello@bluebird-bakery.example"));
    sync();
    tick();
    xero_ = &addApp("xero", sync::testing::fakeManifest("xero", {EntityType::organization}),
                    {{"organization", EntityDirection{true, false}}});
    auto record = company("Bluebird Bakery", "orders@bluebirdbakery.example");
    record.phones.push_back({"work", "+1 206 555 0100"});
    bluebird_ = xero_->put(record);
    tick();
    sync();
    auto issues = openIssues();
    ASSERT_EQ(issues.size(), 1u);
    issue_ = issues[0].id;
    canonical_ = canonicalOf("vtiger", EntityType::organization, crm_bluebird_);
  }
  void pushToXero() {
    ASSERT_TRUE(store_->connections().setDirection(connectionId("xero"), "organization", {}));
  }
  model::Organization inApp(FakeApp& app, const std::string& id) {
    auto record = app.get(EntityType::organization, id);
    EXPECT_TRUE(record.has_value());
    return record ? std::get<model::Organization>(*record) : model::Organization{};
  }
  model::Organization hubRecord(const std::string& id) {
    auto stored = store_->records().get(id);
    EXPECT_TRUE(stored);
    auto record = store::toModelRecord(stored.value());
    EXPECT_TRUE(record);
    return std::get<model::Organization>(record.value());
  }

  FakeApp* vtiger_ = nullptr;
  FakeApp* xero_ = nullptr;
  std::string crm_bluebird_, bluebird_, canonical_;
  store::IssueId issue_ = 0;
};

TEST_F(ReviewTest, ConfirmKeepingIncomingLinksAndSendsTheAppsValuesToTheOthers) {
  Review review(*store_, "ann");
  auto linked = review.confirm(issue_, Side::incoming);
  ASSERT_TRUE(linked) << linked.error().message;
  EXPECT_EQ(linked.value(), canonical_);
  EXPECT_EQ(canonicalOf("xero", EntityType::organization, bluebird_), canonical_);
  EXPECT_EQ(hubRecord(canonical_).email, "orders@bluebirdbakery.example");
  tick();
  pushToXero();
  sync();
  EXPECT_EQ(inApp(*vtiger_, crm_bluebird_).email, "orders@bluebirdbakery.example");
  EXPECT_EQ(inApp(*vtiger_, crm_bluebird_).phones.size(), 1u);
  EXPECT_EQ(xero_->all(EntityType::organization).size(), 1u);  // linked, not created again
  EXPECT_EQ(live(EntityType::organization).size(), 1u);
}

TEST_F(ReviewTest, ConfirmKeepingExistingSendsTheHubsValuesToTheApp) {
  Review review(*store_, "ann");
  ASSERT_TRUE(review.confirm(issue_, Side::existing));
  EXPECT_EQ(hubRecord(canonical_).email, "hello@bluebird-bakery.example");
  tick();
  pushToXero();
  sync();
  EXPECT_EQ(inApp(*xero_, bluebird_).email, "hello@bluebird-bakery.example");
  EXPECT_EQ(inApp(*vtiger_, crm_bluebird_).email, "hello@bluebird-bakery.example");
  EXPECT_EQ(xero_->all(EntityType::organization).size(), 1u);
}

TEST_F(ReviewTest, SeparateMakesANewRecordForTheHeldOne) {
  Review review(*store_, "ann");
  auto created = review.separate(issue_);
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_NE(created.value(), canonical_);
  EXPECT_EQ(canonicalOf("xero", EntityType::organization, bluebird_), created.value());
  EXPECT_EQ(live(EntityType::organization).size(), 2u);
  tick();
  sync();
  EXPECT_EQ(vtiger_->all(EntityType::organization).size(), 2u);  // the CRM receives it
  auto issue = store_->matchIssues().get(issue_);
  ASSERT_TRUE(issue);
  EXPECT_EQ(issue->decision.value_or(""), "create");
  EXPECT_EQ(issue->decided_record_id.value_or(""), created.value());
}

TEST_F(ReviewTest, EveryDecisionIsLoggedWithWhoAndWhen) {
  const auto before = clock_.now();
  ASSERT_TRUE(Review(*store_, "ann").confirm(issue_, Side::existing));
  tick();
  ASSERT_TRUE(Review(*store_, "bob").unsync(org_, canonical_, "customer asked"));
  auto log = tables().decisions(org_);
  ASSERT_TRUE(log);
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ(log->at(1).action, "confirm");
  EXPECT_EQ(log->at(1).decided_by, "ann");
  EXPECT_EQ(log->at(1).detail, "kept existing");
  EXPECT_EQ(log->at(1).issue_id.value_or(0), issue_);
  EXPECT_EQ(log->at(1).decided_at.epochMillis(), store::nowMillis(sdk::testing::FakeClock(before)));
  EXPECT_EQ(log->at(0).action, "unsync");
  EXPECT_EQ(log->at(0).decided_by, "bob");
  EXPECT_EQ(log->at(0).detail, "customer asked");
  auto issue = store_->matchIssues().get(issue_);
  EXPECT_EQ(issue->decided_by.value_or(""), "ann");
}

TEST_F(ReviewTest, ADecisionNeedsWhoAndAnOpenIssue) {
  auto nobody = Review(*store_, "").confirm(issue_, Side::incoming);
  ASSERT_FALSE(nobody);
  EXPECT_EQ(nobody.error().message, "a decision must name who made it (--by or $USER)");
  ASSERT_TRUE(Review(*store_, "ann").ignore(issue_));
  auto again = Review(*store_, "bob").separate(issue_);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().message,
            "match issue " + std::to_string(issue_) + " was decided already (ignore by ann)");
}

TEST_F(ReviewTest, ATieNeedsTheRecordChosen) {
  vtiger_->put(company("Bluebird Bakery Ltd", "info@bluebird.example"));
  tick();
  sync();
  // Match the held record again: two candidates now share its name, neither its email.
  auto again = Review(*store_, "ann").resyncIssue(issue_);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->kind, MatchKind::conflict);
  auto ambiguous = Review(*store_, "ann").confirm(issue_, Side::incoming);
  ASSERT_FALSE(ambiguous);
  EXPECT_NE(ambiguous.error().message.find("has 2 candidates: choose one with --record"),
            std::string::npos);
  auto chosen = Review(*store_, "ann").confirm(issue_, Side::incoming, canonical_);
  ASSERT_TRUE(chosen) << chosen.error().message;
  EXPECT_EQ(canonicalOf("xero", EntityType::organization, bluebird_), canonical_);
}

TEST_F(ReviewTest, ResyncOfAnIssueMatchesAgainWithTodaysSettings) {
  ASSERT_TRUE(Review(*store_, "ann").ignore(issue_));
  ASSERT_TRUE(tables().setSetting(org_, "organization.keys", "name", "ann"));
  auto again = Review(*store_, "ann").resyncIssue(issue_);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->kind, MatchKind::full);
  EXPECT_EQ(again->record_id, canonical_);
  EXPECT_EQ(canonicalOf("xero", EntityType::organization, bluebird_), canonical_);
  EXPECT_TRUE(openIssues().empty());
}

TEST_F(ReviewTest, UnsyncStopsBothWaysUntilResynced) {
  ASSERT_TRUE(Review(*store_, "ann").confirm(issue_, Side::existing));
  tick();
  pushToXero();
  sync();
  ASSERT_TRUE(Review(*store_, "ann").unsync(org_, canonical_));
  auto listed = tables().unsynced(org_);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().record_id, canonical_);
  EXPECT_EQ(listed->front().entity, "organization");
  EXPECT_TRUE(link("vtiger", canonical_).pull_opt_out);
  EXPECT_TRUE(link("xero", canonical_).push_opt_out);

  tick();
  auto renamed = inApp(*vtiger_, crm_bluebird_);
  renamed.name = "Bluebird Bakery & Cafe";
  renamed.meta.id = crm_bluebird_;
  vtiger_->put(renamed);
  sync();
  EXPECT_EQ(hubRecord(canonical_).name, "Bluebird Bakery");  // not taken
  EXPECT_EQ(inApp(*xero_, bluebird_).name, "Bluebird Bakery");

  ASSERT_TRUE(Review(*store_, "ann").resyncRecord(org_, canonical_));
  EXPECT_TRUE(tables().unsynced(org_)->empty());
  EXPECT_FALSE(link("vtiger", canonical_).pull_opt_out);
  EXPECT_FALSE(link("xero", canonical_).push_opt_out);
  auto not_unsynced = Review(*store_, "ann").resyncRecord(org_, canonical_);
  ASSERT_FALSE(not_unsynced);
  EXPECT_NE(not_unsynced.error().message.find("is not unsynced"), std::string::npos);
}

TEST_F(ReviewTest, UnsyncedRecordsAreNeverMatchCandidates) {
  ASSERT_TRUE(Review(*store_, "ann").unsync(org_, canonical_));
  FakeApp& shop = addApp("zshop", sync::testing::fakeManifest("zshop", {EntityType::organization}));
  const auto copy = shop.put(company("Bluebird Bakery", "hello@bluebird-bakery.example"));
  tick();
  sync();
  // The shop's copy agrees with the unsynced record on every key, yet is not linked to it nor
  // offered as its candidate (and Xero's held record, its only candidate gone, became new).
  EXPECT_NE(canonicalOf("zshop", EntityType::organization, copy), canonical_);
  for (const auto& issue : openIssues()) {
    for (const auto& candidate : issue.candidates) EXPECT_NE(candidate.record_id, canonical_);
  }
  EXPECT_FALSE(canonicalOf("xero", EntityType::organization, bluebird_).empty());
}

TEST_F(ReviewTest, PushToCreatesTheRecordInAnAppThatLacksItNextSync) {
  ASSERT_TRUE(Review(*store_, "ann").separate(issue_));
  pushToXero();
  tick();
  sync();
  ASSERT_EQ(xero_->all(EntityType::organization).size(), 2u);  // the CRM's Bluebird arrived
  // Someone in Xero reused that contact for another company, and a person unlinked it: the
  // hub no longer knows Bluebird there, and nothing sends it again by itself.
  const std::string reused = externalId("xero", canonical_);
  ASSERT_TRUE(store_->idMap().unlink({connectionId("xero"), "organization", reused}));
  auto other = company("Old Mill Joinery", "office@oldmill.example");
  other.meta.id = reused;
  xero_->put(other);
  tick();
  sync();
  ASSERT_EQ(xero_->all(EntityType::organization).size(), 2u);
  auto pushed = Review(*store_, "ann").pushTo(org_, canonical_, connectionId("xero"));
  ASSERT_TRUE(pushed) << pushed.error().message;
  tick();
  sync();
  EXPECT_EQ(xero_->all(EntityType::organization).size(), 3u);
  EXPECT_FALSE(externalId("xero", canonical_).empty());

  auto again = Review(*store_, "ann").pushTo(org_, canonical_, connectionId("xero"));
  ASSERT_FALSE(again);
  EXPECT_NE(again.error().message.find("has record '" + canonical_ + "' already"),
            std::string::npos);
  auto unknown = Review(*store_, "ann").pushTo(org_, "feedface", connectionId("xero"));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message, "no record 'feedface' in this organisation");
}

TEST_F(ReviewTest, HeldForTellsThePushWhatNotToCreate) {
  // The open issue's candidate must not be created in Xero (it would duplicate the held
  // record); other apps are free to receive it.
  EXPECT_TRUE(tables().heldFor(connectionId("xero"), canonical_).value());
  EXPECT_FALSE(tables().heldFor(connectionId("vtiger"), canonical_).value());
  ASSERT_TRUE(Review(*store_, "ann").ignore(issue_));
  EXPECT_FALSE(tables().heldFor(connectionId("xero"), canonical_).value());
  ASSERT_TRUE(Review(*store_, "ann").unsync(org_, canonical_));
  EXPECT_TRUE(tables().heldFor(connectionId("xero"), canonical_).value());
}

}  // namespace
}  // namespace accord::matching::testing
