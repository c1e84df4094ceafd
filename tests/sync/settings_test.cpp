// Connection sync settings: the document's shape, its errors (each naming the JSON path), and
// how each filter operator decides on a record.
#include <gtest/gtest.h>

#include "sync/connection_settings.h"
#include "sync/filters.h"

namespace accord::sync::testing {
namespace {

using model::EntityType;

const sdk::Timestamp kNow(1704067200000, 0);  // 2024-01-01T00:00:00Z

std::string errorOf(const std::string& json) {
  auto parsed = parseSettings(json, "conn.json");
  return parsed ? "(parsed)" : parsed.error().message;
}

TEST(SettingsTest, ParsesEveryPart) {
  auto s = parseSettings(R"({"block_on_preview_errors": true,
      "required": {"person": ["first_name", "email"]},
      "filters": {"organization": {"match": "any", "rules": [
          {"field": "is_customer", "op": "eq", "value": true},
          {"field": "currency", "op": "in", "value": ["AUD", "NZD"]},
          {"field": "email", "op": "exists"}]}}})",
                         "conn.json");
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_TRUE(s->block_on_preview_errors);
  ASSERT_NE(s->requiredFields(EntityType::person), nullptr);
  EXPECT_EQ(*s->requiredFields(EntityType::person), (std::vector<std::string>{"first_name", "email"}));
  const EntityFilter* f = s->filter(EntityType::organization);
  ASSERT_NE(f, nullptr);
  EXPECT_FALSE(f->match_all);
  ASSERT_EQ(f->rules.size(), 3u);
  EXPECT_EQ(f->rules[0].text(), "is_customer eq true");
  EXPECT_EQ(f->rules[1].text(), "currency in [AUD, NZD]");
  EXPECT_EQ(f->rules[2].text(), "email exists");
  EXPECT_EQ(s->filter(EntityType::person), nullptr);
  // The stored form reads back the same.
  auto again = parseSettings(settingsToJson(s.value()), "stored");
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(settingsToJson(again.value()), settingsToJson(s.value()));
}

TEST(SettingsTest, ErrorsNameTheFileAndPath) {
  EXPECT_EQ(errorOf(R"({"filter": {}})"),
            "conn.json: filter: unknown key (block_on_preview_errors, required, filters)");
  EXPECT_EQ(errorOf(R"({"filters": {"customer": {}}})"),
            "conn.json: filters.customer: unknown entity 'customer'");
  EXPECT_EQ(errorOf(R"({"filters": {"organization": {"rules": [{"field": "is_customer", "op": "equals", "value": 1}]}}})"),
            "conn.json: filters.organization.rules[0].op: unknown operator 'equals' (one of eq, ne, "
            "in, not_in, gt, gte, lt, lte, contains, starts_with, exists, missing)");
  EXPECT_EQ(errorOf(R"({"filters": {"organization": {"rules": [{"field": "colour", "value": 1}]}}})"),
            "conn.json: filters.organization.rules[0].field: 'colour' is not a field of organization "
            "(a canonical field, $status, $created_at, $updated_at or remote.<Key>)");
  EXPECT_EQ(errorOf(R"({"filters": {"organization": {"rules": [{"field": "name", "op": "in", "value": "x"}]}}})"),
            "conn.json: filters.organization.rules[0].value: expected a JSON array");
  EXPECT_EQ(errorOf(R"({"filters": {"organization": {"rules": [{"field": "name", "op": "exists", "value": "x"}]}}})"),
            "conn.json: filters.organization.rules[0].value: 'exists' takes no value");
  EXPECT_EQ(errorOf(R"({"filters": {"organization": {"match": "most"}}})"),
            "conn.json: filters.organization.match: expected \"all\" or \"any\"");
  EXPECT_EQ(errorOf(R"({"required": {"person": ["email", "phone"]}})"),
            "conn.json: required.person[1]: 'phone' is not a field of person");
  EXPECT_EQ(errorOf(R"({"block_on_preview_errors": "yes"})"),
            "conn.json: block_on_preview_errors: expected true or false");
  EXPECT_NE(errorOf("{not json").find("conn.json: not valid JSON"), std::string::npos);
}

bool shares(const std::string& rules, const model::Record& record, bool all = true) {
  auto s = parseSettings(R"({"filters": {")" + std::string(model::toString(model::typeOf(record))) +
                             R"(": {"match": ")" + (all ? "all" : "any") + R"(", "rules": [)" +
                             rules + "]}}}",
                         "test");
  EXPECT_TRUE(s) << s.error().message;
  if (!s) return false;
  return explain(s->filter(model::typeOf(record)), record, kNow).shared;
}

model::Organization org() {
  model::Organization o;
  o.name = "Acme Ltd";
  o.email = "Accounts@Acme.test";
  o.currency = "AUD";
  o.is_customer = true;
  o.addresses.resize(2);
  o.addresses[0].country = "AU";
  o.addresses[1].country = "NZ";
  o.meta.remote_data = R"({"ContactGroups":[{"Name":"VIP"}],"Balances":{"AR":{"Outstanding":12.5}}})";
  return o;
}

TEST(FilterRuleTest, EqualityIgnoresCaseAndComparesNumbersAsNumbers) {
  EXPECT_TRUE(shares(R"({"field": "name", "value": "ACME LTD"})", org()));
  EXPECT_FALSE(shares(R"({"field": "name", "op": "ne", "value": "acme ltd"})", org()));
  EXPECT_TRUE(shares(R"({"field": "is_customer", "value": true})", org()));
  EXPECT_FALSE(shares(R"({"field": "is_supplier", "value": true})", org()));
  model::Invoice inv;
  inv.total = *sdk::Decimal::parse("12.50");
  EXPECT_TRUE(shares(R"({"field": "total", "value": "12.5"})", inv));
  EXPECT_TRUE(shares(R"({"field": "total", "op": "gt", "value": 9})", inv));
  EXPECT_FALSE(shares(R"({"field": "total", "op": "lt", "value": "9.99"})", inv));
  EXPECT_TRUE(shares(R"({"field": "total", "op": "lte", "value": "12.5"})", inv));
}

TEST(FilterRuleTest, ListsAndNestedFieldsMatchAnyElement) {
  EXPECT_TRUE(shares(R"({"field": "addresses.country", "value": "NZ"})", org()));
  EXPECT_FALSE(shares(R"({"field": "addresses.country", "op": "not_in", "value": ["NZ", "US"]})", org()));
  EXPECT_TRUE(shares(R"({"field": "currency", "op": "in", "value": ["NZD", "AUD"]})", org()));
  EXPECT_TRUE(shares(R"({"field": "remote.ContactGroups.Name", "value": "vip"})", org()));
  EXPECT_TRUE(shares(R"({"field": "remote.Balances.AR.Outstanding", "op": "gt", "value": 0})", org()));
  EXPECT_FALSE(shares(R"({"field": "remote.Balances.AP.Outstanding", "op": "exists"})", org()));
}

TEST(FilterRuleTest, TextPresenceAndStatus) {
  EXPECT_TRUE(shares(R"({"field": "email", "op": "contains", "value": "@acme."})", org()));
  EXPECT_TRUE(shares(R"({"field": "email", "op": "starts_with", "value": "accounts"})", org()));
  EXPECT_TRUE(shares(R"({"field": "tax_number", "op": "missing"})", org()));
  EXPECT_FALSE(shares(R"({"field": "email", "op": "missing"})", org()));
  EXPECT_TRUE(shares(R"({"field": "$status", "value": "active"})", org()));
  model::Record archived = org();
  model::metaOf(archived).status = model::RecordStatus::archived;
  EXPECT_FALSE(shares(R"({"field": "$status", "value": "active"})", archived));
}

TEST(FilterRuleTest, DatesAbsoluteAndRelativeToToday) {
  model::Invoice inv;
  inv.date = sdk::Date::parse("2023-12-15");
  EXPECT_TRUE(shares(R"({"field": "date", "op": "gte", "value": "2023-12-01"})", inv));
  EXPECT_FALSE(shares(R"({"field": "date", "op": "gte", "value": "2024-01-01"})", inv));
  // Now is 2024-01-01: the last 30 days start on 2023-12-02, the last 10 on 2023-12-22.
  EXPECT_TRUE(shares(R"({"field": "date", "op": "gte", "value": "today-30d"})", inv));
  EXPECT_FALSE(shares(R"({"field": "date", "op": "gte", "value": "today-10d"})", inv));
  model::Invoice undated;
  EXPECT_FALSE(shares(R"({"field": "date", "op": "lt", "value": "today"})", undated));
}

TEST(FilterRuleTest, ExplanationNamesTheRuleThatDecided) {
  auto s = parseSettings(R"({"filters": {"organization": {"rules": [
      {"field": "is_customer", "value": true},
      {"field": "is_supplier", "value": false}]}}})", "t");
  ASSERT_TRUE(s);
  model::Organization both = org();
  both.is_supplier = true;
  Explanation e = explain(s->filter(EntityType::organization), both, kNow);
  EXPECT_FALSE(e.shared);
  EXPECT_EQ(e.summary, "not shared: rule 2 (is_supplier eq false) fails: is_supplier is true");
  ASSERT_EQ(e.rules.size(), 2u);
  EXPECT_TRUE(e.rules[0].passed);
  EXPECT_FALSE(e.rules[1].passed);
  e = explain(s->filter(EntityType::organization), org(), kNow);
  EXPECT_TRUE(e.shared);
  EXPECT_EQ(e.summary, "shared: all 2 rules pass");
  e = explain(nullptr, org(), kNow);
  EXPECT_TRUE(e.shared);
  EXPECT_EQ(e.summary, "shared: no filter for organization");
}

TEST(FilterRuleTest, AnyNeedsOneRule) {
  model::Organization supplier = org();
  supplier.is_customer = false;
  supplier.is_supplier = true;
  const std::string rules = R"({"field": "is_customer", "value": true}, {"field": "currency", "value": "NZD"})";
  EXPECT_TRUE(shares(rules, org(), false));
  EXPECT_FALSE(shares(rules, supplier, false));
}

}  // namespace
}  // namespace accord::sync::testing
