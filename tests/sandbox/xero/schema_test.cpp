// Every endpoint's answers, on a seeded demo company and after writes, conform to the
// component schemas of shared/specs/xero/xero_accounting.yaml.
#include "api_fixture.h"
#include "openapi_validator.h"
#include "sandbox/xero/accounting/resource.h"

namespace accord::sandbox::xero::testing {
namespace {

const char* kListed[] = {"Contacts", "Items", "Invoices", "CreditNotes", "Payments", "Accounts",
                         "TaxRates", "ManualJournals", "Journals", "PurchaseOrders"};

class SchemaTest : public XeroApiTest {
 protected:
  void SetUp() override {
    SeedOptions options;
    api_.seed(kTenant, generateSeed(options));
  }

  // The envelope members are common to every response; the rest is the wrapper schema.
  void expectConforms(const Reply& reply, const std::string& wrapper) {
    ASSERT_EQ(reply.status, 200) << reply.body;
    ASSERT_TRUE(reply.json) << reply.body;
    EXPECT_EQ(reply.json->getValue<std::string>("Status"), "OK");
    EXPECT_TRUE(looksLikeGuid(reply.json->getValue<std::string>("Id")));
    EXPECT_EQ(reply.json->getValue<std::string>("DateTimeUTC").rfind("/Date(", 0), 0u);
    Json rest = copyObject(*reply.json);
    for (const char* key : {"Id", "Status", "ProviderName", "DateTimeUTC"}) rest->remove(key);
    auto problems = accountingSchemas().validate(rest, wrapper);
    for (const auto& p : problems) ADD_FAILURE() << p;
  }
};

TEST_F(SchemaTest, EveryListAndEveryRecordConformsToTheSpec) {
  // Give the derived collections something to show: a credit note, a PO, a posted journal.
  std::string supplier = contact("Schema Supplier");
  write("PUT", "CreditNotes", R"({"Type":"ACCRECCREDIT","Status":"AUTHORISED","Contact":{"Name":"Schema Supplier"},
      "LineItems":[{"Description":"Refund","Quantity":1,"UnitAmount":10,"AccountCode":"200"}]})");
  write("PUT", "PurchaseOrders", R"({"Contact":{"ContactID":")" + supplier + R"("},
      "LineItems":[{"Description":"Steel","Quantity":2,"UnitAmount":20,"AccountCode":"300"}]})");
  write("PUT", "ManualJournals", R"({"Narration":"Accrual","Status":"POSTED","JournalLines":[
      {"LineAmount":50,"AccountCode":"429"},{"LineAmount":-50,"AccountCode":"800"}]})");
  for (const char* name : kListed) {
    SCOPED_TRACE(name);
    Reply list = get(std::string("/") + name, {{"page", "1"}});
    expectConforms(list, name);
    auto records = list.records(name);
    ASSERT_TRUE(records && records->size() > 0) << name << " is empty in the demo company";
    // By id, for the first few records of each kind.
    auto resource = std::find_if(accountingResources().begin(), accountingResources().end(),
                                 [&](const Resource& r) { return r.name == name; });
    std::string id_field = (org().*(resource->collection)).idField();
    for (std::size_t i = 0; i < std::min<std::size_t>(3, records->size()); ++i) {
      std::string id = records->getObject(static_cast<unsigned>(i))->getValue<std::string>(id_field);
      expectConforms(get(std::string("/") + name + "/" + id), name);
    }
  }
}

TEST_F(SchemaTest, WriteResponsesAndErrorsConformToTheSpec) {
  std::string id = contact("Schema Co");
  Reply created = call("PUT", "/Invoices", R"({"Invoices":[{"Type":"ACCREC","Contact":{"ContactID":")" + id +
      R"("},"Status":"AUTHORISED","LineItems":[{"Description":"x","Quantity":2,"UnitAmount":9.99,"AccountCode":"200"}]}]})");
  expectConforms(created, "Invoices");
  std::string invoice_id = created.first("Invoices")->getValue<std::string>("InvoiceID");
  Reply paid = call("PUT", "/Payments", R"({"Payments":[{"Invoice":{"InvoiceID":")" + invoice_id +
      R"("},"Account":{"Code":"090"},"Date":"2024-03-02","Amount":5}]})");
  expectConforms(paid, "Payments");
  expectConforms(call("PUT", "/Items", R"({"Items":[{"Code":"S-1","Name":"Thing","InventoryAssetAccountCode":"140",
      "PurchaseDetails":{"COGSAccountCode":"500"},"SalesDetails":{"UnitPrice":5}}]})"), "Items");
  expectConforms(call("PUT", "/Accounts", R"({"Code":"4711","Name":"Travel","Type":"EXPENSE"})"), "Accounts");
  expectConforms(call("PUT", "/TaxRates", R"({"TaxRates":[{"Name":"Local","TaxComponents":[{"Name":"L","Rate":2.5}]}]})"), "TaxRates");
  Reply partial = call("POST", "/Contacts", R"({"Contacts":[{"Name":"Schema Co"},{"Name":"Other Co"}]})",
                       {{"summarizeErrors", "false"}});
  expectConforms(partial, "Contacts");
  Reply error = call("PUT", "/Contacts", R"({"Contacts":[{"Name":"Schema Co"}]})");
  ASSERT_EQ(error.status, 400);
  for (const auto& p : accountingSchemas().validate(error.json, "Error", false)) ADD_FAILURE() << p;
}

TEST(OpenApiValidator, FlagsWhatTheSpecForbids) {
  Json bad = parseObject(R"({"ContactID":"not-a-uuid","ContactStatus":"SLEEPING","IsCustomer":"yes",
      "Nmae":"typo","UpdatedDateUTC":"2024-01-01","Addresses":{"AddressType":"STREET"}})", nullptr);
  auto problems = accountingSchemas().validate(bad, "Contact");
  std::string all;
  for (const auto& p : problems) all += p + "\n";
  for (const char* expected : {"Contact.ContactID: 'not-a-uuid' is not a uuid",
                               "Contact.ContactStatus: 'SLEEPING' is not one of the schema's enum values",
                               "Contact.IsCustomer: expected a boolean", "Contact.Nmae: not in the schema",
                               "Contact.UpdatedDateUTC: '2024-01-01' is not a /Date()/",
                               "Contact.Addresses: expected an array"}) {
    EXPECT_NE(all.find(expected), std::string::npos) << expected << " not in:\n" << all;
  }
  EXPECT_TRUE(accountingSchemas().validate(parseObject(R"({"Name":"ok","IsCustomer":false})", nullptr), "Contact").empty());
}

}  // namespace
}  // namespace accord::sandbox::xero::testing
