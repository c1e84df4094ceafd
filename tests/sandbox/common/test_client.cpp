#include "test_client.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

namespace accord::sandbox::testing {

std::string HttpResult::header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) return value;
  }
  return {};
}

HttpResult send(std::uint16_t port, const std::string& method, const std::string& target,
                const Pairs& headers, const std::string& body, int timeout_ms) {
  HttpResult result;
  try {
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    session.setTimeout(Poco::Timespan(0, timeout_ms * 1000));
    Poco::Net::HTTPRequest request(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [name, value] : headers) request.set(name, value);
    request.setContentLength64(static_cast<Poco::Int64>(body.size()));
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::istream& stream = session.receiveResponse(response);
    result.status = response.getStatus();
    for (const auto& [name, value] : response) result.headers.emplace_back(name, value);
    Poco::StreamCopier::copyToString(stream, result.body);
  } catch (const std::exception& error) {
    result.failed = true;
    result.error = error.what();
  }
  return result;
}

}  // namespace accord::sandbox::testing
