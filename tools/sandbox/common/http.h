// The sandbox's view of one HTTP exchange and of a vendor API. Include as
// "sandbox/common/http.h". Vendor apps (Xero, vTiger) implement App; Server feeds them Requests.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace accord::sandbox {

using Pairs = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;  // "GET"
  std::string path;    // decoded path without query: "/api.xro/2.0/Contacts/abc"
  Pairs query;         // decoded, in order
  Pairs headers;
  std::string body;

  // Case-insensitive header lookup; first match.
  std::optional<std::string> header(std::string_view name) const;
  // First query value; the name is matched case-insensitively (Xero params are).
  std::optional<std::string> param(std::string_view name) const;
  // Decodes an application/x-www-form-urlencoded body (OAuth token endpoint, vTiger POSTs).
  Pairs form() const;
};

struct Response {
  int status = 200;
  Pairs headers;
  std::string body;

  // A response with Content-Type: application/json; charset=utf-8.
  static Response json(int status, std::string body);
  // Replaces an existing header of that name (case-insensitive) or adds it.
  void setHeader(std::string name, std::string value);
  std::optional<std::string> header(std::string_view name) const;
};

// One vendor API. handle() is called concurrently from the server's worker threads.
class App {
 public:
  virtual ~App() = default;
  virtual Response handle(const Request& request) = 0;  // must be thread-safe

  // Fault injection hooks; the defaults are vendor-neutral.
  // The body a vendor sends with an injected 5xx or 429.
  virtual Response injectedError(int status, const Request& request);
  // "Tokens that expire early": invalidate whatever credential the request carries so that
  // this and later calls with it fail the vendor's own way. Default: nothing to expire.
  virtual void expireCredentials(const Request& request);
  // Whether the request asks for a single-use grant to be spent (an OAuth2 refresh with rotating
  // refresh tokens): losing its answer after the server processed it leaves the client with a
  // spent grant. FaultOptions::spare_token_answers keeps such answers intact.
  virtual bool spendsSingleUseGrant(const Request& request) const;
};

// Helpers shared by the vendor apps.
bool iequals(std::string_view a, std::string_view b);
std::string urlDecode(std::string_view text, bool plus_as_space);
std::string urlEncode(std::string_view text);
Pairs parseUrlEncoded(std::string_view text);  // "a=1&b=x%20y" -> {{a,1},{b,x y}}
std::string jsonQuote(std::string_view text);  // a JSON string literal, quotes included

}  // namespace accord::sandbox
