// The sync engine: one synchronous sync of one organisation.
//
//   sync::Engine engine(store, provider, options);
//   auto report = engine.run(org_id);   // reconcile, pull everything, then push
//
// The flow (docs/sync.md): reconcile push intents left pending by a crash; pull every enabled
// connection's readable entities in dependency order from the saved cursors, merging into the
// canonical store page by page (records, links, bases and cursor in one transaction); then fan
// the changes out to every enabled connection that writes each entity and whose direction allows
// it, applying the target's manifest first and recording each push intent before the call.
//
// Threading: an Engine uses its Store from the calling thread only; run one Engine per store.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "accord/sdk/connector.h"
#include "accord/sdk/manifest.h"
#include "store/store.h"
#include "sync/common.h"

namespace accord::sync {

// A connection's plugin, ready to call. The provider owns all three and keeps them alive for
// the Engine's run.
struct ConnectorHandle {
  sdk::Connector* connector = nullptr;
  sdk::HostContext* context = nullptr;
  const sdk::Manifest* manifest = nullptr;
};

// Where the engine gets a connector for a connection: tests inject in-memory apps, the service
// injects plugin-host connectors with their HostContext (HTTP, auth, rate limits).
class ConnectorProvider {
 public:
  virtual ~ConnectorProvider() = default;
  virtual Result<ConnectorHandle> connectorFor(const store::Connection& connection) = 0;
};

struct EngineOptions {
  std::string trigger = "manual";
  // This connection's changes win every conflict (the org option "authoritative connection").
  std::optional<store::ConnectionId> authoritative;
  // Deletions and archivals are not propagated to these connections.
  std::set<store::ConnectionId> ignore_deletions;
  // How deep a record's references are pushed ahead of it.
  int max_reference_depth = 4;
};

struct RunReport {
  store::RunId run = 0;
  store::RunStatus status = store::RunStatus::succeeded;
  store::RunCounts counts;
  std::vector<store::RunError> errors;
  std::int64_t filtered = 0;         // records read but not shared (sync filters)
  std::vector<std::string> blocked;  // connections not pushed to: their preview shows errors
};

class Engine {
 public:
  Engine(store::Store& store, ConnectorProvider& provider, EngineOptions options = {});

  // Errors only when the run could not take place at all (store unreadable); per-connection and
  // per-record problems are in the report and the store's run history.
  Result<RunReport> run(store::OrgId org);

 private:
  store::Store& store_;
  ConnectorProvider& provider_;
  EngineOptions options_;
};

// The order entities are pulled and pushed in, so references exist before what refers to them:
// tax codes and accounts; organizations, people and items; invoices, purchase orders and credit
// notes; payments; then the rest.
const std::vector<sdk::model::EntityType>& dependencyOrder();

}  // namespace accord::sync
