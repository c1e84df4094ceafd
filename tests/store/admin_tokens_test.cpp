#include "store/admin_tokens.h"

#include <gtest/gtest.h>

#include "store/store.h"
#include "test_support.h"

namespace accord::store {
namespace {

using testing::StoreTest;

class AdminTokensTest : public StoreTest {};

TEST_F(AdminTokensTest, ATokenIsShownOnceAndVerifiedByItsHash) {
  ASSERT_OK_AND_ASSIGN(created, store().adminTokens().create("ops", std::nullopt));
  EXPECT_EQ(created.secret.rfind("acc_", 0), 0u);
  EXPECT_EQ(created.secret.size(), 4u + 43u);  // 32 random bytes, base64url without padding
  ASSERT_OK_AND_ASSIGN(found, store().adminTokens().verify(created.secret));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->name, "ops");
  EXPECT_FALSE(found->org.has_value());
  ASSERT_OK_AND_ASSIGN(wrong, store().adminTokens().verify(created.secret + "x"));
  EXPECT_FALSE(wrong.has_value());
  // Only the hash is in the table.
  auto st = store().db().prepare("SELECT token_hash FROM admin_tokens");
  ASSERT_TRUE(st.ok());
  ASSERT_TRUE(st->step().value());
  EXPECT_EQ(st->columnText(0), hashAdminToken(created.secret));
  EXPECT_NE(st->columnText(0), created.secret);
}

TEST_F(AdminTokensTest, TwoTokensNeverShareASecret) {
  ASSERT_OK_AND_ASSIGN(a, store().adminTokens().create("a", std::nullopt));
  ASSERT_OK_AND_ASSIGN(b, store().adminTokens().create("b", std::nullopt));
  EXPECT_NE(a.secret, b.secret);
}

TEST_F(AdminTokensTest, AnOrganisationsTokenNamesItAndGoesWithIt) {
  ASSERT_OK_AND_ASSIGN(created, store().adminTokens().create("acme-admin", org_));
  EXPECT_EQ(created.token.org, org_);
  EXPECT_EQ(created.token.org_slug, "acme");
  ASSERT_OK(store().organisations().remove("acme", true));
  ASSERT_OK_AND_ASSIGN(found, store().adminTokens().verify(created.secret));
  EXPECT_FALSE(found.has_value());
}

TEST_F(AdminTokensTest, UseIsStampedAndRevokedTokensNoLongerVerify) {
  ASSERT_OK_AND_ASSIGN(created, store().adminTokens().create("ops", std::nullopt));
  ASSERT_OK_AND_ASSIGN(before, store().adminTokens().list());
  EXPECT_FALSE(before.at(0).last_used_at.has_value());
  ASSERT_OK(store().adminTokens().verify(created.secret));
  ASSERT_OK_AND_ASSIGN(after, store().adminTokens().list());
  ASSERT_TRUE(after.at(0).last_used_at.has_value());
  EXPECT_EQ(after.at(0).last_used_at->epochMillis(), clock_.millis());
  ASSERT_OK(store().adminTokens().revoke("ops"));
  ASSERT_OK_AND_ASSIGN(gone, store().adminTokens().verify(created.secret));
  EXPECT_FALSE(gone.has_value());
  auto again = store().adminTokens().revoke("ops");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().message, "no token 'ops'");
}

TEST_F(AdminTokensTest, NamesAreRequiredAndUnique) {
  ASSERT_OK(store().adminTokens().create("ops", std::nullopt));
  auto dup = store().adminTokens().create("ops", org_);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().field, "name");
  EXPECT_FALSE(store().adminTokens().create("", std::nullopt).ok());
}

}  // namespace
}  // namespace accord::store
