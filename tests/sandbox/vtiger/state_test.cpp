// Seeding from the shared SeedData and saving/loading the database (--state FILE).
#include <cstdio>
#include <filesystem>

#include "vtiger_test_support.h"

namespace accord::sandbox::vtiger::testing {
namespace {

class StateTest : public VtigerTest {
 protected:
  void SetUp() override {
    app_.seed(generateSeed({}));
    session_ = login();
  }
  std::vector<Object::Ptr> rows(const std::string& vtql) {
    std::vector<Object::Ptr> out;
    Answer a = query(session_, vtql);
    EXPECT_TRUE(a.success()) << vtql << ": " << a.errorMessage();
    if (a.success()) {
      for (const auto& r : *a.resultArray()) out.push_back(r.extract<Object::Ptr>());
    }
    return out;
  }
  std::string session_;
};

TEST_F(StateTest, DemoSeedHasTheCompanyWithSevenPeople) {
  const SeedData seed = generateSeed({});
  const SeedCompany* seven = nullptr;
  for (const auto& c : seed.companies) {
    if (c.people.size() == 7 && c.in_vtiger) seven = &c;
  }
  ASSERT_NE(seven, nullptr);
  auto accounts = rows("SELECT accountname FROM Accounts WHERE accountname = '" + seven->vtiger_name + "';");
  ASSERT_EQ(accounts.size(), 1u);
  const std::string id = accounts[0]->getValue<std::string>("id");
  EXPECT_EQ(rows("SELECT lastname FROM Contacts WHERE account_id = '" + id + "';").size(), 7u);
}

TEST_F(StateTest, DemoSeedHasMultiTaxProductsAndPaidInvoices) {
  bool multi_tax = false;
  for (const auto& p : rows("SELECT * FROM Products;")) {
    Answer full = get({{"operation", "retrieve"}, {"sessionName", session_}, {"id", p->getValue<std::string>("id")}});
    int taxes = 0;
    for (const char* t : {"tax1", "tax2", "tax3"}) taxes += full.result()->has(t) ? 1 : 0;
    multi_tax = multi_tax || taxes >= 2;
  }
  EXPECT_TRUE(multi_tax);
  auto paid = rows("SELECT * FROM Invoice WHERE invoicestatus = 'Paid';");
  ASSERT_FALSE(paid.empty());
  EXPECT_EQ(paid[0]->getValue<std::string>("balance"), "0.00000000");
  EXPECT_EQ(paid[0]->getValue<std::string>("received"), paid[0]->getValue<std::string>("hdnGrandTotal"));
}

TEST_F(StateTest, SaveAndLoadRoundTrips) {
  const std::string id = createAccount(session_, "Saved Ltd");
  const std::string saved = app_.saveState();
  EXPECT_EQ(saved.find(app_.accessKey()), std::string::npos);  // no credentials at rest

  ManualClock clock;
  VtigerApp restored(clock, unlimited());
  auto loaded = restored.loadState(saved);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ(restored.saveState(), saved);
  EXPECT_EQ(restored.state().store().all().size(), app_.state().store().all().size());
  // New records continue the id sequence instead of reusing ids.
  const std::int64_t before = restored.state().store().nextCrmIdPeek();
  EXPECT_GT(before, parseWsId(id)->second);
}

TEST_F(StateTest, StateFileRoundTripAndBadFileNamesTheProblem) {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("vtiger_state_" + std::to_string(::getpid()) + ".json")).string();
  ASSERT_FALSE(app_.saveStateFile(path).has_value());
  ManualClock clock;
  VtigerApp restored(clock, unlimited());
  EXPECT_FALSE(restored.loadStateFile(path).has_value());
  EXPECT_EQ(restored.saveState(), app_.saveState());
  std::remove(path.c_str());

  auto bad = restored.loadState("{\"format\":\"accord-vtiger-sandbox/1\",\"records\":[{\"module\":\"Nope\",\"crmid\":1}]}");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("records[0].module"), std::string::npos);
  EXPECT_TRUE(restored.loadStateFile(path).has_value());  // gone now: an error naming it
  auto wrong_type = restored.loadState(
      "{\"format\":\"accord-vtiger-sandbox/1\",\"records\":[{\"module\":\"Accounts\",\"crmid\":\"one\"}]}");
  EXPECT_FALSE(wrong_type.ok());
}

TEST(SeedScaleTest, HundredThousandRecordsLoadAndQueryQuickly) {
  ManualClock clock;
  VtigerOptions options;
  options.edition = "unlimited";
  VtigerApp app(clock, options);
  SeedOptions seed;
  seed.contacts = 20000;
  seed.invoices = 30000;
  app.seed(generateSeed(seed));
  EXPECT_GT(app.state().store().all().size(), 50000u);
  auto q = app.state().query("SELECT accountname FROM Accounts WHERE accountname LIKE '%zz%' LIMIT 10;");
  EXPECT_TRUE(q.ok());
  auto page = app.state().sync(0, "Invoice");
  ASSERT_TRUE(page.ok());
  auto parsed = Poco::JSON::Parser().parse(page.value()).extract<Object::Ptr>();
  EXPECT_EQ(parsed->getArray("updated")->size(), 100u);
}

}  // namespace
}  // namespace accord::sandbox::vtiger::testing
