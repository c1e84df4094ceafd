// A VtigerApp on a ManualClock with helpers that speak webservice.php: GET and POST
// requests, login, and the {"success","result"|"error"} envelope.
#pragma once

#include <sstream>
#include <string>
#include <utility>

#include <gtest/gtest.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "sandbox/common/clock.h"
#include "sandbox/common/http.h"
#include "sandbox/vtiger/sessions.h"
#include "sandbox/vtiger/vtiger_app.h"

namespace accord::sandbox::vtiger::testing {

using Poco::JSON::Array;
using Poco::JSON::Object;

// One parsed webservice answer.
struct Answer {
  int status = 0;
  Object::Ptr body;
  bool success() const { return body && body->getValue<bool>("success"); }
  Object::Ptr result() const { return body->getObject("result"); }
  Array::Ptr resultArray() const { return body->getArray("result"); }
  std::string errorCode() const {
    auto e = body ? body->getObject("error") : nullptr;
    return e ? e->getValue<std::string>("code") : "";
  }
  std::string errorMessage() const {
    auto e = body ? body->getObject("error") : nullptr;
    return e ? e->getValue<std::string>("message") : "";
  }
};

inline Answer parseAnswer(const Response& response) {
  Answer a;
  a.status = response.status;
  a.body = Poco::JSON::Parser().parse(response.body).extract<Object::Ptr>();
  return a;
}

inline std::string formBody(const Pairs& params) {
  std::string body;
  for (const auto& [k, v] : params) body += (body.empty() ? "" : "&") + urlEncode(k) + "=" + urlEncode(v);
  return body;
}

inline std::string json(const Object::Ptr& object) {
  std::ostringstream out;
  object->stringify(out);
  return out.str();
}

class VtigerTest : public ::testing::Test {
 protected:
  explicit VtigerTest(VtigerOptions options = unlimited())
      : app_(clock_, std::move(options)) {}

  static VtigerOptions unlimited() {
    VtigerOptions options;
    options.edition = "unlimited";
    return options;
  }

  Answer get(Pairs params) {
    Request r;
    r.method = "GET";
    r.path = "/webservice.php";
    r.query = std::move(params);
    return parseAnswer(app_.handle(r));
  }

  Answer post(const Pairs& params) {
    Request r;
    r.method = "POST";
    r.path = "/webservice.php";
    r.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
    r.body = formBody(params);
    return parseAnswer(app_.handle(r));
  }

  // getchallenge + login with md5(token + accessKey); returns the sessionName.
  std::string login() {
    Answer challenge = get({{"operation", "getchallenge"}, {"username", "admin"}});
    EXPECT_TRUE(challenge.success());
    const std::string token = challenge.result()->getValue<std::string>("token");
    Answer login = post({{"operation", "login"}, {"username", "admin"},
                         {"accessKey", md5Hex(token + app_.accessKey())}});
    EXPECT_TRUE(login.success()) << login.errorMessage();
    return login.success() ? login.result()->getValue<std::string>("sessionName") : "";
  }

  Answer create(const std::string& session, const std::string& type, const Object::Ptr& element) {
    return post({{"operation", "create"}, {"sessionName", session}, {"elementType", type},
                 {"element", json(element)}});
  }

  Answer query(const std::string& session, const std::string& vtql) {
    return get({{"operation", "query"}, {"sessionName", session}, {"query", vtql}});
  }

  Object::Ptr account(const std::string& name) {
    Object::Ptr e = new Object;
    e->set("accountname", name);
    e->set("assigned_user_id", "19x1");
    return e;
  }

  // Creates an Accounts record and returns its id, "11x<n>".
  std::string createAccount(const std::string& session, const std::string& name) {
    Answer a = create(session, "Accounts", account(name));
    EXPECT_TRUE(a.success()) << a.errorMessage();
    return a.success() ? a.result()->getValue<std::string>("id") : "";
  }

  ManualClock clock_;
  VtigerApp app_;
};

}  // namespace accord::sandbox::vtiger::testing
