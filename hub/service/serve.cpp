// The service in the foreground until SIGTERM or SIGINT (`accord serve`, hub/cli/commands_serve.cpp).
#include <iostream>

#include "scheduler/executor.h"
#include "scheduler/timer_source.h"
#include "service/runtime_backend.h"
#include "service/serve.h"
#include "service/service.h"
#include "service/signals.h"
#include "store/common.h"

namespace accord::service {

int serve(const ServiceConfig& config, const BackendPaths& paths, std::ostream& log_stream,
          const ApiFactory& make_api) {
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
  if (make_api) service.setApi(make_api(service));
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
