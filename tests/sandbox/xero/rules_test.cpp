// Xero's business rules, one test each, as a client would meet them.
#include "api_fixture.h"

namespace accord::sandbox::xero::testing {
namespace {

using Rules = XeroApiTest;

double number(const Json& record, const std::string& key) { return record->getValue<double>(key); }

TEST_F(Rules, PaidInvoicesCannotBeEdited) {
  std::string inv = invoice(contact("Paid Co"), "AUTHORISED", "ACCREC", "50");
  write("PUT", "Payments", R"({"Invoice":{"InvoiceID":")" + inv + R"("},"Account":{"Code":"090"},"Amount":50})");
  EXPECT_EQ(get("/Invoices/" + inv).first("Invoices")->getValue<std::string>("Status"), "PAID");
  Reply edit = call("POST", "/Invoices/" + inv, R"({"Invoices":[{"Reference":"changed"}]})");
  EXPECT_EQ(edit.status, 400);
  EXPECT_EQ(edit.messages(), std::vector<std::string>{"Invoice not of valid status for modification"});
  EXPECT_FALSE(get("/Invoices/" + inv).first("Invoices")->has("Reference"));
}

TEST_F(Rules, DraftCanBeDeletedAuthorisedCanBeVoidedNotTheOtherWay) {
  std::string c = contact("Status Co");
  std::string draft = invoice(c, "DRAFT"), authorised = invoice(c, "AUTHORISED");
  EXPECT_EQ(write("POST", "Invoices", R"({"Status":"DELETED"})", "/" + draft)->getValue<std::string>("Status"), "DELETED");
  EXPECT_EQ(write("POST", "Invoices", R"({"Status":"VOIDED"})", "/" + authorised)->getValue<std::string>("Status"), "VOIDED");
  std::string draft2 = invoice(c, "DRAFT"), authorised2 = invoice(c, "AUTHORISED");
  EXPECT_EQ(call("POST", "/Invoices/" + draft2, R"({"Invoices":[{"Status":"VOIDED"}]})").status, 400);
  Reply del = call("POST", "/Invoices/" + authorised2, R"({"Invoices":[{"Status":"DELETED"}]})");
  EXPECT_EQ(del.status, 400);
  EXPECT_EQ(del.messages(), std::vector<std::string>{"Invoice not of valid status for modification"});
}

TEST_F(Rules, AnInvoiceWithPaymentsCannotBeVoided) {
  std::string inv = invoice(contact("Part Payer"), "AUTHORISED", "ACCREC", "80");
  write("PUT", "Payments", R"({"Invoice":{"InvoiceID":")" + inv + R"("},"Account":{"Code":"090"},"Amount":30})");
  EXPECT_EQ(call("POST", "/Invoices/" + inv, R"({"Invoices":[{"Status":"VOIDED"}]})").status, 400);
}

TEST_F(Rules, AnInvoiceNeedsAContact) {
  Reply reply = call("PUT", "/Invoices", R"({"Invoices":[{"Type":"ACCREC","LineItems":[]}]})");
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.messages(), std::vector<std::string>{"A Contact must be specified for this type of transaction"});
  EXPECT_EQ(org().invoices.size(), 0u);
}

TEST_F(Rules, AnInvoiceNamingAnUnknownContactCreatesIt) {
  Json inv = write("PUT", "Invoices", R"({"Type":"ACCREC","Contact":{"Name":"Brand New Ltd"}})");
  auto found = org().contacts.findByKey("Brand New Ltd");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(inv->getObject("Contact")->getValue<std::string>("ContactID"), found[0]->getValue<std::string>("ContactID"));
}

TEST_F(Rules, APaymentNeedsABankAccountOrOneThatAcceptsPayments) {
  std::string inv = invoice(contact("Bank Rule"), "AUTHORISED");
  Reply sales = call("PUT", "/Payments", R"({"Payments":[{"Invoice":{"InvoiceID":")" + inv +
                                             R"("},"Account":{"Code":"200"},"Amount":10}]})");
  EXPECT_EQ(sales.status, 400);
  ASSERT_EQ(sales.messages().size(), 1u);
  EXPECT_NE(sales.messages()[0].find("bank account"), std::string::npos);
  // 970 is an equity account with "Enable payments to this account" set.
  EXPECT_EQ(call("PUT", "/Payments", R"({"Payments":[{"Invoice":{"InvoiceID":")" + inv +
                                         R"("},"Account":{"Code":"970"},"Amount":10}]})").status, 200);
}

TEST_F(Rules, AtMostFiveContactPersons) {
  std::string persons;
  for (int i = 0; i < 6; ++i) persons += std::string(i ? "," : "") + R"({"FirstName":"P)" + std::to_string(i) + R"("})";
  Reply reply = call("PUT", "/Contacts", R"({"Contacts":[{"Name":"Crowd","ContactPersons":[)" + persons + "]}]}");
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.messages(), std::vector<std::string>{"A Contact can have a maximum of 5 ContactPersons"});
}

TEST_F(Rules, ContactNamesAreUniqueAmongActiveContactsOnly) {
  std::string old = contact("Acme Ltd");
  EXPECT_EQ(call("PUT", "/Contacts", R"({"Contacts":[{"Name":"ACME LTD"}]})").status, 400);
  write("POST", "Contacts", R"({"ContactStatus":"ARCHIVED"})", "/" + old);
  EXPECT_EQ(call("PUT", "/Contacts", R"({"Contacts":[{"Name":"Acme Ltd"}]})").status, 200);
}

TEST_F(Rules, AnUpdateReplacesTheWholeContactPersonsArray) {
  Json c = write("PUT", "Contacts", R"({"Name":"People Co","ContactPersons":[{"FirstName":"Ann"},{"FirstName":"Bob"}]})");
  std::string id = c->getValue<std::string>("ContactID");
  write("POST", "Contacts", R"({"ContactPersons":[{"FirstName":"Cy"}]})", "/" + id);
  auto persons = get("/Contacts/" + id).first("Contacts")->getArray("ContactPersons");
  ASSERT_EQ(persons->size(), 1u);
  EXPECT_EQ(persons->getObject(0)->getValue<std::string>("FirstName"), "Cy");
  write("POST", "Contacts", R"({"EmailAddress":"cy@people.example"})", "/" + id);
  EXPECT_EQ(get("/Contacts/" + id).first("Contacts")->getArray("ContactPersons")->size(), 1u);  // untouched
}

TEST_F(Rules, TaxTypesMustExist) {
  Reply reply = call("PUT", "/Invoices", R"({"Invoices":[{"Type":"ACCREC","Contact":{"Name":"Tax Co"},
      "LineItems":[{"Description":"x","UnitAmount":1,"TaxType":"MADEUP"}]}]})");
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.messages(), std::vector<std::string>{
      "The TaxType code 'MADEUP' does not exist or cannot be used for this type of transaction."});
}

TEST_F(Rules, TotalsAreComputedByTheServerExactly) {
  // OUTPUT is 8.25% (6.25% state + 2% city). 3 x 19.99 = 59.97; tax 4.947525 -> 4.95.
  Json inv = write("PUT", "Invoices", R"({"Type":"ACCREC","Contact":{"Name":"Sum Co"},"SubTotal":1,"Total":1,
      "LineItems":[{"Description":"a","Quantity":3,"UnitAmount":19.99,"AccountCode":"200","TaxType":"OUTPUT","LineAmount":5},
                   {"Description":"b","Quantity":1,"UnitAmount":0.1,"AccountCode":"200","TaxType":"NONE"},
                   {"Description":"c","Quantity":1,"UnitAmount":0.2,"AccountCode":"200","TaxType":"NONE"}]})");
  EXPECT_DOUBLE_EQ(number(inv, "SubTotal"), 60.27);
  EXPECT_DOUBLE_EQ(number(inv, "TotalTax"), 4.95);
  EXPECT_DOUBLE_EQ(number(inv, "Total"), 65.22);
  EXPECT_DOUBLE_EQ(number(inv, "AmountDue"), 65.22);
  EXPECT_DOUBLE_EQ(number(inv->getArray("LineItems")->getObject(0), "LineAmount"), 59.97);
  Json inclusive = write("PUT", "Invoices", R"({"Type":"ACCREC","Contact":{"Name":"Sum Co"},"LineAmountTypes":"Inclusive",
      "LineItems":[{"Description":"a","Quantity":1,"UnitAmount":115,"TaxType":"OUTPUT2"}]})");
  EXPECT_DOUBLE_EQ(number(inclusive, "TotalTax"), 15.0);
  EXPECT_DOUBLE_EQ(number(inclusive, "SubTotal"), 100.0);
  EXPECT_DOUBLE_EQ(number(inclusive, "Total"), 115.0);
  Json no_tax = write("PUT", "Invoices", R"({"Type":"ACCREC","Contact":{"Name":"Sum Co"},"LineAmountTypes":"NoTax",
      "LineItems":[{"Description":"a","Quantity":2,"UnitAmount":10,"TaxType":"OUTPUT2"}]})");
  EXPECT_DOUBLE_EQ(number(no_tax, "TotalTax"), 0.0);
  EXPECT_DOUBLE_EQ(number(no_tax, "Total"), 20.0);
}

TEST_F(Rules, IsCustomerAndIsSupplierFollowInvoicesAndAreNotWritable) {
  Json c = write("PUT", "Contacts", R"({"Name":"Flags Co","IsCustomer":true,"IsSupplier":true})");
  std::string id = c->getValue<std::string>("ContactID");
  EXPECT_FALSE(c->getValue<bool>("IsCustomer"));
  EXPECT_FALSE(c->getValue<bool>("IsSupplier"));
  invoice(id, "AUTHORISED", "ACCREC");
  Json after_sale = get("/Contacts/" + id).first("Contacts");
  EXPECT_TRUE(after_sale->getValue<bool>("IsCustomer"));
  EXPECT_FALSE(after_sale->getValue<bool>("IsSupplier"));
  invoice(id, "DRAFT", "ACCPAY");
  EXPECT_TRUE(get("/Contacts/" + id).first("Contacts")->getValue<bool>("IsSupplier"));
}

TEST_F(Rules, QuantityOnHandIsComputedFromInvoicesAndNeverWritten) {
  Json item = write("PUT", "Items", R"({"Code":"BOLT","Name":"Bolt","QuantityOnHand":999,"InventoryAssetAccountCode":"140",
      "PurchaseDetails":{"COGSAccountCode":"500","UnitPrice":1},"SalesDetails":{"UnitPrice":3,"AccountCode":"200"}})");
  EXPECT_DOUBLE_EQ(number(item, "QuantityOnHand"), 0.0);
  EXPECT_TRUE(item->getValue<bool>("IsTrackedAsInventory"));
  std::string c = contact("Stock Co");
  write("PUT", "Invoices", R"({"Type":"ACCPAY","Status":"AUTHORISED","Contact":{"ContactID":")" + c +
                               R"("},"LineItems":[{"ItemCode":"BOLT","Quantity":10}]})");
  Json sale = write("PUT", "Invoices", R"({"Type":"ACCREC","Status":"AUTHORISED","Contact":{"ContactID":")" + c +
                                           R"("},"LineItems":[{"ItemCode":"BOLT","Quantity":4}]})");
  EXPECT_DOUBLE_EQ(number(sale, "Total"), 12.99);  // item price 3, OUTPUT tax from account 200
  EXPECT_DOUBLE_EQ(number(get("/Items/BOLT").first("Items"), "QuantityOnHand"), 6.0);
  write("POST", "Invoices", R"({"Status":"VOIDED"})", "/" + sale->getValue<std::string>("InvoiceID"));
  EXPECT_DOUBLE_EQ(number(get("/Items/BOLT").first("Items"), "QuantityOnHand"), 10.0);
}

TEST_F(Rules, PaymentsMoveAmountDueAndDeletingOneRestoresIt) {
  std::string inv = invoice(contact("Pay Co"), "AUTHORISED", "ACCREC", "100");
  Json p = write("PUT", "Payments", R"({"Invoice":{"InvoiceID":")" + inv + R"("},"Account":{"Code":"090"},"Amount":100,"Date":"2024-03-05"})");
  Json paid = get("/Invoices/" + inv).first("Invoices");
  EXPECT_EQ(paid->getValue<std::string>("Status"), "PAID");
  EXPECT_DOUBLE_EQ(number(paid, "AmountDue"), 0.0);
  EXPECT_DOUBLE_EQ(number(paid, "AmountPaid"), 100.0);
  EXPECT_EQ(paid->getValue<std::string>("FullyPaidOnDate"), "/Date(1709596800000+0000)/");
  write("POST", "Payments", R"({"Status":"DELETED"})", "/" + p->getValue<std::string>("PaymentID"));
  Json reopened = get("/Invoices/" + inv).first("Invoices");
  EXPECT_EQ(reopened->getValue<std::string>("Status"), "AUTHORISED");
  EXPECT_DOUBLE_EQ(number(reopened, "AmountDue"), 100.0);
}

TEST_F(Rules, JournalsFollowPostingsAndPageByOffset) {
  std::string c = contact("Ledger Co");
  invoice(c, "DRAFT");  // drafts post nothing
  std::string inv = invoice(c, "AUTHORISED", "ACCREC", "40");
  write("PUT", "Payments", R"({"Invoice":{"InvoiceID":")" + inv + R"("},"Account":{"Code":"090"},"Amount":40})");
  auto journals = get("/Journals").records("Journals");
  ASSERT_EQ(journals->size(), 2u);
  Json sale = journals->getObject(0);
  EXPECT_EQ(sale->getValue<std::string>("SourceType"), "ACCREC");
  EXPECT_EQ(sale->getValue<int>("JournalNumber"), 1);
  double balance = 0;
  auto lines = sale->getArray("JournalLines");
  for (std::size_t i = 0; i < lines->size(); ++i) balance += number(lines->getObject(i), "NetAmount");
  EXPECT_DOUBLE_EQ(balance, 0.0);  // debits equal credits
  EXPECT_EQ(get("/Journals", {{"offset", "1"}}).records("Journals")->size(), 1u);
  EXPECT_EQ(get("/Journals/1").first("Journals")->getValue<std::string>("SourceID"), inv);
}

TEST_F(Rules, ChangesAreReportedForWebhooks) {
  sink_.clear();
  std::string c = contact("Hook Co");
  std::string inv = invoice(c, "AUTHORISED");
  write("POST", "Contacts", R"({"EmailAddress":"a@hook.example"})", "/" + c);
  write("PUT", "CreditNotes", R"({"Type":"ACCRECCREDIT","Contact":{"ContactID":")" + c + R"("}})");
  auto events = sink_.events();
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].category + "/" + events[0].type, "CONTACT/CREATE");
  EXPECT_EQ(events[1].category + "/" + events[1].type + "/" + events[1].resource_id, "INVOICE/CREATE/" + inv);
  EXPECT_EQ(events[2].category + "/" + events[2].type, "CONTACT/UPDATE");
  EXPECT_EQ(events[3].category, "CREDITNOTE");
  EXPECT_EQ(events[3].data, (std::vector<std::pair<std::string, std::string>>{{"Type", "ACCRECCREDIT"}, {"Status", "DRAFT"}}));
  EXPECT_EQ(events[3].tenant_id, kTenant);
}

}  // namespace
}  // namespace accord::sandbox::xero::testing
