// --state FILE: every organisation's records as one JSON document.
#include <Poco/Exception.h>

#include "sandbox/xero/accounting/accounting_api.h"
#include "sandbox/xero/accounting/resource.h"

namespace accord::sandbox::xero {
namespace {

constexpr int kStateVersion = 1;

}  // namespace

std::string AccountingApi::saveState() const {
  std::string out = "{\"version\":" + std::to_string(kStateVersion) + ",\"tenants\":{";
  bool first = true;
  std::lock_guard lock(tenants_mutex_);
  for (const auto& [tenant, org] : tenants_) {
    std::lock_guard org_lock(org->mutex);
    materializeJournals(*org);
    Json saved = newObject();
    Json sequences = newObject();
    for (const auto& [name, value] : org->sequences) sequences->set(name, value);
    saved->set("sequences", sequences);
    // Records are spliced in as the text they are stored as, not parsed and written again.
    std::string text = stringify(saved);
    text.pop_back();
    for (const Resource& resource : accountingResources()) {
      const Collection& collection = (*org).*(resource.collection);
      text += ",\"" + resource.name + "\":[";
      for (std::size_t i = 0; i < collection.size(); ++i) text += (i ? "," : "") + collection.jsonAt(i);
      text += "]";
    }
    out += (first ? "" : ",") + jsonQuote(tenant) + ":" + text + "}";
    first = false;
  }
  return out + "}}";
}

bool AccountingApi::loadState(const std::string& json, std::string* error) {
  try {
    return loadStateChecked(json, error);
  } catch (const Poco::Exception& e) {
    if (error) *error = "state: " + e.displayText();
    return false;
  }
}

bool AccountingApi::loadStateChecked(const std::string& json, std::string* error) {
  Json root = parseObject(json, error);
  if (!root) return false;
  if (root->optValue<int>("version", 0) != kStateVersion || !root->getObject("tenants")) {
    if (error) *error = "state: expected {\"version\":1,\"tenants\":{...}}";
    return false;
  }
  Json tenants = root->getObject("tenants");
  for (const auto& [tenant, value] : *tenants) {
    Json saved = tenants->getObject(tenant);
    if (!saved) {
      if (error) *error = "state: tenants." + tenant + " is not an object";
      return false;
    }
    XeroAccounting& org = state(tenant);
    std::lock_guard lock(org.mutex);
    org.sequences.clear();
    org.pending_journals.clear();
    if (Json sequences = saved->getObject("sequences")) {
      for (const auto& [name, number] : *sequences) org.sequences[name] = number.convert<std::int64_t>();
    }
    for (const Resource& resource : accountingResources()) {
      Collection& collection = org.*(resource.collection);
      collection.clear();
      auto records = saved->getArray(resource.name);
      for (std::size_t i = 0; records && i < records->size(); ++i) {
        Json record = records->getObject(static_cast<unsigned>(i));
        if (!record || !has(*record, collection.idField())) {
          if (error) {
            *error = "state: tenants." + tenant + "." + resource.name + "[" + std::to_string(i) +
                     "] has no " + collection.idField();
          }
          return false;
        }
        collection.put(record);
      }
    }
  }
  return true;
}

}  // namespace accord::sandbox::xero
