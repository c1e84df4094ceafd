#include "api_fixture.h"

namespace accord::sandbox::xero::testing {

std::vector<std::string> Reply::messages() const {
  std::vector<std::string> out;
  if (!json) return out;
  auto collect = [&](const Json& element) {
    for (const char* list : {"ValidationErrors", "Warnings"}) {
      auto errors = element ? element->getArray(list) : nullptr;
      for (std::size_t i = 0; errors && i < errors->size(); ++i) {
        out.push_back(errors->getObject(static_cast<unsigned>(i))->getValue<std::string>("Message"));
      }
    }
  };
  for (const auto& [key, value] : *json) {
    if (value.type() != typeid(Poco::JSON::Array::Ptr)) continue;
    auto array = value.extract<Poco::JSON::Array::Ptr>();
    for (std::size_t i = 0; i < array->size(); ++i) collect(array->getObject(static_cast<unsigned>(i)));
  }
  return out;
}

Reply XeroApiTest::call(const std::string& method, const std::string& path, const std::string& body,
                        Pairs query, Pairs headers) {
  Request request;
  request.method = method;
  request.path = std::string(kAccountingPrefix) + path;
  request.query = std::move(query);
  request.headers = std::move(headers);
  request.body = body;
  Response response = api_.handle(request, kTenant);
  Reply reply{response.status, response.body, nullptr, response.headers};
  reply.json = parseObject(response.body, nullptr);
  return reply;
}

Json XeroApiTest::write(const std::string& method, const std::string& key,
                        const std::string& element_json, const std::string& path_suffix) {
  Reply reply = call(method, "/" + key + path_suffix, "{\"" + key + "\":[" + element_json + "]}");
  EXPECT_EQ(reply.status, 200) << reply.body;
  return reply.first(key);
}

std::string XeroApiTest::contact(const std::string& name) {
  Json c = write("PUT", "Contacts", "{\"Name\":\"" + name + "\"}");
  return c ? c->getValue<std::string>("ContactID") : "";
}

std::string XeroApiTest::invoice(const std::string& contact_id, const std::string& status,
                                 const std::string& type, const std::string& unit) {
  Json i = write("PUT", "Invoices",
                 "{\"Type\":\"" + type + "\",\"Contact\":{\"ContactID\":\"" + contact_id +
                     "\"},\"Status\":\"" + status + "\",\"Date\":\"2024-03-01\",\"LineItems\":[{"
                     "\"Description\":\"Work\",\"Quantity\":1,\"UnitAmount\":" + unit +
                     ",\"AccountCode\":\"" + (type == "ACCREC" ? "200" : "300") + "\",\"TaxType\":\"NONE\"}]}");
  return i ? i->getValue<std::string>("InvoiceID") : "";
}

}  // namespace accord::sandbox::xero::testing
