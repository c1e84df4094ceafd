#include "service/metrics.h"

#include <cmath>
#include <sstream>

namespace accord::service {
namespace {

std::string escapeLabel(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string number(double v) {
  if (std::floor(v) == v && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  std::ostringstream out;
  out.precision(17);
  out << v;
  return out.str();
}

}  // namespace

Metrics::Metrics() {
  declare("accord_syncs_total", "Sync runs ended, by outcome.", "counter");
  declare("accord_records_total", "Records read and written through plugins.", "counter");
  declare("accord_api_calls_total", "HTTP calls sent to apps, by status.", "counter");
  declare("accord_rate_limit_waits_total", "Calls the rate limiter made wait.", "counter");
  declare("accord_errors_total", "Run and connection errors, by kind.", "counter");
  declare("accord_webhooks_total", "Webhook calls answered, by HTTP status.", "counter");
  declare("accord_api_requests_total", "Admin API requests answered, by method and HTTP status.", "counter");
  declare("accord_queue_depth", "Organisations waiting for a sync slot.", "gauge");
  declare("accord_sync_follow_ups", "Follow-up runs waiting for a running one.", "gauge");
  declare("accord_syncs_running", "Sync runs in progress.", "gauge");
  set("accord_queue_depth", {}, 0);
  set("accord_sync_follow_ups", {}, 0);
  set("accord_syncs_running", {}, 0);
}

void Metrics::declare(const std::string& name, std::string help, std::string type) {
  families_[name] = Family{std::move(help), std::move(type), {}};
}

void Metrics::add(const std::string& name, const Labels& labels, double by) {
  std::lock_guard lock(mutex_);
  families_[name].samples[labels] += by;
}

void Metrics::set(const std::string& name, const Labels& labels, double value) {
  std::lock_guard lock(mutex_);
  families_[name].samples[labels] = value;
}

double Metrics::value(const std::string& name, const Labels& labels) const {
  std::lock_guard lock(mutex_);
  auto family = families_.find(name);
  if (family == families_.end()) return 0;
  auto sample = family->second.samples.find(labels);
  return sample == family->second.samples.end() ? 0 : sample->second;
}

void Metrics::onRender(std::function<void(Metrics&)> refresh) {
  std::lock_guard lock(mutex_);
  refreshers_.push_back(std::move(refresh));
}

std::string Metrics::render() {
  std::vector<std::function<void(Metrics&)>> refreshers;
  {
    std::lock_guard lock(mutex_);
    refreshers = refreshers_;
  }
  for (auto& refresh : refreshers) refresh(*this);
  std::lock_guard lock(mutex_);
  std::ostringstream out;
  for (const auto& [name, family] : families_) {
    out << "# HELP " << name << ' ' << family.help << '\n';
    out << "# TYPE " << name << ' ' << (family.type.empty() ? "untyped" : family.type) << '\n';
    for (const auto& [labels, value] : family.samples) {
      out << name;
      if (!labels.empty()) {
        out << '{';
        for (std::size_t i = 0; i < labels.size(); ++i) {
          out << (i ? "," : "") << labels[i].first << "=\"" << escapeLabel(labels[i].second)
              << '"';
        }
        out << '}';
      }
      out << ' ' << number(value) << '\n';
    }
  }
  return out.str();
}

sdk::Result<sdk::HttpResponse> MeteredHttpClient::send(const sdk::HttpRequest& request) {
  auto response = inner_->send(request);
  metrics_.add("accord_api_calls_total",
               {{"plugin", plugin_},
                {"status", response.ok() ? std::to_string(response->status) : std::string("error")}});
  return response;
}

}  // namespace accord::service
