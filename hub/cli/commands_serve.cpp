// `accord serve --config FILE`: the service (hub/service) with the admin API (admin_api.h).
#include "cli/admin_api.h"
#include "cli/cli.h"
#include "cli/context.h"
#include "service/serve.h"
#include "service/service.h"

namespace accord::cli {

// The admin API's `sync run`: a manual trigger for the scheduler, like the CLI's own but
// queued behind the organisation's running sync instead of beside it.
AdminApi::SyncNow syncNowFor(service::Service& service) {
  return [&service](std::int64_t org, std::optional<std::int64_t> connection) {
    scheduler::Trigger trigger;
    trigger.kind = scheduler::TriggerKind::manual;
    if (connection) trigger.connections.insert(*connection);
    return service.scheduler().trigger(org, trigger);
  };
}

namespace {

int serve(Context& ctx, const Invocation& inv) {
  auto file = inv.values.find("config");
  if (file == inv.values.end()) throw UsageError("accord serve needs --config FILE");
  auto config = service::loadServiceConfig(file->second);
  if (!config.ok()) {
    ctx.err() << "error: " << config.error().message << '\n';
    return kExitFailure;
  }
  const Paths& paths = ctx.paths();
  service::BackendPaths where{config->store_path.value_or(paths.db),
                              config->plugin_dir.value_or(paths.plugins),
                              config->key_file ? config->key_file : paths.key_file};
  // The API runs the CLI's commands on the service's own store, plugins and key.
  const Paths api_paths{where.db, where.plugins, where.key_file};
  std::unique_ptr<AdminApi> api;
  return service::serve(config.value(), where, ctx.err(), [&](service::Service& service) {
    api = std::make_unique<AdminApi>(api_paths, syncNowFor(service));
    return [&api](const service::ApiRequest& request) { return api->handle(request); };
  });
}

}  // namespace

std::vector<Command> serviceCommands() {
  Command command;
  command.words = {"serve"};
  command.summary = "run the hub as a service: scheduled syncs, the admin API, webhooks, "
                    "/healthz, /metrics";
  command.options = {{"config", "FILE", "the service's JSON config (docs/service.md)"}};
  command.run = serve;
  return {command};
}

}  // namespace accord::cli
