#include "cli/remote.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

#include "cli/api_routes.h"

namespace accord::cli {
namespace {

std::string envOr(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

std::string readToken(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw Failure(file + ": the token file cannot be read (--token-file)");
  std::string token;
  std::getline(in, token);
  token.erase(token.find_last_not_of(" \t\r\n") + 1);
  if (token.empty()) throw Failure(file + ": the token file is empty (--token-file)");
  return token;
}

std::string joinWords(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

// A file option's content as JSON, as the route expects it; Failure naming the file.
Poco::Dynamic::Var fileJson(const std::string& option, const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Failure(path + ": cannot be read (--" + option + ")");
  std::stringstream text;
  text << in.rdbuf();
  try {
    return Poco::JSON::Parser().parse(text.str());
  } catch (const Poco::Exception& e) {
    throw Failure(path + ": not valid JSON (--" + option + "): " + e.message());
  }
}

// Path with the arguments in it, and every other argument, option and flag as a field.
struct Call {
  std::string method;
  Poco::URI uri;
  Poco::JSON::Object body;
};

Call buildCall(const ApiRoute& route, const Invocation& inv, const Remote& remote) {
  Call call{route.method, Poco::URI(remote.url), {}};
  std::string path = call.uri.getPath();
  if (!path.empty() && path.back() == '/') path.pop_back();
  std::string route_path = route.path;
  for (std::size_t i = 0; i < route.args.size(); ++i) {
    const std::string placeholder = "{" + route.args[i] + "}";
    std::string encoded;
    Poco::URI::encode(inv.args[i], "/?#[]@!$&'()*+,;=%", encoded);
    if (auto at = route_path.find(placeholder); at != std::string::npos) {
      route_path.replace(at, placeholder.size(), encoded);
    } else {
      call.body.set(argField(route.args[i]), inv.args[i]);
    }
  }
  call.uri.setPath(path + route_path);
  for (const auto& [name, value] : inv.values) {
    if (name == "server" || name == "token-file") continue;
    const bool is_file = std::count(route.file_options.begin(), route.file_options.end(), name);
    if (is_file) {
      call.body.set(name, fileJson(name, value));
    } else {
      call.body.set(name, value);
    }
  }
  for (const auto& flag : inv.flags) {
    if (flag != "json") call.body.set(flag, true);
  }
  const bool has_body = route.method == "POST" || route.method == "PUT";
  if (!has_body) {
    for (const auto& [name, value] : call.body) call.uri.addQueryParameter(name, value.toString());
    call.body.clear();
  }
  if (!inv.json) call.uri.addQueryParameter("format", "text");
  return call;
}

std::unique_ptr<Poco::Net::HTTPClientSession> sessionFor(const Poco::URI& uri) {
  if (uri.getScheme() == "https") {
    Poco::Net::initializeSSL();  // reference-counted; OpenSSL set up once per process
    const std::string ca = envOr("ACCORD_CA_FILE");
    Poco::Net::Context::Ptr context = new Poco::Net::Context(
        Poco::Net::Context::TLS_CLIENT_USE, "", "", ca, Poco::Net::Context::VERIFY_RELAXED, 9,
        ca.empty());
    // Poco's default for a certificate that fails verification asks on the console; a CLI
    // that may run in a script must refuse instead.
    Poco::Net::SSLManager::instance().initializeClient(
        nullptr, new Poco::Net::RejectCertificateHandler(false), context);
    return std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), context);
  }
  if (uri.getScheme() != "http") {
    throw Failure("--server " + uri.toString() + ": must be an http:// or https:// URL");
  }
  return std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
}

// The message of the hub's error shape, or the body as it is.
std::string errorMessage(const std::string& body) {
  try {
    auto root = Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
    auto error = root->getObject("error");
    if (error) return error->getValue<std::string>("message");
  } catch (const Poco::Exception&) {
  } catch (const std::exception&) {
  }
  return body;
}

}  // namespace

std::optional<Remote> remoteFor(const Invocation& inv) {
  Remote remote;
  remote.url = inv.value("server").value_or(envOr("ACCORD_SERVER"));
  if (remote.url.empty()) return std::nullopt;
  for (const char* local : {"db", "plugins", "key-file"}) {
    if (inv.value(local)) {
      throw UsageError(std::string("--") + local + " is for the local store; with --server the "
                       "hub uses its own");
    }
  }
  if (auto file = inv.value("token-file")) {
    remote.token = readToken(*file);
  } else {
    remote.token = envOr("ACCORD_TOKEN");
  }
  if (remote.token.empty()) {
    throw Failure("--server " + remote.url + " needs a token: $ACCORD_TOKEN or --token-file FILE");
  }
  return remote;
}

int runRemote(const Command& command, const Invocation& inv, const Remote& remote,
              std::ostream& out, std::ostream& err) {
  const std::string name = "accord " + joinWords(command.words);
  std::vector<std::string> given;
  for (const auto& [option, value] : inv.values) given.push_back(option);
  const ApiRoute* route = routeFor(command.words, inv.args.size(), given);
  if (!route) {
    err << name << ": error: works on the host's own store only, not with --server\n";
    return kExitFailure;
  }
  const Call call = buildCall(*route, inv, remote);
  std::string answer;
  Poco::Net::HTTPResponse response;
  try {
    auto session = sessionFor(call.uri);
    session->setTimeout(Poco::Timespan(300, 0));  // a preview of a large organisation
    Poco::Net::HTTPRequest request(call.method, call.uri.getPathAndQuery(),
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("Authorization", "Bearer " + remote.token);
    std::ostringstream body;
    if (call.method == "POST" || call.method == "PUT") call.body.stringify(body);
    request.setContentType("application/json");
    request.setContentLength(static_cast<std::streamsize>(body.str().size()));
    session->sendRequest(request) << body.str();
    Poco::StreamCopier::copyToString(session->receiveResponse(response), answer);
  } catch (const Poco::Exception& e) {
    err << name << ": error: " << remote.url << ": " << e.displayText() << "\n";
    return kExitFailure;
  }
  const int status = static_cast<int>(response.getStatus());
  if (status >= 200 && status < 300) {
    out << answer;
    // A command that succeeded with a verdict (preview with errors exits 1) says so.
    const std::string code = response.get("X-Accord-Exit-Code", "0");
    return code == "0" ? kExitOk : kExitFailure;
  }
  err << name << ": error: " << errorMessage(answer) << " (" << remote.url << ", HTTP "
      << status << ")\n";
  return status == 400 ? kExitUsage : kExitFailure;
}

}  // namespace accord::cli
