// where, order, page/pageSize, IDs, includeArchived, If-Modified-Since, summarizeErrors and
// Idempotency-Key as a client uses them.
#include "api_fixture.h"

namespace accord::sandbox::xero::testing {
namespace {

class Query : public XeroApiTest {
 protected:
  std::vector<std::string> names(const Reply& reply, const std::string& key = "Contacts",
                                 const std::string& field = "Name") {
    std::vector<std::string> out;
    auto records = reply.records(key);
    for (std::size_t i = 0; records && i < records->size(); ++i) {
      out.push_back(records->getObject(static_cast<unsigned>(i))->getValue<std::string>(field));
    }
    return out;
  }
};

TEST_F(Query, WhereFiltersAndRejectsBadSyntaxWithA400) {
  std::string acme = contact("Acme Ltd");
  contact("Bravo Inc");
  std::string cid = contact("Charlie Co");
  invoice(acme, "AUTHORISED", "ACCREC", "150");
  invoice(cid, "DRAFT", "ACCREC", "50");
  EXPECT_EQ(names(get("/Contacts", {{"where", R"(Name.StartsWith("b") OR Name=="acme ltd")"}})),
            (std::vector<std::string>{"Acme Ltd", "Bravo Inc"}));
  // Any sales invoice, even a draft, makes a customer.
  EXPECT_EQ(names(get("/Contacts", {{"where", "IsCustomer==true"}})), (std::vector<std::string>{"Acme Ltd", "Charlie Co"}));
  EXPECT_EQ(names(get("/Contacts", {{"where", "IsCustomer==false"}})), (std::vector<std::string>{"Bravo Inc"}));
  EXPECT_EQ(names(get("/Invoices", {{"where", R"(Status=="AUTHORISED" AND AmountDue>100)"}}), "Invoices", "Status"),
            (std::vector<std::string>{"AUTHORISED"}));
  EXPECT_EQ(get("/Invoices", {{"where", R"(Contact.ContactID==guid(")" + cid + R"("))"}}).records("Invoices")->size(), 1u);
  EXPECT_EQ(get("/Invoices", {{"where", "Date>=DateTime(2024,03,01) AND Date<DateTime(2024,03,02)"}}).records("Invoices")->size(), 2u);
  Reply bad = get("/Contacts", {{"where", R"(Name=="unterminated)"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json->getValue<std::string>("Type"), "QueryParseException");
  EXPECT_NE(bad.json->getValue<std::string>("Message").find("unterminated string"), std::string::npos);
}

TEST_F(Query, OrderSortsAscendingAndDescending) {
  for (const char* n : {"Bravo", "alpha", "Charlie"}) contact(n);
  EXPECT_EQ(names(get("/Contacts", {{"order", "Name"}})), (std::vector<std::string>{"alpha", "Bravo", "Charlie"}));
  EXPECT_EQ(names(get("/Contacts", {{"order", "Name DESC"}})), (std::vector<std::string>{"Charlie", "Bravo", "alpha"}));
  clock_.advance(std::chrono::seconds(5));
  write("POST", "Contacts", R"({"EmailAddress":"a@alpha.example"})", "/" + org().contacts.findByKey("alpha")[0]->getValue<std::string>("ContactID"));
  EXPECT_EQ(names(get("/Contacts", {{"order", "UpdatedDateUTC DESC"}})).front(), "alpha");
}

TEST_F(Query, PagesWithPaginationAndCapsPageSizeAt1000) {
  for (int i = 0; i < 25; ++i) contact("Paged " + std::to_string(100 + i));
  Reply page2 = get("/Contacts", {{"page", "2"}, {"pageSize", "10"}});
  EXPECT_EQ(names(page2).front(), "Paged 110");
  Json pagination = page2.json->getObject("pagination");
  ASSERT_TRUE(pagination);
  EXPECT_EQ(pagination->getValue<int>("page"), 2);
  EXPECT_EQ(pagination->getValue<int>("pageSize"), 10);
  EXPECT_EQ(pagination->getValue<int>("pageCount"), 3);
  EXPECT_EQ(pagination->getValue<int>("itemCount"), 25);
  EXPECT_EQ(get("/Contacts", {{"page", "3"}, {"pageSize", "10"}}).records("Contacts")->size(), 5u);
  EXPECT_EQ(get("/Contacts", {{"page", "1"}}).json->getObject("pagination")->getValue<int>("pageSize"), 100);
  EXPECT_EQ(get("/Contacts", {{"page", "1"}, {"pageSize", "5000"}}).json->getObject("pagination")->getValue<int>("pageSize"), 1000);
  EXPECT_EQ(get("/Contacts", {{"page", "0"}}).status, 400);
  EXPECT_FALSE(get("/Contacts").json->has("pagination"));
}

TEST_F(Query, IdsSelectRecordsAndUnknownIdsAre404) {
  std::string a = contact("Id A"), b = contact("Id B");
  contact("Id C");
  EXPECT_EQ(get("/Contacts", {{"IDs", a + "," + b}}).records("Contacts")->size(), 2u);
  Reply missing = get("/Contacts/11111111-2222-4333-8444-555555555555");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.body, "The resource you're looking for cannot be found");
}

TEST_F(Query, ArchivedContactsOnlyWithIncludeArchived) {
  std::string old = contact("Old Co");
  write("POST", "Contacts", R"({"ContactStatus":"ARCHIVED"})", "/" + old);
  contact("New Co");
  EXPECT_EQ(names(get("/Contacts")), (std::vector<std::string>{"New Co"}));
  EXPECT_EQ(names(get("/Contacts", {{"includeArchived", "true"}})).size(), 2u);
  EXPECT_EQ(get("/Contacts/" + old).status, 200);
}

TEST_F(Query, IfModifiedSinceReturnsOnlyLaterChanges) {
  clock_.set(std::chrono::system_clock::time_point(std::chrono::seconds(1709251200)));  // 2024-03-01
  contact("Before");
  clock_.advance(std::chrono::hours(2));
  contact("After");
  EXPECT_EQ(names(get("/Contacts", {}, {{"If-Modified-Since", "Fri, 01 Mar 2024 01:00:00 GMT"}})),
            (std::vector<std::string>{"After"}));
  EXPECT_EQ(names(get("/Contacts", {}, {{"If-Modified-Since", "2024-03-01T01:00:00"}})),
            (std::vector<std::string>{"After"}));
  EXPECT_EQ(get("/Contacts", {}, {{"If-Modified-Since", "soon"}}).status, 400);
}

TEST_F(Query, SummarizeErrorsFalseSavesTheValidElements) {
  contact("Taken");
  Reply reply = call("PUT", "/Contacts", R"({"Contacts":[{"Name":"Taken"},{"Name":"Free"}]})",
                     {{"summarizeErrors", "false"}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  Json bad = reply.records("Contacts")->getObject(0), good = reply.records("Contacts")->getObject(1);
  EXPECT_EQ(bad->getValue<std::string>("StatusAttributeString"), "ERROR");
  EXPECT_TRUE(bad->getValue<bool>("HasValidationErrors"));
  EXPECT_EQ(good->getValue<std::string>("StatusAttributeString"), "OK");
  EXPECT_EQ(org().contacts.size(), 2u);
  // The default summarizes: one bad element fails the batch and nothing is saved.
  Reply all = call("PUT", "/Contacts", R"({"Contacts":[{"Name":"Taken"},{"Name":"Also Free"}]})");
  EXPECT_EQ(all.status, 400);
  EXPECT_EQ(all.json->getValue<std::string>("Type"), "ValidationException");
  EXPECT_EQ(all.json->getValue<std::string>("Message"), "A validation exception occurred");
  EXPECT_EQ(all.json->getArray("Elements")->size(), 2u);
  EXPECT_EQ(org().contacts.size(), 2u);
}

TEST_F(Query, IdempotencyKeyReplaysAndRefusesADifferentBody) {
  Pairs key{{"Idempotency-Key", "key-1"}};
  std::string body = R"({"Contacts":[{"Name":"Once"}]})";
  Reply first = call("PUT", "/Contacts", body, {}, key);
  Reply again = call("PUT", "/Contacts", body, {}, key);
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(org().contacts.size(), 1u);
  Reply other = call("PUT", "/Contacts", R"({"Contacts":[{"Name":"Twice"}]})", {}, key);
  EXPECT_EQ(other.status, 400);
  EXPECT_NE(other.json->getValue<std::string>("Message").find("key-1"), std::string::npos);
  EXPECT_EQ(call("PUT", "/Contacts", body, {}, {{"Idempotency-Key", std::string(129, 'k')}}).status, 400);
}

TEST_F(Query, MalformedBodiesAreRejectedAsXeroDoes) {
  Reply reply = call("PUT", "/Contacts", "{not json");
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.json->getValue<std::string>("Type"), "PostDataInvalidException");
  EXPECT_EQ(call("DELETE", "/Contacts").status, 405);
  // Members of the wrong JSON type are a 400 naming the problem, never a crash.
  Reply wrong = call("PUT", "/Payments", R"({"Payments":[{"Invoice":{"InvoiceID":"x"},"IsReconciled":{"a":1}}]})");
  EXPECT_EQ(wrong.status, 400) << wrong.body;
  EXPECT_EQ(get("/Nonsense").status, 404);
}

}  // namespace
}  // namespace accord::sandbox::xero::testing
