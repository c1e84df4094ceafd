// The vendor's example requests (shared/specs/xero/examples/accounting) for the operations the
// sandbox serves are accepted, and every error text those examples document is produced,
// word for word, by the situation it describes.
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include "api_fixture.h"
#include "openapi_validator.h"

namespace accord::sandbox::xero::testing {
namespace {

constexpr const char* kZero = "00000000-0000-0000-0000-000000000000";
constexpr const char* kExampleContact = "430fa14a-f945-44d3-9f97-5df5e28441b8";

Json loadExample(const std::string& name) {
  std::ifstream in(std::string(ACCORD_SPECS_DIR) + "/xero/examples/accounting/" + name + ".json");
  std::stringstream text;
  text << in.rdbuf();
  Json example = parseObject(text.str(), nullptr);
  EXPECT_TRUE(example) << name;
  return example;
}

// Every Message under ValidationErrors or Warnings anywhere in the example's responses.
std::set<std::string> documentedMessages(const Poco::Dynamic::Var& value) {
  std::set<std::string> out;
  if (value.type() == typeid(Json)) {
    auto object = value.extract<Json>();
    for (const auto& [key, member] : *object) {
      if ((key == "ValidationErrors" || key == "Warnings") && member.type() == typeid(JsonArray)) {
        auto list = member.extract<JsonArray>();
        for (std::size_t i = 0; i < list->size(); ++i) {
          out.insert(list->getObject(static_cast<unsigned>(i))->getValue<std::string>("Message"));
        }
      } else {
        auto inner = documentedMessages(member);
        out.insert(inner.begin(), inner.end());
      }
    }
  } else if (value.type() == typeid(JsonArray)) {
    auto list = value.extract<JsonArray>();
    for (std::size_t i = 0; i < list->size(); ++i) {
      auto inner = documentedMessages(list->get(static_cast<unsigned>(i)));
      out.insert(inner.begin(), inner.end());
    }
  }
  return out;
}

class ExamplesTest : public XeroApiTest {
 protected:
  // Gives the newest record of `collection` the id the example assumes exists.
  void rekey(Collection& collection, const std::string& from, const std::string& to) {
    Json record = copyObject(*collection.find(from));
    record->set(collection.idField(), to);
    collection.erase(from);
    collection.put(record);
  }
  void contactWithId(const std::string& id, const std::string& name = "Example Contact") {
    rekey(org().contacts, contact(name), id);
  }

  // Sends the example's request; the path's {Id} becomes `path_id`.
  Reply send(const std::string& name, const std::string& path_id = "") {
    Json example = loadExample(name);
    std::string path = example->getValue<std::string>("path");
    if (auto brace = path.find('{'); brace != std::string::npos) path = path.substr(0, brace) + path_id;
    std::string body = stringify(example->getObject("request_examples")->get("application/json"));
    return call(example->getValue<std::string>("method"), path, body);
  }

  void expectAccepted(const std::string& name, const std::string& key, const std::string& path_id = "") {
    SCOPED_TRACE(name);
    Reply reply = send(name, path_id);
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_TRUE(reply.messages().empty()) << reply.body;
    Json rest = copyObject(*reply.json);
    for (const char* k : {"Id", "Status", "ProviderName", "DateTimeUTC"}) rest->remove(k);
    for (const auto& p : accountingSchemas().validate(rest, key)) ADD_FAILURE() << p;
    ASSERT_TRUE(reply.first(key));
  }

  // `message` must be one the example documents, and the scenario's reply must carry it.
  void expectDocumented(const std::string& example, const std::string& message, const Reply& reply) {
    auto documented = documentedMessages(loadExample(example)->get("response_examples"));
    EXPECT_TRUE(documented.count(message)) << "'" << message << "' is not documented in " << example;
    auto got = reply.messages();
    EXPECT_NE(std::find(got.begin(), got.end(), message), got.end()) << reply.body;
  }
};

TEST_F(ExamplesTest, ContactExamplesAreAccepted) {
  contactWithId("3ff6d40c-af9a-40a3-89ce-3c1556a25591", "Foo9987");
  expectAccepted("createContacts", "Contacts");
  expectAccepted("updateOrCreateContacts", "Contacts");
  contactWithId(kZero);
  expectAccepted("updateContact", "Contacts", kZero);
  EXPECT_EQ(get(std::string("/Contacts/") + kZero).first("Contacts")->getValue<std::string>("Name"), "Thanos");
}

TEST_F(ExamplesTest, InvoiceCreditNoteAndPaymentExamplesAreAccepted) {
  contactWithId(kExampleContact);
  expectAccepted("createInvoices", "Invoices");
  expectAccepted("updateOrCreateInvoices", "Invoices");
  rekey(org().invoices, invoice(kExampleContact, "DRAFT", "ACCPAY"), kZero);
  expectAccepted("updateInvoice", "Invoices", kZero);
  expectAccepted("createCreditNotes", "CreditNotes");
  expectAccepted("updateOrCreateCreditNotes", "CreditNotes");
  Json draft = write("PUT", "CreditNotes", std::string(R"({"Type":"ACCPAYCREDIT","Contact":{"ContactID":")") +
                                               kExampleContact + R"("},"LineItems":[]})");
  expectAccepted("updateCreditNote", "CreditNotes", draft->getValue<std::string>("CreditNoteID"));
  rekey(org().invoices, invoice(kExampleContact, "AUTHORISED"), std::string(kZero));
  expectAccepted("createPayment", "Payments");
  expectAccepted("createPayments", "Payments");
  std::string payment = org().payments.records().back()->getValue<std::string>("PaymentID");
  expectAccepted("deletePayment", "Payments", payment);
  EXPECT_EQ(get("/Payments/" + payment).first("Payments")->getValue<std::string>("Status"), "DELETED");
}

TEST_F(ExamplesTest, ItemAccountTaxJournalAndOrderExamplesAreAccepted) {
  expectAccepted("createItems", "Items");
  expectAccepted("updateOrCreateItems", "Items");
  expectAccepted("updateItem", "Items", org().items.findByKey("ItemCode123").front()->getValue<std::string>("ItemID"));
  Json account = write("PUT", "Accounts", R"({"Code":"654321","Name":"To Rename","Type":"EXPENSE"})");
  rekey(org().accounts, account->getValue<std::string>("AccountID"), "99ce6032-0678-4aa0-8148-240c75fee33a");
  expectAccepted("updateAccount", "Accounts", "99ce6032-0678-4aa0-8148-240c75fee33a");
  // The update took Code 123456, which createAccount's example also uses: free it again.
  write("POST", "Accounts", R"({"Code":"654321"})", "/99ce6032-0678-4aa0-8148-240c75fee33a");
  expectAccepted("createAccount", "Accounts");
  expectAccepted("createTaxRates", "TaxRates");
  write("PUT", "TaxRates", R"({"Name":"State Tax NY","TaxComponents":[{"Name":"State Tax","Rate":2.25}]})");
  expectAccepted("updateTaxRate", "TaxRates");
  EXPECT_EQ(org().tax_rates.findByKey("State Tax NY").size(), 1u);  // updated, not added
  expectAccepted("createManualJournals", "ManualJournals");
  expectAccepted("updateOrCreateManualJournals", "ManualJournals");
  Json journal = write("PUT", "ManualJournals", R"({"Narration":"Draft","JournalLines":[]})");
  rekey(org().manual_journals, journal->getValue<std::string>("ManualJournalID"), kZero);
  expectAccepted("updateManualJournal", "ManualJournals", kZero);
  contactWithId(kZero);
  expectAccepted("createPurchaseOrders", "PurchaseOrders");
  expectAccepted("updateOrCreatePurchaseOrders", "PurchaseOrders");
  std::string order = org().purchase_orders.records().front()->getValue<std::string>("PurchaseOrderID");
  expectAccepted("updatePurchaseOrder", "PurchaseOrders", order);
}

TEST_F(ExamplesTest, DocumentedErrorsAreReproducedWordForWord) {
  std::string buzz = R"({"Contacts":[{"Name":"Buzz Lightyear","EmailAddress":"buzzlightyear@email.com"}]})";
  call("PUT", "/Contacts", buzz);
  expectDocumented("createContacts",
                   "The contact name Buzz Lightyear is already assigned to another contact. The "
                   "contact name must be unique across all active contacts.",
                   call("POST", "/Contacts", buzz));
  call("PUT", "/Accounts", R"({"Code":"123456","Name":"Foobar","Type":"EXPENSE"})");
  expectDocumented("createAccount", "Please enter a unique Name.",
                   call("PUT", "/Accounts", R"({"Code":"123457","Name":"Foobar","Type":"EXPENSE"})"));
  expectDocumented("createManualJournals", "The total debits (100.00) must equal total credits (-10.00)",
                   call("PUT", "/ManualJournals", R"({"ManualJournals":[{"Narration":"x","JournalLines":[
                        {"LineAmount":100,"AccountCode":"400"},{"LineAmount":-10,"AccountCode":"400"}]}]})"));
  std::string c = contact("Payer");
  std::string inv = invoice(c, "AUTHORISED", "ACCREC", "10");
  expectDocumented("createPayment", "Payment amount exceeds the amount outstanding on this document",
                   call("PUT", "/Payments", R"({"Payments":[{"Invoice":{"InvoiceID":")" + inv +
                                                R"("},"Account":{"Code":"090"},"Amount":11}]})"));
  std::string po = R"({"PurchaseOrders":[{"PurchaseOrderNumber":"PO-9","Contact":{"ContactID":")" + c + R"("}}]})";
  call("PUT", "/PurchaseOrders", po);
  expectDocumented("createPurchaseOrders", "Order number must be unique", call("PUT", "/PurchaseOrders", po));
  std::string numbered = R"({"Invoices":[{"Type":"ACCREC","InvoiceNumber":"INV-77","Contact":{"ContactID":")" + c + R"("}}]})";
  call("PUT", "/Invoices", numbered);
  expectDocumented("getInvoice", "Invoice # must be unique.", call("PUT", "/Invoices", numbered));
  expectDocumented("createManualJournals",
                   "Account code ''476'' has been removed as it does not match a recognised account.",
                   call("PUT", "/Invoices", R"({"Invoices":[{"Type":"ACCREC","Contact":{"ContactID":")" + c +
                                                R"("},"LineItems":[{"Description":"x","UnitAmount":1,"AccountCode":"476"}]}]})"));
  expectDocumented("createCreditNotes", "An existing Credit Note with the specified CreditNoteID could not be found",
                   call("POST", "/CreditNotes", R"({"CreditNotes":[{"CreditNoteID":"11111111-2222-4333-8444-555555555555"}]})"));
  expectDocumented("createBankTransactions",
                   "The Contact must contain at least 1 of the following elements to identify the contact: Name, ContactID, ContactNumber",
                   call("PUT", "/Invoices", R"({"Invoices":[{"Type":"ACCREC","Contact":{}}]})"));
  call("PUT", "/Items", R"({"Items":[{"Code":"abc"}]})");
  expectDocumented("createItems", "Price List Item with Code ''abc'' already exists",
                   call("PUT", "/Items", R"({"Items":[{"Code":"abc"}]})"));
}

}  // namespace
}  // namespace accord::sandbox::xero::testing
