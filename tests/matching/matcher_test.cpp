// The matcher's rules and outcomes, one test each: full match, conflict, tie, no match, per
// entity rule, and settings.
#include <gtest/gtest.h>

#include "matching/matcher.h"

namespace accord::matching {
namespace {

using model::EntityType;

model::Organization org(const std::string& name, const std::string& email,
                        const std::string& account = {}) {
  model::Organization o;
  o.name = name;
  o.email = email;
  o.account_number = account;
  return o;
}

model::Person person(const std::string& first, const std::string& last, const std::string& email,
                     const std::string& org_id) {
  model::Person p;
  p.first_name = first;
  p.last_name = last;
  p.email = email;
  p.organization.id = org_id;
  return p;
}

TEST(MatcherTest, FullMatchWhenEveryComparedKeyAgrees) {
  Matcher m(EntityType::organization, {});
  m.add("r1", org("Acme Ltd", "accounts@acme.example"));
  m.add("r2", org("Bluebird Bakery", "orders@bluebird.example"));
  MatchResult r = m.match(org("ACME Limited", "Accounts@Acme.example"));
  EXPECT_EQ(r.kind, MatchKind::full);
  EXPECT_EQ(r.record_id, "r1");
  ASSERT_EQ(r.candidates.size(), 1u);
  EXPECT_EQ(r.candidates[0].reasons(), "name agrees; email agrees");
}

TEST(MatcherTest, ConflictWhenSomeKeysAgreeAndOthersDiffer) {
  Matcher m(EntityType::organization, {});
  m.add("r1", org("Bluebird Bakery", "orders@bluebirdbakery.example"));
  MatchResult r = m.match(org("Bluebird Bakery", "hello@bluebird-bakery.example"));
  EXPECT_EQ(r.kind, MatchKind::conflict);
  EXPECT_TRUE(r.record_id.empty());
  ASSERT_EQ(r.candidates.size(), 1u);
  EXPECT_EQ(r.candidates[0].agreed, std::vector<std::string>{"name"});
  EXPECT_EQ(r.candidates[0].disagreed, std::vector<std::string>{"email"});
  EXPECT_EQ(r.reason, "name agrees, email differs");
  EXPECT_DOUBLE_EQ(r.candidates[0].score, 0.5);
}

TEST(MatcherTest, TwoFullMatchesTieAndAreAConflictNeverAGuess) {
  Matcher m(EntityType::organization, {});
  m.add("r1", org("Northwind Traders", ""));
  m.add("r2", org("Northwind Traders Ltd", ""));
  MatchResult r = m.match(org("Northwind Traders", "ap@northwind.example"));
  EXPECT_EQ(r.kind, MatchKind::conflict);
  ASSERT_EQ(r.candidates.size(), 2u);
  EXPECT_NE(r.reason.find("2 records match on every key"), std::string::npos) << r.reason;
}

TEST(MatcherTest, NoMatchWhenNoKeyValueIsShared) {
  Matcher m(EntityType::organization, {});
  m.add("r1", org("Acme Ltd", "accounts@acme.example"));
  MatchResult r = m.match(org("Juniper Dental", "frontdesk@juniperdental.example"));
  EXPECT_EQ(r.kind, MatchKind::none);
  EXPECT_TRUE(r.candidates.empty());
}

TEST(MatcherTest, AKeyOneSideLacksIsNotCompared) {
  Matcher m(EntityType::organization, {});
  m.add("r1", org("Acme Ltd", ""));
  EXPECT_EQ(m.match(org("Acme", "accounts@acme.example")).kind, MatchKind::full);
}

TEST(MatcherTest, UniqueIdWhenBothHaveOne) {
  Matcher m(EntityType::organization, {});
  m.add("r1", org("Acme Ltd", "accounts@acme.example", "CUST-0001"));
  // Renamed and a new email, same account number: the id agrees, the rest does not.
  MatchResult renamed = m.match(org("Acme Holdings", "ap@acme.example", "cust-0001"));
  EXPECT_EQ(renamed.kind, MatchKind::conflict);
  EXPECT_EQ(renamed.candidates[0].agreed, std::vector<std::string>{"account_number"});
  // Same name and email but another account number: a different customer of the same name.
  MatchResult other = m.match(org("Acme Ltd", "accounts@acme.example", "CUST-0099"));
  EXPECT_EQ(other.kind, MatchKind::conflict);
  EXPECT_EQ(other.candidates[0].disagreed, std::vector<std::string>{"account_number"});
  EXPECT_EQ(m.match(org("ACME", "", "CUST-0001")).kind, MatchKind::full);
}

TEST(MatcherTest, OneFullMatchWinsOverPartialCandidates) {
  Matcher m(EntityType::organization, {});
  m.add("r1", org("Acme Ltd", "accounts@acme.example"));
  m.add("r2", org("Acme Ltd", "sales@acme.example"));
  MatchResult r = m.match(org("Acme", "accounts@acme.example"));
  EXPECT_EQ(r.kind, MatchKind::full);
  EXPECT_EQ(r.record_id, "r1");
}

TEST(MatcherTest, RemovedRecordsAreNoLongerCandidates) {
  Matcher m(EntityType::organization, {});
  m.add("r1", org("Acme Ltd", "accounts@acme.example"));
  m.remove("r1");
  EXPECT_EQ(m.size(), 0u);
  EXPECT_EQ(m.match(org("Acme Ltd", "accounts@acme.example")).kind, MatchKind::none);
}

TEST(MatcherTest, PeopleByEmailThenByNameWithinTheSameOrganization) {
  Matcher m(EntityType::person, {});
  m.add("p1", person("Ava", "Chen", "ava.chen@acme.example", "org-a"));
  m.add("p2", person("Ben", "Brooks", "", "org-a"));
  m.add("p3", person("Ben", "Brooks", "", "org-b"));
  EXPECT_EQ(m.match(person("Ava", "Chen", "AVA.CHEN@acme.example", "org-a")).record_id, "p1");
  // Without an email, the name decides, but only within the same organization.
  MatchResult ben = m.match(person("ben", "brooks", "", "org-b"));
  EXPECT_EQ(ben.kind, MatchKind::full);
  EXPECT_EQ(ben.record_id, "p3");
  EXPECT_EQ(m.match(person("Ben", "Brooks", "", "org-c")).kind, MatchKind::none);
  // The same name in the same organization with another email: a person must decide.
  EXPECT_EQ(m.match(person("Ava", "Chen", "ava@elsewhere.example", "org-a")).kind,
            MatchKind::conflict);
}

TEST(MatcherTest, ItemsByCode) {
  Matcher m(EntityType::item, {});
  model::Item existing;
  existing.code = "WIDGET-S";
  existing.name = "Widget, small";
  m.add("i1", existing);
  model::Item incoming;
  incoming.code = "widget-s";
  incoming.name = "Small widget";  // names are not a default key for items
  EXPECT_EQ(m.match(incoming).record_id, "i1");
  incoming.code = "WIDGET-L";
  EXPECT_EQ(m.match(incoming).kind, MatchKind::none);
}

TEST(MatcherTest, InvoicesByNumberAndContact) {
  Matcher m(EntityType::invoice, {});
  model::Invoice existing;
  existing.number = "INV-0001";
  existing.organization.id = "org-a";
  m.add("v1", existing);
  model::Invoice same = existing;
  EXPECT_EQ(m.match(same).record_id, "v1");
  model::Invoice other_customer = existing;
  other_customer.organization.id = "org-b";
  EXPECT_EQ(m.match(other_customer).kind, MatchKind::conflict);
  model::Invoice bill = existing;  // a supplier's bill numbered like one of our invoices
  bill.kind = "purchase";
  EXPECT_EQ(m.match(bill).kind, MatchKind::none);
  // The contact alone finds nothing: another invoice of the same customer is not a candidate.
  model::Invoice next = existing;
  next.number = "INV-0002";
  EXPECT_EQ(m.match(next).kind, MatchKind::none);
}

TEST(MatcherTest, AccountsByCode) {
  Matcher m(EntityType::account, {});
  model::Account sales;
  sales.code = "200";
  sales.name = "Sales";
  m.add("a1", sales);
  model::Account renamed = sales;
  renamed.name = "Revenue";
  EXPECT_EQ(m.match(renamed).record_id, "a1");
}

TEST(MatcherTest, TaxCodesByNameAndRate) {
  Matcher m(EntityType::tax_code, {});
  model::TaxCode gst;
  gst.name = "GST on Income";
  gst.rate = *sdk::Decimal::parse("10.00");
  m.add("t1", gst);
  model::TaxCode same = gst;
  same.name = "GST ON INCOME";
  same.rate = *sdk::Decimal::parse("10");
  EXPECT_EQ(m.match(same).record_id, "t1");
  same.rate = *sdk::Decimal::parse("15");
  EXPECT_EQ(m.match(same).kind, MatchKind::conflict);
}

TEST(MatcherTest, EntitiesWithoutRulesAreNeverMatched) {
  Matcher m(EntityType::payment, {});
  EXPECT_FALSE(m.enabled());
  EXPECT_EQ(m.match(model::Payment{}).kind, MatchKind::none);
}

TEST(MatcherTest, SettingsChooseKeysPerOrganisation) {
  MatchSettings settings;
  ASSERT_TRUE(settings.set("organization.keys", "email"));
  Matcher by_email(EntityType::organization, settings);
  by_email.add("r1", org("Acme Ltd", "accounts@acme.example"));
  // Names no longer count: a renamed company with the same email is one record.
  EXPECT_EQ(by_email.match(org("Totally New Name", "accounts@acme.example")).kind, MatchKind::full);
  EXPECT_EQ(by_email.match(org("Acme Ltd", "")).kind, MatchKind::none);

  ASSERT_TRUE(settings.set("organization.keys", "none"));
  EXPECT_FALSE(Matcher(EntityType::organization, settings).enabled());
}

TEST(MatcherTest, PlusTagsStrippedOnlyWhenConfigured) {
  MatchSettings settings;
  Matcher keep(EntityType::person, settings);
  keep.add("p1", person("Ann", "Lee", "ann@example.com", ""));
  EXPECT_EQ(keep.match(person("Ann", "Lee", "ann+crm@example.com", "")).kind, MatchKind::conflict);
  ASSERT_TRUE(settings.set("email.plus_tags", "strip"));
  Matcher strip(EntityType::person, settings);
  strip.add("p1", person("Ann", "Lee", "ann@example.com", ""));
  EXPECT_EQ(strip.match(person("Ann", "Lee", "ann+crm@example.com", "")).kind, MatchKind::full);
}

TEST(MatcherTest, BadSettingsAreRefusedByName) {
  MatchSettings settings;
  auto unknown_key = settings.set("person.keys", "email,phone");
  ASSERT_FALSE(unknown_key);
  EXPECT_EQ(unknown_key.error().message,
            "matching setting 'person.keys': no key 'phone' for person (one of: email, name)");
  auto compare_only = settings.set("invoice.keys", "contact");
  ASSERT_FALSE(compare_only);
  EXPECT_NE(compare_only.error().message.find("at least one key that finds candidates"),
            std::string::npos);
  EXPECT_FALSE(settings.set("payment.keys", "number"));
  EXPECT_FALSE(settings.set("email.plus_tags", "maybe"));
  EXPECT_EQ(settings.keysFor(EntityType::person).size(), 2u);  // unchanged by the refusals
}

TEST(MatcherTest, CompareKeysShowsEachKeySideBySide) {
  auto keys = compareKeys(org("Acme Ltd", "a@acme.example"), org("ACME Limited", ""), {});
  ASSERT_EQ(keys.size(), 3u);
  EXPECT_EQ(keys[0].key, "name");
  EXPECT_EQ(keys[0].state, KeyComparison::State::agreed);
  EXPECT_EQ(keys[1].state, KeyComparison::State::not_compared);
  EXPECT_EQ(keys[1].incoming, "a@acme.example");
}

}  // namespace
}  // namespace accord::matching
