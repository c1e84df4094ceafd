#include "cli/admin_api.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "cli/api_routes.h"
#include "cli/cli.h"
#include "store/store.h"

namespace accord::cli {
namespace {

using service::ApiRequest;
using service::ApiResponse;
using Params = std::vector<std::pair<std::string, std::string>>;

// Thrown inside a request, answered in the one error shape.
struct ApiError : std::runtime_error {
  ApiError(int status_, std::string code_, const std::string& message, std::string field_ = "")
      : std::runtime_error(message), status(status_), code(std::move(code_)),
        field(std::move(field_)) {}
  int status;
  std::string code;
  std::string field;
};

std::string stringify(const Poco::Dynamic::Var& value) {
  std::ostringstream out;
  Poco::JSON::Stringifier::stringify(value, out);
  return out.str();
}

ApiResponse errorResponse(const ApiError& e) {
  Poco::JSON::Object error(Poco::JSON_PRESERVE_KEY_ORDER);
  error.set("code", e.code);
  error.set("message", std::string(e.what()));
  if (!e.field.empty()) error.set("field", e.field);
  Poco::JSON::Object body;
  body.set("error", error);
  ApiResponse response;
  response.status = e.status;
  response.body = stringify(body);
  return response;
}

// A command's refusal: "no ..." is a missing thing (404), anything else a refusal (422). The
// field is the config key a message names ("config: key 'page.size': ...").
ApiError refusal(const std::string& message) {
  static const std::regex key("key '([^']+)'");
  std::smatch m;
  std::string field = std::regex_search(message, m, key) ? m[1].str() : "";
  if (message.rfind("no ", 0) == 0) return ApiError(404, "not_found", message, field);
  return ApiError(422, "failed", message, field);
}

// The request's fields: a JSON object body (POST, PUT) over the query string.
class Fields {
 public:
  explicit Fields(const ApiRequest& request) {
    for (const auto& [name, value] : request.query) values_[name] = value;
    if (request.body.find_first_not_of(" \t\r\n") == std::string::npos) return;
    Poco::JSON::Object::Ptr object;
    try {
      auto root = Poco::JSON::Parser().parse(request.body);
      if (root.type() == typeid(Poco::JSON::Object::Ptr)) {
        object = root.extract<Poco::JSON::Object::Ptr>();
      }
    } catch (const Poco::Exception& e) {
      throw ApiError(400, "bad_request", "the body is not valid JSON: " + e.message());
    }
    if (!object) throw ApiError(400, "bad_request", "the body must be a JSON object");
    for (const auto& [name, value] : *object) values_[name] = value;
  }
  std::optional<Poco::Dynamic::Var> take(const std::string& name) {
    auto it = values_.find(name);
    if (it == values_.end()) return std::nullopt;
    auto value = it->second;
    values_.erase(it);
    return value;
  }
  // Called once every known field was taken: what is left is a mistake.
  void refuseRest() const {
    if (values_.empty()) return;
    const std::string& name = values_.begin()->first;
    throw ApiError(400, "bad_request", "unknown field '" + name + "' for this route", name);
  }

 private:
  std::map<std::string, Poco::Dynamic::Var> values_;
};

std::string text(const Poco::Dynamic::Var& value) {
  return value.isString() ? value.extract<std::string>() : value.toString();
}

const ApiRoute& findRoute(const ApiRequest& request, Params& params) {
  bool path_known = false;
  for (const auto& route : apiRoutes()) {
    Params found;
    if (!matchPath(route, request.path, found)) continue;
    path_known = true;
    if (route.method != request.method) continue;
    params = std::move(found);
    return route;
  }
  std::string path;
  for (const auto& s : request.path) path += "/" + s;
  if (path_known) {
    throw ApiError(405, "method_not_allowed", request.method + " is not allowed on " + path);
  }
  throw ApiError(404, "not_found", "no route for " + path);
}

std::string param(const Params& params, const std::string& name) {
  for (const auto& [key, value] : params) {
    if (key == name) return value;
  }
  return "";
}

store::AdminToken authenticate(Context& ctx, const ApiRequest& request) {
  const std::string prefix = "Bearer ";
  if (request.authorization.rfind(prefix, 0) != 0) {
    throw ApiError(401, "unauthorized", "an admin token is needed: Authorization: Bearer TOKEN");
  }
  auto token = orFail(ctx.store().adminTokens().verify(request.authorization.substr(prefix.size())));
  if (!token) throw ApiError(401, "unauthorized", "the token is not known (revoked?)");
  return *token;
}

// The organisation an issue-scoped {ID} belongs to: a match issue's number, else a record id.
std::optional<store::OrgId> orgOfIssueOrRecord(Context& ctx, const std::string& id) {
  const bool number = !id.empty() && std::all_of(id.begin(), id.end(), ::isdigit);
  if (number) {
    auto issue = ctx.store().matchIssues().get(std::stoll(id));
    if (issue) return issue->org_id;
  }
  auto record = ctx.store().records().get(id);
  if (record) return record->org_id;
  return std::nullopt;
}

// Refuses what the token may not reach; restricts listings for an organisation's token.
void authorise(Context& ctx, const ApiRoute& route, const store::AdminToken& token,
               const Params& params) {
  if (!token.org) return;  // a token for every organisation
  const std::string own = token.org_slug.value_or("?");
  switch (route.scope) {
    case ApiScope::any:
      ctx.restrictTo(*token.org);
      return;
    case ApiScope::global:
      throw ApiError(403, "forbidden", "this needs a token for every organisation; this one is "
                                       "for '" + own + "' only");
    case ApiScope::org:
      if (param(params, "ORG") != own) {
        throw ApiError(403, "forbidden", "this token is for organisation '" + own + "' only");
      }
      return;
    case ApiScope::issue: {
      const std::string id = param(params, "ID");
      if (orgOfIssueOrRecord(ctx, id) != token.org) {
        throw ApiError(404, "not_found", "no match issue or record '" + id +
                                             "' in organisation '" + own + "'");
      }
      return;
    }
    case ApiScope::callback:
      return;
  }
}

// A temporary folder for file options, removed with the request.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "accord-api-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw ApiError(500, "internal", "cannot make a temporary folder");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  std::string write(const std::string& name, const std::string& content) {
    const auto file = path_ / name;
    std::ofstream(file) << content;
    return file.string();
  }
  // Messages name the field, not the temporary file: "config: key 'x': ...".
  std::string scrub(std::string message) const {
    const std::string prefix = path_.string() + "/";
    for (auto at = message.find(prefix); at != std::string::npos; at = message.find(prefix)) {
      message.erase(at, prefix.size());
    }
    return message;
  }

 private:
  std::filesystem::path path_;
};

void takeOptions(const Command& command, const ApiRoute& route, Fields& fields, TempDir& files,
                 Invocation& inv) {
  for (const auto& option : command.options) {
    auto value = fields.take(option.name);
    if (!value) continue;
    if (!option.value_name.empty()) {
      const bool is_file = std::count(route.file_options.begin(), route.file_options.end(),
                                      option.name) > 0;
      inv.values[option.name] = is_file ? files.write(option.name, value->isString()
                                                                       ? text(*value)
                                                                       : stringify(*value))
                                        : text(*value);
      continue;
    }
    const std::string flag = text(*value);
    if (flag == "true" || flag == "1") {
      inv.flags.push_back(option.name);
    } else if (flag != "false" && flag != "0") {
      throw ApiError(400, "bad_request", "field '" + option.name + "' must be true or false",
                     option.name);
    }
  }
}

Invocation buildInvocation(const Command& command, const ApiRoute& route, const Params& params,
                           Fields& fields, TempDir& files) {
  Invocation inv;
  for (const auto& arg : route.args) {
    if (auto in_path = std::find_if(params.begin(), params.end(),
                                    [&](const auto& p) { return p.first == arg; });
        in_path != params.end()) {
      inv.args.push_back(in_path->second);
      continue;
    }
    auto value = fields.take(argField(arg));
    if (!value || text(*value).empty()) {
      throw ApiError(400, "bad_request", "missing field '" + argField(arg) + "'", argField(arg));
    }
    inv.args.push_back(text(*value));
  }
  takeOptions(command, route, fields, files, inv);
  const auto format = fields.take("format");
  const std::string wanted = format ? text(*format) : "json";
  if (wanted != "json" && wanted != "text") {
    throw ApiError(400, "bad_request", "format must be json or text", "format");
  }
  inv.json = wanted == "json";
  if (inv.json) inv.flags.push_back("json");
  fields.refuseRest();
  return inv;
}

// What the command printed, as the API answers it.
ApiResponse answer(const Invocation& inv, int code, const std::string& out) {
  ApiResponse response;
  response.headers["X-Accord-Exit-Code"] = std::to_string(code);
  if (!inv.json) {
    response.content_type = "text/plain; charset=utf-8";
    response.body = out;
    return response;
  }
  try {
    Poco::JSON::Parser().parse(out);
    response.body = out;
  } catch (const Poco::Exception&) {
    Poco::JSON::Object message;
    std::string trimmed = out;
    trimmed.erase(trimmed.find_last_not_of("\n") + 1);
    message.set("message", trimmed);
    response.body = stringify(message);
  }
  return response;
}

ApiResponse runCommand(Context& ctx, const Command& command, const Invocation& inv,
                       const std::ostringstream& out, const std::ostringstream& err,
                       const TempDir& files) {
  int code = kExitOk;
  try {
    code = command.run(ctx, inv);
  } catch (const UsageError& e) {
    throw ApiError(400, "bad_request", files.scrub(e.what()));
  } catch (const Failure& e) {
    throw refusal(files.scrub(e.what()));
  }
  if (code != kExitOk && out.str().empty()) {
    std::string message = files.scrub(err.str());
    if (message.rfind("error: ", 0) == 0) message.erase(0, 7);
    message.erase(message.find_last_not_of("\n") + 1);
    throw refusal(message);
  }
  return answer(inv, code, out.str());
}

// `sync run` asks the scheduler; the run itself is the service's, seen in `sync runs`.
ApiResponse syncNow(Context& ctx, const Invocation& inv, const AdminApi::SyncNow& sync_now) {
  if (inv.has("full")) {
    throw ApiError(400, "bad_request", "--full is for the host's own store only (accord sync run "
                                       "ORG --full there), not through the API", "full");
  }
  const auto org = orFail(ctx.store().organisations().get(inv.args[0]));
  std::optional<std::int64_t> connection;
  if (auto name = inv.value("connection")) {
    connection = orFail(ctx.store().connections().get(org.id, *name)).id;
  }
  if (!sync_now || !sync_now(org.id, connection)) {
    throw ApiError(409, "not_queued", "the sync of " + org.slug + " was not queued: the service "
                                      "is stopping");
  }
  const std::string message = "sync of " + org.slug + " queued; `accord sync runs " + org.slug +
                              "` shows it when it ends";
  Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
  body.set("org", org.slug);
  body.set("queued", true);
  body.set("message", message);
  ApiResponse response = answer(inv, kExitOk, inv.json ? stringify(body) : message + "\n");
  response.status = 202;
  return response;
}

// The app's redirect after a consent: the state names the connection (single use), the code
// is exchanged as `accord connection complete` does. No token: the browser has none.
ApiResponse oauthCallback(Context& ctx, Fields& fields, const std::ostringstream& out,
                          const std::ostringstream& err) {
  const auto field = [&](const char* name) {
    auto value = fields.take(name);
    return value ? text(*value) : std::string();
  };
  const std::string state = field("state"), code = field("code"), denied = field("error");
  if (!denied.empty()) {
    const std::string why = field("error_description");
    throw ApiError(400, "consent_refused", "the app refused the consent: " + denied +
                                               (why.empty() ? "" : " (" + why + ")"));
  }
  if (state.empty() || code.empty()) {
    throw ApiError(400, "bad_request", "the redirect needs code and state", "state");
  }
  auto consent = orFail(ctx.store().oauthStates().findByState(state));
  if (!consent) {
    throw ApiError(400, "bad_request", "this state is unknown or was used already: start again "
                                       "with accord connection authorize", "state");
  }
  const auto connection = orFail(ctx.store().connections().get(consent->connection_id));
  Invocation inv;
  inv.args = {connection.org_slug, connection.name};
  inv.values = {{"code", code}, {"state", state}};
  TempDir none;
  ApiResponse response;
  try {
    response = runCommand(ctx, *commandNamed({"connection", "complete"}), inv, out, err, none);
  } catch (const ApiError& e) {
    // The code was exchanged (the state is spent) but a tenant is still to be chosen: the
    // consent itself succeeded, and the message says how to finish.
    if (e.status != 422 || orFail(ctx.store().oauthStates().findByState(state))) throw;
    response.content_type = "text/plain; charset=utf-8";
    response.headers["X-Accord-Exit-Code"] = "1";
    response.body = "authorised " + connection.label() + " (tokens sealed)\n" + e.what() + "\n";
  }
  response.body += "You can close this window.\n";
  return response;
}

}  // namespace

AdminApi::AdminApi(Paths paths, SyncNow sync_now)
    : paths_(std::move(paths)), sync_now_(std::move(sync_now)) {}

namespace {

ApiResponse route(Context& ctx, const ApiRequest& request, const AdminApi::SyncNow& sync_now,
                  const std::ostringstream& out, const std::ostringstream& err) {
  Params params;
  const ApiRoute& route = findRoute(request, params);
  Fields fields(request);
  if (route.scope == ApiScope::callback) return oauthCallback(ctx, fields, out, err);
  const auto token = authenticate(ctx, request);
  authorise(ctx, route, token, params);
  const Command* command = commandNamed(route.command);
  if (!command) throw ApiError(500, "internal", "the route's command is missing");
  TempDir files;
  Invocation inv = buildInvocation(*command, route, params, fields, files);
  const bool has_by = std::any_of(command->options.begin(), command->options.end(),
                                  [](const OptionSpec& o) { return o.name == "by"; });
  if (has_by && !inv.value("by")) inv.values["by"] = "token:" + token.name;
  if (route.command == std::vector<std::string>{"sync", "run"}) return syncNow(ctx, inv, sync_now);
  return runCommand(ctx, *command, inv, out, err, files);
}

}  // namespace

ApiResponse AdminApi::handle(const ApiRequest& request) {
  std::lock_guard lock(mutex_);
  std::ostringstream out, err;
  Context ctx(paths_, out, err);
  try {
    return route(ctx, request, sync_now_, out, err);
  } catch (const ApiError& e) {
    return errorResponse(e);
  } catch (const Failure& e) {
    return errorResponse(refusal(e.what()));
  } catch (const UsageError& e) {
    return errorResponse(ApiError(400, "bad_request", e.what()));
  }
}

}  // namespace accord::cli
