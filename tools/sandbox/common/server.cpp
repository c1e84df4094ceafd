#include "sandbox/common/server.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/StreamCopier.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

#include <condition_variable>
#include <exception>
#include <thread>

namespace accord::sandbox {

struct Server::Impl {
  App& app;
  ServerOptions options;
  Poco::Net::ServerSocket socket;
  Poco::ThreadPool pool;
  std::unique_ptr<Poco::Net::HTTPServer> http;

  std::mutex mutex;  // guards injector, stopping, started
  std::condition_variable wake;
  FaultInjector injector;
  std::atomic<std::uint64_t> sequence{0};
  std::atomic<std::uint64_t> served{0};
  bool stopping = false;
  bool started = false;

  Impl(App& a, std::uint16_t port, FaultOptions faults, ServerOptions opts)
      : app(a),
        options(opts),
        socket(Poco::Net::SocketAddress("127.0.0.1", port), 64),
        pool(2, opts.max_threads),
        injector(faults) {}

  Request readRequest(Poco::Net::HTTPServerRequest& in) const;
  Response respond(const Request& request);
  void hang();
};

namespace {

class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(Server::Impl& impl) : impl_(impl) {}
  void handleRequest(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out) override;

 private:
  Server::Impl& impl_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(Server::Impl& impl) : impl_(impl) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new Handler(impl_);
  }

 private:
  Server::Impl& impl_;
};

void writeResponse(const Response& response, Poco::Net::HTTPServerResponse& out) {
  out.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status));
  for (const auto& [name, value] : response.headers) {
    if (iequals(name, "Content-Type")) {
      out.setContentType(value);
    } else {
      out.add(name, value);
    }
  }
  out.setContentLength64(static_cast<Poco::Int64>(response.body.size()));
  std::ostream& stream = out.send();
  stream.write(response.body.data(), static_cast<std::streamsize>(response.body.size()));
}

}  // namespace

Request Server::Impl::readRequest(Poco::Net::HTTPServerRequest& in) const {
  Request request;
  request.method = in.getMethod();
  Poco::URI uri(in.getURI());
  request.path = uri.getPath();  // Poco decodes the path
  request.query = parseUrlEncoded(uri.getRawQuery());
  for (const auto& [name, value] : in) request.headers.emplace_back(name, value);
  Poco::StreamCopier::copyToString(in.stream(), request.body);
  return request;
}

void Server::Impl::hang() {
  std::unique_lock lock(mutex);
  wake.wait_for(lock, options.hang_time, [this] { return stopping; });
}

Response Server::Impl::respond(const Request& request) {
  FaultPlan plan;
  std::chrono::milliseconds latency{0};
  bool spare_token_answers = false;
  {
    std::lock_guard lock(mutex);
    plan = injector.planFor(sequence++);
    latency = injector.options().latency;
    spare_token_answers = injector.options().spare_token_answers;
  }
  if (latency.count() > 0) std::this_thread::sleep_for(latency);
  const bool loses_answer = plan.kind == FaultKind::kMalformed ||
                            plan.kind == FaultKind::kTruncate || plan.kind == FaultKind::kHang;
  if (loses_answer && spare_token_answers &&
      app.spendsSingleUseGrant(request)) {
    plan = FaultPlan{};
  }
  switch (plan.kind) {
    case FaultKind::kError:
    case FaultKind::kBurst429:
      return app.injectedError(plan.status, request);
    case FaultKind::kTokenExpiry:
      app.expireCredentials(request);
      break;
    default:
      break;
  }
  Response response = app.handle(request);
  if (plan.kind == FaultKind::kMalformed) response.body = malformBody(response.body);
  if (plan.kind == FaultKind::kTruncate) response.body = truncateBody(response.body);
  if (plan.kind == FaultKind::kHang) response.status = -1;  // marker: answer nothing
  return response;
}

void Handler::handleRequest(Poco::Net::HTTPServerRequest& in,
                            Poco::Net::HTTPServerResponse& out) {
  Response response;
  try {
    Request request = impl_.readRequest(in);
    response = impl_.respond(request);
  } catch (const std::exception& error) {
    response = Response::json(500, "{\"message\":" + jsonQuote(error.what()) + "}");
  }
  ++impl_.served;
  if (response.status == -1) {
    // Why no answer at all: clients must cope with a server that accepts and goes silent.
    impl_.hang();
    out.setKeepAlive(false);
    return;
  }
  out.setKeepAlive(in.getKeepAlive());
  writeResponse(response, out);
}

Server::Server(App& app, std::uint16_t port, FaultOptions faults, ServerOptions options)
    : impl_(std::make_unique<Impl>(app, port, faults, options)) {}

Server::~Server() { stop(); }

void Server::start() {
  std::lock_guard lock(impl_->mutex);
  if (impl_->started) return;
  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(impl_->options.max_threads);
  params->setMaxQueued(impl_->options.max_queued);
  params->setKeepAlive(true);
  params->setMaxKeepAliveRequests(0);  // unlimited
  params->setKeepAliveTimeout(Poco::Timespan(10, 0));
  impl_->http = std::make_unique<Poco::Net::HTTPServer>(new Factory(*impl_), impl_->pool,
                                                        impl_->socket, params);
  impl_->http->start();
  impl_->started = true;
}

void Server::stop() {
  {
    std::lock_guard lock(impl_->mutex);
    if (!impl_->started) return;
    impl_->stopping = true;
    impl_->started = false;
  }
  impl_->wake.notify_all();
  impl_->http->stopAll(true);
  impl_->pool.joinAll();
  impl_->http.reset();
  std::lock_guard lock(impl_->mutex);
  impl_->stopping = false;
}

std::uint16_t Server::port() const { return impl_->socket.address().port(); }

std::string Server::baseUrl() const { return "http://127.0.0.1:" + std::to_string(port()); }

void Server::setFaults(FaultOptions faults) {
  std::lock_guard lock(impl_->mutex);
  impl_->injector = FaultInjector(faults);
  impl_->sequence = 0;
}

std::uint64_t Server::requestCount() const { return impl_->served; }

}  // namespace accord::sandbox
