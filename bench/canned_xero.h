// Xero pages served from memory, for measuring the engine without HTTP: the real xero plugin
// parses them, the engine merges them, the store writes them.
//
// The Xero sandbox's accounting API (no server, no auth) is seeded with a template organisation
// of kBlock contacts and kBlock invoices; its Contacts and Invoices are rendered once, element
// by element. A request for elements [a, b) of N is answered by concatenating template elements
// (a % kBlock ...) whose GUIDs get their first 8 hex digits replaced by the block number
// (a / kBlock), so every element has its own ids and an invoice of block k names a contact of
// block k. Nothing grows with N: memory stays that of one template. Other resources (items,
// accounts, tax rates) are answered by the template organisation itself.
#pragma once

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/URI.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "accord/sdk/http.h"
#include "sandbox/common/clock.h"
#include "sandbox/common/seed.h"
#include "sandbox/xero/accounting/accounting_api.h"
#include "sandbox/xero/events.h"

namespace accord::bench {

namespace sbx = accord::sandbox;

class CannedXero final : public sdk::HttpClient {
 public:
  static constexpr std::size_t kBlock = 1000;

  explicit CannedXero(std::size_t n) : n_(n), api_(clock_, sink_, 1) {
    // A few more than a block: some demo companies are not in Xero.
    api_.seed(kTenant, sbx::generateSeed({"demo", kBlock + 100, kBlock + 100, 42}));
    contacts_ = render("Contacts", "&includeArchived=true");
    invoices_ = render("Invoices", "");
  }

  sdk::Result<sdk::HttpResponse> send(const sdk::HttpRequest& request) override {
    auto start = std::chrono::steady_clock::now();
    ++calls_;
    Poco::URI uri(request.url);
    std::string resource = uri.getPath().substr(uri.getPath().rfind('/') + 1);
    std::map<std::string, std::string> query;
    for (const auto& [name, value] : uri.getQueryParameters()) query[name] = value;
    sdk::HttpResponse response;
    response.status = 200;
    response.headers = {{"Content-Type", "application/json; charset=utf-8"}};
    if ((resource == "Contacts" || resource == "Invoices") && query.count("page")) {
      const auto& elements = resource == "Contacts" ? contacts_ : invoices_;
      std::size_t size = std::stoul(query["pageSize"]);
      std::size_t first = (std::stoul(query["page"]) - 1) * size;
      response.body = slice(resource, elements, first, std::min(n_, first + size));
    } else {
      sbx::Request inner{request.method, uri.getPath(), {}, {}, request.body};
      for (const auto& pair : uri.getQueryParameters()) inner.query.push_back(pair);
      sbx::Response answer = api_.handle(inner, kTenant);
      response.status = answer.status;
      response.body = std::move(answer.body);
    }
    serving_ += std::chrono::steady_clock::now() - start;
    return response;
  }

  std::uint64_t calls() const { return calls_; }
  double servingSeconds() const { return std::chrono::duration<double>(serving_).count(); }

 private:
  static constexpr const char* kTenant = "9f3c2a1e-4b7d-4e8a-9c61-2d5f8a7b3e01";

  struct Element {
    std::string json;
    std::vector<std::size_t> guids;  // offsets of every GUID in json
  };

  static bool isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  static bool guidAt(const std::string& s, std::size_t i) {
    static const char kShape[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
    if (i + 36 > s.size()) return false;
    for (std::size_t k = 0; k < 36; ++k) {
      if (kShape[k] == '-' ? s[i + k] != '-' : !isHex(s[i + k])) return false;
    }
    return true;
  }

  std::vector<Element> render(const std::string& resource, const std::string& extra) {
    sbx::Request request{"GET", "/api.xro/2.0/" + resource, {}, {}, {}};
    request.query = sbx::parseUrlEncoded("page=1&pageSize=" + std::to_string(kBlock) +
                                         "&order=UpdatedDateUTC%20ASC" + extra);
    sbx::Response answer = api_.handle(request, kTenant);
    if (answer.status != 200) throw std::runtime_error(resource + ": " + answer.body);
    Poco::JSON::Parser parser;
    auto envelope = parser.parse(answer.body).extract<Poco::JSON::Object::Ptr>();
    auto array = envelope->getArray(resource);
    std::vector<Element> out;
    for (std::size_t i = 0; i < array->size(); ++i) {
      std::ostringstream text;
      array->getObject(static_cast<unsigned>(i))->stringify(text);
      Element element{text.str(), {}};
      for (std::size_t at = 0; at + 36 <= element.json.size(); ++at) {
        if (guidAt(element.json, at)) element.guids.push_back(at), at += 35;
      }
      out.push_back(std::move(element));
    }
    if (out.size() > kBlock) out.resize(kBlock);
    if (out.size() != kBlock) {
      throw std::runtime_error(resource + ": the template has " + std::to_string(out.size()) +
                               " elements, not " + std::to_string(kBlock));
    }
    return out;
  }

  static std::string slice(const std::string& resource, const std::vector<Element>& elements,
                           std::size_t first, std::size_t end) {
    std::string body = "{\"Status\":\"OK\",\"" + resource + "\":[";
    char block[16];
    for (std::size_t i = first; i < end; ++i) {
      const Element& element = elements[i % kBlock];
      std::size_t at = body.size();
      body += element.json;
      std::snprintf(block, sizeof block, "%08zx", i / kBlock);
      for (std::size_t guid : element.guids) body.replace(at + guid, 8, block);
      if (i + 1 < end) body += ',';
    }
    return body + "]}";
  }

  std::size_t n_;
  sbx::ManualClock clock_;
  sbx::xero::NullChangeSink sink_;
  sbx::xero::AccountingApi api_;
  std::vector<Element> contacts_, invoices_;
  std::uint64_t calls_ = 0;
  std::chrono::steady_clock::duration serving_{};
};

}  // namespace accord::bench
