// The SDK conformance suite on the xero connector with a live environment: a fresh Xero
// sandbox per test (the tree-wide plugin_conformance_test runs the static checks on the built
// plugin file; this adds the reads and writes).
#include <gtest/gtest.h>

#include "accord/sdk/conformance/suite.h"
#include "connector.h"
#include "descriptor.h"
#include "sandbox_env.h"

namespace {

using namespace accord::sdk::model;
using accord::plugins::xero::testing::SandboxEnv;

Record sample(EntityType entity, int i) {
  Record record = makeRecord(entity);
  std::string n = std::to_string(i);
  if (auto* org = std::get_if<Organization>(&record)) org->name = "Conformance org " + n;
  if (auto* item = std::get_if<Item>(&record)) {
    item->code = "CONF-" + n;
    item->name = "Conformance item " + n;
  }
  if (auto* account = std::get_if<Account>(&record)) {
    account->code = "C" + n;
    account->name = "Conformance account " + n;
  }
  if (auto* tax = std::get_if<TaxCode>(&record)) {
    tax->name = "Conformance tax " + n;
    tax->components = {TaxComponent{"GST", *accord::sdk::Decimal::parse("5"), false}};
  }
  return record;
}

accord::sdk::conformance::Environment environment() {
  auto env = std::make_shared<SandboxEnv>();
  auto ctx = std::make_shared<accord::sdk::testing::TestHostContext>(env->config());
  ctx->secret_values.set("access_token", *env->secrets.get("access_token"));
  // The suite's context answers HTTP through the hub's real client, to the sandbox.
  ctx->http_client.setHandler(
      [env](const accord::sdk::HttpRequest& request) { return env->http.send(request); });
  return {ctx, env};
}

}  // namespace

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  accord::sdk::conformance::PluginUnderTest plugin;
  plugin.manifest = accord::plugins::xero::describe();
  plugin.factory = [] { return std::make_shared<accord::plugins::xero::XeroConnector>(); };
  plugin.environment = environment;
  plugin.invalid_config = accord::sdk::Config(
      {{"tenant_id", std::string("not-a-tenant")}, {"api_url", std::string("ftp://nowhere")}});
  plugin.sample = sample;
  accord::sdk::conformance::registerSuite(std::move(plugin));
  return RUN_ALL_TESTS();
}
