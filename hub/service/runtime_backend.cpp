#include "service/runtime_backend.h"

#include "net/http_client.h"
#include "net/waiter.h"
#include "plugin_host/plugin_host.h"
#include "runtime/runtime.h"
#include "store/secret_key.h"

namespace accord::service {

struct RuntimeBackend::OrgRuntime {
  std::unique_ptr<store::Store> store;
  std::unique_ptr<JsonLogger> logger;
  std::unique_ptr<runtime::Runtime> runtime;
  std::map<store::ConnectionId, std::uint64_t> waits_seen;
};

struct RuntimeBackend::Impl {
  ServiceConfig config;
  BackendPaths paths;
  JsonLog& log;
  Metrics& metrics;
  std::optional<store::SecretBox> box;
  plugin_host::PluginHost plugins;
  store::SystemClock clock;
  net::SleepingWaiter waiter;
  std::shared_ptr<net::RateLimiter> limiter;
  std::shared_ptr<sdk::HttpClient> transport;
  std::mutex orgs_mutex;
  std::map<store::OrgId, std::unique_ptr<OrgRuntime>> orgs;
  std::mutex webhook_mutex;  // guards `webhooks` (its Store and Runtime serve one thread)
  std::unique_ptr<OrgRuntime> webhooks;

  Impl(ServiceConfig c, BackendPaths p, JsonLog& l, Metrics& m)
      : config(std::move(c)), paths(std::move(p)), log(l), metrics(m) {}

  sdk::Result<std::unique_ptr<OrgRuntime>> makeRuntime(LogFields fields) {
    auto opened = store::Store::open(paths.db);
    if (!opened.ok()) return opened.error();
    auto rt = std::make_unique<OrgRuntime>();
    rt->store = std::move(opened).value();
    rt->logger = std::make_unique<JsonLogger>(log, std::move(fields));
    runtime::RuntimeOptions options;
    options.limiter = limiter;
    options.transport = [this](const store::Connection& connection) {
      return std::make_shared<MeteredHttpClient>(transport, metrics, connection.plugin);
    };
    options.seed = config.seed;
    rt->runtime = std::make_unique<runtime::Runtime>(*rt->store, plugins, *box, clock,
                                                     *rt->logger, waiter, options);
    return rt;
  }
};

RuntimeBackend::RuntimeBackend(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RuntimeBackend::~RuntimeBackend() = default;

sdk::Result<std::unique_ptr<RuntimeBackend>> RuntimeBackend::open(const ServiceConfig& config,
                                                                  const BackendPaths& paths,
                                                                  JsonLog& log, Metrics& metrics) {
  auto impl = std::make_unique<Impl>(config, paths, log, metrics);
  LogFields fields{"service", std::nullopt, std::nullopt, std::nullopt};
  auto key = store::loadSecretKey(store::KeySource{paths.key_file});
  if (!key.ok()) return key.error();
  impl->box.emplace(std::move(key).value());
  auto scan = impl->plugins.scan(paths.plugins);
  for (const auto& refusal : scan.refusals) {
    log.write(sdk::LogLevel::warn, "plugin refused: " + refusal, fields);
  }
  impl->limiter = std::make_shared<net::RateLimiter>(impl->clock);
  impl->transport = std::make_shared<net::PocoHttpClient>();
  auto webhooks = impl->makeRuntime(LogFields{"webhook", std::nullopt, std::nullopt, std::nullopt});
  if (!webhooks.ok()) return webhooks.error();
  impl->webhooks = std::move(webhooks).value();
  return std::unique_ptr<RuntimeBackend>(new RuntimeBackend(std::move(impl)));
}

sdk::Result<RuntimeBackend::OrgRuntime*> RuntimeBackend::orgRuntime(store::OrgId org) {
  std::lock_guard lock(impl_->orgs_mutex);
  auto& slot = impl_->orgs[org];
  if (!slot) {
    auto made = impl_->makeRuntime(LogFields{"sync", org, std::nullopt, std::nullopt});
    if (!made.ok()) return made.error();
    slot = std::move(made).value();
  }
  return slot.get();
}

scheduler::RunOutcome RuntimeBackend::runSync(store::OrgId org, const scheduler::Trigger& trigger) {
  auto rt = orgRuntime(org);
  if (!rt.ok()) {
    scheduler::RunOutcome outcome;
    outcome.error = rt.error();
    return outcome;
  }
  OrgRuntime& r = *rt.value();
  // A run an admin asked for (`sync now`, `accord sync run --server`) tries every connection
  // at once, even one backing off: they fixed something and want to see it work.
  r.runtime->beginRun(trigger.kind == scheduler::TriggerKind::manual);
  auto outcome = runGuarded(*r.store, *r.runtime, org, trigger, stop_, impl_->metrics);
  auto finished = r.runtime->finishRun();
  if (!finished.ok() && !outcome.error) outcome.error = finished.error();
  countWaits(r, org);
  return outcome;
}

void RuntimeBackend::countWaits(OrgRuntime& r, store::OrgId org) {
  auto connections = r.store->connections().list(org);
  if (!connections.ok()) return;
  for (const auto& c : connections.value()) {
    const std::uint64_t waits = r.runtime->metrics(c.id).http.waits;
    auto& seen = r.waits_seen[c.id];
    if (waits > seen) {
      impl_->metrics.add("accord_rate_limit_waits_total", {{"plugin", c.plugin}},
                         static_cast<double>(waits - seen));
    }
    seen = waits;
  }
}

sdk::Result<std::optional<WebhookDelivery>> RuntimeBackend::webhook(
    const std::string& plugin, const std::string& connection, const sdk::WebhookRequest& request) {
  std::lock_guard lock(impl_->webhook_mutex);
  OrgRuntime& r = *impl_->webhooks;
  auto all = r.store->connections().list();
  if (!all.ok()) return all.error();
  const store::Connection* found = nullptr;
  for (const auto& c : all.value()) {
    if (c.plugin == plugin && c.enabled && std::to_string(c.id) == connection) found = &c;
  }
  if (!found) return std::optional<WebhookDelivery>();
  auto handle = r.runtime->connect(*found);
  if (!handle.ok()) return handle.error();
  auto result = handle->connector->handleWebhook(*handle->context, request);
  if (!result.ok()) return result.error();
  return std::optional<WebhookDelivery>(
      WebhookDelivery{found->org_id, found->id, found->label(), std::move(result).value()});
}

sdk::Result<std::vector<scheduler::ConnectionSchedule>> RuntimeBackend::schedules() {
  std::lock_guard lock(impl_->webhook_mutex);
  auto all = impl_->webhooks->store->connections().list();
  if (!all.ok()) return all.error();
  std::vector<scheduler::ConnectionSchedule> schedules;
  for (const auto& c : all.value()) {
    if (!c.enabled) continue;
    schedules.push_back({c.org_id, c.id, c.label(), impl_->config.interval, std::nullopt});
  }
  return schedules;
}

sdk::Result<void> RuntimeBackend::ready() {
  std::lock_guard lock(impl_->webhook_mutex);
  auto orgs = impl_->webhooks->store->organisations().list();
  if (!orgs.ok()) return orgs.error();
  return {};
}

}  // namespace accord::service
