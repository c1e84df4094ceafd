#include "harness.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/URI.h>
#include <stdlib.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "accord/sdk/model/codec.h"
#include "net/host_context.h"
#include "net/http_client.h"
#include "runtime/oauth_connect.h"
#include "store/record_codec.h"
#include "store/secret_key.h"

namespace accord::e2e {
namespace {

std::filesystem::path tempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "accord-e2e-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

std::string keyOf(const model::Record& record) {
  return std::visit(
      [](const auto& r) -> std::string {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, model::Organization>) return r.name;
        else if constexpr (std::is_same_v<T, model::Person>) return r.first_name + " " + r.last_name;
        else if constexpr (std::is_same_v<T, model::Invoice>) return r.number;
        else if constexpr (std::is_same_v<T, model::Item>) return r.code;
        else return r.meta.id;
      },
      record);
}

void writeFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

}  // namespace

Env::Env(EnvOptions options) : options_(std::move(options)), dir_(tempDir()) {
  startSandboxes();
  openHub();
}

Env::~Env() {
  runtime_.reset();
  store_.reset();
  if (vtiger_server_) vtiger_server_->stop();
  xero_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

void Env::startSandboxes() {
  sandbox::xero::XeroSandboxOptions xero;
  xero.seed = options_.xero_seed;
  xero.faults = options_.xero_faults;
  std::shared_ptr<sandbox::Clock> clock = options_.sandbox_clock;
  if (!clock) clock = time_.sandboxClock();
  xero.clock = clock;
  xero_ = sandbox::xero::startXeroSandbox(std::move(xero));
  tenant_ = xero_->app().options().tenants.front().id;
  sandbox::vtiger::VtigerOptions vtiger;
  vtiger.edition = options_.vtiger_edition;
  vtiger_ = std::make_unique<sandbox::vtiger::VtigerApp>(*clock, vtiger);
  vtiger_->seed(sandbox::generateSeed(options_.vtiger_seed));
  vtiger_server_ = std::make_unique<sandbox::Server>(*vtiger_, 0, options_.vtiger_faults);
  vtiger_server_->start();
}

void Env::openHub() {
  key_file_ = dir_ / "accord.key";
  auto key = store::createKeyFile(key_file_);
  if (!key) throw std::runtime_error(key.error().message);
  store::StoreOptions options;
  options.database.synchronous_full = false;
  options.clock = &time_;
  auto opened = store::Store::open(dir_ / "accord.db", options);
  if (!opened) throw std::runtime_error(opened.error().message);
  store_ = std::move(opened.value());
  plugins_.scan(ACCORD_PLUGIN_DIR);
  log_ = std::make_unique<net::StderrLogger>(sdk::LogLevel::error);
  runtime::RuntimeOptions runtime_options = options_.runtime;
  if (runtime_options.seed == 0) runtime_options.seed = 7;
  box_ = std::make_unique<store::SecretBox>(key.value());
  runtime_ = std::make_unique<runtime::Runtime>(*store_, plugins_, *box_,
                                                time_, *log_, time_, runtime_options);
}

// What `accord org add` and `accord connection add` do: the config checked against the
// plugin's schema and by the plugin, the secret options sealed, the rest stored as JSON.
store::Connection Env::addConnection(const std::string& plugin_name,
                                     const std::map<std::string, std::string>& values) {
  auto plugin = plugins_.find(plugin_name);
  if (!plugin) throw std::runtime_error("plugin " + plugin_name + " not in " ACCORD_PLUGIN_DIR);
  std::map<std::string, sdk::ConfigValue> typed;
  store::NewConnection spec;
  spec.org_id = org_;
  spec.plugin = plugin_name;
  Poco::JSON::Object plain;
  for (const auto& [key, value] : values) {
    typed.emplace(key, sdk::ConfigValue(value));
    const auto& schema = plugin->manifest().config;
    bool secret = std::any_of(schema.begin(), schema.end(), [&](const sdk::ConfigOption& o) {
      return o.key == key && o.secret;
    });
    if (secret) spec.secrets[key] = value;
    else plain.set(key, value);
  }
  sdk::Config config(typed);
  auto problems = sdk::validateAgainstSchema(plugin->manifest().config, config);
  auto connector = plugin->createConnector();
  if (!connector) throw std::runtime_error(connector.error().message);
  for (auto& problem : connector.value()->validateConfig(sdk::withDefaults(plugin->manifest().config, config))) {
    problems.push_back(problem);
  }
  for (const auto& problem : problems) ADD_FAILURE() << plugin_name << ": " << problem.key << ": " << problem.message;
  std::ostringstream json;
  plain.stringify(json);
  spec.config_json = json.str();
  auto added = store_->connections().add(spec, box_.get());
  if (!added) throw std::runtime_error(added.error().message);
  return added.value();
}

void Env::connect() {
  auto org = store_->organisations().add("Acme Pty Ltd");
  ASSERT_TRUE(org) << org.error().message;
  org_ = org->id;
  const std::string base = xero_->baseUrl();
  const auto& identity = xero_->app().identity().options();
  auto xero = addConnection("xero", {{"auth.client_id", identity.client_id},
                                     {"auth.client_secret", identity.client_secret},
                                     {"api_url", base + "/api.xro/2.0"},
                                     {"identity_url", base},
                                     {"login_url", base}});
  addConnection("vtiger", {{"url", vtiger_server_->baseUrl()},
                           {"username", vtiger_->userName()},
                           {"access_key", vtiger_->accessKey()},
                           {"edition", "unlimited"}});
  consentXero(xero);
}

// The admin follows the consent URL; the sandbox's scripted consent approves and redirects.
void Env::consentXero(const store::Connection& xero) {
  auto consent = runtime::beginConsent(*runtime_, xero, "http://127.0.0.1/accord/callback");
  ASSERT_TRUE(consent) << consent.error().message;
  net::PocoHttpClient http;
  auto answer = http.send(sdk::HttpRequest{"GET", consent->url, {}, {}});
  ASSERT_TRUE(answer) << answer.error().message;
  ASSERT_EQ(answer->status, 302) << answer->body;
  Poco::URI back(answer->header("Location").value_or(""));
  std::map<std::string, std::string> query;
  for (const auto& [name, value] : back.getQueryParameters()) query[name] = value;
  auto done = runtime::completeConsent(*runtime_, xero, query["code"], query["state"], tenant_);
  ASSERT_TRUE(done) << done.error().message;
  ASSERT_TRUE(done->tenant && done->tenant->id == tenant_);
}

store::Connection Env::connection(const std::string& name) {
  auto found = store_->connections().get(org_, name);
  if (!found) throw std::runtime_error(found.error().message);
  return found.value();
}

sync::RunReport Env::sync(sync::EngineOptions options) {
  auto report = runtime::runSync(*runtime_, org_, std::move(options));
  EXPECT_TRUE(report) << report.error().message;
  return report ? report.value() : sync::RunReport{};
}

std::vector<model::Record> Env::appRecords(const std::string& name, EntityType entity) {
  std::vector<model::Record> out;
  auto handle = runtime_->connect(connection(name));
  if (!handle) {
    ADD_FAILURE() << handle.error().message;
    return out;
  }
  sdk::ReadRequest request{entity, "", handle->manifest->limits.max_page_size, true, {}};
  for (int pages = 0; pages < 10000; ++pages) {
    auto page = handle->connector->read(*handle->context, request);
    if (!page) {
      ADD_FAILURE() << name << " " << model::toString(entity) << ": " << page.error().message;
      break;
    }
    for (auto& record : page->records) out.push_back(std::move(record));
    if (!page->more) break;
    request.cursor = page->next_cursor;
  }
  return out;
}

std::vector<model::Record> Env::canonical(EntityType entity) {
  std::vector<model::Record> out;
  const std::string empty_hash = model::contentHash(model::makeRecord(entity));
  std::string after;
  for (;;) {
    auto page = store_->records().list(org_, model::toString(entity), after, 1000);
    if (!page) {
      ADD_FAILURE() << page.error().message;
      return out;
    }
    for (const auto& stored : page.value()) {
      auto record = store::toModelRecord(stored);
      if (!record) ADD_FAILURE() << record.error().message;
      else if (model::contentHash(record.value()) != empty_hash) out.push_back(record.value());
    }
    if (page->size() < 1000) return out;
    after = page->back().id;
  }
}

std::optional<store::IdMapEntry> Env::link(const std::string& name, const std::string& id) {
  auto entry = store_->idMap().byRecord(connection(name).id, id);
  return entry ? entry.value() : std::nullopt;
}

std::optional<model::Record> Env::canonicalOf(const std::string& name, EntityType entity,
                                              const std::string& app_id) {
  auto entry = store_->idMap().byExternal(
      {connection(name).id, std::string(model::toString(entity)), app_id});
  if (!entry || !entry.value()) return std::nullopt;
  auto stored = store_->records().get(entry.value()->record_id);
  if (!stored) return std::nullopt;
  auto record = store::toModelRecord(stored.value());
  return record ? std::optional<model::Record>(record.value()) : std::nullopt;
}

Problems Env::compareWithCanonical(EntityType entity) {
  Problems problems;
  const std::string type(model::toString(entity));
  for (const std::string name : {"xero", "vtiger"}) {
    std::map<std::string, std::string> held;  // canonical id -> app id
    for (const model::Record& record : appRecords(name, entity)) {
      const std::string& app_id = model::metaOf(record).id;
      auto canonical = canonicalOf(name, entity, app_id);
      if (!canonical) {
        problems.push_back(name + " " + type + " '" + keyOf(record) + "' (" + app_id +
                           ") is not linked to a canonical record");
        continue;
      }
      const std::string& id = model::metaOf(*canonical).id;
      if (!held.emplace(id, app_id).second) {
        problems.push_back(name + " holds " + type + " '" + keyOf(record) + "' twice: " +
                           held[id] + " and " + app_id);
      }
      if (keyOf(*canonical) != keyOf(record)) {
        problems.push_back(name + " " + type + " " + app_id + " is '" + keyOf(record) +
                           "', the canonical record says '" + keyOf(*canonical) + "'");
      }
    }
    for (const model::Record& record : canonical(entity)) {
      if (model::metaOf(record).status != model::RecordStatus::active) continue;
      if (!held.count(model::metaOf(record).id)) {
        problems.push_back("canonical " + type + " '" + keyOf(record) + "' is not in " + name);
      }
    }
  }
  return problems;
}

std::string Env::xeroPost(const std::string& resource, const std::string& body) {
  sandbox::Request request{"POST", "/api.xro/2.0/" + resource, {}, {}, body};
  request.headers = {{"Content-Type", "application/json"}};
  sandbox::Response answer = xero_->app().accounting().handle(request, tenant_);
  EXPECT_EQ(answer.status, 200) << resource << ": " << answer.body;
  return answer.body;
}

namespace {

Poco::JSON::Object element(const std::vector<std::pair<std::string, std::string>>& fields) {
  Poco::JSON::Object object;
  for (const auto& [name, value] : fields) object.set(name, value);
  return object;
}

}  // namespace

void Env::vtigerRevise(const std::string& id,
                       const std::vector<std::pair<std::string, std::string>>& fields) {
  Poco::JSON::Object object = element(fields);
  object.set("id", id);
  auto revised = vtiger_->state().revise(object);
  EXPECT_TRUE(revised.ok()) << "revise " << id;
}

std::string Env::vtigerCreate(const std::string& module,
                              const std::vector<std::pair<std::string, std::string>>& fields) {
  Poco::JSON::Object object = element(fields);
  object.set("assigned_user_id", "19x1");
  auto created = vtiger_->state().create(module, object);
  EXPECT_TRUE(created.ok()) << "create in " << module;
  if (!created.ok()) return {};
  Poco::JSON::Parser parser;
  return parser.parse(created.value()).extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("id");
}

void Env::vtigerDelete(const std::string& id) {
  EXPECT_TRUE(vtiger_->state().remove(id).ok()) << "delete " << id;
}

std::string Env::vtigerQuery(const std::string& vtql) {
  auto rows = vtiger_->state().query(vtql);
  EXPECT_TRUE(rows.ok()) << vtql;
  return rows.ok() ? rows.value() : "[]";
}

void E2eTest::SetUp() {
  env_ = std::make_unique<Env>(options_);
  env_->connect();
}

std::string describe(const sync::RunReport& report) {
  std::ostringstream out;
  const auto& c = report.counts;
  out << "pulled " << c.pulled << ", created " << c.created << ", updated " << c.updated
      << ", unchanged " << c.unchanged << ", pushed " << c.pushed << ", conflicts "
      << c.conflicts << ", errors " << c.errors;
  for (const auto& error : report.errors) out << "\n  " << error.message;
  return out.str();
}

}  // namespace accord::e2e
