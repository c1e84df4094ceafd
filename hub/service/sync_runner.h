// One sync for the scheduler: a sync::Engine run over a ConnectorProvider whose connectors are
// wrapped (GuardedProvider) so that
//  - once the service is stopping, the next read or write is refused: the page in hand has
//    been stored with its cursor, the engine ends the run and saves it (SIGTERM: "finish the
//    page in hand, save, exit"), and what was not pulled or pushed is picked up next run;
//  - records read and written are counted by entity and outcome (accord_records_total);
//  - a connection whose read or write failed (after the runtime's retries), or whose connector
//    could not be had, is reported as failed in the RunOutcome, so the scheduler backs it off.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>

#include "scheduler/trigger.h"
#include "service/metrics.h"
#include "store/store.h"
#include "sync/engine.h"

namespace accord::service {

// Raised once; read by every guarded connector.
class StopFlag {
 public:
  void raise() { raised_.store(true); }
  bool raised() const { return raised_.load(); }

 private:
  std::atomic<bool> raised_{false};
};

// Lives for one run; borrows everything.
class GuardedProvider final : public sync::ConnectorProvider {
 public:
  GuardedProvider(sync::ConnectorProvider& inner, const StopFlag& stop, Metrics& metrics);
  ~GuardedProvider() override;
  sdk::Result<sync::ConnectorHandle> connectorFor(const store::Connection& connection) override;

  // Connections whose part of the run failed, with the first error.
  std::map<store::ConnectionId, sdk::Error> failures() const;
  void fail(store::ConnectionId connection, const sdk::Error& error);
  const StopFlag& stop() const { return stop_; }
  Metrics& metrics() { return metrics_; }

 private:
  class Guarded;
  sync::ConnectorProvider& inner_;
  const StopFlag& stop_;
  Metrics& metrics_;
  mutable std::mutex mutex_;
  std::map<store::ConnectionId, std::unique_ptr<Guarded>> guarded_;
  std::map<store::ConnectionId, sdk::Error> failures_;
};

// Runs the engine for `org` through a GuardedProvider over `provider` and reports the outcome
// (also counted in `metrics`: accord_syncs_total, accord_errors_total).
scheduler::RunOutcome runGuarded(store::Store& store, sync::ConnectorProvider& provider,
                                 store::OrgId org, const scheduler::Trigger& trigger,
                                 const StopFlag& stop, Metrics& metrics,
                                 sync::EngineOptions options = {});

}  // namespace accord::service
