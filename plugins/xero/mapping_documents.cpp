// Invoice (ACCREC/ACCPAY) <-> Invoice, CreditNote (ACCRECCREDIT/ACCPAYCREDIT) <-> CreditNote,
// PurchaseOrder <-> PurchaseOrder. VOIDED and DELETED documents are reported as removals.
#include "mapping_common.h"

namespace accord::plugins::xero::detail {
namespace {

// The fields every Xero document shares, read into any canonical document.
template <typename Doc>
void readDocument(Reader& r, Doc& doc, const std::string& number_key) {
  doc.number = r.str(number_key);
  doc.reference = r.str("Reference");
  doc.organization.id = readContactId(r);
  doc.date = r.date("Date");
  r.str("DateString");  // the same date again
  doc.currency = r.str("CurrencyCode");
  doc.currency_rate = r.decimal("CurrencyRate");
  doc.line_amount_types = lineAmountTypesFromXero(r.str("LineAmountTypes"));
  doc.lines = readLines(r, "LineItems");
  doc.sub_total = r.amount("SubTotal");
  doc.total_tax = r.amount("TotalTax");
  doc.total = r.amount("Total");
}

template <typename Doc>
void writeDocument(Poco::JSON::Object& e, const Doc& doc, const std::string& number_key) {
  setIfNotEmpty(e, number_key, doc.number);
  e.set("Reference", doc.reference);
  if (!doc.organization.empty()) {
    Poco::JSON::Object::Ptr contact = new Poco::JSON::Object();
    contact->set("ContactID", doc.organization.id);
    e.set("Contact", contact);
  }
  if (doc.date) e.set("Date", doc.date->toString());
  setIfNotEmpty(e, "CurrencyCode", doc.currency);
  if (doc.currency_rate) setDecimal(e, "CurrencyRate", *doc.currency_rate);
  e.set("LineAmountTypes", lineAmountTypesToXero(doc.line_amount_types));
  e.set("LineItems", writeLines(doc.lines));
}

std::string documentStatus(Reader& r, Decoded& out, const std::optional<sdk::Timestamp>& at) {
  std::string status = r.str("Status");
  if (auto removed = removedStatus(status)) setRemoval(out, *removed, at);
  return toLower(status);
}

// Status for a write: archive voids, remove deletes (Xero refuses what the status forbids and
// says so per element).
std::string statusToXero(const sdk::WriteOp& op, const std::string& status) {
  if (op.kind == sdk::WriteKind::archive) return "VOIDED";
  if (op.kind == sdk::WriteKind::remove) return "DELETED";
  return toUpper(status);
}

sdk::Result<Encoded> refuseWithoutContact(const Ref& organization) {
  return sdk::makeError(sdk::ErrorKind::permanent,
                        organization.empty() ? "organization: Xero requires a contact"
                                             : "organization: unexpected",
                        "organization");
}

}  // namespace

sdk::Result<Decoded> decodeInvoice(Reader& r) {
  Decoded out;
  std::string id = r.str("InvoiceID");
  auto updated = r.timestamp("UpdatedDateUTC");
  Invoice invoice = withMeta<Invoice>(id, updated);
  std::string type = r.str("Type");
  if (type != "ACCREC" && type != "ACCPAY") r.fail("Type", "expected ACCREC or ACCPAY, got \"" + type + "\"");
  invoice.kind = type == "ACCPAY" ? "purchase" : "sales";
  readDocument(r, invoice, "InvoiceNumber");
  invoice.due_date = r.date("DueDate");
  r.str("DueDateString");
  invoice.amount_due = r.amount("AmountDue");
  invoice.amount_paid = r.amount("AmountPaid");
  invoice.amount_credited = r.amount("AmountCredited");
  invoice.status = documentStatus(r, out, updated);
  if (out.removals.empty()) out.records.push_back(std::move(invoice));
  return out;
}

sdk::Result<Encoded> encodeInvoice(const sdk::WriteOp& op) {
  const auto& invoice = std::get<Invoice>(op.record);
  Encoded out;
  out.element = new Poco::JSON::Object();
  auto& e = *out.element;
  if (op.kind != sdk::WriteKind::create) e.set("InvoiceID", invoice.meta.id);
  e.set("Status", statusToXero(op, invoice.status));
  if (op.kind == sdk::WriteKind::archive || op.kind == sdk::WriteKind::remove) return out;
  if (invoice.organization.empty()) return refuseWithoutContact(invoice.organization);
  e.set("Type", invoice.kind == "purchase" ? "ACCPAY" : "ACCREC");
  writeDocument(e, invoice, "InvoiceNumber");
  if (invoice.due_date) e.set("DueDate", invoice.due_date->toString());
  return out;
}

sdk::Result<Decoded> decodeCreditNote(Reader& r) {
  Decoded out;
  std::string id = r.str("CreditNoteID");
  auto updated = r.timestamp("UpdatedDateUTC");
  CreditNote note = withMeta<CreditNote>(id, updated);
  std::string type = r.str("Type");
  if (type != "ACCRECCREDIT" && type != "ACCPAYCREDIT") {
    r.fail("Type", "expected ACCRECCREDIT or ACCPAYCREDIT, got \"" + type + "\"");
  }
  note.kind = type == "ACCPAYCREDIT" ? "purchase" : "sales";
  readDocument(r, note, "CreditNoteNumber");
  note.remaining_credit = r.amount("RemainingCredit");
  JsonArray allocations = r.array("Allocations");
  r.keep("Allocations");
  for (std::size_t i = 0; i < allocations->size(); ++i) {
    JsonObject element = allocations->getObject(static_cast<unsigned>(i));
    if (!element) continue;
    Reader a = r.child(*element, "Allocations[" + std::to_string(i) + "]");
    CreditAllocation allocation;
    JsonObject invoice = a.object("Invoice");
    if (invoice) allocation.invoice.id = a.child(*invoice, "Invoice").str("InvoiceID");
    allocation.amount = a.amount("Amount");
    allocation.date = a.date("Date");
    note.allocations.push_back(std::move(allocation));
  }
  note.status = documentStatus(r, out, updated);
  if (out.removals.empty()) out.records.push_back(std::move(note));
  return out;
}

sdk::Result<Encoded> encodeCreditNote(const sdk::WriteOp& op) {
  const auto& note = std::get<CreditNote>(op.record);
  Encoded out;
  out.element = new Poco::JSON::Object();
  auto& e = *out.element;
  if (op.kind != sdk::WriteKind::create) e.set("CreditNoteID", note.meta.id);
  e.set("Status", statusToXero(op, note.status));
  if (op.kind == sdk::WriteKind::archive || op.kind == sdk::WriteKind::remove) return out;
  if (note.organization.empty()) return refuseWithoutContact(note.organization);
  e.set("Type", note.kind == "purchase" ? "ACCPAYCREDIT" : "ACCRECCREDIT");
  writeDocument(e, note, "CreditNoteNumber");
  if (!note.allocations.empty()) {
    out.warnings.push_back(
        "allocations: not sent with the credit note; Xero allocates through "
        "/CreditNotes/{id}/Allocations");
  }
  return out;
}

sdk::Result<Decoded> decodePurchaseOrder(Reader& r) {
  Decoded out;
  std::string id = r.str("PurchaseOrderID");
  auto updated = r.timestamp("UpdatedDateUTC");
  PurchaseOrder order = withMeta<PurchaseOrder>(id, updated);
  readDocument(r, order, "PurchaseOrderNumber");
  order.delivery_date = r.date("DeliveryDate");
  r.str("DeliveryDateString");
  order.delivery_address.line1 = r.str("DeliveryAddress");
  order.attention_to = r.str("AttentionTo");
  order.delivery_instructions = r.str("DeliveryInstructions");
  order.status = documentStatus(r, out, updated);
  if (out.removals.empty()) out.records.push_back(std::move(order));
  return out;
}

sdk::Result<Encoded> encodePurchaseOrder(const sdk::WriteOp& op) {
  const auto& order = std::get<PurchaseOrder>(op.record);
  Encoded out;
  out.element = new Poco::JSON::Object();
  auto& e = *out.element;
  if (op.kind != sdk::WriteKind::create) e.set("PurchaseOrderID", order.meta.id);
  e.set("Status", op.kind == sdk::WriteKind::create || op.kind == sdk::WriteKind::update
                      ? toUpper(order.status)
                      : "DELETED");
  if (op.kind == sdk::WriteKind::archive || op.kind == sdk::WriteKind::remove) return out;
  if (order.organization.empty()) return refuseWithoutContact(order.organization);
  writeDocument(e, order, "PurchaseOrderNumber");
  if (order.delivery_date) e.set("DeliveryDate", order.delivery_date->toString());
  // Xero keeps the delivery address as one text.
  const Address& a = order.delivery_address;
  Address line1_only;
  line1_only.line1 = a.line1;
  if (!(a == line1_only)) {
    out.warnings.push_back("delivery_address: Xero keeps one line of text; the parts were joined");
  }
  std::string text = a.line1;
  for (const auto* part : {&a.line2, &a.city, &a.region, &a.postal_code, &a.country}) {
    if (!part->empty()) text += (text.empty() ? "" : ", ") + *part;
  }
  setIfNotEmpty(e, "DeliveryAddress", text);
  setIfNotEmpty(e, "AttentionTo", order.attention_to);
  setIfNotEmpty(e, "DeliveryInstructions", order.delivery_instructions);
  return out;
}

}  // namespace accord::plugins::xero::detail
