#include "sandbox/xero/webhooks.h"

#include <Poco/Base64Encoder.h>
#include <Poco/HMACEngine.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/RandomStream.h>
#include <Poco/SHA2Engine.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <sstream>

#include "sandbox/common/http.h"

namespace accord::sandbox::xero {

namespace {

class Sha256Hmac : public Poco::SHA2Engine {
 public:
  enum { BLOCK_SIZE = 64, DIGEST_SIZE = 32 };
};

std::string entropy() {
  Poco::RandomInputStream random;
  std::string text(20, 'A');
  for (char& c : text) c = static_cast<char>('A' + static_cast<unsigned char>(random.get()) % 26);
  return text;
}

std::string resourcePath(const std::string& category) {
  if (category == "CONTACT") return "Contacts";
  if (category == "INVOICE") return "Invoices";
  if (category == "CREDITNOTE") return "CreditNotes";
  return category;
}

}  // namespace

WebhookPublisher::WebhookPublisher(const Clock& clock, WebhookOptions options)
    : clock_(clock), options_(std::move(options)) {}

WebhookPublisher::~WebhookPublisher() { stop(); }

std::string WebhookPublisher::sign(const std::string& body, const std::string& key) {
  Poco::HMACEngine<Sha256Hmac> hmac(key);
  hmac.update(body);
  const auto& digest = hmac.digest();
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder.write(reinterpret_cast<const char*>(digest.data()),
                static_cast<std::streamsize>(digest.size()));
  encoder.close();
  return out.str();
}

void WebhookPublisher::onChange(const ChangeEvent& event) {
  // Xero's eventDateUtc: milliseconds, no zone ("2025-12-02T00:44:09.923").
  std::string date = formatIsoUtc(clock_.now(), true, false);
  std::lock_guard lock(mutex_);
  // Why drop without a receiver: a benchmark writing millions of records must not grow a
  // queue nobody will read; Xero too only sends events once a webhook is configured.
  if (options_.url.empty()) return;
  queue_.push_back({event, next_sequence_++, std::move(date)});
  wake_.notify_all();
}

std::string WebhookPublisher::payload(const std::vector<Queued>& batch,
                                      const std::string& base) const {
  std::string body = "{\"events\":[";
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const ChangeEvent& e = batch[i].event;
    if (i) body += ",";
    body += "{\"resourceUrl\":" +
            jsonQuote(base + "/" + resourcePath(e.category) + "/" + e.resource_id) +
            ",\"resourceId\":" + jsonQuote(e.resource_id) + ",\"tenantId\":" + jsonQuote(e.tenant_id) +
            ",\"tenantType\":\"ORGANISATION\",\"eventCategory\":" + jsonQuote(e.category) +
            ",\"eventType\":" + jsonQuote(e.type) + ",\"eventDateUtc\":" + jsonQuote(batch[i].date);
    if (!e.data.empty()) {
      body += ",\"data\":{";
      for (std::size_t d = 0; d < e.data.size(); ++d) {
        if (d) body += ",";
        body += jsonQuote(e.data[d].first) + ":" + jsonQuote(e.data[d].second);
      }
      body += "}";
    }
    body += "}";
  }
  std::uint64_t first = batch.empty() ? 0 : batch.front().sequence;
  std::uint64_t last = batch.empty() ? 0 : batch.back().sequence;
  body += "],\"firstEventSequence\":" + std::to_string(first) +
          ",\"lastEventSequence\":" + std::to_string(last) + ",\"entropy\":\"" + entropy() + "\"}";
  return body;
}

int WebhookPublisher::post(const std::string& url, const std::string& body,
                           const std::string& signature) const {
  try {
    Poco::URI uri(url);
    Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
    session.setTimeout(Poco::Timespan(std::chrono::duration_cast<std::chrono::microseconds>(options_.timeout).count()));
    Poco::Net::HTTPRequest request("POST", uri.getPathAndQuery().empty() ? "/" : uri.getPathAndQuery(),
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.setContentType("application/json; charset=utf-8");
    request.set("x-xero-signature", signature);
    request.setContentLength64(static_cast<Poco::Int64>(body.size()));
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::string ignored;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), ignored);
    return response.getStatus();
  } catch (const std::exception&) {
    return 0;  // unreachable, refused or too slow: all count as "not delivered"
  }
}

IntentResult WebhookPublisher::verifyIntent() {
  std::string url;
  {
    std::lock_guard lock(mutex_);
    url = options_.url;
  }
  if (url.empty()) return {false, "no webhook URL configured"};
  if (url.rfind("http://", 0) != 0) {
    return {false, "webhook URL " + url + ": the sandbox delivers to http:// receivers only"};
  }
  std::string body = payload({}, {});
  std::string good = sign(body, options_.key);
  std::string bad = sign(body + " ", options_.key);
  int bad_status = post(url, body, bad);
  int good_status = post(url, body, good);
  IntentResult result;
  result.ok = bad_status == 401 && good_status == 200;
  if (!result.ok) {
    result.message = "intent to receive failed for " + url + ": a wrong signature got " +
                     std::to_string(bad_status) + " (expected 401), a right one got " +
                     std::to_string(good_status) + " (expected 200)";
  }
  std::lock_guard lock(mutex_);
  enabled_ = result.ok;
  return result;
}

bool WebhookPublisher::deliveryEnabled() const {
  std::lock_guard lock(mutex_);
  return enabled_;
}

std::size_t WebhookPublisher::flush() {
  std::lock_guard one_at_a_time(flush_mutex_);
  std::size_t delivered = 0;
  while (true) {
    std::vector<Queued> batch;
    std::string url, base;
    {
      std::lock_guard lock(mutex_);
      if (!enabled_ || queue_.empty()) break;
      url = options_.url;
      base = options_.resource_base;
      for (std::size_t i = 0; i < queue_.size() && i < options_.max_batch; ++i) batch.push_back(queue_[i]);
    }
    std::string body = payload(batch, base);
    int status = post(url, body, sign(body, options_.key));
    std::lock_guard lock(mutex_);
    if (status != 200) {
      ++stats_.failures;
      break;  // stays queued; retried on the next flush
    }
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(batch.size()));
    ++stats_.payloads;
    stats_.delivered_events += batch.size();
    delivered += batch.size();
  }
  return delivered;
}

std::size_t WebhookPublisher::pending() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

DeliveryStats WebhookPublisher::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void WebhookPublisher::setUrl(std::string url) {
  std::lock_guard lock(mutex_);
  options_.url = std::move(url);
  enabled_ = false;
}

void WebhookPublisher::setResourceBase(std::string base) {
  std::lock_guard lock(mutex_);
  options_.resource_base = std::move(base);
}

void WebhookPublisher::start() {
  std::lock_guard lock(mutex_);
  if (running_) return;
  running_ = true;
  thread_ = std::thread([this] { run(); });
}

void WebhookPublisher::stop() {
  {
    std::lock_guard lock(mutex_);
    if (!running_) return;
    running_ = false;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void WebhookPublisher::run() {
  std::unique_lock lock(mutex_);
  while (running_) {
    // Why wait first: a batch collects the changes of one interval, as Xero batches them.
    wake_.wait_for(lock, options_.interval, [this] { return !running_; });
    if (!running_) break;
    bool need_intent = !enabled_ && !options_.url.empty();
    lock.unlock();
    if (need_intent) verifyIntent();
    flush();
    lock.lock();
  }
}

}  // namespace accord::sandbox::xero
