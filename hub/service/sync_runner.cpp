#include "service/sync_runner.h"

namespace accord::service {
namespace {

sdk::Error stoppingError() {
  return sdk::makeError(sdk::ErrorKind::retryable,
                        "the hub is stopping: the rest is picked up by the next run");
}

std::string entityName(sdk::model::EntityType entity) {
  return std::string(sdk::model::toString(entity));
}

std::string writeOutcome(sdk::WriteKind kind) {
  switch (kind) {
    case sdk::WriteKind::create: return "created";
    case sdk::WriteKind::update: return "updated";
    case sdk::WriteKind::archive: return "archived";
    case sdk::WriteKind::remove: return "removed";
  }
  return "written";
}

}  // namespace

// Forwards to the real connector unless the service is stopping; counts what passes.
class GuardedProvider::Guarded final : public sdk::Connector {
 public:
  Guarded(GuardedProvider& owner, store::ConnectionId id, sdk::Connector& inner)
      : owner_(owner), id_(id), inner_(inner) {}

  sdk::Result<sdk::Page> read(sdk::HostContext& ctx, const sdk::ReadRequest& request) override {
    if (owner_.stop().raised()) return stoppingError();
    auto page = inner_.read(ctx, request);
    if (!page.ok()) {
      owner_.fail(id_, page.error());
      return page;
    }
    const std::string entity = entityName(request.entity);
    auto& m = owner_.metrics();
    m.add("accord_records_total", {{"entity", entity}, {"outcome", "pulled"}},
          static_cast<double>(page->records.size()));
    m.add("accord_records_total", {{"entity", entity}, {"outcome", "removed_in_app"}},
          static_cast<double>(page->removals.size()));
    m.add("accord_records_total", {{"entity", entity}, {"outcome", "unreadable"}},
          static_cast<double>(page->errors.size()));
    return page;
  }

  sdk::Result<std::vector<sdk::WriteOutcome>> write(sdk::HostContext& ctx,
                                                    const sdk::WriteBatch& batch) override {
    if (owner_.stop().raised()) return stoppingError();
    auto outcomes = inner_.write(ctx, batch);
    if (!outcomes.ok()) {
      owner_.fail(id_, outcomes.error());
      return outcomes;
    }
    const std::string entity = entityName(batch.entity);
    for (std::size_t i = 0; i < outcomes->size() && i < batch.ops.size(); ++i) {
      const auto& o = outcomes.value()[i];
      owner_.metrics().add("accord_records_total",
                           {{"entity", entity},
                            {"outcome", o.ok() ? writeOutcome(batch.ops[i].kind) : std::string("refused")}});
    }
    return outcomes;
  }

  sdk::Result<sdk::WebhookResult> handleWebhook(sdk::HostContext& ctx,
                                                const sdk::WebhookRequest& request) override {
    return inner_.handleWebhook(ctx, request);
  }

 private:
  GuardedProvider& owner_;
  store::ConnectionId id_;
  sdk::Connector& inner_;
};

GuardedProvider::GuardedProvider(sync::ConnectorProvider& inner, const StopFlag& stop,
                                 Metrics& metrics)
    : inner_(inner), stop_(stop), metrics_(metrics) {}

GuardedProvider::~GuardedProvider() = default;

sdk::Result<sync::ConnectorHandle> GuardedProvider::connectorFor(
    const store::Connection& connection) {
  auto handle = inner_.connectorFor(connection);
  if (!handle.ok()) {
    fail(connection.id, handle.error());
    return handle;
  }
  std::lock_guard lock(mutex_);
  auto& slot = guarded_[connection.id];
  slot = std::make_unique<Guarded>(*this, connection.id, *handle->connector);
  sync::ConnectorHandle wrapped = handle.value();
  wrapped.connector = slot.get();
  return wrapped;
}

void GuardedProvider::fail(store::ConnectionId connection, const sdk::Error& error) {
  std::lock_guard lock(mutex_);
  failures_.emplace(connection, error);  // the first error is the telling one
}

std::map<store::ConnectionId, sdk::Error> GuardedProvider::failures() const {
  std::lock_guard lock(mutex_);
  return failures_;
}

scheduler::RunOutcome runGuarded(store::Store& store, sync::ConnectorProvider& provider,
                                 store::OrgId org, const scheduler::Trigger& trigger,
                                 const StopFlag& stop, Metrics& metrics,
                                 sync::EngineOptions options) {
  GuardedProvider guarded(provider, stop, metrics);
  options.trigger = std::string(scheduler::toString(trigger.kind));
  auto report = sync::Engine(store, guarded, options).run(org);
  scheduler::RunOutcome outcome;
  if (!report.ok()) {
    outcome.error = report.error();
  } else {
    outcome.run = report->run;
    outcome.partial = report->status != store::RunStatus::succeeded;
    outcome.failed_connections = guarded.failures();
  }
  metrics.add("accord_syncs_total", {{"outcome", std::string(outcome.label())}});
  if (outcome.error) {
    metrics.add("accord_errors_total", {{"kind", std::string(sdk::toString(outcome.error->kind))}});
  }
  for (const auto& [connection, error] : outcome.failed_connections) {
    metrics.add("accord_errors_total", {{"kind", std::string(sdk::toString(error.kind))}});
  }
  return outcome;
}

}  // namespace accord::service
