// State shared by the phases of one run (internal to accord_sync).
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "sync/engine.h"
#include "sync/sync_state.h"

namespace accord::sync {

struct Target {
  store::Connection connection;
  ConnectorHandle handle;
  bool pulled_ok = true;  // a connection whose pull failed this run gets no pushes
};

struct RunContext {
  store::Store& store;
  const EngineOptions& options;
  store::OrgId org = 0;
  store::RunId run = 0;
  SyncState state;
  std::vector<Target> targets;
  RunReport report;

  void recordError(std::string entity, std::string external_id, std::string record_id,
                   const Error& error);
  const sdk::EntityCapability* capability(const Target& target, sdk::model::EntityType type) const;
};

// Phases, each in its own file.
void reconcilePending(RunContext& run, Target& target);
void pullConnection(RunContext& run, Target& target);
void pushConnection(RunContext& run, Target& target);

}  // namespace accord::sync
