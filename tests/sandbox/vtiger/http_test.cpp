// The vTiger sandbox behind the framework's HTTP server on 127.0.0.1, port 0.
#include <atomic>
#include <thread>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include "sandbox/common/server.h"
#include "vtiger_test_support.h"

namespace accord::sandbox::vtiger::testing {
namespace {

struct HttpAnswer {
  int status = 0;
  Object::Ptr body;
};

HttpAnswer exchange(std::uint16_t port, const std::string& method, const std::string& target,
                    const std::string& form = {}) {
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  session.setTimeout(Poco::Timespan(5, 0));
  Poco::Net::HTTPRequest request(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
  if (!form.empty()) {
    request.setContentType("application/x-www-form-urlencoded");
    request.setContentLength(static_cast<std::streamsize>(form.size()));
  }
  session.sendRequest(request) << form;
  Poco::Net::HTTPResponse response;
  std::string body;
  Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
  return {static_cast<int>(response.getStatus()),
          Poco::JSON::Parser().parse(body).extract<Object::Ptr>()};
}

TEST(VtigerHttpTest, LoginCreateAndQueryOverHttp) {
  ManualClock clock;
  VtigerOptions options;
  options.edition = "unlimited";
  VtigerApp app(clock, options);
  Server server(app);
  server.start();
  const std::uint16_t port = server.port();

  HttpAnswer challenge = exchange(port, "GET", "/webservice.php?operation=getchallenge&username=admin");
  ASSERT_EQ(challenge.status, 200);
  const std::string token = challenge.body->getObject("result")->getValue<std::string>("token");
  HttpAnswer login = exchange(port, "POST", "/webservice.php",
                              formBody({{"operation", "login"}, {"username", "admin"},
                                        {"accessKey", md5Hex(token + app.accessKey())}}));
  ASSERT_TRUE(login.body->getValue<bool>("success"));
  const std::string session = login.body->getObject("result")->getValue<std::string>("sessionName");

  HttpAnswer created = exchange(port, "POST", "/webservice.php",
                                formBody({{"operation", "create"}, {"sessionName", session},
                                          {"elementType", "Accounts"},
                                          {"element", R"({"accountname":"Acme & Sons","assigned_user_id":"19x1"})"}}));
  ASSERT_TRUE(created.body->getValue<bool>("success"));

  const std::string vtql = "SELECT accountname FROM Accounts WHERE accountname LIKE '%& Sons';";
  HttpAnswer found = exchange(port, "GET", "/webservice.php?operation=query&sessionName=" + session +
                                               "&query=" + urlEncode(vtql));
  ASSERT_TRUE(found.body->getValue<bool>("success"));
  auto rows = found.body->getArray("result");
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->getObject(0)->getValue<std::string>("accountname"), "Acme & Sons");
  server.stop();
}

class VtigerConcurrencyTest : public VtigerTest {};

TEST_F(VtigerConcurrencyTest, ConcurrentWritersAndReadersAllLand) {
  const std::string session = login();
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        if (!create(session, "Accounts", account("T" + std::to_string(t) + "-" + std::to_string(i))).success()) ++failures;
        if (!query(session, "SELECT accountname FROM Accounts LIMIT 10;").success()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  Answer count = query(session, "SELECT count(*) FROM Accounts;");
  EXPECT_EQ(count.resultArray()->getObject(0)->getValue<std::string>("count"), "200");
}

TEST(VtigerHttpTest, ErrorsAreHttp200WithTheVtigerEnvelope) {
  ManualClock clock;
  VtigerApp app(clock);
  Server server(app);
  server.start();
  HttpAnswer a = exchange(server.port(), "GET", "/webservice.php?operation=query&sessionName=nope&query=x");
  EXPECT_EQ(a.status, 200);
  EXPECT_FALSE(a.body->getValue<bool>("success"));
  EXPECT_EQ(a.body->getObject("error")->getValue<std::string>("code"), "INVALID_SESSIONID");
  server.stop();
}

}  // namespace
}  // namespace accord::sandbox::vtiger::testing
