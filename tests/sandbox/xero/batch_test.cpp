// Batches: a PUT/POST with several elements applies them in order, each seeing the ones before
// it, as Xero does; under summarizeErrors (the default) one failure saves nothing.
#include "api_fixture.h"

namespace accord::sandbox::xero::testing {
namespace {

using Batch = XeroApiTest;

// The message of shared/specs/xero (createContacts example), naming the refused element's Name.
std::string duplicateName(const std::string& name) {
  return "The contact name " + name +
         " is already assigned to another contact. The contact name must be unique across all "
         "active contacts.";
}

std::vector<std::string> elementMessages(const Reply& reply, const std::string& key, unsigned index) {
  std::vector<std::string> out;
  auto errors = reply.records(key)->getObject(index)->getArray("ValidationErrors");
  for (std::size_t i = 0; errors && i < errors->size(); ++i) {
    out.push_back(errors->getObject(static_cast<unsigned>(i))->getValue<std::string>("Message"));
  }
  return out;
}

std::string invoiceElement(const std::string& contact_json, const std::string& number = "") {
  return R"({"Type":"ACCREC","Contact":)" + contact_json +
         (number.empty() ? "" : R"(,"InvoiceNumber":")" + number + "\"") +
         R"(,"LineItems":[{"Description":"Work","Quantity":1,"UnitAmount":10,"AccountCode":"200","TaxType":"NONE"}]})";
}

TEST_F(Batch, TheSecondOfTwoNewContactsWithOneNameFailsAndNothingIsSaved) {
  Reply reply = call("PUT", "/Contacts", R"({"Contacts":[{"Name":"Twin Co"},{"Name":"twin co"}]})");
  ASSERT_EQ(reply.status, 400) << reply.body;
  EXPECT_EQ(reply.json->getValue<std::string>("Type"), "ValidationException");
  EXPECT_TRUE(elementMessages(reply, "Elements", 0).empty());
  EXPECT_EQ(elementMessages(reply, "Elements", 1), std::vector<std::string>{duplicateName("twin co")});
  EXPECT_EQ(org().contacts.size(), 0u);
  EXPECT_TRUE(sink_.events().empty());  // nothing happened, so nothing is announced
}

TEST_F(Batch, WithoutSummarizeErrorsTheFirstIsSavedAndTheSecondRefused) {
  Reply reply = call("PUT", "/Contacts", R"({"Contacts":[{"Name":"Twin Co"},{"Name":"Twin Co"}]})",
                     {{"summarizeErrors", "false"}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto contacts = reply.records("Contacts");
  EXPECT_EQ(contacts->getObject(0)->getValue<std::string>("StatusAttributeString"), "OK");
  EXPECT_EQ(contacts->getObject(1)->getValue<std::string>("StatusAttributeString"), "ERROR");
  EXPECT_EQ(elementMessages(reply, "Contacts", 1), std::vector<std::string>{duplicateName("Twin Co")});
  EXPECT_EQ(org().contacts.size(), 1u);
}

TEST_F(Batch, AnInvoiceUsesTheContactAnEarlierInvoiceOfTheBatchCreated) {
  std::string named = R"({"Name":"Batch Newco"})";
  Reply reply = call("PUT", "/Invoices",
                     R"({"Invoices":[)" + invoiceElement(named) + "," + invoiceElement(named) + "]}");
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto invoices = reply.records("Invoices");
  std::string first = invoices->getObject(0)->getObject("Contact")->getValue<std::string>("ContactID");
  std::string second = invoices->getObject(1)->getObject("Contact")->getValue<std::string>("ContactID");
  EXPECT_EQ(first, second);
  EXPECT_EQ(org().contacts.findByKey("Batch Newco").size(), 1u);
}

TEST_F(Batch, AnUpdateLaterInTheBatchSeesTheEarlierElementsChange) {
  std::string id = contact("Stepwise");
  Reply reply = call("POST", "/Contacts",
                     R"({"Contacts":[{"ContactID":")" + id + R"(","EmailAddress":"a@step.example"},)"
                     R"({"ContactID":")" + id + R"(","FirstName":"Ann"}]})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  Json second = reply.records("Contacts")->getObject(1);
  EXPECT_EQ(second->getValue<std::string>("EmailAddress"), "a@step.example");
  EXPECT_EQ(second->getValue<std::string>("FirstName"), "Ann");
}

TEST_F(Batch, TwoInvoicesWithOneNumberInOneBatchAreRefused) {
  std::string c = R"({"ContactID":")" + contact("Numbered") + "\"}";
  Reply reply = call("PUT", "/Invoices", R"({"Invoices":[)" + invoiceElement(c, "B-1") + "," +
                                             invoiceElement(c, "B-1") + "]}");
  ASSERT_EQ(reply.status, 400) << reply.body;
  EXPECT_TRUE(elementMessages(reply, "Elements", 0).empty());
  EXPECT_EQ(elementMessages(reply, "Elements", 1), std::vector<std::string>{"Invoice # must be unique."});
  EXPECT_EQ(org().invoices.size(), 0u);
}

TEST_F(Batch, TwoItemsWithOneCodeInOneBatchAreRefused) {
  Reply reply = call("PUT", "/Items", R"({"Items":[{"Code":"DUP","Name":"A"},{"Code":"DUP","Name":"B"}]})");
  ASSERT_EQ(reply.status, 400) << reply.body;
  EXPECT_EQ(reply.messages(), std::vector<std::string>{"Price List Item with Code ''DUP'' already exists"});
  EXPECT_EQ(org().items.size(), 0u);
}

TEST_F(Batch, PaymentsOfOneBatchCannotTogetherExceedWhatIsDue) {
  std::string inv = invoice(contact("Payer"), "AUTHORISED", "ACCREC", "100");
  std::string payment = R"({"Invoice":{"InvoiceID":")" + inv + R"("},"Account":{"Code":"090"},"Amount":60})";
  Reply reply = call("PUT", "/Payments", R"({"Payments":[)" + payment + "," + payment + "]}");
  ASSERT_EQ(reply.status, 400) << reply.body;
  EXPECT_EQ(elementMessages(reply, "Elements", 1),
            std::vector<std::string>{"Payment amount exceeds the amount outstanding on this document"});
  Json stored = get("/Invoices/" + inv).first("Invoices");
  EXPECT_EQ(stored->getValue<double>("AmountDue"), 100.0);  // the first payment was undone too
  EXPECT_EQ(stored->getArray("Payments")->size(), 0u);
  EXPECT_EQ(org().payments.size(), 0u);
}

TEST_F(Batch, AFailedBatchLeavesNoContactJournalOrEventBehind) {
  sink_.clear();
  std::string good = R"({"Type":"ACCREC","Status":"AUTHORISED","Contact":{"Name":"Left Behind"},)"
                     R"("LineItems":[{"Description":"x","Quantity":1,"UnitAmount":5,"AccountCode":"200","TaxType":"NONE"}]})";
  std::string bad = R"({"Type":"ACCREC","LineItems":[]})";  // no contact
  Reply reply = call("PUT", "/Invoices", R"({"Invoices":[)" + good + "," + bad + "]}");
  ASSERT_EQ(reply.status, 400) << reply.body;
  EXPECT_TRUE(org().contacts.findByKey("Left Behind").empty());
  EXPECT_EQ(org().invoices.size(), 0u);
  EXPECT_TRUE(sink_.events().empty());
  auto journals = get("/Journals").records("Journals");
  EXPECT_EQ(journals->size(), 0u);
  // The number the undone invoice took is free again.
  Json next = write("PUT", "Invoices", good);
  EXPECT_EQ(next->getValue<std::string>("InvoiceNumber"), "INV-0001");
}

}  // namespace
}  // namespace accord::sandbox::xero::testing
