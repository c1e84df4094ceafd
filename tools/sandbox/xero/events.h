// How the Xero accounting API reports changes to the webhook publisher. Include as
// "sandbox/xero/events.h". Header-only so the accounting library needs nothing else.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace accord::sandbox::xero {

struct ChangeEvent {
  std::string category;   // "CONTACT" | "INVOICE" | "CREDITNOTE"
  std::string resource_id;  // the ContactID / InvoiceID / CreditNoteID (uuid text)
  std::string type;       // "CREATE" | "UPDATE" (archiving, voiding, paying are UPDATEs)
  std::string tenant_id;  // the organisation the change happened in
  // Extra "data" members Xero sends for some categories: for CREDITNOTE {"Type",
  // "ACCRECCREDIT"|"ACCPAYCREDIT"} and {"Status", "DRAFT"|...}. Empty otherwise.
  std::vector<std::pair<std::string, std::string>> data;
};

// Receives every committed change. AccountingApi calls onChange() after the change is visible
// to GETs, from whatever request thread made it; implementations must be thread-safe and must
// not call back into the accounting API.
class ChangeSink {
 public:
  virtual ~ChangeSink() = default;
  virtual void onChange(const ChangeEvent& event) = 0;
};

// For tests and for running without webhooks.
class NullChangeSink : public ChangeSink {
 public:
  void onChange(const ChangeEvent&) override {}
};

}  // namespace accord::sandbox::xero
