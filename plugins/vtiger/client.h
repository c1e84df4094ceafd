// The vtiger webservice (webservice.php) over the host's HTTP client: request building
// (GET query strings, POST form bodies), the {"success":...} envelope, and vtiger's error
// codes turned into the error kinds the hub acts on. One Client per plugin call; it keeps
// nothing beyond that call.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "accord/sdk/connector.h"
#include "accord/sdk/host_context.h"
#include "config.h"

namespace accord::plugins::vtiger {

using Params = std::vector<std::pair<std::string, std::string>>;

// What vtiger's error code means for the hub: INVALID_SESSIONID and SESSION_EXPIRED are
// auth_expired (log in again, retry once), bad credentials invalid_config, and so on (README).
// `operation` is named in the message; errors of getchallenge/login that are not transient
// are invalid_config, since only the configured user and key can cause them.
sdk::Error classifyFailure(const std::string& operation, const std::string& code,
                           const std::string& message);

// The `result` of a webservice answer, or the Error it stands for: HTTP 429 (rate_limited,
// with Retry-After), 5xx (retryable), a body that is not vtiger's envelope, or success:false.
sdk::Result<Poco::Dynamic::Var> parseAnswer(const std::string& operation,
                                            const sdk::HttpResponse& response);

// A VTQL string literal: 'value' with quotes and backslashes escaped.
std::string vtqlQuote(const std::string& value);

// md5(token + access key) as lowercase hex: the accessKey parameter of `login`.
std::string loginKey(const std::string& token, const std::string& access_key);

struct SyncAnswer {
  std::vector<Poco::JSON::Object::Ptr> updated;
  std::vector<std::string> deleted;
  std::int64_t last_modified = 0;
  bool more = false;
};

class Client {
 public:
  Client(sdk::HostContext& ctx, VtigerConfig config) : ctx_(ctx), config_(std::move(config)) {}

  // getchallenge, then login with md5(token + access key). The access key comes from the
  // connection's secrets ("access_key"), else its config.
  sdk::Result<sdk::Session> login();

  sdk::Result<Poco::JSON::Array::Ptr> query(const std::string& vtql);
  sdk::Result<SyncAnswer> sync(std::int64_t modified_after, const std::string& module);
  sdk::Result<Poco::JSON::Object::Ptr> retrieve(const std::string& id);
  sdk::Result<Poco::JSON::Object::Ptr> create(const std::string& module,
                                              const Poco::JSON::Object& element);
  sdk::Result<Poco::JSON::Object::Ptr> revise(const Poco::JSON::Object& element);
  sdk::Result<void> remove(const std::string& id);
  // The tax table as Products' describe lists it: tax name ("tax1") -> default percent.
  sdk::Result<std::map<std::string, std::string>> productTaxes();

 private:
  // One call; GET puts params in the query string, POST in a form body. With `session`, the
  // sessionName from the hub's secrets is added (auth_expired when there is none).
  sdk::Result<Poco::Dynamic::Var> call(const std::string& method, const std::string& operation,
                                       Params params, bool session = true);
  sdk::Result<Poco::JSON::Object::Ptr> objectCall(const std::string& method,
                                                  const std::string& operation, Params params);

  sdk::HostContext& ctx_;
  VtigerConfig config_;
};

}  // namespace accord::plugins::vtiger
