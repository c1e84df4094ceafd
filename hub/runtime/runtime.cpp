#include "runtime/runtime.h"

#include <map>
#include <random>
#include <vector>

#include "plugin_host/plugin_host.h"
#include "runtime/connection_parts.h"
#include "runtime/health.h"

namespace accord::runtime {

struct Runtime::Impl {
  Impl(store::Store& store_in, plugin_host::PluginHost& plugins_in, store::SecretBox box_in,
       const sdk::Clock& clock, sdk::Logger& log, net::Waiter& waiter, RuntimeOptions options_in)
      : store(store_in),
        plugins(plugins_in),
        box(std::move(box_in)),
        options(std::move(options_in)),
        limiter(options.limiter ? options.limiter : std::make_shared<net::RateLimiter>(clock)),
        shared{store,   box, clock, log, waiter, options, *limiter,
               std::make_shared<net::PocoHttpClient>(options.http)},
        rng(options.seed != 0 ? options.seed : std::random_device{}()) {}

  sdk::Result<ConnectionParts*> partsFor(const store::Connection& connection);
  sdk::Result<std::shared_ptr<sdk::Connector>> pluginConnector(
      const plugin_host::LoadedPlugin& plugin);
  CallStats& stats(store::ConnectionId id) {
    auto& slot = call_stats[id];
    if (!slot) slot = std::make_unique<CallStats>();
    return *slot;
  }
  sdk::Timestamp now() const { return sdk::Timestamp::fromTimePoint(shared.clock.now()); }
  sdk::Result<void> record(store::ConnectionId id, const std::optional<sdk::Error>& failure);

  store::Store& store;
  plugin_host::PluginHost& plugins;
  store::SecretBox box;
  RuntimeOptions options;
  std::shared_ptr<net::RateLimiter> limiter;
  RuntimeShared shared;
  std::mt19937_64 rng;
  std::map<std::string, std::shared_ptr<sdk::Connector>> connectors;  // one per plugin
  std::map<store::ConnectionId, std::unique_ptr<ConnectionParts>> parts;
  // Parts replaced while a run may still hold their handles; dropped at the next beginRun.
  std::vector<std::unique_ptr<ConnectionParts>> retired;
  std::map<store::ConnectionId, std::unique_ptr<CallStats>> call_stats;
  std::map<store::ConnectionId, std::string> labels;
  bool manual_run = false;  // this run was asked for by a human: backoff does not hold it back
};

namespace {

sdk::Error named(const store::Connection& connection, sdk::Error error) {
  if (connection.namedIn(error.message)) return error;
  error.message = "organisation '" + connection.org_slug + "', connection '" + connection.name +
                  "' (plugin '" + connection.plugin + "'): " + error.message;
  return error;
}

}  // namespace

sdk::Result<std::shared_ptr<sdk::Connector>> Runtime::Impl::pluginConnector(
    const plugin_host::LoadedPlugin& plugin) {
  auto it = connectors.find(plugin.name());
  if (it != connectors.end()) return it->second;
  auto created = plugin.createConnector();
  if (!created) return created.error();
  connectors[plugin.name()] = created.value();
  return created.value();
}

sdk::Result<ConnectionParts*> Runtime::Impl::partsFor(const store::Connection& connection) {
  auto plugin = plugins.find(connection.plugin);
  if (!plugin) {
    return named(connection,
                 sdk::makeError(sdk::ErrorKind::invalid_config,
                                "plugin '" + connection.plugin + "' is not loaded: it is missing "
                                "from the plugin directory or was refused there (see `accord "
                                "plugins list`)"));
  }
  auto secrets = store.connections().loadSecrets(connection.id, box);
  if (!secrets) return named(connection, secrets.error());
  auto it = parts.find(connection.id);
  // Reused while nothing it was built from changed; secrets another process changed (a new
  // consent) rebuild it, so no stale refresh token is ever used.
  if (it != parts.end() && it->second->connection.config_json == connection.config_json &&
      it->second->connection.plugin == connection.plugin &&
      it->second->known_secrets == secrets.value()) {
    return it->second.get();
  }
  auto inner = pluginConnector(*plugin);
  if (!inner) return named(connection, inner.error());
  auto built = buildParts(shared, connection, std::move(secrets.value()), inner.value(),
                          plugin->manifest(), stats(connection.id), rng());
  if (!built) return named(connection, built.error());
  if (it != parts.end()) retired.push_back(std::move(it->second));
  labels[connection.id] = connection.label();
  auto& slot = parts[connection.id];
  slot = std::move(built.value());
  return slot.get();
}

sdk::Result<void> Runtime::Impl::record(store::ConnectionId id,
                                        const std::optional<sdk::Error>& failure) {
  auto previous = store.connectionStatuses().get(id);
  if (!previous) return previous.error();
  store::ConnectionStatus next =
      nextStatus(previous.value(), failure, now(), options.recovery, rng);
  if (next.state == store::HealthState::recovery &&
      previous->state != store::HealthState::recovery) {
    shared.log.warn(labels[id] + ": recovery mode: " + next.describe());
  } else if (failure) {
    shared.log.warn(labels[id] + ": run failed: " + next.describe());
  }
  return store.connectionStatuses().save(next);
}

Runtime::Runtime(store::Store& store, plugin_host::PluginHost& plugins, store::SecretBox box,
                 const sdk::Clock& clock, sdk::Logger& log, net::Waiter& waiter,
                 RuntimeOptions options)
    : impl_(std::make_unique<Impl>(store, plugins, std::move(box), clock, log, waiter,
                                   std::move(options))) {}

Runtime::~Runtime() = default;

Result<sync::ConnectorHandle> Runtime::connectorFor(const store::Connection& connection) {
  impl_->labels[connection.id] = connection.label();
  if (impl_->options.respect_backoff && !impl_->manual_run) {
    auto status = impl_->store.connectionStatuses().get(connection.id);
    if (!status) return named(connection, status.error());
    if (!status->due(impl_->now())) {
      // Not a failure of this run: the connection was not tried.
      return named(connection, sdk::makeError(sdk::ErrorKind::retryable,
                                              "not tried: " + status->describe()));
    }
  }
  auto handle = connect(connection);
  if (!handle) impl_->stats(connection.id).noteFailure(handle.error());
  return handle;
}

Result<sync::ConnectorHandle> Runtime::connect(const store::Connection& connection) {
  auto parts = impl_->partsFor(connection);
  if (!parts) return parts.error();
  return parts.value()->handle();
}

void Runtime::forget(store::ConnectionId connection) {
  auto it = impl_->parts.find(connection);
  if (it == impl_->parts.end()) return;
  impl_->retired.push_back(std::move(it->second));
  impl_->parts.erase(it);
}

void Runtime::beginRun(bool manual) {
  impl_->manual_run = manual;
  impl_->retired.clear();
  for (auto& [id, stats] : impl_->call_stats) stats->beginRun();
}

Result<void> Runtime::finishRun() {
  for (auto& [id, stats] : impl_->call_stats) {
    if (!stats->used()) continue;
    if (auto recorded = impl_->record(id, stats->runFailure()); !recorded) return recorded;
    stats->beginRun();
  }
  return {};
}

Result<store::ConnectionStatus> Runtime::status(store::ConnectionId connection) {
  return impl_->store.connectionStatuses().get(connection);
}

ConnectionMetrics Runtime::metrics(store::ConnectionId connection) const {
  ConnectionMetrics out;
  auto stats = impl_->call_stats.find(connection);
  if (stats != impl_->call_stats.end()) {
    out.retries = stats->second->retries.load();
    out.renewals = stats->second->renewals.load();
    out.failed_calls = stats->second->failed_calls.load();
  }
  auto parts = impl_->parts.find(connection);
  if (parts != impl_->parts.end()) out.http = parts->second->http->metrics();
  return out;
}

store::Store& Runtime::store() { return impl_->store; }
const store::SecretBox& Runtime::secretBox() const { return impl_->box; }
net::RateLimiter& Runtime::limiter() { return *impl_->limiter; }
const RuntimeOptions& Runtime::options() const { return impl_->options; }

Result<sync::RunReport> runSync(Runtime& runtime, store::OrgId org, sync::EngineOptions options,
                                bool manual) {
  runtime.beginRun(manual);
  sync::Engine engine(runtime.store(), runtime, std::move(options));
  auto report = engine.run(org);
  // The run's outcome is in the store already; a status that cannot be saved is reported
  // only when the run itself succeeded, so the engine's error is never hidden.
  auto recorded = runtime.finishRun();
  if (report.ok() && !recorded.ok()) return recorded.error();
  return report;
}

}  // namespace accord::runtime
