#include "mapping.h"

#include <variant>

#include "accord/sdk/model/codec.h"

#include "mapping_common.h"

namespace accord::plugins::xero {
namespace {

using namespace detail;

const std::vector<Resource>& table() {
  static const std::vector<Resource> kTable{
      {EntityType::organization, "Contacts", "ContactID", true, true},
      {EntityType::person, "Contacts", "ContactID", true, true},
      {EntityType::item, "Items", "Code", false, true},
      {EntityType::invoice, "Invoices", "InvoiceID", true, true},
      {EntityType::purchase_order, "PurchaseOrders", "PurchaseOrderID", true, true},
      {EntityType::credit_note, "CreditNotes", "CreditNoteID", true, true},
      {EntityType::payment, "Payments", "PaymentID", true, true},
      {EntityType::account, "Accounts", "AccountID", false, false},
      {EntityType::tax_code, "TaxRates", "TaxType", false, true},
      {EntityType::journal, "ManualJournals", "ManualJournalID", true, true},
  };
  return kTable;
}

std::string describeElement(const Resource& from, const Poco::JSON::Object& element,
                            std::string* id) {
  Poco::Dynamic::Var value = element.has(from.id_field) ? element.get(from.id_field)
                                                        : Poco::Dynamic::Var();
  *id = value.isString() ? value.extract<std::string>() : std::string();
  std::string singular = from.path.substr(0, from.path.size() - 1);
  return singular + " " + (id->empty() ? "(no " + from.id_field + ")" : *id);
}

sdk::Result<Decoded> decodeWith(EntityType entity, const Resource& from, Reader& r) {
  if (from.path == "Contacts") return decodeContact(entity, r);
  if (from.path == "Items") return decodeItem(r);
  if (from.path == "Invoices") return decodeInvoice(r);
  if (from.path == "PurchaseOrders") return decodePurchaseOrder(r);
  if (from.path == "CreditNotes") return decodeCreditNote(r);
  if (from.path == "Payments") return decodePayment(r);
  if (from.path == "Accounts") return decodeAccount(r);
  if (from.path == "TaxRates") return decodeTaxRate(r);
  if (from.path == "ManualJournals") return decodeManualJournal(r);
  if (from.path == "Journals") return decodeJournal(r);
  return sdk::makeError(sdk::ErrorKind::not_supported, "no mapping for Xero " + from.path);
}

}  // namespace

const Resource* resourceFor(EntityType entity) {
  for (const Resource& resource : table()) {
    if (resource.entity == entity) return &resource;
  }
  return nullptr;
}

const Resource& generatedJournals() {
  static const Resource kJournals{EntityType::journal, "Journals", "JournalID", false, false};
  return kJournals;
}

sdk::Result<Decoded> decode(EntityType entity, const Resource& from,
                            const Poco::JSON::Object& element) {
  std::string id;
  Reader r(element, describeElement(from, element, &id));
  sdk::Result<Decoded> decoded = decodeWith(entity, from, r);
  if (!decoded.ok()) return decoded;
  if (r.error()) return *r.error();
  decoded->id = id;
  for (auto& removal : decoded->removals) {
    if (removal.id.empty()) removal.id = id;
  }
  // The remote data goes on the record the element is about; derived people carry none.
  if (!decoded->records.empty() && entity != EntityType::person) {
    sdk::model::metaOf(decoded->records.front()).remote_data = r.remoteData();
  }
  for (const auto& record : decoded->records) {
    if (auto valid = sdk::model::validate(record); !valid.ok()) {
      return sdk::makeError(sdk::ErrorKind::permanent,
                            from.path + " " + id + ": " + valid.error().message,
                            valid.error().field);
    }
  }
  return decoded;
}

sdk::Result<Encoded> encode(const sdk::WriteOp& op) {
  switch (sdk::model::typeOf(op.record)) {
    case EntityType::organization: return encodeOrganization(op);
    case EntityType::item: return encodeItem(op);
    case EntityType::invoice: return encodeInvoice(op);
    case EntityType::purchase_order: return encodePurchaseOrder(op);
    case EntityType::credit_note: return encodeCreditNote(op);
    case EntityType::payment: return encodePayment(op);
    case EntityType::account: return encodeAccount(op);
    case EntityType::tax_code: return encodeTaxRate(op);
    case EntityType::journal: return encodeManualJournal(op);
    default:
      return sdk::makeError(sdk::ErrorKind::not_supported,
                            "Xero does not hold " +
                                std::string(sdk::model::toString(sdk::model::typeOf(op.record))) +
                                " records");
  }
}

std::string personId(const std::string& contact_id, bool primary, const std::string& email,
                     std::size_t position) {
  if (primary) return contact_id + "/primary";
  if (!email.empty()) return contact_id + "/" + toLower(email);
  return contact_id + "/#" + std::to_string(position);
}

std::string contactOfPerson(const std::string& person_id) {
  auto slash = person_id.find('/');
  return slash == std::string::npos ? std::string() : person_id.substr(0, slash);
}

}  // namespace accord::plugins::xero
