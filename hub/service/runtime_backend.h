// The real Backend: the store, the plugins and the runtime (hub/runtime) behind the service.
//
// SQLite connections and Runtimes serve one thread at a time (runtime.h), so each
// organisation gets its own Store connection and Runtime, used only by that organisation's runs
// (the scheduler never runs one organisation twice at once), and webhooks get one of their own
// behind a mutex. What must be process-wide is shared: the PluginHost, the RateLimiter (one
// pace per plugin and tenant whichever Runtime calls) and the metrics. OAuth2 tokens of a
// connection are only ever refreshed by its organisation's Runtime (a webhook check uses the
// signing key, not a token).
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "service/backend.h"
#include "service/config.h"
#include "service/json_log.h"
#include "service/metrics.h"
#include "service/sync_runner.h"

namespace accord::service {

struct BackendPaths {
  std::filesystem::path db;
  std::filesystem::path plugins;
  std::optional<std::filesystem::path> key_file;
};

class RuntimeBackend final : public Backend {
 public:
  // Opens the store, loads the plugins (refusals are logged) and the secret key. Errors name
  // the file at fault.
  static sdk::Result<std::unique_ptr<RuntimeBackend>> open(const ServiceConfig& config,
                                                           const BackendPaths& paths,
                                                           JsonLog& log, Metrics& metrics);
  ~RuntimeBackend() override;

  sdk::Result<std::optional<WebhookDelivery>> webhook(const std::string& plugin,
                                                      const std::string& connection,
                                                      const sdk::WebhookRequest& request) override;
  scheduler::RunOutcome runSync(store::OrgId org, const scheduler::Trigger& trigger) override;
  sdk::Result<std::vector<scheduler::ConnectionSchedule>> schedules() override;
  sdk::Result<void> ready() override;
  void requestStop() override { stop_.raise(); }

 private:
  struct Impl;
  struct OrgRuntime;
  explicit RuntimeBackend(std::unique_ptr<Impl> impl);
  sdk::Result<OrgRuntime*> orgRuntime(store::OrgId org);
  void countWaits(OrgRuntime& rt, store::OrgId org);

  std::unique_ptr<Impl> impl_;
  StopFlag stop_;
};

}  // namespace accord::service
