#include "service/http_handlers.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <functional>
#include <sstream>

#include "service/service.h"

namespace accord::service {
namespace {

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;
using Handler = std::function<void(HTTPServerRequest&, HTTPServerResponse&)>;

class FunctionHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit FunctionHandler(Handler handler) : handler_(std::move(handler)) {}
  void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
    handler_(request, response);
  }

 private:
  Handler handler_;
};

void send(HTTPServerResponse& response, int status, const std::string& type,
          const std::string& body) {
  response.setStatus(static_cast<HTTPResponse::HTTPStatus>(status));
  response.setContentType(type);
  response.setContentLength(static_cast<std::streamsize>(body.size()));
  response.send() << body;
}

std::string stringify(const Poco::JSON::Object& object) {
  std::ostringstream out;
  object.stringify(out);
  return out.str();
}

// The one error shape of the service: {"error": {"code": "...", "message": "..."}}.
void sendError(HTTPServerResponse& response, int status, const std::string& code,
               const std::string& message) {
  Poco::JSON::Object error(Poco::JSON_PRESERVE_KEY_ORDER);
  error.set("code", code);
  error.set("message", message);
  Poco::JSON::Object body;
  body.set("error", error);
  send(response, status, "application/json", stringify(body));
}

std::vector<std::string> segments(const std::string& uri) {
  std::vector<std::string> parts;
  Poco::URI(uri).getPathSegments(parts);
  return parts;
}

void readyz(Service& service, HTTPServerResponse& response) {
  auto ready = service.backend().ready();
  if (service.scheduler().stopping()) ready = sdk::makeError(sdk::ErrorKind::retryable, "stopping");
  Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
  body.set("status", ready.ok() ? "ready" : "not_ready");
  if (!ready.ok()) body.set("reason", ready.error().message);
  Poco::JSON::Array connections;
  for (const auto& status : service.scheduler().status()) {
    Poco::JSON::Object c(Poco::JSON_PRESERVE_KEY_ORDER);
    c.set("connection", status.connection);
    c.set("label", status.label);
    c.set("state", std::string(scheduler::toString(status.state)));
    c.set("summary", status.describe());
    connections.add(c);
  }
  body.set("connections", connections);
  send(response, ready.ok() ? 200 : 503, "application/json", stringify(body));
}

// Reads at most `limit` bytes of body; false when it is longer.
bool readBody(HTTPServerRequest& request, std::size_t limit, std::string& body) {
  if (request.hasContentLength() && request.getContentLength64() > static_cast<Poco::Int64>(limit)) {
    return false;
  }
  char buffer[8192];
  auto& in = request.stream();
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    body.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (body.size() > limit) return false;
  }
  return true;
}

void webhook(Service& service, const std::string& plugin, const std::string& connection,
             HTTPServerRequest& request, HTTPServerResponse& response);

// The largest admin API body: a connection's config or settings, never bulk data.
constexpr std::size_t kMaxApiBody = 4 << 20;

// Answers one admin API request; returns the status it sent, so that api() counts every answer.
int answerApi(Service& service, HTTPServerRequest& request, HTTPServerResponse& response) {
  ApiRequest call;
  call.method = request.getMethod();
  const Poco::URI uri(request.getURI());
  uri.getPathSegments(call.path);
  for (const auto& [name, value] : uri.getQueryParameters()) call.query[name] = value;
  call.authorization = request.get("Authorization", "");
  if (!readBody(request, kMaxApiBody, call.body)) {
    sendError(response, 413, "too_large", "the request body is over 4 MiB");
    return 413;
  }
  ApiResponse answer;
  try {
    answer = service.api()(call);
  } catch (const std::exception& e) {
    // A handler bug must not take the server's worker thread down with it.
    service.log().write(sdk::LogLevel::error, std::string("admin API failed: ") + e.what(),
                        LogFields{"api", std::nullopt, std::nullopt, std::nullopt});
    sendError(response, 500, "internal", "the request failed inside the hub (logged)");
    return 500;
  }
  for (const auto& [name, value] : answer.headers) response.set(name, value);
  send(response, answer.status, answer.content_type, answer.body);
  return answer.status;
}

void api(Service& service, HTTPServerRequest& request, HTTPServerResponse& response) {
  const int status = answerApi(service, request, response);
  service.metrics().add("accord_api_requests_total",
                        {{"method", request.getMethod()}, {"status", std::to_string(status)}});
}

}  // namespace

Poco::Net::HTTPRequestHandler* RouteFactory::createRequestHandler(
    const HTTPServerRequest& request) {
  Service& service = service_;
  const auto parts = segments(request.getURI());
  const std::string& method = request.getMethod();
  auto route = [&](Handler handler) { return new FunctionHandler(std::move(handler)); };
  if (parts.size() == 1 && method == "GET") {
    if (parts[0] == "healthz") {
      return route([](auto&, auto& res) { send(res, 200, "text/plain", "ok\n"); });
    }
    if (parts[0] == "readyz") {
      return route([&service](auto&, auto& res) { readyz(service, res); });
    }
    if (parts[0] == "metrics") {
      return route([&service](auto&, auto& res) {
        send(res, 200, "text/plain; version=0.0.4", service.metrics().render());
      });
    }
  }
  if (parts.size() == 3 && parts[0] == "webhooks") {
    if (method != "POST") {
      return route([](auto&, auto& res) {
        sendError(res, 405, "method_not_allowed", "webhooks are delivered with POST");
      });
    }
    return route([&service, plugin = parts[1], connection = parts[2]](auto& req, auto& res) {
      webhook(service, plugin, connection, req, res);
    });
  }
  if (parts.size() >= 2 && parts[0] == "api" && parts[1] == "v1" && service.api()) {
    return route([&service](auto& req, auto& res) { api(service, req, res); });
  }
  return route([uri = request.getURI()](auto&, auto& res) {
    sendError(res, 404, "not_found", "no route for " + uri);
  });
}

namespace {

scheduler::Trigger webhookTrigger(const WebhookDelivery& delivery) {
  scheduler::Trigger trigger;
  trigger.kind = scheduler::TriggerKind::webhook;
  trigger.connections.insert(delivery.connection);
  for (const auto& change : delivery.result.changes) {
    trigger.changes[delivery.connection].insert({change.entity, change.id});
  }
  return trigger;
}

void webhook(Service& service, const std::string& plugin, const std::string& connection,
             HTTPServerRequest& request, HTTPServerResponse& response) {
  auto count = [&](int status) {
    service.metrics().add("accord_webhooks_total",
                          {{"plugin", plugin}, {"status", std::to_string(status)}});
  };
  std::string body;
  if (!readBody(request, service.config().max_webhook_body, body)) {
    count(413);
    return sendError(response, 413, "too_large", "the webhook body is over the configured limit");
  }
  sdk::WebhookRequest call;
  for (const auto& [name, value] : request) call.headers.emplace_back(name, value);
  call.body = std::move(body);
  auto delivery = service.backend().webhook(plugin, connection, call);
  LogFields fields{"webhook", std::nullopt, std::nullopt, std::nullopt};
  if (!delivery.ok()) {
    service.log().write(sdk::LogLevel::warn,
                        "webhook for " + plugin + "/" + connection + " could not be checked: " +
                            delivery.error().describe(),
                        fields);
    count(500);
    return sendError(response, 500, "webhook_failed", "the webhook could not be checked");
  }
  if (!delivery.value().has_value()) {
    count(404);
    return sendError(response, 404, "not_found",
                     "no " + plugin + " connection '" + connection + "'");
  }
  const WebhookDelivery& d = *delivery.value();
  fields.org = d.org;
  fields.connection = d.connection;
  const int status = d.result.http_status;
  if (status >= 200 && status < 300 && !d.result.changes.empty()) {
    bool queued = service.scheduler().trigger(d.org, webhookTrigger(d));
    service.log().write(sdk::LogLevel::info,
                        "webhook from " + d.label + ": " + std::to_string(d.result.changes.size()) +
                            " changed record(s) " +
                            (queued ? "queued for sync" : "left for the next run (backing off)"),
                        fields);
  } else if (status == 401) {
    service.log().write(sdk::LogLevel::warn, "webhook from " + d.label + " refused: bad signature",
                        fields);
  }
  count(status);
  send(response, status, "application/json", d.result.response_body);
}

}  // namespace
}  // namespace accord::service
