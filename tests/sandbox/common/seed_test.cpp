#include "sandbox/common/seed.h"

#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <unordered_set>

namespace accord::sandbox {
namespace {

const SeedCompany* byXeroName(const SeedData& data, const std::string& name) {
  for (const auto& company : data.companies) {
    if (company.xero_name == name) return &company;
  }
  return nullptr;
}

TEST(Seed, DemoHasTheCasesTheSyncEngineMustHandle) {
  SeedData data = generateSeed({});
  EXPECT_GE(data.companies.size(), 18u);
  EXPECT_LE(data.companies.size(), 25u);

  const SeedCompany* acme = byXeroName(data, "Acme Ltd");
  ASSERT_NE(acme, nullptr);
  EXPECT_EQ(acme->vtiger_name, "ACME Limited");
  EXPECT_TRUE(acme->in_xero && acme->in_vtiger);

  bool changed_email = false, seven_people = false, supplier = false, archived = false;
  bool customer_without_sales = false, only_vtiger = false;
  for (const auto& company : data.companies) {
    changed_email |= company.in_xero && company.in_vtiger && company.xero_email != company.vtiger_email;
    seven_people |= company.people.size() == 7;
    supplier |= company.is_supplier;
    archived |= company.archived;
    customer_without_sales |= !company.is_supplier && !company.has_sales && company.in_xero;
    only_vtiger |= !company.in_xero && company.in_vtiger;
    EXPECT_FALSE(company.people.empty()) << company.xero_name;
  }
  EXPECT_TRUE(changed_email);
  EXPECT_TRUE(seven_people);
  EXPECT_TRUE(supplier);
  EXPECT_TRUE(archived);
  EXPECT_TRUE(customer_without_sales);
  EXPECT_TRUE(only_vtiger);

  bool multi_tax = false;
  for (const auto& product : data.products) multi_tax |= product.tax_names.size() > 1;
  EXPECT_TRUE(multi_tax);

  std::set<std::string> statuses;
  for (const auto& invoice : data.invoices) {
    statuses.insert(invoice.status);
    ASSERT_LT(invoice.company, data.companies.size());
    EXPECT_TRUE(data.companies[invoice.company].in_xero) << invoice.number;
    EXPECT_FALSE(invoice.lines.empty());
    for (const auto& line : invoice.lines) EXPECT_LT(line.product, data.products.size());
    EXPECT_EQ(invoice.date.size(), 10u);
    EXPECT_LT(invoice.date, invoice.due_date);
    if (!invoice.purchase) {
      EXPECT_TRUE(data.companies[invoice.company].has_sales);
    }
  }
  EXPECT_EQ(statuses, (std::set<std::string>{"AUTHORISED", "DRAFT", "PAID"}));
}

TEST(Seed, SameOptionsSameData) {
  SeedOptions options;
  options.contacts = 500;
  options.invoices = 900;
  SeedData a = generateSeed(options);
  SeedData b = generateSeed(options);
  ASSERT_EQ(a.companies.size(), 500u);
  ASSERT_EQ(a.invoices.size(), 900u);
  for (std::size_t i = 0; i < a.companies.size(); ++i) {
    EXPECT_EQ(a.companies[i].xero_name, b.companies[i].xero_name);
    EXPECT_EQ(a.companies[i].people.front().email, b.companies[i].people.front().email);
  }
  for (std::size_t i = 0; i < a.invoices.size(); ++i) {
    EXPECT_EQ(a.invoices[i].number, b.invoices[i].number);
    EXPECT_EQ(a.invoices[i].date, b.invoices[i].date);
    EXPECT_EQ(a.invoices[i].status, b.invoices[i].status);
  }
  options.seed = 43;
  EXPECT_NE(generateSeed(options).invoices[500].date + generateSeed(options).invoices[501].date,
            a.invoices[500].date + a.invoices[501].date);
}

// How fast it generates is a benchmark figure (docs/PERFORMANCE.md), never a test assertion;
// what a benchmark needs from it is that names and numbers stay unique at scale.
TEST(Seed, ScalesToHundredsOfThousandsWithUniqueNames) {
  SeedOptions options;
  options.contacts = 100000;
  options.invoices = 20000;
  SeedData data = generateSeed(options);
  EXPECT_EQ(data.companies.size(), 100000u);
  EXPECT_EQ(data.invoices.size(), 20000u);
  std::unordered_set<std::string> names, numbers;
  for (const auto& company : data.companies) {
    if (company.in_xero) {
      EXPECT_TRUE(names.insert(company.xero_name).second) << company.xero_name;
    }
  }
  for (const auto& invoice : data.invoices) {
    EXPECT_TRUE(numbers.insert(invoice.number).second) << invoice.number;
  }
}

}  // namespace
}  // namespace accord::sandbox
