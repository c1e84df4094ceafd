#include "net/http_client.h"

#include <istream>
#include <sstream>

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Timespan.h>
#include <Poco/URI.h>

namespace accord::net {
namespace {

using sdk::ErrorKind;

Poco::Timespan toTimespan(std::chrono::milliseconds ms) {
  return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(ms.count()) * 1000);
}

std::unique_ptr<Poco::Net::HTTPClientSession> openSession(const Poco::URI& uri) {
  if (uri.getScheme() == "https") {
    // Why a shared context: building one loads the CA store, far too slow per request.
    static const Poco::Net::Context::Ptr context = new Poco::Net::Context(
        Poco::Net::Context::TLS_CLIENT_USE, "", Poco::Net::Context::VERIFY_RELAXED, 9, true);
    return std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), context);
  }
  return std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
}

// Reads at most `limit` bytes; more is an error rather than an unbounded allocation.
sdk::Result<std::string> readBody(std::istream& in, std::size_t limit, const std::string& url) {
  std::string body;
  char buffer[16384];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    body.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (body.size() > limit) {
      return sdk::makeError(ErrorKind::permanent, url + ": response larger than " +
                                                      std::to_string(limit) + " bytes");
    }
  }
  return body;
}

}  // namespace

PocoHttpClient::PocoHttpClient(HttpClientOptions options) : options_(options) {}

sdk::Result<sdk::HttpResponse> PocoHttpClient::send(const sdk::HttpRequest& request) {
  Poco::URI uri;
  try {
    uri = Poco::URI(request.url);
  } catch (const Poco::Exception& e) {
    return sdk::makeError(ErrorKind::plugin_bug, "malformed URL '" + request.url + "': " + e.message());
  }
  if (uri.getScheme() != "http" && uri.getScheme() != "https") {
    return sdk::makeError(ErrorKind::plugin_bug, "unsupported URL scheme in '" + request.url + "'");
  }
  const std::string where = request.method + " " + uri.getScheme() + "://" + uri.getAuthority() + uri.getPath();
  ++calls_;
  try {
    auto session = openSession(uri);
    session->setTimeout(toTimespan(options_.connect_timeout), toTimespan(options_.receive_timeout),
                        toTimespan(options_.receive_timeout));
    Poco::Net::HTTPRequest out(request.method, uri.getPathAndQuery(), Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [name, value] : request.headers) out.set(name, value);
    if (!request.body.empty() || request.method == "POST" || request.method == "PUT") {
      out.setContentLength(static_cast<std::streamsize>(request.body.size()));
    }
    session->sendRequest(out) << request.body;

    Poco::Net::HTTPResponse in;
    std::istream& stream = session->receiveResponse(in);
    auto body = readBody(stream, options_.max_response_bytes, where);
    if (!body) return std::move(body).error();
    sdk::HttpResponse response;
    response.status = static_cast<int>(in.getStatus());
    for (const auto& [name, value] : in) response.headers.emplace_back(name, value);
    response.body = std::move(body.value());
    return response;
  } catch (const Poco::TimeoutException&) {
    return sdk::makeError(ErrorKind::retryable, where + ": timed out");
  } catch (const Poco::Net::NetException& e) {
    return sdk::makeError(ErrorKind::retryable, where + ": " + e.displayText());
  } catch (const Poco::IOException& e) {
    return sdk::makeError(ErrorKind::retryable, where + ": " + e.displayText());
  } catch (const Poco::Exception& e) {
    return sdk::makeError(ErrorKind::retryable, where + ": " + e.displayText());
  }
}

}  // namespace accord::net
