// A Xero accounting API in-process on a manual clock, with helpers to call it the way a client
// would and to read the envelope back.
#pragma once

#include <gtest/gtest.h>

#include <mutex>
#include <string>
#include <vector>

#include <Poco/JSON/Parser.h>

#include "sandbox/common/clock.h"
#include "sandbox/common/seed.h"
#include "sandbox/xero/accounting/accounting_api.h"
#include "sandbox/xero/accounting/json_util.h"

namespace accord::sandbox::xero::testing {

class RecordingSink : public ChangeSink {
 public:
  void onChange(const ChangeEvent& event) override {
    std::lock_guard lock(mutex_);
    events_.push_back(event);
  }
  std::vector<ChangeEvent> events() const {
    std::lock_guard lock(mutex_);
    return events_;
  }
  void clear() {
    std::lock_guard lock(mutex_);
    events_.clear();
  }

 private:
  mutable std::mutex mutex_;
  std::vector<ChangeEvent> events_;
};

struct Reply {
  int status = 0;
  std::string body;
  Json json;  // null when the body is not a JSON object
  Pairs headers;

  // The records of an OK envelope under `key` (Contacts, Invoices...).
  Poco::JSON::Array::Ptr records(const std::string& key) const {
    return json ? json->getArray(key) : nullptr;
  }
  Json first(const std::string& key) const {
    auto array = records(key);
    return array && array->size() > 0 ? array->getObject(0) : nullptr;
  }
  // Every ValidationErrors and Warnings message of the returned elements.
  std::vector<std::string> messages() const;
};

class XeroApiTest : public ::testing::Test {
 protected:
  static constexpr const char* kTenant = "9d1b2c3e-0000-4000-8000-000000000001";

  // Ledger (accounts, tax rates) only, unless a test seeds more.
  void SetUp() override { api_.seed(kTenant, SeedData{}); }

  Reply call(const std::string& method, const std::string& path, const std::string& body = "",
             Pairs query = {}, Pairs headers = {});
  Reply get(const std::string& path, Pairs query = {}, Pairs headers = {}) {
    return call("GET", path, "", std::move(query), std::move(headers));
  }
  // PUT/POST {"<key>":[element]} and return the stored record (fails the test on errors).
  Json write(const std::string& method, const std::string& key, const std::string& element_json,
             const std::string& path_suffix = "");
  std::string contact(const std::string& name);                 // a new contact's id
  std::string invoice(const std::string& contact_id, const std::string& status,
                      const std::string& type = "ACCREC", const std::string& unit = "100");
  XeroAccounting& org() { return api_.state(kTenant); }

  ManualClock clock_;
  RecordingSink sink_;
  AccountingApi api_{clock_, sink_, 7};
};

}  // namespace accord::sandbox::xero::testing
