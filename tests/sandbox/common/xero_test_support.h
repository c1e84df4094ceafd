// Shared steps for the Xero identity, limits and webhook tests: a sandbox on port 0 with a
// ManualClock, and the OAuth code flow done the way a real client does it, over HTTP.
#pragma once

#include <Poco/Base64Encoder.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/URI.h>

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "sandbox/xero/xero_app.h"
#include "test_client.h"

namespace accord::sandbox::xero::testing {

using accord::sandbox::testing::HttpResult;
using accord::sandbox::testing::send;

inline constexpr const char* kRedirect = "http://127.0.0.1:9/callback";
inline constexpr const char* kScope =
    "openid profile email offline_access accounting.transactions accounting.contacts";

inline Poco::JSON::Object::Ptr parseObject(const std::string& body) {
  return Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
}

inline Poco::JSON::Array::Ptr parseArray(const std::string& body) {
  return Poco::JSON::Parser().parse(body).extract<Poco::JSON::Array::Ptr>();
}

inline std::string basic(const std::string& id, const std::string& secret) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder.rdbuf()->setLineLength(0);
  encoder << id << ":" << secret;
  encoder.close();
  return "Basic " + out.str();
}

// The query parameters of a redirect's Location.
inline Pairs locationParams(const std::string& location) {
  return parseUrlEncoded(Poco::URI(location).getRawQuery());
}

inline std::string paramOf(const Pairs& pairs, const std::string& name) {
  for (const auto& [key, value] : pairs) {
    if (key == name) return value;
  }
  return {};
}

class XeroSandboxTest : public ::testing::Test {
 protected:
  void SetUp() override { start(defaultXeroOptions()); }

  void start(XeroOptions xero) {
    sandbox_.reset();
    XeroSandboxOptions options;
    options.xero = std::move(xero);
    sandbox_ = startXeroSandbox(std::move(options));
  }

  std::uint16_t port() const { return sandbox_->port(); }
  ManualClock& clock() { return *sandbox_->manualClock(); }
  const XeroOptions& options() { return sandbox_->app().options(); }
  std::string tenant(std::size_t i = 0) { return options().tenants.at(i).id; }

  HttpResult authorize(const std::string& extra = "", const std::string& scope = kScope) {
    std::string target = "/identity/connect/authorize?response_type=code&client_id=" +
                         options().identity.client_id + "&redirect_uri=" + urlEncode(kRedirect) +
                         "&scope=" + urlEncode(scope) + "&state=xyz123" + extra;
    return send(port(), "GET", target);
  }

  HttpResult tokenRequest(const std::string& form, const std::string& secret = "") {
    const auto& id = options().identity;
    return send(port(), "POST", "/connect/token",
                {{"Authorization", basic(id.client_id, secret.empty() ? id.client_secret : secret)},
                 {"Content-Type", "application/x-www-form-urlencoded"}},
                form);
  }

  // The whole code flow; returns the token endpoint's JSON.
  Poco::JSON::Object::Ptr login() {
    HttpResult redirect = authorize();
    EXPECT_EQ(redirect.status, 302);
    std::string code = paramOf(locationParams(redirect.header("Location")), "code");
    HttpResult token = tokenRequest("grant_type=authorization_code&code=" + urlEncode(code) +
                                    "&redirect_uri=" + urlEncode(kRedirect));
    EXPECT_EQ(token.status, 200) << token.body;
    return parseObject(token.body);
  }

  HttpResult apiGet(const std::string& access, const std::string& tenant_id,
                    const std::string& path = "/api.xro/2.0/Contacts") {
    Pairs headers{{"Authorization", "Bearer " + access}, {"Accept", "application/json"}};
    if (!tenant_id.empty()) headers.emplace_back("xero-tenant-id", tenant_id);
    return send(port(), "GET", path, headers);
  }

  std::unique_ptr<XeroSandbox> sandbox_;
};

}  // namespace accord::sandbox::xero::testing
