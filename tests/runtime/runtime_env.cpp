#include "runtime_env.h"

#include <stdlib.h>

#include <Poco/JSON/Object.h>

#include <sstream>

#include "accord/sdk/model/organization.h"
#include "net/token_manager.h"
#include "sandbox/common/seed.h"

namespace accord::runtime::testing {
namespace {

const std::string kXeroScopes =
    "offline_access accounting.transactions accounting.contacts accounting.settings "
    "accounting.journals.read";

std::string jsonObject(const std::vector<std::pair<std::string, std::string>>& values) {
  Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
  for (const auto& [key, value] : values) object.set(key, value);
  std::ostringstream out;
  object.stringify(out);
  return out.str();
}

std::string queryValue(const std::string& text, const std::string& name) {
  const std::string needle = name + "=";
  for (std::size_t at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + 1)) {
    if (at != 0 && text[at - 1] != '&' && text[at - 1] != '?') continue;
    const std::size_t start = at + needle.size();
    return text.substr(start, text.find('&', start) - start);
  }
  return "";
}

}  // namespace

void ClockWaiter::wait(std::chrono::milliseconds duration) {
  std::lock_guard lock(mutex_);
  waits_.push_back(duration);
  clock_.advance(duration);
}

std::vector<std::chrono::milliseconds> ClockWaiter::waits() const {
  std::lock_guard lock(mutex_);
  return waits_;
}

sdk::Result<sdk::HttpResponse> ListeningTransport::send(const sdk::HttpRequest& request) {
  Hook hook;
  {
    std::lock_guard lock(mutex_);
    hook = hook_;
  }
  SentRequest seen{request.method, request.url, request.body, "", "", 0};
  for (const auto& [name, value] : request.headers) {
    if (sandbox::iequals(name, "Authorization")) seen.authorization = value;
    if (sandbox::iequals(name, "Idempotency-Key")) seen.idempotency_key = value;
  }
  std::optional<sdk::HttpResponse> answered;
  if (hook) answered = hook(request);
  sdk::Result<sdk::HttpResponse> result =
      answered ? sdk::Result<sdk::HttpResponse>(*answered) : inner_.send(request);
  if (result.ok()) seen.status = result->status;
  std::lock_guard lock(mutex_);
  sent_.push_back(std::move(seen));
  return result;
}

void ListeningTransport::setHook(Hook hook) {
  std::lock_guard lock(mutex_);
  hook_ = std::move(hook);
}

std::vector<SentRequest> ListeningTransport::sent() const {
  std::lock_guard lock(mutex_);
  return sent_;
}

int ListeningTransport::count(const std::function<bool(const SentRequest&)>& which) const {
  std::lock_guard lock(mutex_);
  int n = 0;
  for (const auto& request : sent_) n += which(request) ? 1 : 0;
  return n;
}

std::string vtigerOperation(const SentRequest& request) {
  if (request.url.find("webservice.php") == std::string::npos) return "";
  const auto query = request.url.find('?');
  if (query != std::string::npos) {
    auto op = queryValue(request.url.substr(query + 1), "operation");
    if (!op.empty()) return op;
  }
  return queryValue(request.body, "operation");
}

bool isXeroTokenCall(const SentRequest& request) {
  return request.url.find("/connect/token") != std::string::npos;
}

RuntimeTest::RuntimeTest() {
  std::string pattern = (std::filesystem::temp_directory_path() / "accord-rt-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  dir_ = pattern;
  store::StoreOptions options;
  options.clock = clock_.get();
  options.database.synchronous_full = false;
  store_ = std::move(store::Store::open(dir_ / "accord.db", options).value());
  org_ = store_->organisations().add("Acme", "acme").value().id;
  for (const char* name : {"accord_xero.so", "accord_vtiger.so"}) {
    auto loaded = plugins_.load(std::filesystem::path(ACCORD_PLUGIN_DIR) / name);
    if (!loaded) throw std::runtime_error(loaded.error().message);
  }
  sandbox::xero::XeroSandboxOptions xero;
  xero.load_seed = false;  // an empty organisation: the tests make the records they sync
  xero.clock = clock_;
  xero_ = sandbox::xero::startXeroSandbox(std::move(xero));
  sandbox::vtiger::VtigerOptions vtiger;
  vtiger.edition = "Professional";
  vtiger_app_ = std::make_unique<sandbox::vtiger::VtigerApp>(*clock_, vtiger);
  sandbox::SeedOptions empty;
  empty.profile = "empty";
  vtiger_app_->seed(sandbox::generateSeed(empty));
  vtiger_ = std::make_unique<sandbox::Server>(*vtiger_app_);
  vtiger_->start();
}

RuntimeTest::~RuntimeTest() {
  vtiger_.reset();
  xero_.reset();
  store_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

store::Connection RuntimeTest::addXero(const std::string& name) {
  auto& identity = xero_->app().identity();
  auto tokens = identity.grant(kXeroScopes);
  const std::string base = xero_->baseUrl();
  store::NewConnection spec;
  spec.org_id = org_;
  spec.plugin = "xero";
  spec.name = name;
  spec.config_json = jsonObject({{"tenant_id", xero_->app().options().tenants.front().id},
                                 {"auth.client_id", identity.options().client_id},
                                 {"api_url", base + "/api.xro/2.0"},
                                 {"identity_url", base},
                                 {"login_url", base}});
  sdk::TokenSet set{tokens.access_token, tokens.refresh_token,
                    sdk::Timestamp::fromTimePoint(clock_->now() +
                                                  std::chrono::seconds(tokens.expires_in)),
                    {}};
  spec.secrets = net::tokenSecrets(set);
  spec.secrets["auth.client_secret"] = identity.options().client_secret;
  store::SecretBox box(key_);
  return store_->connections().add(spec, &box).value();
}

store::Connection RuntimeTest::addVtiger(const std::string& name) {
  store::NewConnection spec;
  spec.org_id = org_;
  spec.plugin = "vtiger";
  spec.name = name;
  spec.config_json = jsonObject({{"url", vtiger_->baseUrl()},
                                 {"username", vtiger_app_->userName()},
                                 {"edition", "professional"}});
  spec.secrets = {{"access_key", vtiger_app_->accessKey()}};
  store::SecretBox box(key_);
  return store_->connections().add(spec, &box).value();
}

std::unique_ptr<Runtime> RuntimeTest::makeRuntime(RuntimeOptions options) {
  std::shared_ptr<ListeningTransport> transport = transport_;
  options.transport = [transport](const store::Connection&) { return transport; };
  if (options.seed == 0) options.seed = 7;
  return std::make_unique<Runtime>(*store_, plugins_, store::SecretBox(key_), *clock_, log_,
                                   waiter_, std::move(options));
}

store::SecretMap RuntimeTest::storedSecrets(store::ConnectionId id) {
  auto other = store::Store::open(dir_ / "accord.db");
  if (!other) return {};
  return other.value()->connections().loadSecrets(id, store::SecretBox(key_)).value();
}

store::Connection RuntimeTest::reload(const store::Connection& connection) {
  return store_->connections().get(connection.id).value();
}

std::string RuntimeTest::createOrganization(Runtime& runtime,
                                            const store::Connection& connection,
                                            const std::string& name) {
  auto handle = runtime.connect(connection);
  EXPECT_TRUE(handle.ok()) << handle.error().describe();
  if (!handle.ok()) return "";
  sdk::model::Organization organization;
  organization.name = name;
  organization.is_customer = true;
  auto outcomes = handle->connector->write(
      *handle->context,
      sdk::WriteBatch{sdk::model::EntityType::organization,
                      {{sdk::WriteKind::create, organization}},
                      "test-create-" + name});
  EXPECT_TRUE(outcomes.ok()) << outcomes.error().describe();
  if (!outcomes.ok() || outcomes->size() != 1 || !outcomes->front().ok()) return "";
  return outcomes->front().id;
}

std::vector<std::string> RuntimeTest::organizationNames(Runtime& runtime,
                                                        const store::Connection& connection) {
  std::vector<std::string> names;
  auto handle = runtime.connect(connection);
  EXPECT_TRUE(handle.ok()) << handle.error().describe();
  if (!handle.ok()) return names;
  sdk::ReadRequest request{sdk::model::EntityType::organization, "", 100, true, {}};
  for (int pages = 0; pages < 50; ++pages) {
    auto page = handle->connector->read(*handle->context, request);
    EXPECT_TRUE(page.ok()) << page.error().describe();
    if (!page.ok()) break;
    for (const auto& record : page->records) {
      names.push_back(std::get<sdk::model::Organization>(record).name);
    }
    if (!page->more) break;
    request.cursor = page->next_cursor;
  }
  return names;
}

std::vector<std::string> RuntimeTest::secretValues(
    const std::vector<store::Connection>& connections) {
  std::vector<std::string> values;
  for (const auto& c : connections) {
    for (const auto& [key, value] : storedSecrets(c.id)) {
      if (key.find("expires_at") != std::string::npos) continue;  // times are not secrets
      values.push_back(value);
    }
  }
  return values;
}

}  // namespace accord::runtime::testing
