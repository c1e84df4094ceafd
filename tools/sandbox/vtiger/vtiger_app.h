// The vTiger sandbox: /webservice.php as vtiger CRM 7 serves it (getchallenge, login, logout,
// listtypes, describe, create, retrieve, update, revise, delete, query, sync), with sessions
// and per-user call limits on the sandbox clock. See docs/sandboxes-vtiger.md.
//
//   ManualClock clock;
//   VtigerApp app(clock);                       // user "admin", key app.accessKey()
//   app.seed(generateSeed({}));
//   Server server(app); server.start();         // or call app.handle(request) directly
#pragma once

#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>

#include "sandbox/common/clock.h"
#include "sandbox/common/http.h"
#include "sandbox/common/rate_limiter.h"
#include "sandbox/common/seed.h"
#include "sandbox/vtiger/service.h"
#include "sandbox/vtiger/sessions.h"

namespace accord::sandbox::vtiger {

// Call limits of a vtiger Cloud edition: "Standard", "Professional" (60/min), "Enterprise",
// or "unlimited" (no limits, for benchmarks). nullopt for an unknown name.
std::optional<RateLimits> editionLimits(std::string_view edition);

struct VtigerOptions {
  std::string user_name = "admin";
  std::string access_key = "accordSandboxKey";  // 16 characters, like vtiger's
  std::string edition = "Professional";
  std::optional<RateLimits> limits;             // overrides the edition's when set
  SessionOptions sessions;
};

class VtigerApp : public App {
 public:
  explicit VtigerApp(const Clock& clock, VtigerOptions options = {});

  Response handle(const Request& request) override;
  // Injected 429s look like the sandbox's own limit answer; 5xx like a proxy's error page.
  Response injectedError(int status, const Request& request) override;
  void expireCredentials(const Request& request) override;  // ends the request's session

  void seed(const SeedData& data);
  const std::string& userName() const { return options_.user_name; }
  const std::string& accessKey() const { return options_.access_key; }
  const std::string& edition() const { return options_.edition; }

  // The whole database as JSON (no credentials in it), and back. Safe while serving.
  std::string saveState() const;
  WsResult<bool> loadState(const std::string& json);
  // File forms for --state FILE; the error names the file.
  std::optional<std::string> saveStateFile(const std::string& path) const;
  std::optional<std::string> loadStateFile(const std::string& path);

  // Direct access for tests; do not use while requests are being served.
  WebService& state() { return service_; }
  Sessions& sessions() { return sessions_; }

 private:
  Response dispatch(const std::string& operation, const Request& request, bool post_input);
  Response sessionOperation(const std::string& operation, const Pairs& input);
  Response rateLimited(const RateDecision& decision) const;

  const Clock& clock_;
  VtigerOptions options_;
  std::unique_ptr<RateLimiter> limiter_;  // null when unlimited
  mutable std::shared_mutex mutex_;       // guards service_
  WebService service_;
  Sessions sessions_;
};

}  // namespace accord::sandbox::vtiger
