// `accord serve`: the scheduler plus a Poco HTTP server.
//
//   Service service(config, backend, log, metrics, timers, executor);
//   service.start();          // timers for every enabled connection, then listen
//   ... waitForTermination() ...
//   service.shutdown();       // stop listening, running syncs finish the page in hand
//
// Routes: GET /healthz (the process answers), GET /readyz (the store answers and the service
// is not stopping; JSON with each connection's schedule), GET /metrics (Prometheus text), POST
// /webhooks/{plugin}/{connection} (the plugin verifies it and says what to answer; its changes
// trigger an incremental sync of the connection's organisation), /api/v1/... (the admin API,
// handed to the ApiHandler set with setApi(); 404 without one). Everything else: 404 with
// {"error": {"code": "not_found", "message": ...}}. docs/service.md has the details.
#pragma once

#include <memory>
#include <mutex>
#include <optional>

#include "accord/sdk/result.h"
#include "scheduler/executor.h"
#include "scheduler/scheduler.h"
#include "scheduler/timer_source.h"
#include "service/api.h"
#include "service/backend.h"
#include "service/config.h"
#include "service/json_log.h"
#include "service/metrics.h"

namespace Poco::Net {
class HTTPServer;
}

namespace accord::service {

class Service {
 public:
  // Everything is borrowed and must outlive the Service.
  Service(ServiceConfig config, Backend& backend, JsonLog& log, Metrics& metrics,
          scheduler::TimerSource& timers, scheduler::Executor& executor);
  ~Service();  // shutdown()

  // Schedules every enabled connection and starts listening. Errors name what failed (the
  // address in use, the store).
  sdk::Result<void> start();
  int port() const;  // the bound port (config port 0: the one the system chose)

  // The admin API's handler; set before start(). Called on the server's worker threads.
  void setApi(ApiHandler api) { api_ = std::move(api); }
  const ApiHandler& api() const { return api_; }

  // Idempotent. Stops accepting requests, tells running syncs to stop after the page in hand,
  // and returns once they have ended and been saved.
  void shutdown();

  scheduler::Scheduler& scheduler() { return scheduler_; }
  const ServiceConfig& config() const { return config_; }
  Backend& backend() { return backend_; }
  JsonLog& log() { return log_; }
  Metrics& metrics() { return metrics_; }

 private:
  scheduler::RunOutcome runLogged(store::OrgId org, const scheduler::Trigger& trigger);
  void refreshSchedules();  // reconciles the scheduler with the backend, then re-arms

  void armRefresh();         // refresh_->mutex held

  // The refresh timer reaches the service through this (see Scheduler::Anchor).
  struct RefreshAnchor {
    std::mutex mutex;
    Service* service = nullptr;
    std::optional<scheduler::TimerId> timer;
  };
  scheduler::TimerSource& timers_;
  std::shared_ptr<RefreshAnchor> refresh_ = std::make_shared<RefreshAnchor>();

  ServiceConfig config_;
  Backend& backend_;
  JsonLog& log_;
  Metrics& metrics_;
  scheduler::Scheduler scheduler_;
  ApiHandler api_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  bool stopped_ = false;
};

}  // namespace accord::service
