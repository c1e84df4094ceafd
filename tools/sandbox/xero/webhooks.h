// Xero webhooks (specs/xero/xero-webhooks.yaml): changes reported by the accounting API are
// numbered, batched into {events, firstEventSequence, lastEventSequence, entropy} payloads and
// POSTed to the configured URL, signed with x-xero-signature = base64(HMAC-SHA256(body, key)).
// Nothing is delivered until the receiver passes Xero's intent-to-receive check (401 for a bad
// signature, 200 for a good one). Failed deliveries stay queued and are retried. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "sandbox/common/clock.h"
#include "sandbox/xero/events.h"

namespace accord::sandbox::xero {

struct WebhookOptions {
  std::string url;                   // http:// receiver; empty: events are dropped
  std::string key;                   // the webhook signing key shown to the developer
  std::size_t max_batch = 50;        // events per payload
  std::chrono::milliseconds interval{1000};  // background delivery cadence (real time)
  std::chrono::milliseconds timeout{5000};   // Xero expects an answer within 5 seconds
  std::string resource_base = "https://api.xero.com/api.xro/2.0";  // for resourceUrl
};

struct IntentResult {
  bool ok = false;
  std::string message;  // why it failed: which probe got which status
};

struct DeliveryStats {
  std::uint64_t delivered_events = 0;
  std::uint64_t payloads = 0;
  std::uint64_t failures = 0;
};

class WebhookPublisher : public ChangeSink {
 public:
  WebhookPublisher(const Clock& clock, WebhookOptions options);
  ~WebhookPublisher() override;

  // Queues (dropped while no URL is set); never blocks on the network.
  void onChange(const ChangeEvent& event) override;

  // Sends an empty-events payload with a wrong and then a right signature; delivery is
  // enabled only when they get 401 and 200.
  IntentResult verifyIntent();
  bool deliveryEnabled() const;
  // Delivers queued events now in batches; returns how many were accepted (HTTP 200).
  std::size_t flush();
  std::size_t pending() const;
  DeliveryStats stats() const;

  // A background thread: intent check (retried each interval until it passes), then flush.
  void start();
  void stop();

  void setUrl(std::string url);  // a new receiver must pass intent-to-receive again
  void setResourceBase(std::string base);
  const std::string& key() const { return options_.key; }

  static std::string sign(const std::string& body, const std::string& key);

 private:
  struct Queued {
    ChangeEvent event;
    std::uint64_t sequence;
    std::string date;
  };
  std::string payload(const std::vector<Queued>& batch, const std::string& base) const;
  int post(const std::string& url, const std::string& body, const std::string& signature) const;
  void run();

  const Clock& clock_;
  WebhookOptions options_;
  mutable std::mutex mutex_;
  std::mutex flush_mutex_;  // one delivery at a time keeps payloads in sequence order
  std::condition_variable wake_;
  std::deque<Queued> queue_;
  std::uint64_t next_sequence_ = 1;
  bool enabled_ = false;
  bool running_ = false;
  DeliveryStats stats_;
  std::thread thread_;
};

}  // namespace accord::sandbox::xero
