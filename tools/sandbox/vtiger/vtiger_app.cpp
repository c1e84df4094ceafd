#include "sandbox/vtiger/vtiger_app.h"

#include "sandbox/vtiger/json_text.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <mutex>
#include <sstream>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

namespace accord::sandbox::vtiger {
namespace {

using Poco::JSON::Object;

struct Operation {
  const char* name;
  bool post;      // reads its parameters from the POST body, else from the query string
  bool prelogin;  // needs no session
  bool writes;
};

// modules/Users/DefaultDataPopulator.php's vtiger_ws_operation rows, for what the sandbox serves.
constexpr Operation kOperations[] = {
    {"getchallenge", false, true, false}, {"login", true, true, false},
    {"extendsession", true, true, false}, {"logout", true, false, false},
    {"listtypes", false, false, false},   {"describe", false, false, false},
    {"create", true, false, true},        {"retrieve", false, false, false},
    {"update", true, false, true},        {"revise", true, false, true},
    {"delete", true, false, true},        {"query", false, false, false},
    {"sync", false, false, false},
};

const Operation* findOperation(const std::string& name) {
  for (const Operation& op : kOperations) {
    if (name == op.name) return &op;
  }
  return nullptr;
}

std::optional<std::string> lookup(const Pairs& pairs, std::string_view name) {
  for (const auto& [k, v] : pairs) {
    if (k == name) return v;
  }
  return std::nullopt;
}

Response success(const JsonText& result) {
  return Response::json(200, "{\"success\":true,\"result\":" + result + "}");
}

Response failure(const WsError& error) {
  // vtiger answers its own errors with HTTP 200.
  return Response::json(200, "{\"success\":false,\"error\":{\"code\":" + jsonQuote(error.code) +
                                 ",\"message\":" + jsonQuote(error.message) + "}}");
}

template <typename T>
Response reply(const WsResult<T>& result) {
  return result.ok() ? success(result.value()) : failure(result.error());
}

// The element parameter: JSON text of an object. Empty means an empty element, as PHP's
// decode of nothing leaves every field missing; anything else unparsable is vtiger's
// generic failure.
WsResult<Object::Ptr> parseElement(const std::string& text) {
  if (text.empty()) return Object::Ptr(new Object);
  try {
    Poco::Dynamic::Var parsed = Poco::JSON::Parser().parse(text);
    if (parsed.type() == typeid(Object::Ptr)) return parsed.extract<Object::Ptr>();
  } catch (const std::exception&) {
  }
  return wsError(code::kInternal, message::kUnknownError);
}

// listtypes' fieldTypeList: a JSON array of type names; anything else means no filter.
std::vector<std::string> fieldTypes(const std::string& text) {
  std::vector<std::string> types;
  if (text.empty()) return types;
  try {
    Poco::Dynamic::Var parsed = Poco::JSON::Parser().parse(text);
    if (parsed.type() == typeid(Poco::JSON::Array::Ptr)) {
      for (const auto& t : *parsed.extract<Poco::JSON::Array::Ptr>()) types.push_back(t.toString());
    }
  } catch (const std::exception&) {
  }
  return types;
}

std::int64_t toInt(const std::string& text) {
  try {
    return text.empty() ? 0 : std::stoll(text);
  } catch (const std::exception&) {
    return 0;  // like PHP's date() of a non-number
  }
}

}  // namespace

std::optional<RateLimits> editionLimits(std::string_view edition) {
  using std::chrono::hours;
  using std::chrono::minutes;
  using std::chrono::seconds;
  auto limits = [](std::uint64_t minute, std::uint64_t hour, std::uint64_t day) {
    RateLimits l;
    l.windows = {{"minute", seconds(minutes(1)), minute},
                 {"hour", seconds(hours(1)), hour},
                 {"day", seconds(hours(24)), day}};
    return l;
  };
  if (edition == "Standard") return limits(30, 1000, 5000);
  if (edition == "Professional") return limits(60, 2000, 10000);
  if (edition == "Enterprise") return limits(120, 5000, 25000);
  if (edition == "unlimited") return RateLimits{};
  return std::nullopt;
}

VtigerApp::VtigerApp(const Clock& clock, VtigerOptions options)
    : clock_(clock), options_(std::move(options)), service_(clock), sessions_(clock, options_.sessions) {
  service_.user().user_name = options_.user_name;
  service_.user().access_key = options_.access_key;
  RateLimits limits = options_.limits ? *options_.limits
                                      : editionLimits(options_.edition).value_or(RateLimits{});
  if (!limits.windows.empty() || limits.concurrent > 0) {
    limiter_ = std::make_unique<RateLimiter>(clock_, std::move(limits));
  }
}

void VtigerApp::seed(const SeedData& data) {
  std::unique_lock lock(mutex_);
  service_.seed(data);
}

std::string VtigerApp::saveState() const {
  std::shared_lock lock(mutex_);
  return service_.saveState();
}

WsResult<bool> VtigerApp::loadState(const std::string& json) {
  std::unique_lock lock(mutex_);
  return service_.loadState(json);
}

std::optional<std::string> VtigerApp::saveStateFile(const std::string& path) const {
  const std::string json = saveState();
  const std::string temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << json;
    if (!out) return "cannot write vTiger state to " + temp;
  }
  // Rename so that a crash never leaves half a state file behind.
  if (std::rename(temp.c_str(), path.c_str()) != 0) return "cannot replace vTiger state " + path;
  return std::nullopt;
}

std::optional<std::string> VtigerApp::loadStateFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "cannot read vTiger state from " + path;
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto loaded = loadState(buffer.str());
  if (!loaded.ok()) return path + ": " + loaded.error().message;
  return std::nullopt;
}

Response VtigerApp::rateLimited(const RateDecision& decision) const {
  std::uint64_t limit = 0;
  for (const RateWindow& w : (options_.limits ? *options_.limits
                                              : editionLimits(options_.edition).value_or(RateLimits{}))
                                 .windows) {
    if (w.name == decision.problem) limit = w.limit;
  }
  Response response = failure(wsError(code::kTooManyRequests,
                                      "API rate limit exceeded: " + std::to_string(limit) +
                                          " calls per " + decision.problem + " (" +
                                          options_.edition + " edition)"));
  response.status = 429;
  response.setHeader("Retry-After", std::to_string(std::max<std::int64_t>(1, decision.retry_after.count())));
  response.setHeader("X-Rate-Limit-Problem", decision.problem);
  return response;
}

Response VtigerApp::injectedError(int status, const Request& request) {
  if (status == 429) {
    RateDecision decision;
    decision.allowed = false;
    decision.problem = "minute";
    decision.retry_after = std::chrono::seconds(1);
    (void)request;
    return rateLimited(decision);
  }
  Response response;
  response.status = status;
  response.setHeader("Content-Type", "text/html; charset=iso-8859-1");
  response.body = "<html><head><title>" + std::to_string(status) +
                  " Error</title></head><body><h1>Service Unavailable</h1></body></html>\n";
  return response;
}

void VtigerApp::expireCredentials(const Request& request) {
  auto name = lookup(request.form(), "sessionName");
  if (!name) name = lookup(request.query, "sessionName");
  if (name) sessions_.expire(*name);
}

Response VtigerApp::handle(const Request& request) {
  const std::string_view path = request.path;
  const std::string_view endpoint = "webservice.php";
  if (path.size() < endpoint.size() || path.substr(path.size() - endpoint.size()) != endpoint) {
    return Response::json(404, "{\"success\":false,\"error\":{\"code\":\"NOT_FOUND\",\"message\":"
                               "\"The sandbox serves /webservice.php only\"}}");
  }
  const Pairs post = request.method == "POST" ? request.form() : Pairs{};
  // $_REQUEST: POST values win over query-string values of the same name.
  auto fromRequest = [&](std::string_view name) {
    auto value = lookup(post, name);
    return value ? value : lookup(request.query, name);
  };
  std::string operation = fromRequest("operation").value_or("");
  std::transform(operation.begin(), operation.end(), operation.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const Operation* op = findOperation(operation);
  if (!op) return failure(wsError(code::kUnknownOperation, "Unknown operation requested"));

  std::string user;
  if (op->prelogin) {
    user = (op->post ? lookup(post, "username") : lookup(request.query, "username")).value_or("");
  } else {
    const std::string session = fromRequest("sessionName").value_or("");
    if (session.empty() || session == "null") {
      return failure(wsError(code::kAuthRequired, "Authencation required"));
    }
    auto valid = sessions_.validate(session);
    if (!valid.ok()) return failure(valid.error());
    user = valid.value();
  }
  if (limiter_) {
    const RateDecision decision = limiter_->check(user.empty() ? "anonymous" : user);
    if (!decision.allowed) return rateLimited(decision);
  }
  return dispatch(operation, request, op->post);
}

Response VtigerApp::dispatch(const std::string& operation, const Request& request,
                             bool post_input) {
  const Pairs input = post_input ? (request.method == "POST" ? request.form() : Pairs{})
                                 : request.query;
  if (operation == "getchallenge" || operation == "login" || operation == "extendsession" ||
      operation == "logout") {
    return sessionOperation(operation, input);
  }
  auto param = [&](std::string_view name) { return lookup(input, name).value_or(""); };
  if (operation == "create" || operation == "update" || operation == "revise") {
    auto element = parseElement(param("element"));
    if (!element.ok()) return failure(element.error());
    std::unique_lock lock(mutex_);
    if (operation == "create") return reply(service_.create(param("elementType"), *element.value()));
    if (operation == "update") return reply(service_.update(*element.value()));
    return reply(service_.revise(*element.value()));
  }
  if (operation == "delete") {
    std::unique_lock lock(mutex_);
    return reply(service_.remove(param("id")));
  }
  std::shared_lock lock(mutex_);
  if (operation == "listtypes") return success(service_.listTypes(fieldTypes(param("fieldTypeList"))));
  if (operation == "describe") return reply(service_.describe(param("elementType")));
  if (operation == "retrieve") return reply(service_.retrieve(param("id")));
  if (operation == "query") return reply(service_.query(param("query")));
  return reply(service_.sync(toInt(param("modifiedTime")), param("elementType")));
}

Response VtigerApp::sessionOperation(const std::string& operation, const Pairs& input) {
  auto param = [&](std::string_view name) { return lookup(input, name).value_or(""); };
  if (operation == "getchallenge") {
    const std::string name = param("username");
    if (name.empty()) return failure(wsError(code::kAccessDenied, "No username given"));
    if (name != options_.user_name) {
      return failure(wsError(code::kAccessDenied, "username does not exists"));
    }
    const Challenge c = sessions_.challenge(name);
    return success("{\"token\":" + jsonQuote(c.token) + ",\"serverTime\":" +
                   std::to_string(c.server_time) + ",\"expireTime\":" +
                   std::to_string(c.expire_time) + "}");
  }
  if (operation == "login") {
    auto session = sessions_.login(param("username"), param("accessKey"), options_.access_key);
    if (!session.ok()) return failure(session.error());
    return success(objectText({{"sessionName", session.value()}, {"userId", "19x1"},
                               {"version", "0.22"}, {"vtigerVersion", "7.5.0"}}));
  }
  if (operation == "logout") {
    sessions_.logout(param("sessionName"));
    return success(objectText({{"message", "successfull"}}));
  }
  // extendsession needs the web UI's PHP session cookie, which webservice clients lack.
  return failure(wsError(code::kAuthRequired, "Authencation required"));
}

}  // namespace accord::sandbox::vtiger
