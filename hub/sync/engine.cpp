#include "sync/engine.h"

#include <algorithm>

#include "sync/filters.h"
#include "sync/run_context.h"

namespace accord::sync {

const std::vector<model::EntityType>& dependencyOrder() {
  using E = model::EntityType;
  static const std::vector<E> order = [] {
    std::vector<E> out = {E::tax_code,      E::account,        E::organization,
                          E::person,        E::item,           E::invoice,
                          E::purchase_order, E::credit_note,   E::payment};
    for (E type : model::allEntityTypes()) {
      if (std::find(out.begin(), out.end(), type) == out.end()) out.push_back(type);
    }
    return out;
  }();
  return order;
}

void RunContext::recordError(std::string entity, std::string external_id,
                             std::string record_id, const Error& error) {
  store::RunError row{std::move(entity), std::move(external_id), std::move(record_id),
                      std::string(sdk::toString(error.kind)), error.message, {}};
  ++report.counts.errors;
  (void)store.syncRuns().addError(run, row);
  report.errors.push_back(std::move(row));
}

bool Target::pushable(model::EntityType type) const {
  if (!pull_failed_at) return true;
  const auto& order = dependencyOrder();
  return std::find(order.begin(), order.end(), type) <
         std::find(order.begin(), order.end(), *pull_failed_at);
}

const sdk::EntityCapability* RunContext::capability(const Target& target,
                                                    model::EntityType type) const {
  return target.handle.manifest->entity(type);
}

Engine::Engine(store::Store& store, ConnectorProvider& provider, EngineOptions options)
    : store_(store), provider_(provider), options_(std::move(options)) {}

namespace {

// A connection whose connector or settings cannot be had is left out of the run, with an error.
std::optional<Target> loadTarget(RunContext& run, ConnectorProvider& provider,
                                 store::Connection& connection) {
  auto fail = [&](Error error) {
    if (!connection.namedIn(error.message)) {
      error.message = "connection '" + connection.label() + "': " + error.message;
    }
    run.recordError("", "", "", error);
    return std::nullopt;
  };
  auto settings = SettingsStore(run.store.db()).get(connection);
  if (!settings) return fail(settings.error());
  auto filtered = FilteredLinks(run.store.db()).count(connection.id);
  if (!filtered) return fail(filtered.error());
  auto handle = provider.connectorFor(connection);
  if (!handle) return fail(handle.error());
  return Target{std::move(connection), handle.value(), std::nullopt, std::move(settings.value()),
                filtered.value() > 0};
}

Result<std::vector<Target>> loadTargets(RunContext& run, ConnectorProvider& provider) {
  auto connections = run.store.connections().list(run.org);
  if (!connections) return connections.error();
  std::vector<Target> targets;
  for (store::Connection& connection : connections.value()) {
    if (!connection.enabled) continue;
    if (auto target = loadTarget(run, provider, connection)) targets.push_back(std::move(*target));
  }
  // The authoritative connection is pulled last, so its changes are merged over the others'.
  std::stable_partition(targets.begin(), targets.end(), [&](const Target& t) {
    return t.connection.id != run.options.authoritative;
  });
  return targets;
}

}  // namespace

Result<void> runPhases(RunContext& run, ConnectorProvider& provider) {
  ACCORD_STORE_TRY(SettingsStore(run.store.db()).ensureSchema());
  auto targets = loadTargets(run, provider);
  if (!targets) return targets.error();
  run.targets = std::move(targets.value());
  // Pending intents (writes a crash left unsettled): updates and deletions are replayed before
  // the pull, as they were sent; creates after it, once the pull has linked any copy the app
  // made, so that an app which ignores idempotency keys is not sent the create twice.
  for (Target& target : run.targets) {
    reconcilePending(run, target, ReconcileStage::before_pull);
  }
  for (Target& target : run.targets) pullConnection(run, target);
  // Both stop, for each target, at the first entity whose pull failed (Target::pushable).
  for (Target& target : run.targets) {
    reconcilePending(run, target, ReconcileStage::creates_after_pull);
  }
  for (Target& target : run.targets) pushConnection(run, target);
  return {};
}

Result<RunReport> Engine::run(store::OrgId org) {
  SyncState state(store_.db());
  if (auto schema = state.ensureSchema(); !schema) return schema.error();
  auto run_id = store_.syncRuns().start(org, std::nullopt, options_.trigger);
  if (!run_id) return run_id.error();
  RunContext run{store_, options_, org, run_id.value(), state, {}, {}, nullptr, false};
  run.report.run = run.run;
  if (auto done = runPhases(run, provider_); !done) {
    (void)store_.syncRuns().finish(run.run, store::RunStatus::failed, run.report.counts,
                                   done.error().message);
    return done.error();
  }
  run.report.status =
      run.report.counts.errors == 0 ? store::RunStatus::succeeded : store::RunStatus::partial;
  if (auto done = store_.syncRuns().finish(run.run, run.report.status, run.report.counts); !done) {
    return done.error();
  }
  return std::move(run.report);
}

}  // namespace accord::sync
