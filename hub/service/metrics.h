// The service's counters and gauges, rendered as Prometheus text (exposition format 0.0.4) on
// /metrics. The names are fixed here so that dashboards can rely on them:
//
//   accord_syncs_total{outcome}                  runs ended: succeeded, partial, failed
//   accord_records_total{entity,outcome}         records read (pulled, removed, unreadable) and
//                                                written (created, updated, archived, removed,
//                                                refused) through the plugins
//   accord_api_calls_total{plugin,status}        HTTP calls sent to apps, by status code
//                                                ("error" when there was no response)
//   accord_rate_limit_waits_total{plugin}        calls the rate limiter made wait
//   accord_errors_total{kind}                    run and connection errors by ErrorKind
//   accord_webhooks_total{plugin,status}         webhook calls answered, by our HTTP status
//   accord_queue_depth                           organisations waiting for a pool slot
//   accord_sync_follow_ups                       follow-up runs waiting for a running one
//   accord_syncs_running                         runs in progress
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "accord/sdk/http.h"

namespace accord::service {

using Labels = std::vector<std::pair<std::string, std::string>>;

// Thread-safe.
class Metrics {
 public:
  Metrics();  // declares the metrics listed above

  void add(const std::string& name, const Labels& labels, double by = 1);
  void set(const std::string& name, const Labels& labels, double value);
  double value(const std::string& name, const Labels& labels = {}) const;  // 0 when unset

  // Called at the start of render(), to refresh gauges read from elsewhere (queue depth).
  void onRender(std::function<void(Metrics&)> refresh);
  std::string render();

 private:
  struct Family {
    std::string help;
    std::string type;  // "counter" or "gauge"
    std::map<Labels, double> samples;
  };
  void declare(const std::string& name, std::string help, std::string type);

  mutable std::mutex mutex_;
  std::map<std::string, Family> families_;
  std::vector<std::function<void(Metrics&)>> refreshers_;
};

// Counts every call its inner client sends, by status, as accord_api_calls_total{plugin}.
class MeteredHttpClient final : public sdk::HttpClient {
 public:
  MeteredHttpClient(std::shared_ptr<sdk::HttpClient> inner, Metrics& metrics, std::string plugin)
      : inner_(std::move(inner)), metrics_(metrics), plugin_(std::move(plugin)) {}
  sdk::Result<sdk::HttpResponse> send(const sdk::HttpRequest& request) override;

 private:
  std::shared_ptr<sdk::HttpClient> inner_;
  Metrics& metrics_;
  std::string plugin_;
};

}  // namespace accord::service
