// Seeding from the shared generator, scale, and --state save/load.
#include <chrono>
#include <ctime>

#include "api_fixture.h"

namespace accord::sandbox::xero::testing {
namespace {

using SeedState = XeroApiTest;

TEST_F(SeedState, DemoCompanyHasWhatTheSyncEngineMustHandle) {
  SeedData data = generateSeed(SeedOptions{});
  api_.seed(kTenant, data);
  std::size_t in_xero = 0, archived = 0;
  for (const auto& c : data.companies) {
    in_xero += c.in_xero;
    archived += c.in_xero && c.archived;
  }
  EXPECT_EQ(org().contacts.size(), in_xero);
  EXPECT_EQ(get("/Contacts", {{"includeArchived", "true"}}).records("Contacts")->size(), in_xero);
  EXPECT_EQ(get("/Contacts").records("Contacts")->size(), in_xero - archived);
  EXPECT_GT(get("/Invoices", {{"where", R"(Status=="PAID")"}}).records("Invoices")->size(), 0u);
  EXPECT_GT(get("/Contacts", {{"where", "IsSupplier==true"}}).records("Contacts")->size(), 0u);
  EXPECT_GT(get("/Payments").records("Payments")->size(), 0u);
  auto banks = get("/Accounts", {{"where", R"(Type=="BANK")"}}).records("Accounts");
  EXPECT_GT(banks->size(), 0u);
  // A multi-tax product gets a compound tax rate.
  bool compound = false;
  for (const Json& rate : org().tax_rates.records()) compound = compound || rate->getArray("TaxComponents")->size() > 1;
  EXPECT_TRUE(compound);
  for (const Json& item : org().items.records()) {
    if (item->getValue<bool>("IsTrackedAsInventory")) EXPECT_TRUE(item->has("QuantityOnHand"));
  }
}

TEST_F(SeedState, SeedingIsDeterministic) {
  ManualClock clock;
  NullChangeSink sink;
  AccountingApi one(clock, sink, 7), two(clock, sink, 7), other_seed(clock, sink, 8);
  for (AccountingApi* api : {&one, &two, &other_seed}) api->seed(kTenant, generateSeed(SeedOptions{}));
  EXPECT_TRUE(one.saveState() == two.saveState());
  EXPECT_FALSE(one.saveState() == other_seed.saveState());
}

TEST_F(SeedState, SavedStateLoadsBackIntoAnEqualSandbox) {
  api_.seed(kTenant, generateSeed(SeedOptions{}));
  contact("Saved Co");
  std::string saved = api_.saveState();
  ManualClock clock;
  NullChangeSink sink;
  AccountingApi restored(clock, sink, 99);
  std::string error;
  ASSERT_TRUE(restored.loadState(saved, &error)) << error;
  EXPECT_TRUE(restored.saveState() == saved);
  EXPECT_EQ(restored.state(kTenant).contacts.findByKey("Saved Co").size(), 1u);
  EXPECT_FALSE(restored.loadState(R"({"version":1,"tenants":{"t":{"Contacts":[{"Name":"no id"}]}}})", &error));
  EXPECT_NE(error.find("tenants.t.Contacts[0] has no ContactID"), std::string::npos) << error;
  EXPECT_FALSE(restored.loadState("[]", &error));
}

TEST_F(SeedState, ScalesLinearlyAndPagesWithoutScanningCost) {
  SeedOptions options;
  options.contacts = 10000;
  options.invoices = 10000;
  SeedData data = generateSeed(options);
  // CPU time, not wall time: the build machine is shared. Measured ~1.1 s for this size
  // (100,000 + 100,000 takes ~10 s); the budget leaves room for slower machines.
  std::clock_t start = std::clock();
  api_.seed(kTenant, data);
  double seconds = double(std::clock() - start) / CLOCKS_PER_SEC;
  EXPECT_GE(org().contacts.size(), 9000u);
  EXPECT_GE(org().invoices.size(), 9000u);
  EXPECT_LT(seconds, 5.0);
  Reply page = get("/Invoices", {{"page", "50"}, {"pageSize", "100"}});
  EXPECT_EQ(page.records("Invoices")->size(), 100u);
  EXPECT_EQ(page.json->getObject("pagination")->getValue<int>("itemCount"), static_cast<int>(org().invoices.size()));
}

}  // namespace
}  // namespace accord::sandbox::xero::testing
