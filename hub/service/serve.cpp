// `accord serve --config FILE`: the service in the foreground until SIGTERM or SIGINT.
#include <iostream>

#include "cli/command.h"
#include "cli/context.h"
#include "scheduler/executor.h"
#include "scheduler/timer_source.h"
#include "service/runtime_backend.h"
#include "service/serve.h"
#include "service/service.h"
#include "service/signals.h"
#include "store/common.h"

namespace accord::service {

int serve(const ServiceConfig& config, const BackendPaths& paths, std::ostream& log_stream) {
  // Before any thread exists, so that every thread inherits the blocked mask and the signal
  // waits for waitForTermination() below.
  blockTerminationSignals();
  store::SystemClock clock;
  JsonLog log(log_stream, clock, config.log_level);
  Metrics metrics;
  LogFields fields{"service", std::nullopt, std::nullopt, std::nullopt};
  auto backend = RuntimeBackend::open(config, paths, log, metrics);
  if (!backend.ok()) {
    log.write(sdk::LogLevel::error, "cannot start: " + backend.error().describe(), fields);
    return 1;
  }
  scheduler::AsioTimerSource timers;
  scheduler::ThreadPoolExecutor pool(static_cast<std::size_t>(config.max_parallel));
  Service service(config, *backend.value(), log, metrics, timers, pool);
  if (auto started = service.start(); !started.ok()) {
    log.write(sdk::LogLevel::error, "cannot start: " + started.error().describe(), fields);
    return 1;
  }
  return runUntilTerminated(service);
}

int runUntilTerminated(Service& service) {
  const int signal = waitForTermination();
  service.log().write(sdk::LogLevel::info, "signal " + std::to_string(signal) + " received",
                      LogFields{"service", std::nullopt, std::nullopt, std::nullopt});
  service.shutdown();
  return 0;
}

}  // namespace accord::service

namespace accord::cli {

std::vector<Command> serviceCommands() {
  Command serve;
  serve.words = {"serve"};
  serve.summary = "run the hub as a service: scheduled syncs, webhooks, /healthz, /metrics";
  serve.options = {{"config", "FILE", "the service's JSON config (docs/service.md)"}};
  serve.run = [](Context& ctx, const Invocation& inv) {
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
    return service::serve(config.value(), where, ctx.err());
  };
  return {serve};
}

}  // namespace accord::cli
