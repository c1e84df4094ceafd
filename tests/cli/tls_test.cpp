// `tls.certificate` and `tls.private_key`: the service speaks HTTPS only, and the CLI's
// --server https://... trusts it through $ACCORD_CA_FILE (a self-signed test certificate for
// 127.0.0.1 and localhost, tests/cli/data; test-only, never a real key).
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/NetSSL.h>

#include <cstdlib>

#include "api_fixture.h"

namespace accord::cli::testing {
namespace {

class TlsTest : public ApiTest {
 protected:
  void SetUp() override {
    // ApiTest::SetUp starts a plain service; this one is restarted with TLS.
    ApiTest::SetUp();
    service_->shutdown();
    service::ServiceConfig config;
    config.tls_certificate = std::string(TLS_DATA_DIR) + "/tls-cert.pem";
    config.tls_private_key = std::string(TLS_DATA_DIR) + "/tls-key.pem";
    startService(config);
  }
  void TearDown() override {
    unsetenv("ACCORD_CA_FILE");
    ApiTest::TearDown();
  }
  std::string httpsUrl() const {
    return "https://127.0.0.1:" + std::to_string(service_->port());
  }
};

TEST_F(TlsTest, TheServiceAnswersOverHttpsWithItsCertificate) {
  Poco::Net::initializeSSL();
  Poco::Net::Context::Ptr context = new Poco::Net::Context(
      Poco::Net::Context::TLS_CLIENT_USE, "", "", std::string(TLS_DATA_DIR) + "/tls-cert.pem",
      Poco::Net::Context::VERIFY_RELAXED, 9, false);
  Poco::Net::HTTPSClientSession session("127.0.0.1", static_cast<Poco::UInt16>(service_->port()),
                                        context);
  Poco::Net::HTTPRequest request("GET", "/api/v1/orgs", Poco::Net::HTTPMessage::HTTP_1_1);
  request.set("Authorization", "Bearer " + admin_);
  session.sendRequest(request);
  Poco::Net::HTTPResponse response;
  std::string body;
  Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
  EXPECT_EQ(response.getStatus(), Poco::Net::HTTPResponse::HTTP_OK);
  EXPECT_NE(body.find("\"acme\""), std::string::npos) << body;
}

TEST_F(TlsTest, PlainHttpGetsNoAnswer) {
  EXPECT_ANY_THROW(call("GET", "/healthz", ""));
}

TEST_F(TlsTest, TheCliTrustsTheHubThroughItsCaFileAndRefusesItWithout) {
  const auto file = dir_.path() / "token";
  std::ofstream(file) << admin_ << "\n";
  const std::vector<std::string> args{"org", "list", "--server", httpsUrl(), "--token-file",
                                      file.string()};
  const auto untrusted = runCli(args);
  EXPECT_EQ(untrusted.code, 1);
  EXPECT_TRUE(untrusted.out.empty());
  setenv("ACCORD_CA_FILE", (std::string(TLS_DATA_DIR) + "/tls-cert.pem").c_str(), 1);
  const auto trusted = runCli(args);
  EXPECT_EQ(trusted.code, 0) << trusted.err;
  EXPECT_EQ(trusted.out, local({"org", "list"}).out);
}

}  // namespace
}  // namespace accord::cli::testing
