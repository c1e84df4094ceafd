// State shared by the phases of one run (internal to accord_sync).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sync/connection_settings.h"
#include "sync/engine.h"
#include "sync/sync_state.h"

namespace accord::sync {

struct Target {
  store::Connection connection;
  ConnectorHandle handle;
  // The first entity, in dependency order, whose pull from this connection failed this run. It
  // and the entities after it get no pushes (the pull may have missed a copy the app already
  // has, and a create would duplicate it); those before it are pushed, since references only
  // point to earlier entities. One failed page of invoices no longer holds back every customer.
  std::optional<sdk::model::EntityType> pull_failed_at;
  bool pushable(sdk::model::EntityType type) const;
  ConnectionSettings settings;
  // Some of its links were filtered out (filters.h); set by the pull as it marks one.
  mutable bool has_filtered = false;
};

class PushObserver;

struct RunContext {
  store::Store& store;
  const EngineOptions& options;
  store::OrgId org = 0;
  store::RunId run = 0;
  SyncState state;
  std::vector<Target> targets;
  RunReport report;
  PushObserver* observer = nullptr;  // the preview's (preview.h); none in a plain sync
  bool dry = false;                  // every write is recorded, not sent (a preview)

  void recordError(std::string entity, std::string external_id, std::string record_id,
                   const Error& error);
  const sdk::EntityCapability* capability(const Target& target, sdk::model::EntityType type) const;
};

// Loads the org's enabled connections with their connectors and settings, then reconciles,
// pulls and pushes (engine.cpp); Engine::run and the preview both call it.
Result<void> runPhases(RunContext& run, ConnectorProvider& provider);

// Phases, each in its own file. Pending push intents are reconciled in two stages
// (reconcile.cpp): updates and deletions before the pull, creates after it.
enum class ReconcileStage { before_pull, creates_after_pull };
void reconcilePending(RunContext& run, Target& target, ReconcileStage stage);
void pullConnection(RunContext& run, Target& target);
void pushConnection(RunContext& run, Target& target);

// The pull phase's filter step (filters.cpp) for one record as read (app ids, before merging):
// false when the connection's filters do not share it; counts it and remembers a linked record
// as filtered. A store failure is a run error for the record, which is then not shared.
bool sharedByFilters(RunContext& run, const Target& target, const std::string& entity,
                     const model::Record& record);

}  // namespace accord::sync
