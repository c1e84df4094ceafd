#include "client.h"

#include <Poco/DigestEngine.h>
#include <Poco/JSON/Parser.h>
#include <Poco/MD5Engine.h>
#include <Poco/NumberParser.h>
#include <Poco/URI.h>

#include <map>
#include <sstream>

namespace accord::plugins::vtiger {
namespace {

using sdk::ErrorKind;
using sdk::makeError;
using Poco::JSON::Object;

std::string encode(const std::string& value) {
  std::string out;
  Poco::URI::encode(value, "!#$&'()*+,/:;=?@[]", out);
  return out;
}

std::string formEncode(const Params& params) {
  std::string body;
  for (const auto& [key, value] : params) {
    if (!body.empty()) body += '&';
    body += encode(key) + "=" + encode(value);
  }
  return body;
}

ErrorKind kindOfCode(const std::string& code) {
  static const std::map<std::string, ErrorKind> kinds = {
      {"INVALID_SESSIONID", ErrorKind::auth_expired},
      {"SESSION_EXPIRED", ErrorKind::auth_expired},
      {"SESSION_LEFT_IDLE", ErrorKind::auth_expired},
      {"AUTHENTICATION_REQUIRED", ErrorKind::auth_expired},
      {"INVALID_USER_CREDENTIALS", ErrorKind::invalid_config},
      {"AUTHENTICATION_FAILURE", ErrorKind::invalid_config},
      {"ACCESSKEY_UNDEFINED", ErrorKind::invalid_config},
      // The challenge expired between getchallenge and login: logging in again helps.
      {"INVALID_AUTH_TOKEN", ErrorKind::retryable},
      {"DATABASE_QUERY_ERROR", ErrorKind::retryable},
      {"TOO_MANY_REQUESTS", ErrorKind::rate_limited},
      {"UNKNOWN_OPERATION", ErrorKind::not_supported},
      {"OPERATION_NOT_SUPPORTED", ErrorKind::not_supported},
  };
  auto it = kinds.find(code);
  return it == kinds.end() ? ErrorKind::permanent : it->second;
}

std::optional<std::chrono::seconds> retryAfter(const sdk::HttpResponse& response) {
  auto header = response.header("Retry-After");
  int seconds = 0;
  if (header && Poco::NumberParser::tryParse(*header, seconds) && seconds >= 0) {
    return std::chrono::seconds(seconds);
  }
  return std::nullopt;
}

std::string snippet(const std::string& body) {
  return body.size() <= 120 ? body : body.substr(0, 120) + "...";
}

}  // namespace

sdk::Error classifyFailure(const std::string& operation, const std::string& code,
                           const std::string& message) {
  ErrorKind kind = kindOfCode(code);
  const bool auth_call = operation == "getchallenge" || operation == "login";
  if (auth_call && kind == ErrorKind::permanent) kind = ErrorKind::invalid_config;
  return makeError(kind, "vtiger " + operation + ": " + code + ": " + message);
}

sdk::Result<Poco::Dynamic::Var> parseAnswer(const std::string& operation,
                                            const sdk::HttpResponse& response) {
  const std::string where = "vtiger " + operation + ": ";
  if (response.status == 429) {
    sdk::Error error = makeError(ErrorKind::rate_limited, where + "HTTP 429, over the call limit");
    error.retry_after = retryAfter(response);
    return error;
  }
  if (response.status >= 500) {
    return makeError(ErrorKind::retryable, where + "HTTP " + std::to_string(response.status));
  }
  if (response.status != 200) {
    return makeError(response.status == 401 ? ErrorKind::auth_expired : ErrorKind::permanent,
                     where + "HTTP " + std::to_string(response.status) + ": " +
                         snippet(response.body));
  }
  Object::Ptr root;
  try {
    Poco::JSON::Parser parser;
    root = parser.parse(response.body).extract<Object::Ptr>();
  } catch (const Poco::Exception&) {
    root = nullptr;
  }
  // Why retryable: a PHP warning or a proxy's page in place of JSON is the server's trouble.
  if (!root || !root->has("success")) {
    return makeError(ErrorKind::retryable,
                     where + "the answer is not vtiger's JSON envelope: " + snippet(response.body));
  }
  if (root->getValue<bool>("success")) return root->get("result");
  Object::Ptr error = root->getObject("error");
  std::string code = error ? error->optValue<std::string>("code", "") : "";
  std::string message = error ? error->optValue<std::string>("message", "") : "";
  if (code.empty()) code = "UNKNOWN_ERROR";
  return classifyFailure(operation, code, message);
}

std::string vtqlQuote(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string loginKey(const std::string& token, const std::string& access_key) {
  Poco::MD5Engine md5;
  md5.update(token + access_key);
  return Poco::DigestEngine::digestToHex(md5.digest());
}

sdk::Result<Poco::Dynamic::Var> Client::call(const std::string& method,
                                             const std::string& operation, Params params,
                                             bool session) {
  params.insert(params.begin(), {"operation", operation});
  if (session) {
    auto id = ctx_.secrets().get("session_id");
    if (!id || id->empty()) {
      return makeError(ErrorKind::auth_expired, "vtiger " + operation + ": no session; log in");
    }
    params.emplace_back("sessionName", *id);
  }
  sdk::HttpRequest request;
  request.method = method;
  if (method == "GET") {
    request.url = config_.endpoint + "?" + formEncode(params);
  } else {
    request.url = config_.endpoint;
    request.setHeader("Content-Type", "application/x-www-form-urlencoded");
    request.body = formEncode(params);
  }
  auto response = ctx_.http().send(request);
  if (!response.ok()) return response.error();
  return parseAnswer(operation, response.value());
}

sdk::Result<Object::Ptr> Client::objectCall(const std::string& method,
                                            const std::string& operation, Params params) {
  auto result = call(method, operation, std::move(params));
  if (!result.ok()) return result.error();
  if (result.value().type() != typeid(Object::Ptr)) {
    return makeError(ErrorKind::permanent, "vtiger " + operation + ": result is not an object");
  }
  return result.value().extract<Object::Ptr>();
}

sdk::Result<sdk::Session> Client::login() {
  auto key = ctx_.secrets().get(kAccessKeyKey);
  std::string access_key = key ? *key : ctx_.config().getString(kAccessKeyKey);
  if (access_key.empty()) {
    return makeError(ErrorKind::invalid_config, "vtiger login: no access key configured",
                     kAccessKeyKey);
  }
  auto challenge = call("GET", "getchallenge", {{"username", config_.username}}, false);
  if (!challenge.ok()) return challenge.error();
  std::string token;
  if (challenge.value().type() == typeid(Object::Ptr)) {
    token = challenge.value().extract<Object::Ptr>()->optValue<std::string>("token", "");
  }
  if (token.empty()) {
    return makeError(ErrorKind::retryable, "vtiger getchallenge: the answer has no token");
  }
  auto login = call("POST", "login",
                    {{"username", config_.username}, {"accessKey", loginKey(token, access_key)}},
                    false);
  if (!login.ok()) return login.error();
  sdk::Session session;
  if (login.value().type() == typeid(Object::Ptr)) {
    Object::Ptr result = login.value().extract<Object::Ptr>();
    // vtiger's code answers "sessionName"; some copies of its documentation say "sessionId".
    session.id = result->optValue<std::string>("sessionName",
                                               result->optValue<std::string>("sessionId", ""));
  }
  if (session.id.empty()) {
    return makeError(ErrorKind::retryable, "vtiger login: the answer has no sessionName");
  }
  return session;
}

sdk::Result<Poco::JSON::Array::Ptr> Client::query(const std::string& vtql) {
  auto result = call("GET", "query", {{"query", vtql}});
  if (!result.ok()) return result.error();
  if (result.value().type() != typeid(Poco::JSON::Array::Ptr)) {
    return makeError(ErrorKind::permanent, "vtiger query: result is not a list of rows");
  }
  return result.value().extract<Poco::JSON::Array::Ptr>();
}

sdk::Result<SyncAnswer> Client::sync(std::int64_t modified_after, const std::string& module) {
  auto result = objectCall("GET", "sync",
                           {{"modifiedTime", std::to_string(modified_after)},
                            {"elementType", module}});
  if (!result.ok()) return result.error();
  const Object& answer = *result.value();
  SyncAnswer out;
  auto updated = answer.getArray("updated");
  auto deleted = answer.getArray("deleted");
  if (!updated || !deleted || !answer.has("lastModifiedTime")) {
    return makeError(ErrorKind::permanent,
                     "vtiger sync: the answer lacks updated, deleted or lastModifiedTime");
  }
  for (std::size_t i = 0; i < updated->size(); ++i) {
    // A row that is not an object still takes its place, as a null, so it becomes an error.
    out.updated.push_back(updated->getObject(static_cast<unsigned>(i)));
  }
  for (std::size_t i = 0; i < deleted->size(); ++i) {
    out.deleted.push_back(deleted->get(static_cast<unsigned>(i)).toString());
  }
  try {
    out.last_modified = answer.get("lastModifiedTime").convert<std::int64_t>();
    out.more = answer.has("more") && answer.get("more").convert<bool>();
  } catch (const Poco::Exception& e) {
    return makeError(ErrorKind::permanent, "vtiger sync: lastModifiedTime or more: " +
                                               std::string(e.what()));
  }
  return out;
}

sdk::Result<Object::Ptr> Client::retrieve(const std::string& id) {
  return objectCall("GET", "retrieve", {{"id", id}});
}

sdk::Result<Object::Ptr> Client::create(const std::string& module, const Object& element) {
  std::ostringstream json;
  element.stringify(json);
  return objectCall("POST", "create", {{"elementType", module}, {"element", json.str()}});
}

sdk::Result<Object::Ptr> Client::revise(const Object& element) {
  std::ostringstream json;
  element.stringify(json);
  return objectCall("POST", "revise", {{"element", json.str()}});
}

sdk::Result<void> Client::remove(const std::string& id) {
  auto result = call("POST", "delete", {{"id", id}});
  if (!result.ok()) return result.error();
  return {};
}

sdk::Result<std::map<std::string, std::string>> Client::productTaxes() {
  auto result = objectCall("GET", "describe", {{"elementType", "Products"}});
  if (!result.ok()) return result.error();
  std::map<std::string, std::string> taxes;
  auto fields = result.value()->getArray("fields");
  for (std::size_t i = 0; fields && i < fields->size(); ++i) {
    auto field = fields->getObject(static_cast<unsigned>(i));
    if (!field) continue;
    std::string name = field->optValue<std::string>("name", "");
    if (name.rfind("tax", 0) == 0 && name.size() > 3 &&
        name.find_first_not_of("0123456789", 3) == std::string::npos) {
      taxes[name] = field->optValue<std::string>("default", "");
    }
  }
  return taxes;
}

}  // namespace accord::plugins::vtiger
