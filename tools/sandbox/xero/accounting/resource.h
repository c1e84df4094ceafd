// How AccountingApi drives one Xero resource (Contacts, Invoices...): the generic code does
// routing, lookup, where/order/paging, batches and errors; each resource supplies `upsert`,
// which turns one request element into the record to store plus a commit of its side effects.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "sandbox/xero/accounting/json_util.h"
#include "sandbox/xero/accounting/store.h"
#include "sandbox/xero/accounting/xero_format.h"
#include "sandbox/xero/events.h"

namespace accord::sandbox::xero {

// One request's view of an organisation, with the tenant lock held.
struct Ctx {
  XeroAccounting& state;
  std::int64_t now_ms;
  IdGenerator& ids;
  std::string tenant;
  std::vector<ChangeEvent>& events;
  bool is_put = false;

  void emit(const std::string& category, const std::string& id, bool created,
            std::vector<std::pair<std::string, std::string>> data = {}) {
    events.push_back({category, id, created ? "CREATE" : "UPDATE", tenant, std::move(data)});
  }
};

// The result of preparing one element of a PUT/POST.
struct Outcome {
  Json record;  // the record as stored and returned (or the input echoed, on errors)
  std::vector<std::string> errors;
  std::vector<std::string> warnings;
  std::function<void()> commit;  // stores it and applies side effects; only when no errors
};

using Upsert = std::function<Outcome(Ctx&, const Poco::JSON::Object& input, const Json& existing)>;

struct Resource {
  std::string name;  // path segment and envelope key: "Contacts"
  Collection XeroAccounting::*collection = nullptr;
  std::string status_field;                  // "ContactStatus", "Status"; empty if none
  std::vector<std::string> archived_states;  // listed only with includeArchived=true
  bool paged = false;                        // supports page/pageSize and "pagination"
  bool match_key_on_post = false;            // POST without id updates the record with this key
  std::string not_found_message;              // element names an id that does not exist
  Upsert upsert;                             // empty: read-only
};

Outcome upsertContact(Ctx& ctx, const Poco::JSON::Object& input, const Json& existing);
Outcome upsertItem(Ctx& ctx, const Poco::JSON::Object& input, const Json& existing);
Outcome upsertInvoice(Ctx& ctx, const Poco::JSON::Object& input, const Json& existing);
Outcome upsertCreditNote(Ctx& ctx, const Poco::JSON::Object& input, const Json& existing);
Outcome upsertPurchaseOrder(Ctx& ctx, const Poco::JSON::Object& input, const Json& existing);
Outcome upsertPayment(Ctx& ctx, const Poco::JSON::Object& input, const Json& existing);
Outcome upsertAccount(Ctx& ctx, const Poco::JSON::Object& input, const Json& existing);
Outcome upsertTaxRate(Ctx& ctx, const Poco::JSON::Object& input, const Json& existing);
Outcome upsertManualJournal(Ctx& ctx, const Poco::JSON::Object& input, const Json& existing);

// Journals: the ledger postings Xero derives from documents. Called by commits.
// `source` must not be changed afterwards (records are replaced, never edited in place).
void postInvoiceJournal(Ctx& ctx, const Json& document, bool reverse);
void postPaymentJournal(Ctx& ctx, const Json& payment, bool reverse);
void postManualJournal(Ctx& ctx, const Json& journal);
// Turns pending postings into Journals records; before any read of Journals.
void materializeJournals(XeroAccounting& state);

const std::vector<Resource>& accountingResources();
std::string accountClass(const std::string& account_type);  // "BANK" -> "ASSET"

}  // namespace accord::sandbox::xero
