#include "sandbox/common/server.h"

#include <gtest/gtest.h>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <atomic>
#include <vector>

#include "test_client.h"

namespace accord::sandbox {
namespace {

using testing::send;

// Echoes what the server decoded, so the tests see exactly what an App would.
class EchoApp : public App {
 public:
  Response handle(const Request& request) override {
    std::string body = "{\"method\":" + jsonQuote(request.method) +
                       ",\"path\":" + jsonQuote(request.path) +
                       ",\"q\":" + jsonQuote(request.param("q").value_or("")) +
                       ",\"h\":" + jsonQuote(request.header("x-test").value_or("")) +
                       ",\"body\":" + jsonQuote(request.body) + "}";
    Response response = Response::json(200, body);
    response.setHeader("X-Echo", "yes");
    return response;
  }
  void expireCredentials(const Request&) override { ++expired; }
  std::atomic<int> expired{0};
};

TEST(Server, DecodesRequestsAndWritesResponses) {
  EchoApp app;
  Server server(app);
  server.start();
  ASSERT_NE(server.port(), 0);
  EXPECT_EQ(server.baseUrl(), "http://127.0.0.1:" + std::to_string(server.port()));
  auto result = send(server.port(), "POST", "/api.xro/2.0/Contacts/a%20b?Q=x%2By+z&other=1",
                     {{"X-Test", "hello"}}, "payload");
  ASSERT_FALSE(result.failed) << result.error;
  EXPECT_EQ(result.status, 200);
  EXPECT_EQ(result.header("X-Echo"), "yes");
  EXPECT_EQ(result.header("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(result.body,
            R"({"method":"POST","path":"/api.xro/2.0/Contacts/a b","q":"x+y z","h":"hello","body":"payload"})");
}

TEST(Server, KeepsConnectionsAlive) {
  EchoApp app;
  Server server(app);
  server.start();
  Poco::Net::HTTPClientSession session("127.0.0.1", server.port());
  session.setKeepAlive(true);
  for (int i = 0; i < 3; ++i) {
    Poco::Net::HTTPRequest request("GET", "/x?q=" + std::to_string(i), "HTTP/1.1");
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::string body;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
    EXPECT_EQ(response.getStatus(), 200);
    EXPECT_TRUE(response.getKeepAlive());
    EXPECT_NE(body.find("\"q\":\"" + std::to_string(i) + "\""), std::string::npos);
  }
  EXPECT_EQ(server.requestCount(), 3u);
}

std::vector<int> statuses(Server& server, int count) {
  std::vector<int> result;
  for (int i = 0; i < count; ++i) result.push_back(send(server.port(), "GET", "/x").status);
  return result;
}

TEST(Server, InjectedErrorsAreDeterministicForASeed) {
  EchoApp app;
  FaultOptions faults;
  faults.seed = 99;
  faults.error_rate = 0.3;
  faults.burst429_rate = 0.05;
  Server server(app, 0, faults);
  server.start();
  std::vector<int> first = statuses(server, 60);
  server.setFaults(faults);  // restarts the sequence
  std::vector<int> second = statuses(server, 60);
  EXPECT_EQ(first, second);
  int ok = 0, errors = 0, limited = 0;
  for (int status : first) {
    if (status == 200) ++ok;
    if (status == 500 || status == 502 || status == 503) ++errors;
    if (status == 429) ++limited;
  }
  EXPECT_GT(ok, 20);
  EXPECT_GT(errors, 5);
  EXPECT_EQ(ok + errors + limited, 60);
}

TEST(Server, BodyFaultsDamageJsonButKeepStatus) {
  EchoApp app;
  FaultOptions faults;
  faults.malformed_rate = 1.0;
  Server server(app, 0, faults);
  server.start();
  auto malformed = send(server.port(), "GET", "/x");
  EXPECT_EQ(malformed.status, 200);
  EXPECT_NE(malformed.body.find("<html>"), std::string::npos);
  faults.malformed_rate = 0;
  faults.truncate_rate = 1.0;
  server.setFaults(faults);
  auto truncated = send(server.port(), "GET", "/x");
  EXPECT_EQ(truncated.status, 200);
  EXPECT_EQ(truncated.body.back() == '}', false);
}

TEST(Server, HangingRequestGetsNoAnswer) {
  EchoApp app;
  FaultOptions faults;
  faults.hang_rate = 1.0;
  ServerOptions options;
  options.hang_time = std::chrono::milliseconds(300);
  Server server(app, 0, faults, options);
  server.start();
  auto result = send(server.port(), "GET", "/x", {}, {}, 2000);
  EXPECT_TRUE(result.failed) << "status " << result.status;
}

TEST(Server, StopWakesHangingRequests) {
  EchoApp app;
  FaultOptions faults;
  faults.hang_rate = 1.0;
  Server server(app, 0, faults);  // default hang is 30 s
  server.start();
  std::thread client([&] { send(server.port(), "GET", "/x", {}, {}, 10000); });
  while (server.requestCount() == 0) std::this_thread::yield();
  auto start = std::chrono::steady_clock::now();
  server.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  client.join();
}

TEST(Server, TokenExpiryFaultAsksTheAppToExpireCredentials) {
  EchoApp app;
  FaultOptions faults;
  faults.token_expiry_rate = 1.0;
  Server server(app, 0, faults);
  server.start();
  EXPECT_EQ(send(server.port(), "GET", "/x").status, 200);
  EXPECT_EQ(app.expired.load(), 1);
}

}  // namespace
}  // namespace accord::sandbox
