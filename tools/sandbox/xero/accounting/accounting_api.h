// The Xero Accounting API (/api.xro/2.0) of the sandbox: Contacts, Items, Invoices,
// CreditNotes, Payments, Accounts, TaxRates, ManualJournals, Journals, PurchaseOrders.
// The framework's XeroApp checks the tenant and rate limits, then calls handle().
// Thread-safe: one mutex per organisation; change events go to the ChangeSink after the
// change is visible and the lock is released.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sandbox/common/clock.h"
#include "sandbox/common/http.h"
#include "sandbox/common/seed.h"
#include "sandbox/xero/accounting/store.h"
#include "sandbox/xero/accounting/xero_format.h"
#include "sandbox/xero/events.h"

namespace accord::sandbox::xero {

inline constexpr const char* kAccountingPrefix = "/api.xro/2.0";
inline constexpr std::size_t kMaxIdempotencyKey = 128;
inline constexpr int kMaxPageSize = 1000;
inline constexpr int kDefaultPageSize = 100;

struct Ctx;
struct Resource;

class AccountingApi {
 public:
  // `clock` and `sink` must outlive the api. `id_seed` makes the GUIDs it assigns reproducible.
  AccountingApi(const Clock& clock, ChangeSink& sink, std::uint64_t id_seed = 1);
  ~AccountingApi();
  AccountingApi(const AccountingApi&) = delete;
  AccountingApi& operator=(const AccountingApi&) = delete;

  // `request.path` may keep the "/api.xro/2.0" prefix or not.
  Response handle(const Request& request, const std::string& tenant);

  // The organisation's state (created empty on first use). Lock its mutex to read it while
  // requests may be running.
  XeroAccounting& state(const std::string& tenant);
  std::vector<std::string> tenants() const;

  // Fills an organisation: chart of accounts, tax rates, then the seed's Xero companies,
  // products and invoices (payments for PAID ones). Replaces what was there.
  void seed(const std::string& tenant, const SeedData& data);

  // Every organisation's records as one JSON document, and back (--state FILE).
  std::string saveState() const;
  bool loadState(const std::string& json, std::string* error);

  std::int64_t nowMs() const;

 private:
  bool loadStateChecked(const std::string& json, std::string* error);
  Response dispatch(const Request& request, Ctx& ctx, const std::vector<std::string>& segments);
  Response handleWrite(const Request& request, Ctx& ctx, const Resource& resource,
                       const std::string& path_id);

  const Clock& clock_;
  ChangeSink& sink_;
  IdGenerator ids_;
  mutable std::mutex tenants_mutex_;
  std::map<std::string, std::unique_ptr<XeroAccounting>> tenants_;
};

// Shapes shared by the handlers (and tests): the OK envelope and Xero's error bodies.
// `records_json` is the JSON array text of the records.
std::string envelope(const std::string& id, std::int64_t now_ms, const std::string& key,
                     const std::string& records_json, const Json& pagination);
Response validationError(const std::string& message, const Poco::JSON::Array::Ptr& elements);
Response xeroError(int status, int number, const std::string& type, const std::string& message);
Response notFound();

}  // namespace accord::sandbox::xero
