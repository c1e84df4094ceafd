// `accord connection authorize` / `complete` against the Xero sandbox, in process: the consent
// URL, the code exchanged, several tenants refused without --tenant (exit 1, listing them), the
// choice made without a new consent; and the health column of `accord connection list`.
#include <gtest/gtest.h>

#include <Poco/URI.h>

#include <fstream>
#include <sstream>

#include "cli/cli.h"
#include "runtime_env.h"

namespace accord::runtime::testing {
namespace {

struct Outcome {
  int code;
  std::string out, err;
};

class CliConnectionTest : public RuntimeTest {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store::createKeyFile(dir_ / "cli.key").ok());  // what `--key-file` names
  }

  Outcome accord(std::vector<std::string> args) {
    args.insert(args.end(), {"--db", (dir_ / "cli.db").string(), "--plugins", ACCORD_PLUGIN_DIR,
                             "--key-file", (dir_ / "cli.key").string()});
    std::ostringstream out, err;
    const int code = cli::run(args, out, err);
    return {code, out.str(), err.str()};
  }

  std::string xeroConfigFile() {
    const auto& identity = xero_->app().identity();
    const std::string base = xero_->baseUrl();
    const auto path = dir_ / "xero.json";
    std::ofstream(path) << R"({"auth.client_id":")" << identity.options().client_id
                        << R"(","auth.client_secret":")" << identity.options().client_secret
                        << R"(","api_url":")" << base << R"(/api.xro/2.0","identity_url":")"
                        << base << R"(","login_url":")" << base << R"("})";
    return path.string();
  }

  // The admin's browser: the consent URL is the line that starts with http.
  std::map<std::string, std::string> consent(const std::string& printed) {
    std::istringstream lines(printed);
    std::string url;
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind("http", 0) == 0) url = line;
    }
    net::PocoHttpClient browser;
    sdk::HttpRequest request;
    request.url = url;
    auto response = browser.send(request);
    std::map<std::string, std::string> params;
    EXPECT_TRUE(response.ok() && response->status == 302) << url;
    if (!response.ok()) return params;
    Poco::URI location(response->header("Location").value_or(""));
    for (const auto& [key, value] : location.getQueryParameters()) params[key] = value;
    return params;
  }
};

TEST_F(CliConnectionTest, AuthorizeAndCompleteConnectXeroAndSeveralTenantsNeedAChoice) {
  ASSERT_EQ(accord({"org", "add", "Acme"}).code, 0);
  ASSERT_EQ(accord({"connection", "add", "acme", "xero", "--config", xeroConfigFile()}).code, 0);
  const auto started = accord({"connection", "authorize", "acme", "xero", "--redirect-uri",
                               "http://127.0.0.1/cb"});
  ASSERT_EQ(started.code, 0) << started.err;
  auto back = consent(started.out);
  ASSERT_FALSE(back["code"].empty());
  EXPECT_NE(started.out.find("--state " + back["state"]), std::string::npos) << started.out;

  const auto& tenants = xero_->app().options().tenants;
  const auto several = accord({"connection", "complete", "acme", "xero", "--code", back["code"],
                               "--state", back["state"]});
  EXPECT_EQ(several.code, 1);
  for (const auto& t : tenants) EXPECT_NE(several.err.find(t.id), std::string::npos) << several.err;

  const auto chosen = accord({"connection", "complete", "acme", "xero", "--tenant", tenants[0].id});
  ASSERT_EQ(chosen.code, 0) << chosen.err;
  EXPECT_NE(chosen.out.find(tenants[0].name), std::string::npos);
  const auto listed = accord({"connection", "list", "acme"});
  EXPECT_NE(listed.out.find(tenants[0].id), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("healthy"), std::string::npos) << listed.out;
  auto db = store::Store::open(dir_ / "cli.db");
  ASSERT_TRUE(db.ok());
  auto key = store::SecretKey::fromFile(dir_ / "cli.key");
  ASSERT_TRUE(key.ok()) << key.error().describe();
  const auto id = db.value()->connections().list().value().front().id;
  auto secrets = db.value()->connections().loadSecrets(id, store::SecretBox(key.value()));
  ASSERT_TRUE(secrets.ok());
  const std::string refresh = secrets->at("refresh_token");
  ASSERT_FALSE(refresh.empty());
  EXPECT_EQ(listed.out.find(refresh), std::string::npos) << "tokens are never shown";
}

TEST_F(CliConnectionTest, ListShowsAConnectionInRecoveryAndWhenItIsTriedAgain) {
  ASSERT_EQ(accord({"org", "add", "Acme"}).code, 0);
  ASSERT_EQ(accord({"connection", "add", "acme", "xero", "--config", xeroConfigFile()}).code, 0);
  {
    auto db = store::Store::open(dir_ / "cli.db");
    ASSERT_TRUE(db.ok());
    store::ConnectionStatus status;
    status.connection_id = db.value()->connections().list().value().front().id;
    status.state = store::HealthState::recovery;
    status.consecutive_failures = 6;
    status.retry_at = sdk::Timestamp::parse("2030-01-01T02:00:00Z");
    ASSERT_TRUE(db.value()->connectionStatuses().save(status).ok());
  }
  const auto listed = accord({"connection", "list"});
  ASSERT_EQ(listed.code, 0);
  EXPECT_NE(listed.out.find("recovery (6) until 2030-01-01T02:00:00Z"), std::string::npos)
      << listed.out;
}

TEST_F(CliConnectionTest, CompleteWithoutAConsentInProgressSaysToAuthorizeFirst) {
  ASSERT_EQ(accord({"org", "add", "Acme"}).code, 0);
  ASSERT_EQ(accord({"connection", "add", "acme", "xero", "--config", xeroConfigFile()}).code, 0);
  const auto r = accord({"connection", "complete", "acme", "xero", "--code", "abc"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("run `accord connection authorize` first"), std::string::npos) << r.err;
  EXPECT_EQ(accord({"connection", "complete", "acme", "xero"}).code, 2) << "no code, no tenant";
}

}  // namespace
}  // namespace accord::runtime::testing
