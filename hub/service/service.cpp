#include "service/service.h"

#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>

#include "service/http_handlers.h"

namespace accord::service {
namespace {

scheduler::SchedulerOptions schedulerOptions(const ServiceConfig& config) {
  scheduler::SchedulerOptions options;
  options.default_interval = config.interval;
  options.jitter = config.jitter;
  options.seed = config.seed != 0 ? config.seed : std::random_device{}();
  options.max_parallel = static_cast<std::size_t>(config.max_parallel);
  options.backoff.recovery_after = config.recovery_after;
  options.backoff.recovery_delay = config.recovery_delay;
  return options;
}

// A plain socket, or with both tls keys an HTTPS one. Throws Poco exceptions (a bad PEM file,
// an address in use), which start() reports naming the keys.
Poco::Net::ServerSocket listeningSocket(const ServiceConfig& config) {
  const Poco::Net::SocketAddress address(config.host, static_cast<Poco::UInt16>(config.port));
  if (!config.tls_certificate) return Poco::Net::ServerSocket(address);
  Poco::Net::initializeSSL();  // reference-counted; OpenSSL set up once per process
  Poco::Net::Context::Ptr context = new Poco::Net::Context(
      Poco::Net::Context::TLS_SERVER_USE, config.tls_private_key->string(),
      config.tls_certificate->string(), "", Poco::Net::Context::VERIFY_NONE);
  context->disableProtocols(Poco::Net::Context::PROTO_SSLV2 | Poco::Net::Context::PROTO_SSLV3 |
                            Poco::Net::Context::PROTO_TLSV1 | Poco::Net::Context::PROTO_TLSV1_1);
  return Poco::Net::SecureServerSocket(address, 64, context);
}

}  // namespace

Service::Service(ServiceConfig config, Backend& backend, JsonLog& log, Metrics& metrics,
                 scheduler::TimerSource& timers, scheduler::Executor& executor)
    : config_(std::move(config)),
      backend_(backend),
      log_(log),
      metrics_(metrics),
      timers_(timers),
      scheduler_(timers, executor,
                 [this](store::OrgId org, const scheduler::Trigger& trigger) {
                   return runLogged(org, trigger);
                 },
                 schedulerOptions(config_)) {
  metrics_.onRender([this](Metrics& m) {
    auto stats = scheduler_.stats();
    m.set("accord_queue_depth", {}, static_cast<double>(stats.queued));
    m.set("accord_sync_follow_ups", {}, static_cast<double>(stats.follow_ups));
    m.set("accord_syncs_running", {}, static_cast<double>(stats.running));
  });
}

Service::~Service() { shutdown(); }

scheduler::RunOutcome Service::runLogged(store::OrgId org, const scheduler::Trigger& trigger) {
  LogFields fields{"sync", org, std::nullopt, std::nullopt};
  log_.write(sdk::LogLevel::info, "sync started: " + trigger.describe(), fields);
  auto outcome = backend_.runSync(org, trigger);
  if (outcome.run != 0) fields.run = outcome.run;
  log_.write(outcome.label() == "failed" ? sdk::LogLevel::warn : sdk::LogLevel::info,
             "sync ended: " + std::string(outcome.label()) +
                 (outcome.error ? ": " + outcome.error->describe() : ""),
             fields);
  for (const auto& [connection, error] : outcome.failed_connections) {
    LogFields c = fields;
    c.connection = connection;
    log_.write(sdk::LogLevel::warn, "connection failed: " + error.describe(), c);
  }
  return outcome;
}

sdk::Result<void> Service::start() {
  auto schedules = backend_.schedules();
  if (!schedules.ok()) return schedules.error();
  for (const auto& schedule : schedules.value()) scheduler_.add(schedule);
  {
    std::lock_guard lock(refresh_->mutex);
    refresh_->service = this;
    armRefresh();
  }
  try {
    Poco::Net::ServerSocket socket = listeningSocket(config_);
    auto params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(config_.threads);
    params->setKeepAlive(false);
    server_ = std::make_unique<Poco::Net::HTTPServer>(new RouteFactory(*this), socket, params);
    server_->start();
  } catch (const Poco::Exception& e) {
    return sdk::makeError(sdk::ErrorKind::invalid_config,
                          "cannot listen on " + config_.host + ":" + std::to_string(config_.port) +
                              (config_.tls_certificate ? " (server.host, server.port, tls.certificate, tls.private_key): "
                                                       : " (server.host, server.port): ") +
                              e.displayText(),
                          "server.port");
  }
  log_.write(sdk::LogLevel::info,
             std::string(config_.tls_certificate ? "listening (HTTPS) on " : "listening on ") + config_.host + ":" + std::to_string(port()) + " with " +
                 std::to_string(schedules->size()) + " connection(s) scheduled",
             LogFields{"service", std::nullopt, std::nullopt, std::nullopt});
  return {};
}

void Service::armRefresh() {
  refresh_->timer = timers_.schedule(timers_.now() + config_.refresh, [anchor = refresh_] {
    std::lock_guard lock(anchor->mutex);
    if (anchor->service) anchor->service->refreshSchedules();
  });
}

void Service::refreshSchedules() {
  LogFields fields{"service", std::nullopt, std::nullopt, std::nullopt};
  auto schedules = backend_.schedules();
  if (schedules.ok()) {
    auto [added, removed] = scheduler_.reconcile(schedules.value());
    if (added || removed) {
      log_.write(sdk::LogLevel::info,
                 "connections scheduled: " + std::to_string(added) + " added, " +
                     std::to_string(removed) + " removed",
                 fields);
    }
  } else {
    log_.write(sdk::LogLevel::warn,
               "cannot read the connections: " + schedules.error().describe(), fields);
  }
  armRefresh();
}

int Service::port() const { return server_ ? server_->port() : 0; }

void Service::shutdown() {
  if (stopped_) return;
  stopped_ = true;
  {
    std::lock_guard lock(refresh_->mutex);
    refresh_->service = nullptr;
    if (refresh_->timer) timers_.cancel(*refresh_->timer);
  }
  LogFields fields{"service", std::nullopt, std::nullopt, std::nullopt};
  log_.write(sdk::LogLevel::info, "stopping: running syncs finish the page in hand", fields);
  if (server_) server_->stopAll(false);
  backend_.requestStop();
  scheduler_.stop();
  log_.write(sdk::LogLevel::info, "stopped", fields);
}

}  // namespace accord::service
