// The admin API as an operator meets it: a real Service on 127.0.0.1:0 with the AdminApi of
// `accord serve` over a store in a temporary folder, the scheduler on a manual clock and
// executor (a queued sync is an exact count), and the tree's plugins. Two organisations,
// acme and beta, and three tokens: one for every organisation, one for acme, one revoked.
#pragma once

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <sstream>

#include "../plugins/temp_folder.h"
#include "cli/admin_api.h"
#include "cli/cli.h"
#include "service/service.h"

namespace accord::cli::testing {

struct Outcome {
  int code = 0;
  std::string out;
  std::string err;
};

struct Reply {
  int status = 0;
  std::string body;
  std::string exit_code;  // X-Accord-Exit-Code
};

// No connections to schedule; runs are only counted.
class CountingBackend final : public service::Backend {
 public:
  sdk::Result<std::optional<service::WebhookDelivery>> webhook(
      const std::string&, const std::string&, const sdk::WebhookRequest&) override {
    return std::optional<service::WebhookDelivery>();
  }
  scheduler::RunOutcome runSync(store::OrgId org, const scheduler::Trigger& trigger) override {
    runs.push_back({org, trigger});
    return {};
  }
  sdk::Result<std::vector<scheduler::ConnectionSchedule>> schedules() override {
    return std::vector<scheduler::ConnectionSchedule>{};
  }
  sdk::Result<void> ready() override { return {}; }
  void requestStop() override {}

  std::vector<std::pair<store::OrgId, scheduler::Trigger>> runs;
};

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(local({"org", "add", "Acme Ltd", "--slug", "acme"}).code, 0);
    ASSERT_EQ(local({"org", "add", "Beta GmbH", "--slug", "beta"}).code, 0);
    admin_ = tokenFor({"token", "create", "ops"});
    acme_ = tokenFor({"token", "create", "acme-admin", "--org", "acme"});
    revoked_ = tokenFor({"token", "create", "old"});
    ASSERT_EQ(local({"token", "revoke", "old"}).code, 0);
    startService(service::ServiceConfig{});
  }
  void TearDown() override {
    if (service_) service_->shutdown();
  }

  void startService(service::ServiceConfig config) {
    config.port = 0;
    config.threads = 2;
    service_ = std::make_unique<service::Service>(config, backend_, log_, metrics_, timers_,
                                                  executor_);
    api_ = std::make_unique<AdminApi>(paths(), syncNowFor(*service_));
    service_->setApi([this](const service::ApiRequest& r) { return api_->handle(r); });
    ASSERT_TRUE(service_->start().ok());
  }

  Paths paths() const {
    return Paths{dir_.path() / "accord.db", TREE_PLUGIN_DIR, std::nullopt};
  }

  // The CLI on the host's own store.
  Outcome local(std::vector<std::string> args) {
    args.insert(args.end(), {"--db", paths().db.string(), "--plugins", TREE_PLUGIN_DIR});
    return runCli(args);
  }
  // The CLI against the running service (ACCORD_SERVER is not used: --server is explicit).
  Outcome remote(std::vector<std::string> args, const std::string& token) {
    const auto file = dir_.path() / "token";
    std::ofstream(file) << token << "\n";
    args.insert(args.end(), {"--server", url(), "--token-file", file.string()});
    return runCli(args);
  }
  static Outcome runCli(const std::vector<std::string>& args) {
    std::ostringstream out, err;
    const int code = run(args, out, err);
    return {code, out.str(), err.str()};
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(service_->port()); }

  Reply call(const std::string& method, const std::string& path, const std::string& token,
             const std::string& body = "") {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(service_->port()));
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    if (!token.empty()) request.set("Authorization", "Bearer " + token);
    request.setContentType("application/json");
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    Reply reply;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), reply.body);
    reply.status = static_cast<int>(response.getStatus());
    reply.exit_code = response.get("X-Accord-Exit-Code", "");
    return reply;
  }

  std::string write(const std::string& name, const std::string& text) {
    const auto path = dir_.path() / name;
    std::ofstream(path) << text;
    return path.string();
  }

  tests::TempFolder dir_;
  std::string admin_, acme_, revoked_;
  CountingBackend backend_;
  std::ostringstream log_text_;
  store::SystemClock clock_;
  service::JsonLog log_{log_text_, clock_, sdk::LogLevel::debug};
  service::Metrics metrics_;
  scheduler::ManualTimerSource timers_;
  scheduler::ManualExecutor executor_;
  std::unique_ptr<service::Service> service_;
  std::unique_ptr<AdminApi> api_;

 private:
  std::string tokenFor(const std::vector<std::string>& args) {
    auto r = local(args);
    EXPECT_EQ(r.code, 0) << r.err;
    r.out.erase(r.out.find_last_not_of("\n") + 1);
    return r.out;
  }
};

}  // namespace accord::cli::testing
