// Every route of the admin API: who may call it (no token, a revoked token, a token for another
// organisation) and what it answers; the error shape; `sync run` queued on the scheduler; the
// CLI's --server giving what the local CLI gives.
#include <Poco/JSON/Parser.h>

#include <fstream>
#include <regex>

#include "api_fixture.h"
#include "cli/api_routes.h"
#include "store/admin_tokens.h"

namespace accord::cli::testing {
namespace {

// A route's path with its parameters filled in: ORG as given, anything else a made-up id.
std::string fill(const ApiRoute& route, const std::string& org) {
  std::string path = route.path;
  path = std::regex_replace(path, std::regex("\\{ORG\\}"), org);
  path = std::regex_replace(path, std::regex("\\{ENTITY\\}"), "organization");
  path = std::regex_replace(path, std::regex("\\{NAME\\}"), "csv");
  return std::regex_replace(path, std::regex("\\{[A-Z]+\\}"), "999");
}

Poco::JSON::Object::Ptr errorOf(const Reply& reply) {
  auto root = Poco::JSON::Parser().parse(reply.body).extract<Poco::JSON::Object::Ptr>();
  return root->getObject("error");
}

TEST_F(ApiTest, EveryRouteButTheOAuthCallbackRefusesAMissingOrRevokedToken) {
  for (const auto& route : apiRoutes()) {
    if (route.scope == ApiScope::callback) continue;
    const std::string path = fill(route, "acme");
    for (const std::string& token : {std::string(), revoked_, std::string("acc_made-up")}) {
      const auto reply = call(route.method, path, token);
      EXPECT_EQ(reply.status, 401) << route.method << " " << path << ": " << reply.body;
      EXPECT_EQ(errorOf(reply)->getValue<std::string>("code"), "unauthorized");
    }
  }
}

// An operator graphs the admin API by status: refusals and oversized bodies count as much as
// answered calls, or a flood of bad tokens would be invisible.
TEST_F(ApiTest, EveryAnswerIsCountedInMetricsByMethodAndStatus) {
  const auto count = [this](const std::string& method, const std::string& status) {
    return metrics_.value("accord_api_requests_total", {{"method", method}, {"status", status}});
  };
  EXPECT_EQ(call("GET", "/api/v1/orgs", admin_).status, 200);
  EXPECT_EQ(call("GET", "/api/v1/orgs", admin_).status, 200);
  EXPECT_EQ(call("GET", "/api/v1/orgs", "").status, 401);
  {  // A body announced as over 4 MiB is refused before it is read.
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(service_->port()));
    Poco::Net::HTTPRequest request("POST", "/api/v1/orgs", Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("Authorization", "Bearer " + admin_);
    request.setContentLength((4 << 20) + 1);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    session.receiveResponse(response);
    EXPECT_EQ(static_cast<int>(response.getStatus()), 413);
  }
  EXPECT_EQ(count("GET", "200"), 2);
  EXPECT_EQ(count("GET", "401"), 1);
  EXPECT_EQ(count("POST", "413"), 1);
}

TEST_F(ApiTest, ATokenForOneOrganisationReachesNothingOfAnother) {
  for (const auto& route : apiRoutes()) {
    const std::string path = fill(route, "beta");
    const auto reply = call(route.method, path, acme_);
    const std::string where = route.method + " " + path + ": " + reply.body;
    switch (route.scope) {
      case ApiScope::org:
      case ApiScope::global:
        EXPECT_EQ(reply.status, 403) << where;
        EXPECT_EQ(errorOf(reply)->getValue<std::string>("code"), "forbidden") << where;
        break;
      case ApiScope::issue:  // another organisation's issue looks like no issue at all
        EXPECT_EQ(reply.status, 404) << where;
        break;
      case ApiScope::any:
        EXPECT_EQ(reply.status, 200) << where;
        EXPECT_EQ(reply.body.find("beta"), std::string::npos) << where;
        break;
      case ApiScope::callback:
        EXPECT_EQ(reply.status, 400) << where;  // no code, no state: nothing happens
        break;
    }
  }
}

TEST_F(ApiTest, AnOrganisationsTokenListsOnlyItsOwnOrganisationAndConnections) {
  const auto orgs = call("GET", "/api/v1/orgs", acme_);
  ASSERT_EQ(orgs.status, 200) << orgs.body;
  auto list = Poco::JSON::Parser().parse(orgs.body).extract<Poco::JSON::Array::Ptr>();
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->getObject(0)->getValue<std::string>("slug"), "acme");
  const auto all = call("GET", "/api/v1/orgs", admin_);
  EXPECT_EQ(Poco::JSON::Parser().parse(all.body).extract<Poco::JSON::Array::Ptr>()->size(), 2u);
}

TEST_F(ApiTest, OrganisationsAndConnectionsAreManagedThroughTheApi) {
  auto added = call("POST", "/api/v1/orgs", admin_, R"({"name": "Gamma Pty Ltd"})");
  ASSERT_EQ(added.status, 200) << added.body;
  const std::string folder = dir_.path().string();
  auto connection = call("POST", "/api/v1/orgs/gamma-pty-ltd/connections", admin_,
                         R"({"plugin": "csv", "name": "sheet", "config": {"folder": ")" + folder +
                             R"("}})");
  ASSERT_EQ(connection.status, 200) << connection.body;
  auto listed = call("GET", "/api/v1/orgs/gamma-pty-ltd/connections", admin_);
  ASSERT_EQ(listed.status, 200);
  auto rows = Poco::JSON::Parser().parse(listed.body).extract<Poco::JSON::Array::Ptr>();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->getObject(0)->getValue<std::string>("name"), "sheet");
  EXPECT_EQ(call("POST", "/api/v1/orgs/gamma-pty-ltd/connections/sheet/disable", admin_).status,
            200);
  rows = Poco::JSON::Parser()
             .parse(call("GET", "/api/v1/orgs/gamma-pty-ltd/connections", admin_).body)
             .extract<Poco::JSON::Array::Ptr>();
  EXPECT_EQ(rows->getObject(0)->getValue<std::string>("enabled"), "no");
  EXPECT_EQ(call("DELETE", "/api/v1/orgs/gamma-pty-ltd/connections/sheet", admin_).status, 200);
  EXPECT_EQ(call("DELETE", "/api/v1/orgs/gamma-pty-ltd", admin_).status, 200);
  EXPECT_EQ(call("GET", "/api/v1/orgs/gamma-pty-ltd/runs", admin_).status, 404);
}

TEST_F(ApiTest, ErrorsNameTheFieldAtFault) {
  auto bad_config = call("POST", "/api/v1/orgs/acme/connections", admin_,
                         R"({"plugin": "csv", "config": {"folder": "/tmp", "delimiterr": ";"}})");
  EXPECT_EQ(bad_config.status, 422) << bad_config.body;
  EXPECT_EQ(errorOf(bad_config)->getValue<std::string>("field"), "delimiterr");
  // The message names the body's field, never a temporary file of the hub's.
  EXPECT_EQ(errorOf(bad_config)->getValue<std::string>("message").find("accord-api-"),
            std::string::npos);
  auto unknown = call("GET", "/api/v1/orgs/acme/runs?limitt=5", admin_);
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(errorOf(unknown)->getValue<std::string>("field"), "limitt");
  auto missing = call("POST", "/api/v1/orgs/acme/connections", admin_, R"({"config": {}})");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(errorOf(missing)->getValue<std::string>("field"), "plugin");
  auto not_json = call("POST", "/api/v1/orgs", admin_, "{name:");
  EXPECT_EQ(not_json.status, 400);
  EXPECT_EQ(call("GET", "/api/v1/nowhere", admin_).status, 404);
  EXPECT_EQ(call("PUT", "/api/v1/orgs", admin_).status, 405);
  auto no_org = call("GET", "/api/v1/orgs/nobody/runs", admin_);
  EXPECT_EQ(no_org.status, 404);
  EXPECT_EQ(errorOf(no_org)->getValue<std::string>("message"), "no organisation 'nobody'");
}

TEST_F(ApiTest, SyncNowIsQueuedOnTheServicesSchedulerOncePerOrganisation) {
  auto queued = call("POST", "/api/v1/orgs/acme/sync", acme_);
  ASSERT_EQ(queued.status, 202) << queued.body;
  EXPECT_EQ(call("POST", "/api/v1/orgs/acme/sync", admin_, R"({"full": true})").status, 400);
  executor_.runAll();
  ASSERT_EQ(backend_.runs.size(), 1u);
  EXPECT_EQ(backend_.runs[0].second.kind, scheduler::TriggerKind::manual);
}

TEST_F(ApiTest, TheCliWithServerPrintsWhatTheLocalCliPrints) {
  for (const std::vector<std::string>& command :
       {std::vector<std::string>{"org", "list"}, {"org", "list", "--json"},
        {"sync", "runs", "acme"}, {"matches", "list", "acme", "--json"}, {"plugins", "list"},
        {"connection", "list"}}) {
    const auto here = local(command);
    const auto there = remote(command, admin_);
    std::string words;
    for (const auto& w : command) words += " " + w;
    EXPECT_EQ(there.code, here.code) << words << ": " << there.err;
    EXPECT_EQ(there.out, here.out) << words;
  }
}

TEST_F(ApiTest, TheCliWithServerReportsRefusalsLikeTheLocalCli) {
  const auto here = local({"sync", "runs", "nobody"});
  const auto there = remote({"sync", "runs", "nobody"}, admin_);
  EXPECT_EQ(here.code, 1);
  EXPECT_EQ(there.code, 1);
  EXPECT_NE(there.err.find("no organisation 'nobody'"), std::string::npos) << there.err;
  const auto other = remote({"sync", "runs", "beta"}, acme_);
  EXPECT_EQ(other.code, 1);
  EXPECT_NE(other.err.find("HTTP 403"), std::string::npos) << other.err;
  const auto local_only = remote({"token", "list"}, admin_);
  EXPECT_EQ(local_only.code, 1);
  EXPECT_NE(local_only.err.find("host's own store only"), std::string::npos);
}

TEST_F(ApiTest, ConnectionAddThroughTheCliSendsTheConfigFilesContent) {
  const auto config = write("conn.json", R"({"folder": ")" + dir_.path().string() + R"("})");
  const auto added = remote({"connection", "add", "acme", "csv", "--config", config}, acme_);
  EXPECT_EQ(added.code, 0) << added.err;
  const auto listed = local({"connection", "list", "acme", "--json"});
  EXPECT_NE(listed.out.find("\"csv\""), std::string::npos) << listed.out;
}

TEST_F(ApiTest, TokensAreStoredOnlyAsHashes) {
  std::stringstream bytes;  // the database and its write-ahead log
  for (const auto* suffix : {"", "-wal"}) {
    std::ifstream file(paths().db.string() + suffix, std::ios::binary);
    if (file && file.peek() != std::ifstream::traits_type::eof()) bytes << file.rdbuf();
  }
  EXPECT_EQ(bytes.str().find(admin_), std::string::npos);
  EXPECT_NE(bytes.str().find(store::hashAdminToken(admin_)), std::string::npos);
  const auto list = local({"token", "list"});
  EXPECT_EQ(list.out.find(admin_), std::string::npos);
  EXPECT_NE(list.out.find("acme-admin"), std::string::npos);
}

}  // namespace
}  // namespace accord::cli::testing
