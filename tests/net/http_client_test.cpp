// The hub's HTTP client against a real server on loopback: what plugins see for statuses,
// headers and bodies, and which error kinds transport failures become.
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>

#include "net/http_client.h"

namespace {

using accord::net::HttpClientOptions;
using accord::net::PocoHttpClient;
using accord::sdk::ErrorKind;
using accord::sdk::HttpRequest;

// Releases /hang requests when the test ends, so the server can stop without waiting out a
// sleep.
struct Gate {
  std::mutex mutex;
  std::condition_variable cv;
  bool open = false;
};

class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(Gate& gate) : gate_(gate) {}
  void handleRequest(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& res) override {
    std::string body;
    Poco::StreamCopier::copyToString(req.stream(), body);
    if (req.getURI() == "/hang") {
      std::unique_lock lock(gate_.mutex);
      gate_.cv.wait(lock, [&] { return gate_.open; });
    }
    if (req.getURI() == "/status/503") {
      res.setStatus(Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE);
      res.set("Retry-After", "7");
      res.send() << R"({"error":"down"})";
      return;
    }
    if (req.getURI() == "/big") {
      res.send() << std::string(4096, 'x');
      return;
    }
    res.setContentType("application/json");
    res.send() << req.getMethod() << " " << req.getURI() << " " << req.get("X-Test", "-") << " "
               << body;
  }

 private:
  Gate& gate_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(Gate& gate) : gate_(gate) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new Handler(gate_);
  }

 private:
  Gate& gate_;
};

class HttpClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    port_ = socket.address().port();
    server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(gate_), socket,
                                                      new Poco::Net::HTTPServerParams);
    server_->start();
  }
  void TearDown() override {
    {
      std::lock_guard lock(gate_.mutex);
      gate_.open = true;
    }
    gate_.cv.notify_all();
    server_->stopAll(true);
  }
  std::string url(const std::string& path) {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

  Gate gate_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  std::uint16_t port_ = 0;
};

TEST_F(HttpClientTest, SendsMethodHeadersAndBody) {
  PocoHttpClient client;
  HttpRequest request{"PUT", url("/Contacts?page=2"), {}, R"({"Name":"Acme"})"};
  request.setHeader("X-Test", "yes");
  auto response = client.send(request);
  ASSERT_TRUE(response.ok()) << response.error().describe();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, R"(PUT /Contacts?page=2 yes {"Name":"Acme"})");
  EXPECT_EQ(response->header("content-type").value_or(""), "application/json");
  EXPECT_EQ(client.calls(), 1u);
}

TEST_F(HttpClientTest, AnHttpErrorStatusIsAResponseForThePlugin) {
  PocoHttpClient client;
  auto response = client.send({"GET", url("/status/503"), {}, ""});
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 503);
  EXPECT_EQ(response->header("retry-after").value_or(""), "7");
}

TEST_F(HttpClientTest, AServerThatDoesNotAnswerIsRetryable) {
  PocoHttpClient client(HttpClientOptions{std::chrono::milliseconds(1000),
                                          std::chrono::milliseconds(150), 1 << 20});
  auto response = client.send({"GET", url("/hang"), {}, ""});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().kind, ErrorKind::retryable);
  EXPECT_NE(response.error().message.find("GET http://127.0.0.1:" + std::to_string(port_) + "/hang"),
            std::string::npos)
      << response.error().message;
}

TEST_F(HttpClientTest, ARefusedConnectionIsRetryable) {
  std::uint16_t closed_port;
  {
    Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
    closed_port = probe.address().port();
  }
  PocoHttpClient client;
  auto response = client.send({"GET", "http://127.0.0.1:" + std::to_string(closed_port) + "/", {}, ""});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().kind, ErrorKind::retryable);
}

TEST_F(HttpClientTest, AnOversizedBodyIsAnErrorNotAnAllocation) {
  PocoHttpClient client(HttpClientOptions{std::chrono::milliseconds(1000),
                                          std::chrono::milliseconds(1000), 1024});
  auto response = client.send({"GET", url("/big"), {}, ""});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().kind, ErrorKind::permanent);
  EXPECT_NE(response.error().message.find("larger than 1024 bytes"), std::string::npos);
}

TEST_F(HttpClientTest, AMalformedUrlIsAPluginBug) {
  PocoHttpClient client;
  auto response = client.send({"GET", "ftp://127.0.0.1/x", {}, ""});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().kind, ErrorKind::plugin_bug);
  EXPECT_EQ(client.calls(), 0u);  // nothing was sent
}

}  // namespace
