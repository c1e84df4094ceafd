// Pieces several Xero objects share: addresses, phones, line items, references to accounts and
// contacts, status words. Internal to the mapping files.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "accord/sdk/model/record.h"
#include "json_util.h"
#include "mapping.h"

namespace accord::plugins::xero::detail {

using namespace accord::sdk::model;

std::vector<Address> readAddresses(Reader& r);
JsonArray writeAddresses(const std::vector<Address>& addresses, std::vector<std::string>& warnings);
std::vector<Phone> readPhones(Reader& r);
sdk::Result<JsonArray> writePhones(const std::vector<Phone>& phones);

std::vector<LineItem> readLines(Reader& r, const std::string& key);
JsonArray writeLines(const std::vector<LineItem>& lines);

// {"ContactID": id} under key, or the ContactID read from it.
std::string readContactId(Reader& r, const std::string& key = "Contact");
// Accounts are referred to by Code where they have one (as Xero's documents do), else by
// AccountID: sets whichever the ref holds.
void setAccountRef(Poco::JSON::Object& target, const std::string& code_key,
                   const std::string& id_key, const Ref& account);

std::string lineAmountTypesFromXero(const std::string& xero);
std::string lineAmountTypesToXero(const std::string& canonical);

// Xero status words that mean the record is gone: VOIDED/ARCHIVED -> archived, DELETED ->
// deleted. Empty when the status is a live one.
std::optional<RecordStatus> removedStatus(const std::string& xero_status);
void setRemoval(Decoded& out, RecordStatus status, const std::optional<sdk::Timestamp>& at);

// The record's canonical meta from the element (id, updated_at, remote_data set by decode()).
template <typename T>
T withMeta(const std::string& id, const std::optional<sdk::Timestamp>& updated) {
  T record;
  record.meta.id = id;
  record.meta.updated_at = updated;
  return record;
}

sdk::Result<Decoded> decodeContact(EntityType entity, Reader& r);
sdk::Result<Encoded> encodeOrganization(const sdk::WriteOp& op);
sdk::Result<Decoded> decodeInvoice(Reader& r);
sdk::Result<Encoded> encodeInvoice(const sdk::WriteOp& op);
sdk::Result<Decoded> decodeCreditNote(Reader& r);
sdk::Result<Encoded> encodeCreditNote(const sdk::WriteOp& op);
sdk::Result<Decoded> decodePurchaseOrder(Reader& r);
sdk::Result<Encoded> encodePurchaseOrder(const sdk::WriteOp& op);
sdk::Result<Decoded> decodeItem(Reader& r);
sdk::Result<Encoded> encodeItem(const sdk::WriteOp& op);
sdk::Result<Decoded> decodePayment(Reader& r);
sdk::Result<Encoded> encodePayment(const sdk::WriteOp& op);
sdk::Result<Decoded> decodeAccount(Reader& r);
sdk::Result<Encoded> encodeAccount(const sdk::WriteOp& op);
sdk::Result<Decoded> decodeTaxRate(Reader& r);
sdk::Result<Encoded> encodeTaxRate(const sdk::WriteOp& op);
sdk::Result<Decoded> decodeManualJournal(Reader& r);
sdk::Result<Decoded> decodeJournal(Reader& r);
sdk::Result<Encoded> encodeManualJournal(const sdk::WriteOp& op);

}  // namespace accord::plugins::xero::detail
