// Writing one batch: each op encoded (a record Xero cannot hold fails alone), the rest sent in
// as few calls as Xero allows with summarizeErrors=false, and each element's ValidationErrors
// and Warnings mapped back to its own op. Every call carries an Idempotency-Key derived from
// the batch's key, so a retried batch never creates twice.
#pragma once

#include <string>
#include <vector>

#include "accord/sdk/connector.h"
#include "client.h"
#include "mapping.h"

namespace accord::plugins::xero {

sdk::Result<std::vector<sdk::WriteOutcome>> writeBatch(XeroClient& client,
                                                       const sdk::WriteBatch& batch);
// People live inside their contacts: read the contacts, apply the ops, write them back.
sdk::Result<std::vector<sdk::WriteOutcome>> writePeople(XeroClient& client,
                                                        const sdk::WriteBatch& batch);

// One call's worth of elements and the ops they came from.
struct Call {
  std::string method;  // POST or PUT
  std::string path;    // "Invoices", "Accounts/<id>"
  std::vector<std::size_t> ops;
  std::vector<JsonObject> elements;
};

// Sends one call and fills the outcomes of its ops. An Error only for failures the hub should
// retry as a whole (retryable, rate_limited, auth_expired); a permanent refusal of the call
// lands on each of its ops.
sdk::Result<void> sendCall(XeroClient& client, const Resource& resource, const Call& call,
                           const std::string& idempotency_key,
                           std::vector<sdk::WriteOutcome>& outcomes);

// "<batch key>" for a batch's only call, "<batch key>/<n>" for the n-th of several; hashed
// when longer than Xero's 128 characters, and derived from the body when the batch has none.
std::string idempotencyKey(const std::string& batch_key, std::size_t call, std::size_t calls,
                           const std::string& body);

}  // namespace accord::plugins::xero
