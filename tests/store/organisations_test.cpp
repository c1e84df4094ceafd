#include "store/organisations.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace accord::store {
namespace {

using testing::StoreTest;

TEST(SlugTest, DerivesFromTheName) {
  EXPECT_EQ(slugFromName("Acme Pty. Ltd"), "acme-pty-ltd");
  EXPECT_EQ(slugFromName("  Zoë's Café  "), "zo-s-caf");
  EXPECT_EQ(slugFromName("!!!"), "");
}

class OrganisationsTest : public StoreTest {};

TEST_F(OrganisationsTest, AddsListsAndGets) {
  ASSERT_OK_AND_ASSIGN(beta, store().organisations().add("Beta Co"));
  EXPECT_EQ(beta.slug, "beta-co");
  EXPECT_EQ(beta.created_at.epochMillis(), clock_.millis());
  ASSERT_OK_AND_ASSIGN(all, store().organisations().list());
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].slug, "acme");
  EXPECT_EQ(all[1].name, "Beta Co");
  ASSERT_OK_AND_ASSIGN(got, store().organisations().get("beta-co"));
  EXPECT_EQ(got.id, beta.id);
  auto missing = store().organisations().get("nope");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message, "no organisation 'nope'");
}

TEST_F(OrganisationsTest, RefusesDuplicateAndMalformedSlugs) {
  auto dup = store().organisations().add("Another Acme", "acme");
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().message, "organisation 'acme' already exists");
  auto bad = store().organisations().add("X", "Bad Slug");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "slug");
  EXPECT_FALSE(store().organisations().add("").ok());
}

TEST_F(OrganisationsTest, RemovalIsRefusedWhileConnectionsExistUnlessForced) {
  addConnection("vtiger");
  auto refused = store().organisations().remove("acme");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message,
            "organisation 'acme' still has connections (vtiger, xero); remove them first or force "
            "the removal");
  ASSERT_OK(store().records().put(recordPut("r1", "h1")));
  ASSERT_OK(store().organisations().remove("acme", true));
  EXPECT_TRUE(store().organisations().list()->empty());
  EXPECT_TRUE(store().connections().list()->empty());
  EXPECT_FALSE(store().records().find("r1")->has_value());
}

TEST_F(OrganisationsTest, RemovesAnOrganisationWithoutConnections) {
  ASSERT_OK(store().organisations().add("Empty"));
  ASSERT_OK(store().organisations().remove("empty"));
  EXPECT_FALSE(store().organisations().find("empty")->has_value());
}

}  // namespace
}  // namespace accord::store
