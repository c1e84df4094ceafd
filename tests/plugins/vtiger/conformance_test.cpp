// The SDK conformance suite on the vtiger connector with every check that calls the app: each
// test gets its own vTiger sandbox on 127.0.0.1 port 0, logged in, reached through the hub's
// PocoHttpClient (tests/plugins/conformance_test.cpp runs the static checks on the built
// plugin file).
#include <gtest/gtest.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <memory>
#include <stdexcept>

#include "accord/sdk/conformance/suite.h"
#include "config.h"
#include "connector.h"
#include "descriptor.h"
#include "net/http_client.h"
#include "sandbox/common/clock.h"
#include "sandbox/common/seed.h"
#include "sandbox/common/server.h"
#include "sandbox/vtiger/vtiger_app.h"

namespace {

namespace model = accord::sdk::model;
namespace vt = accord::plugins::vtiger;
using accord::sdk::Config;
using accord::sdk::ConfigValue;
using model::EntityType;

struct Sandbox {
  Sandbox() : app(clock, unlimited()) {
    app.seed(accord::sandbox::generateSeed({}));
    server = std::make_unique<accord::sandbox::Server>(app);
    server->start();
  }
  static accord::sandbox::vtiger::VtigerOptions unlimited() {
    accord::sandbox::vtiger::VtigerOptions options;
    options.edition = "unlimited";
    return options;
  }
  // The first id of a module; the seed is deterministic, so every sandbox agrees.
  std::string firstId(const std::string& module) {
    auto rows = app.state().query("SELECT id FROM " + module + " LIMIT 1;");
    if (!rows.ok()) throw std::runtime_error("sandbox query of " + module + " failed");
    Poco::JSON::Parser parser;
    auto array = parser.parse(rows.value()).extract<Poco::JSON::Array::Ptr>();
    return array->getObject(0)->getValue<std::string>("id");
  }

  accord::sandbox::ManualClock clock;
  accord::sandbox::vtiger::VtigerApp app;
  std::unique_ptr<accord::sandbox::Server> server;
  accord::net::PocoHttpClient http;
};

struct KnownIds {
  std::string account, vendor, product;
};

const KnownIds& knownIds() {
  static const KnownIds ids = [] {
    Sandbox sandbox;
    return KnownIds{sandbox.firstId("Accounts"), sandbox.firstId("Vendors"),
                    sandbox.firstId("Products")};
  }();
  return ids;
}

accord::sdk::conformance::Environment environment(const accord::sdk::Manifest& manifest) {
  auto sandbox = std::make_shared<Sandbox>();
  Config config({{vt::kUrlKey, ConfigValue(sandbox->server->baseUrl())},
                 {vt::kUsernameKey, ConfigValue(sandbox->app.userName())},
                 {vt::kAccessKeyKey, ConfigValue(sandbox->app.accessKey())},
                 {vt::kEditionKey, ConfigValue(std::string("unlimited"))}});
  auto ctx = std::make_shared<accord::sdk::testing::TestHostContext>(
      accord::sdk::withDefaults(manifest.config, config));
  Sandbox* raw = sandbox.get();
  ctx->http_client.setHandler([raw](const accord::sdk::HttpRequest& request) {
    return raw->http.send(request);
  });
  ctx->secret_values.set("access_key", sandbox->app.accessKey());
  auto session = vt::VtigerConnector().login(*ctx);
  if (!session.ok()) throw std::runtime_error(session.error().describe());
  ctx->secret_values.set("session_id", session->id);
  return {ctx, sandbox};
}

model::LineItem sampleLine(int i) {
  model::LineItem line;
  line.item = {knownIds().product};
  line.quantity = accord::sdk::Decimal(i + 1, 0);
  line.unit_price = accord::sdk::Decimal(10, 0);
  return line;
}

model::Record sample(EntityType entity, int i) {
  const std::string n = std::to_string(i);
  model::Record record = model::makeRecord(entity);
  if (auto* org = std::get_if<model::Organization>(&record)) {
    org->name = "Conformance organization " + n;
  } else if (auto* person = std::get_if<model::Person>(&record)) {
    person->last_name = "Conformance " + n;
  } else if (auto* item = std::get_if<model::Item>(&record)) {
    item->name = "Conformance item " + n;
  } else if (auto* invoice = std::get_if<model::Invoice>(&record)) {
    invoice->number = "CONF-INV-" + n;
    invoice->organization = {knownIds().account};
    invoice->lines = {sampleLine(i)};
  } else if (auto* order = std::get_if<model::PurchaseOrder>(&record)) {
    order->number = "CONF-PO-" + n;
    order->organization = {knownIds().vendor};
    order->delivery_address.line1 = n + " Conformance Street";
    order->lines = {sampleLine(i)};
  }
  return record;
}

}  // namespace

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  accord::sdk::conformance::PluginUnderTest plugin;
  plugin.manifest = vt::describe();
  plugin.factory = [] { return std::make_shared<vt::VtigerConnector>(); };
  plugin.environment = [manifest = plugin.manifest] { return environment(manifest); };
  plugin.invalid_config = Config({{vt::kUrlKey, ConfigValue(std::string("not a url"))},
                                  {vt::kEditionKey, ConfigValue(std::string("gold"))}});
  plugin.sample = sample;
  accord::sdk::conformance::registerSuite(std::move(plugin));
  return RUN_ALL_TESTS();
}
