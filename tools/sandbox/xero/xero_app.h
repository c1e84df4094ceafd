// The Xero sandbox as one App: routes the identity endpoints (/identity/connect/authorize,
// /connect/token, /connections) and, for /api.xro/2.0/..., checks the bearer token, the
// xero-tenant-id header and Xero's rate limits before handing the request to the accounting
// engineer's AccountingApi. Changes it reports go out as webhooks.
// Also the in-process sandbox that tests start on port 0: startXeroSandbox().
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sandbox/common/clock.h"
#include "sandbox/common/http.h"
#include "sandbox/common/rate_limiter.h"
#include "sandbox/common/seed.h"
#include "sandbox/common/server.h"
#include "sandbox/xero/events.h"
#include "sandbox/xero/identity.h"
#include "sandbox/xero/webhooks.h"

#if defined(ACCORD_SANDBOX_HAVE_XERO_ACCOUNTING)
#include "sandbox/xero/accounting/accounting_api.h"
#endif

namespace accord::sandbox::xero {

struct XeroOptions {
  IdentityOptions identity;          // client id/secret, token lifetimes
  std::vector<XeroTenant> tenants;   // organisations the login can connect; first is seeded
  WebhookOptions webhooks;           // url (optional) and signing key
  RateLimits tenant_limits;          // per tenant: minute 60, day 5000, 5 concurrent
  std::uint64_t app_minute_limit = 10000;  // per app across tenants
  std::uint64_t id_seed = 1;         // makes the accounting GUIDs reproducible
};

// Fixed, documented credentials and two organisations (see docs/sandboxes.md).
XeroOptions defaultXeroOptions();

class XeroApp : public App {
 public:
  XeroApp(const Clock& clock, XeroOptions options);
  ~XeroApp() override;

  Response handle(const Request& request) override;
  Response injectedError(int status, const Request& request) override;
  void expireCredentials(const Request& request) override;
  bool spendsSingleUseGrant(const Request& request) const override;

  XeroIdentity& identity() { return identity_; }
  WebhookPublisher& webhooks() { return webhooks_; }
  const XeroOptions& options() const { return options_; }
  bool hasAccounting() const;
#if defined(ACCORD_SANDBOX_HAVE_XERO_ACCOUNTING)
  AccountingApi& accounting() { return *accounting_; }
#endif

  // The first tenant gets `data`; the others get the products and chart of accounts only.
  void seed(const SeedData& data);
  // Identity and accounting state as one JSON document (--state FILE), and back.
  std::string saveState() const;
  bool loadState(const std::string& json, std::string* error);

 private:
  Response api(const Request& request);
  Response connections(const Request& request);
  Response limited(const RateDecision& decision, const RateDecision& app) const;
  void addLimitHeaders(Response& response, const RateDecision* tenant, const RateDecision& app) const;

  const Clock& clock_;
  XeroOptions options_;
  XeroIdentity identity_;
  WebhookPublisher webhooks_;
  RateLimiter tenant_limiter_;
  RateLimiter app_limiter_;
#if defined(ACCORD_SANDBOX_HAVE_XERO_ACCOUNTING)
  std::unique_ptr<AccountingApi> accounting_;
#endif
};

struct XeroSandboxOptions {
  XeroOptions xero = defaultXeroOptions();
  SeedOptions seed;                 // used when load_seed is true
  bool load_seed = true;
  std::string state_file;           // loaded at start when it exists; saved by saveState()
  FaultOptions faults;
  std::uint16_t port = 0;           // 0: any free port on 127.0.0.1
  std::shared_ptr<Clock> clock;     // null: a ManualClock at 2026-01-01T00:00:00Z
  ServerOptions server;
};

// A running Xero sandbox. Destruction stops the server and webhook delivery.
class XeroSandbox {
 public:
  explicit XeroSandbox(XeroSandboxOptions options);
  ~XeroSandbox();

  std::uint16_t port() const { return server_->port(); }
  std::string baseUrl() const { return server_->baseUrl(); }
  Clock& clock() { return *clock_; }
  ManualClock* manualClock() { return dynamic_cast<ManualClock*>(clock_.get()); }
  XeroApp& app() { return *app_; }
  Server& server() { return *server_; }
  void setFaults(FaultOptions faults) { server_->setFaults(faults); }
  // Writes the state file (if one was given); returns false with a message on failure.
  bool saveState(std::string* error) const;

 private:
  XeroSandboxOptions options_;
  std::shared_ptr<Clock> clock_;
  std::unique_ptr<XeroApp> app_;
  std::unique_ptr<Server> server_;
};

// Builds, seeds (or loads --state), and starts a Xero sandbox; throws std::runtime_error with
// the file and reason when the state file cannot be read.
std::unique_ptr<XeroSandbox> startXeroSandbox(XeroSandboxOptions options);

}  // namespace accord::sandbox::xero
