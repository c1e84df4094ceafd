#include "sandbox/xero/xero_app.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>

namespace accord::sandbox::xero {

namespace {

bool startsWithI(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

constexpr std::string_view kApiPrefix = "/api.xro/2.0";

}  // namespace

XeroOptions defaultXeroOptions() {
  XeroOptions options;
  options.identity.client_id = "A5D0B0C1E2F3A4B5C6D7E8F901234567";
  options.identity.client_secret = "sandbox-secret-8Hq2Lw9Vx4Nc7Rt1Zp5Kd3Mf6Gj0Bs2YeA";
  options.tenants = {
      {"9f3c2a1e-4b7d-4e8a-9c61-2d5f8a7b3e01", "Accord Demo Company (US)", "ORGANISATION"},
      {"5b8e1d24-7c3f-4a96-8e2b-6f1a9d4c7e02", "Accord Demo Holdings (NZ)", "ORGANISATION"},
  };
  options.webhooks.key =
      "sandboxWebhookKey+Qm3Zr8Tx1Vb6Nw4Jc9Lp2Hs7Fd5Gk0YeAq8Xo3Ru6Wi1Tz4Pn9Mv2Ly5Kb7Cj0Dh3==";
  options.tenant_limits = RateLimits{
      {{"minute", std::chrono::seconds(60), 60}, {"day", std::chrono::seconds(86400), 5000}}, 5};
  return options;
}

XeroApp::XeroApp(const Clock& clock, XeroOptions options)
    : clock_(clock),
      options_(std::move(options)),
      identity_(clock, options_.identity, options_.tenants),
      webhooks_(clock, options_.webhooks),
      tenant_limiter_(clock, options_.tenant_limits),
      app_limiter_(clock, RateLimits{{{"appminute", std::chrono::seconds(60),
                                       options_.app_minute_limit}}, 0}) {
#if defined(ACCORD_SANDBOX_HAVE_XERO_ACCOUNTING)
  accounting_ = std::make_unique<AccountingApi>(clock, webhooks_, options_.id_seed);
#endif
}

XeroApp::~XeroApp() { webhooks_.stop(); }

bool XeroApp::hasAccounting() const {
#if defined(ACCORD_SANDBOX_HAVE_XERO_ACCOUNTING)
  return true;
#else
  return false;
#endif
}

Response XeroApp::handle(const Request& request) {
  const std::string& path = request.path;
  if (iequals(path, "/identity/connect/authorize")) return identity_.authorize(request);
  if (iequals(path, "/connect/token")) return identity_.token(request);
  if (startsWithI(path, "/connections")) return connections(request);
  if (startsWithI(path, kApiPrefix) &&
      (path.size() == kApiPrefix.size() || path[kApiPrefix.size()] == '/')) {
    return api(request);
  }
  return problemResponse(404, "Not Found", "The resource you're looking for cannot be found");
}

Response XeroApp::connections(const Request& request) {
  // Tenantless: only the app-wide limit applies (and is the only header sent).
  RateDecision app = app_limiter_.check(options_.identity.client_id);
  if (!app.allowed) return limited(app, app);
  Request normalised = request;
  normalised.path = "/connections" + request.path.substr(std::string_view("/connections").size());
  Response response = identity_.connections(normalised);
  response.setHeader("X-AppMinLimit-Remaining", std::to_string(app.remainingIn("appminute")));
  return response;
}

Response XeroApp::api(const Request& request) {
  Response error;
  if (!identity_.authenticate(request, &error)) return error;
  std::string tenant = request.header("xero-tenant-id").value_or("");
  if (tenant.empty() || !identity_.isConnected(tenant)) {
    return problemResponse(403, "Forbidden", "AuthenticationUnsuccessful");
  }
  RateDecision app = app_limiter_.check(options_.identity.client_id);
  if (!app.allowed) return limited(app, app);
  RateDecision decision = tenant_limiter_.check(tenant);
  if (!decision.allowed) return limited(decision, app);
  Response response;
  try {
#if defined(ACCORD_SANDBOX_HAVE_XERO_ACCOUNTING)
    response = accounting_->handle(request, tenant);
#else
    response = problemResponse(501, "Not Implemented", "The accounting API is not built in");
#endif
  } catch (...) {
    tenant_limiter_.release(tenant);
    throw;
  }
  tenant_limiter_.release(tenant);
  addLimitHeaders(response, &decision, app);
  return response;
}

void XeroApp::addLimitHeaders(Response& response, const RateDecision* tenant,
                              const RateDecision& app) const {
  if (tenant) {
    response.setHeader("X-DayLimit-Remaining", std::to_string(tenant->remainingIn("day")));
    response.setHeader("X-MinLimit-Remaining", std::to_string(tenant->remainingIn("minute")));
  }
  response.setHeader("X-AppMinLimit-Remaining", std::to_string(app.remainingIn("appminute")));
}

Response XeroApp::limited(const RateDecision& decision, const RateDecision& app) const {
  Response response = problemResponse(429, "Too Many Requests",
                                      "Rate limit exceeded: " + decision.problem + " limit");
  response.setHeader("Retry-After", std::to_string(decision.retry_after.count()));
  response.setHeader("X-Rate-Limit-Problem", decision.problem);
  bool tenant_level = &decision != &app;
  addLimitHeaders(response, tenant_level ? &decision : nullptr, app);
  return response;
}

Response XeroApp::injectedError(int status, const Request& request) {
  if (status == 429) {
    // A burst of 429s looks like the minute limit being hit: the minute is spent, the day keeps
    // what the tenant really has left (as real Xero reports it), so a client does not mistake a
    // burst for a spent daily quota.
    std::string tenant = request.header("xero-tenant-id").value_or("");
    RateDecision decision = tenant_limiter_.peek(tenant);
    decision.allowed = false;
    decision.problem = "minute";
    decision.retry_after = std::chrono::seconds(1);
    decision.remaining = {{"minute", 0}, {"day", decision.remainingIn("day")}};
    RateDecision app = app_limiter_.peek(options_.identity.client_id);
    return limited(decision, app);
  }
  const char* title = status == 503 ? "Service Unavailable"
                      : status == 502 ? "Bad Gateway"
                                      : "Internal Server Error";
  return problemResponse(status, title, "An error occurred in Xero. Please try again later.");
}

void XeroApp::expireCredentials(const Request& request) { identity_.expireToken(request); }

// Xero refresh tokens are single use and the spec names no grace period for the old one.
bool XeroApp::spendsSingleUseGrant(const Request& request) const {
  if (!iequals(request.path, "/connect/token")) return false;
  for (const auto& [name, value] : parseUrlEncoded(request.body)) {
    if (name == "grant_type") return value == "refresh_token";
  }
  return false;
}

void XeroApp::seed(const SeedData& data) {
#if defined(ACCORD_SANDBOX_HAVE_XERO_ACCOUNTING)
  SeedOptions empty;
  empty.profile = "empty";
  SeedData products_only = generateSeed(empty);
  for (std::size_t i = 0; i < options_.tenants.size(); ++i) {
    accounting_->seed(options_.tenants[i].id, i == 0 ? data : products_only);
  }
#else
  (void)data;
#endif
}

std::string XeroApp::saveState() const {
  std::string accounting = "null";
#if defined(ACCORD_SANDBOX_HAVE_XERO_ACCOUNTING)
  accounting = accounting_->saveState();
#endif
  return "{\"identity\":" + identity_.saveState() + ",\"accounting\":" + accounting + "}";
}

bool XeroApp::loadState(const std::string& json, std::string* error) {
  Poco::JSON::Object::Ptr root;
  try {
    root = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
  } catch (const std::exception& e) {
    if (error) *error = std::string("not JSON: ") + e.what();
    return false;
  }
  auto part = [&](const char* key) -> std::optional<std::string> {
    if (!root->has(key) || root->isNull(key)) return std::nullopt;
    std::ostringstream out;
    root->get(key).extract<Poco::JSON::Object::Ptr>()->stringify(out);
    return out.str();
  };
  auto identity = part("identity");
  if (!identity) {
    if (error) *error = "missing \"identity\"";
    return false;
  }
  if (!identity_.loadState(*identity, error)) return false;
#if defined(ACCORD_SANDBOX_HAVE_XERO_ACCOUNTING)
  if (auto accounting = part("accounting")) {
    if (!accounting_->loadState(*accounting, error)) return false;
  }
#endif
  return true;
}

namespace {
std::optional<std::string> readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}
}  // namespace

XeroSandbox::XeroSandbox(XeroSandboxOptions options) : options_(std::move(options)) {
  clock_ = options_.clock ? options_.clock : std::make_shared<ManualClock>();
  app_ = std::make_unique<XeroApp>(*clock_, options_.xero);
  std::optional<std::string> saved;
  if (!options_.state_file.empty()) saved = readFile(options_.state_file);
  if (saved) {
    std::string error;
    if (!app_->loadState(*saved, &error)) {
      throw std::runtime_error("state file " + options_.state_file + ": " + error);
    }
  } else if (options_.load_seed) {
    app_->seed(generateSeed(options_.seed));
  }
  server_ = std::make_unique<Server>(*app_, options_.port, options_.faults, options_.server);
  app_->webhooks().setResourceBase(server_->baseUrl() + std::string(kApiPrefix));
}

XeroSandbox::~XeroSandbox() {
  server_->stop();
  app_->webhooks().stop();
}

bool XeroSandbox::saveState(std::string* error) const {
  if (options_.state_file.empty()) return true;
  std::string temporary = options_.state_file + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << app_->saveState();
    if (!out) {
      if (error) *error = "cannot write " + temporary;
      return false;
    }
  }
  // Why rename: a crash mid-write must not destroy the previous state.
  if (std::rename(temporary.c_str(), options_.state_file.c_str()) != 0) {
    if (error) *error = "cannot replace " + options_.state_file;
    return false;
  }
  return true;
}

std::unique_ptr<XeroSandbox> startXeroSandbox(XeroSandboxOptions options) {
  bool deliver = !options.xero.webhooks.url.empty();
  auto sandbox = std::make_unique<XeroSandbox>(std::move(options));
  sandbox->server().start();
  if (deliver) sandbox->app().webhooks().start();
  return sandbox;
}

}  // namespace accord::sandbox::xero
