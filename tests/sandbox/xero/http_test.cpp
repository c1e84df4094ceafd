// The accounting API over real HTTP on loopback through the framework's Server.
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include "api_fixture.h"
#include "sandbox/common/server.h"

namespace accord::sandbox::xero::testing {
namespace {

// One organisation, no OAuth: the framework's XeroApp does tenant checks in production.
class SingleTenantApp : public App {
 public:
  SingleTenantApp(AccountingApi& api, std::string tenant) : api_(api), tenant_(std::move(tenant)) {}
  Response handle(const Request& request) override { return api_.handle(request, tenant_); }

 private:
  AccountingApi& api_;
  std::string tenant_;
};

class OverHttp : public XeroApiTest {
 protected:
  std::pair<int, std::string> send(const std::string& method, const std::string& uri, const std::string& body = "") {
    Poco::Net::HTTPClientSession session("127.0.0.1", server_.port());
    Poco::Net::HTTPRequest request(method, uri, Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("xero-tenant-id", kTenant);
    request.setContentType("application/json");
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::string text;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), text);
    content_type_ = response.getContentType();
    return {static_cast<int>(response.getStatus()), text};
  }

  void SetUp() override {
    XeroApiTest::SetUp();
    server_.start();
  }
  void TearDown() override { server_.stop(); }

  SingleTenantApp app_{api_, kTenant};
  Server server_{app_, 0};
  std::string content_type_;
};

TEST_F(OverHttp, CreatesAndQueriesContacts) {
  auto [status, body] = send("PUT", "/api.xro/2.0/Contacts", R"({"Contacts":[{"Name":"Wire Co"}]})");
  EXPECT_EQ(status, 200) << body;
  EXPECT_NE(content_type_.find("application/json"), std::string::npos);
  auto [get_status, list] = send("GET", "/api.xro/2.0/Contacts?where=Name%3D%3D%22Wire%20Co%22&page=1");
  EXPECT_EQ(get_status, 200);
  Json json = parseObject(list, nullptr);
  ASSERT_TRUE(json) << list;
  EXPECT_EQ(json->getArray("Contacts")->size(), 1u);
  EXPECT_EQ(json->getObject("pagination")->getValue<int>("itemCount"), 1);
}

TEST_F(OverHttp, UnknownIdIsAPlainText404) {
  auto [status, body] = send("GET", "/api.xro/2.0/Invoices/11111111-2222-4333-8444-555555555555");
  EXPECT_EQ(status, 404);
  EXPECT_EQ(body, "The resource you're looking for cannot be found");
}

}  // namespace
}  // namespace accord::sandbox::xero::testing
