// Which endpoints of xero_accounting.yaml the sandbox serves: every spec path and method it
// does not model answers 501 in Xero's error shape (never a misleading 404 or 405), and every
// one it serves answers something else.
#include <yaml-cpp/yaml.h>

#include <regex>

#include "api_fixture.h"

namespace accord::sandbox::xero::testing {
namespace {

using Endpoints = XeroApiTest;

const char* kServed[] = {"Contacts", "Items", "Invoices", "CreditNotes", "Payments",
                         "Accounts", "TaxRates", "ManualJournals", "Journals", "PurchaseOrders"};

bool served(const std::string& path, const std::string& method) {
  std::vector<std::string> segments;
  for (std::size_t start = 1; start <= path.size();) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    segments.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  bool known = std::find(std::begin(kServed), std::end(kServed), segments[0]) != std::end(kServed);
  bool deletes_reference_data = method == "DELETE" && (segments[0] == "Items" || segments[0] == "Accounts");
  return known && segments.size() <= 2 && !deletes_reference_data;
}

TEST_F(Endpoints, EverySpecEndpointIsServedOrAnswers501) {
  YAML::Node spec = YAML::LoadFile(std::string(ACCORD_SPECS_DIR) + "/xero/xero_accounting.yaml");
  int unserved = 0, checked = 0;
  for (const auto& entry : spec["paths"]) {
    std::string path = std::regex_replace(entry.first.as<std::string>(), std::regex(R"(\{[^}]*\})"),
                                          "00000000-0000-4000-8000-000000000009");
    for (const auto& operation : entry.second) {
      std::string method = operation.first.as<std::string>();
      std::transform(method.begin(), method.end(), method.begin(), ::toupper);
      if (method != "GET" && method != "PUT" && method != "POST" && method != "DELETE") continue;
      Reply reply = call(method, path, method == "GET" || method == "DELETE" ? "" : "{}");
      ++checked;
      if (served(path, method)) {
        EXPECT_NE(reply.status, 501) << method << " " << path;
        continue;
      }
      ++unserved;
      ASSERT_EQ(reply.status, 501) << method << " " << path << ": " << reply.body;
      ASSERT_TRUE(reply.json) << reply.body;
      EXPECT_EQ(reply.json->getValue<std::string>("Type"), "NotImplementedException");
      EXPECT_NE(reply.json->getValue<std::string>("Message").find(path), std::string::npos);
    }
  }
  EXPECT_GT(checked, 150);
  EXPECT_GT(unserved, 100);
}

TEST_F(Endpoints, APathNoSpecNamesIsAPlainNotFound) {
  Reply reply = get("/NoSuchThing");
  EXPECT_EQ(reply.status, 404);
  EXPECT_EQ(reply.body, "The resource you're looking for cannot be found");
}

}  // namespace
}  // namespace accord::sandbox::xero::testing
