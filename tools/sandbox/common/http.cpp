#include "sandbox/common/http.h"

#include <Poco/URI.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace accord::sandbox {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

std::string urlDecode(std::string_view text, bool plus_as_space) {
  std::string raw(text);
  // Why by hand: Poco only turns '+' into a space after a '?', and form bodies have none.
  if (plus_as_space) std::replace(raw.begin(), raw.end(), '+', ' ');
  std::string decoded;
  Poco::URI::decode(raw, decoded);
  return decoded;
}

std::string urlEncode(std::string_view text) {
  std::string encoded;
  // Why the reserved set: a value must survive as one component of a query or form body.
  Poco::URI::encode(std::string(text), "!#$&'()*+,/:;=?@[]", encoded);
  return encoded;
}

Pairs parseUrlEncoded(std::string_view text) {
  Pairs pairs;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('&', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view item = text.substr(start, end - start);
    if (!item.empty()) {
      std::size_t eq = item.find('=');
      std::string_view name = item.substr(0, eq);
      std::string_view value = eq == std::string_view::npos ? "" : item.substr(eq + 1);
      pairs.emplace_back(urlDecode(name, true), urlDecode(value, true));
    }
    start = end + 1;
  }
  return pairs;
}

std::string jsonQuote(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out.push_back('"');
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
          out += buffer;
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
  return out;
}

namespace {
std::optional<std::string> findPair(const Pairs& pairs, std::string_view name) {
  for (const auto& [key, value] : pairs) {
    if (iequals(key, name)) return value;
  }
  return std::nullopt;
}
}  // namespace

std::optional<std::string> Request::header(std::string_view name) const {
  return findPair(headers, name);
}

std::optional<std::string> Request::param(std::string_view name) const {
  return findPair(query, name);
}

Pairs Request::form() const { return parseUrlEncoded(body); }

Response Response::json(int status, std::string body) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  response.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  return response;
}

void Response::setHeader(std::string name, std::string value) {
  for (auto& [key, existing] : headers) {
    if (iequals(key, name)) {
      existing = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string> Response::header(std::string_view name) const {
  return findPair(headers, name);
}

Response App::injectedError(int status, const Request&) {
  if (status == 429) {
    Response response = Response::json(429, R"({"message":"Too Many Requests"})");
    response.setHeader("Retry-After", "1");
    return response;
  }
  return Response::json(status, "{\"message\":\"Injected server error\",\"status\":" +
                                    std::to_string(status) + "}");
}

void App::expireCredentials(const Request&) {}

bool App::spendsSingleUseGrant(const Request&) const { return false; }

}  // namespace accord::sandbox
