// Records are stored as JSON text with a few columns and indexes (store.h): what a client reads
// must be exactly what the Poco objects would have printed, and the indexes must follow every
// change, rename and undone batch.
#include <sstream>

#include <Poco/JSON/Stringifier.h>

#include "api_fixture.h"
#include "sandbox/xero/accounting/json_text.h"
#include "sandbox/xero/accounting/where.h"

namespace accord::sandbox::xero::testing {
namespace {


std::string pocoText(const Poco::Dynamic::Var& value) {
  std::ostringstream out;
  Poco::JSON::Stringifier::stringify(value, out, 0, -1);
  return out.str();
}

class Store : public XeroApiTest {
 protected:
  void seedScaled() {
    SeedOptions options;
    options.contacts = 300;
    options.invoices = 300;
    api_.seed(kTenant, generateSeed(options));
  }
};

TEST(JsonWriter, WritesWhatPocoWrites) {
  Json object = parseObject(
      R"({"s":"caf\u00e9 \"q\" \\ / \t\u0001","i":3,"d":0.30000000000000004,"w":100.0,"n":null,)"
      R"("b":true,"f":false,"a":[1,{"x":[]},"y"],"o":{"z":{}},"neg":-12.5,"big":12345678901234})",
      nullptr);
  ASSERT_TRUE(object);
  object->set("double", 0.1 + 0.2);
  object->set("int", 7);
  object->set("empty", Poco::Dynamic::Var());
  EXPECT_EQ(stringify(object), pocoText(object));
}

TEST_F(Store, EveryStoredRecordReadsBackAsWhatPocoPrints) {
  seedScaled();
  get("/Journals");  // materializes the journals too
  for (Collection* c : {&org().contacts, &org().items, &org().invoices, &org().payments,
                        &org().accounts, &org().tax_rates, &org().journals}) {
    ASSERT_GT(c->size(), 0u);
    for (std::size_t i = 0; i < c->size(); ++i) {
      ASSERT_EQ(c->jsonAt(i), pocoText(c->at(i))) << c->idField() << " #" << i;
    }
  }
}

TEST_F(Store, FieldsReadFromTheTextAreTheParsedOnes) {
  seedScaled();
  const char* paths[] = {"Name", "ContactID", "Contact.ContactID", "Contact.Name", "AmountDue",
                         "Total", "IsCustomer", "Addresses", "LineItems", "Status",
                         "UpdatedDateUTC", "Date", "CurrencyRate", "Nope", "Contact.Nope"};
  for (Collection* c : {&org().contacts, &org().invoices}) {
    for (std::size_t i = 0; i < c->size(); i += 7) {
      Json record = c->at(i);
      for (const char* path : paths) {
        Poco::Dynamic::Var expected = fieldAt(*record, path);
        Poco::Dynamic::Var scanned = jsonTextField(c->jsonAt(i), path);
        Poco::Dynamic::Var served = c->field(i, path);
        ASSERT_EQ(scanned.type() == expected.type(), true) << path;
        ASSERT_EQ(stringify(scanned), stringify(expected)) << path;
        ASSERT_EQ(stringify(served), stringify(expected)) << path;
      }
    }
  }
}

TEST_F(Store, ARecordReadIsACopy) {
  std::string id = contact("Copy Co");
  org().contacts.find(id)->set("Name", "Changed In Place");
  EXPECT_EQ(get("/Contacts/" + id).first("Contacts")->getValue<std::string>("Name"), "Copy Co");
}

std::vector<std::string> names(const Reply& reply) {
  std::vector<std::string> out;
  auto contacts = reply.records("Contacts");
  for (std::size_t i = 0; contacts && i < contacts->size(); ++i) {
    out.push_back(contacts->getObject(static_cast<unsigned>(i))->getValue<std::string>("Name"));
  }
  return out;
}

TEST_F(Store, IndexedWhereFollowsRenames) {
  std::string id = contact("Before Rename");
  contact("Bystander");
  write("POST", "Contacts", R"({"Name":"After Rename"})", "/" + id);
  EXPECT_TRUE(names(get("/Contacts", {{"where", R"(Name=="Before Rename")"}})).empty());
  EXPECT_EQ(names(get("/Contacts", {{"where", R"(Name=="after rename")"}})),
            std::vector<std::string>{"After Rename"});
  EXPECT_EQ(names(get("/Contacts", {{"where", "ContactID==guid(\"" + id + "\")"}})),
            std::vector<std::string>{"After Rename"});
  // An indexed equality narrows the candidates; the rest of the expression still applies.
  EXPECT_TRUE(names(get("/Contacts", {{"where", R"(Name=="After Rename" AND ContactStatus=="ARCHIVED")"}})).empty());
  EXPECT_EQ(names(get("/Contacts", {{"where", R"(Name=="After Rename" OR Name=="Bystander")"},
                                    {"order", "Name"}})),
            (std::vector<std::string>{"After Rename", "Bystander"}));
}

TEST_F(Store, IndexedWhereForgetsWhatAFailedBatchUndid) {
  contact("Kept");
  Reply reply = call("PUT", "/Contacts", R"({"Contacts":[{"Name":"Undone"},{"Name":"Kept"}]})");
  ASSERT_EQ(reply.status, 400);
  EXPECT_TRUE(names(get("/Contacts", {{"where", R"(Name=="Undone")"}})).empty());
  EXPECT_EQ(names(get("/Contacts", {{"where", R"(Name=="Kept")"}})), std::vector<std::string>{"Kept"});
  EXPECT_EQ(names(get("/Contacts")), std::vector<std::string>{"Kept"});
}

TEST_F(Store, InvoicesByContactComeFromTheIndexInCreationOrder) {
  std::string a = contact("Index A"), b = contact("Index B");
  std::string first = invoice(a, "DRAFT"), other = invoice(b, "DRAFT"), second = invoice(a, "AUTHORISED");
  Reply reply = get("/Invoices", {{"where", "Contact.ContactID==guid(\"" + a + "\")"}});
  auto invoices = reply.records("Invoices");
  ASSERT_EQ(invoices->size(), 2u);
  EXPECT_EQ(invoices->getObject(0)->getValue<std::string>("InvoiceID"), first);
  EXPECT_EQ(invoices->getObject(1)->getValue<std::string>("InvoiceID"), second);
  Reply authorised = get("/Invoices", {{"where", "Contact.ContactID==guid(\"" + a + "\") AND Status==\"AUTHORISED\""}});
  ASSERT_EQ(authorised.records("Invoices")->size(), 1u);
  EXPECT_EQ(authorised.first("Invoices")->getValue<std::string>("InvoiceID"), second);
}

}  // namespace
}  // namespace accord::sandbox::xero::testing
