#include "store/connection_status.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace accord::store {
namespace {

using testing::StoreTest;

class ConnectionStatusTest : public StoreTest {};

TEST_F(ConnectionStatusTest, AConnectionNeverRecordedIsHealthyAndDue) {
  ASSERT_OK_AND_ASSIGN(status, store().connectionStatuses().get(xero_));
  EXPECT_EQ(status.connection_id, xero_);
  EXPECT_EQ(status.state, HealthState::healthy);
  EXPECT_EQ(status.consecutive_failures, 0);
  EXPECT_TRUE(status.due(sdk::Timestamp(clock_.millis(), 0)));
  EXPECT_EQ(status.describe(), "healthy");
  ASSERT_OK_AND_ASSIGN(listed, store().connectionStatuses().list(org_));
  EXPECT_TRUE(listed.empty());
}

TEST_F(ConnectionStatusTest, RecoveryIsKeptWithItsRetryTimeAndClearedOnRequest) {
  ConnectionStatus status;
  status.connection_id = xero_;
  status.state = HealthState::recovery;
  status.consecutive_failures = 5;
  status.retry_at = sdk::Timestamp(clock_.millis() + 60'000, 0);
  status.last_failure_at = sdk::Timestamp(clock_.millis(), 0);
  status.last_error = "retryable: GET /Contacts answered 503";
  ASSERT_OK(store().connectionStatuses().save(status));

  ASSERT_OK_AND_ASSIGN(back, store().connectionStatuses().get(xero_));
  EXPECT_EQ(back.state, HealthState::recovery);
  EXPECT_EQ(back.consecutive_failures, 5);
  EXPECT_EQ(back.retry_at, status.retry_at);
  EXPECT_FALSE(back.last_success_at.has_value());
  EXPECT_FALSE(back.due(sdk::Timestamp(clock_.millis(), 0)));
  EXPECT_TRUE(back.due(sdk::Timestamp(clock_.millis() + 60'000, 0)));
  EXPECT_NE(back.describe().find("recovery (5 failed runs in a row)"), std::string::npos)
      << back.describe();
  EXPECT_NE(back.describe().find("503"), std::string::npos);

  const Connection other = addConnection("vtiger");
  ASSERT_OK_AND_ASSIGN(listed, store().connectionStatuses().list(org_));
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].connection_id, xero_);
  (void)other;

  ASSERT_OK(store().connectionStatuses().clear(xero_));
  ASSERT_OK_AND_ASSIGN(cleared, store().connectionStatuses().get(xero_));
  EXPECT_EQ(cleared.state, HealthState::healthy);
}

TEST_F(ConnectionStatusTest, RemovingTheConnectionRemovesItsStatus) {
  ConnectionStatus status;
  status.connection_id = xero_;
  status.state = HealthState::backing_off;
  status.consecutive_failures = 1;
  ASSERT_OK(store().connectionStatuses().save(status));
  ASSERT_OK(store().connections().remove(xero_));
  ASSERT_OK_AND_ASSIGN(listed, store().connectionStatuses().list());
  EXPECT_TRUE(listed.empty());
}

TEST_F(ConnectionStatusTest, OAuthStateIsReplacedByANewConsentAndForgotten) {
  ASSERT_OK(store().oauthStates().put(xero_, "first", "http://127.0.0.1/cb"));
  ASSERT_OK(store().oauthStates().put(xero_, "second", "http://127.0.0.1/cb2"));
  ASSERT_OK_AND_ASSIGN(found, store().oauthStates().find(xero_));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->state, "second");
  EXPECT_EQ(found->redirect_uri, "http://127.0.0.1/cb2");
  ASSERT_OK(store().oauthStates().remove(xero_));
  ASSERT_OK_AND_ASSIGN(gone, store().oauthStates().find(xero_));
  EXPECT_FALSE(gone.has_value());
}

}  // namespace
}  // namespace accord::store
