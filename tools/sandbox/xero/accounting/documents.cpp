// Invoices, CreditNotes and PurchaseOrders: one set of rules for three kinds of document.
#include <algorithm>

#include "sandbox/xero/accounting/line_items.h"
#include "sandbox/xero/accounting/resource.h"

namespace accord::sandbox::xero {
namespace {

struct DocKind {
  std::string id_field, number_field, number_prefix, category;
  std::vector<std::string> types;  // empty: no Type member (purchase orders)
  std::vector<std::string> statuses;
  Collection XeroAccounting::*collection;
  std::string not_valid_status, number_not_unique;
};

const DocKind kInvoice{"InvoiceID", "InvoiceNumber", "INV-", "INVOICE", {"ACCREC", "ACCPAY"},
                       {"DRAFT", "SUBMITTED", "AUTHORISED", "DELETED", "VOIDED"},
                       &XeroAccounting::invoices, "Invoice not of valid status for modification",
                       "Invoice # must be unique."};
const DocKind kCreditNote{"CreditNoteID", "CreditNoteNumber", "CN-", "CREDITNOTE",
                          {"ACCRECCREDIT", "ACCPAYCREDIT"},
                          {"DRAFT", "SUBMITTED", "AUTHORISED", "DELETED", "VOIDED"},
                          &XeroAccounting::credit_notes,
                          "Credit Note not of valid status for modification",
                          "Credit Note # must be unique."};
const DocKind kPurchaseOrder{"PurchaseOrderID", "PurchaseOrderNumber", "PO-", "",
                             {}, {"DRAFT", "SUBMITTED", "AUTHORISED", "BILLED", "DELETED"},
                             &XeroAccounting::purchase_orders,
                             "Purchase Order not of valid status for modification",
                             "Order number must be unique"};

const char* kPassThrough[] = {"Reference", "BrandingThemeID", "Url", "CurrencyCode",
                              "CurrencyRate", "SentToContact", "DeliveryAddress", "AttentionTo",
                              "Telephone", "DeliveryInstructions", "RepeatingInvoiceID"};
const char* kDates[] = {"Date", "DueDate", "ExpectedPaymentDate", "PlannedPaymentDate",
                        "DeliveryDate", "ExpectedArrivalDate"};

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool isSales(const std::string& type) { return type == "ACCREC" || type == "ACCRECCREDIT"; }

// Finds the contact an element names, or prepares a new one named by it (Xero creates a
// contact when an invoice names one it does not know).
Json resolveContact(Ctx& ctx, const Poco::JSON::Object& input, const Json& existing,
                    Outcome& out, Json& new_contact) {
  if (!input.has("Contact")) {
    if (existing) return existing->getObject("Contact");
    out.errors.push_back("A Contact must be specified for this type of transaction");
    return nullptr;
  }
  Json given = input.getObject("Contact");
  std::string id = given ? str(*given, "ContactID") : "", name = given ? str(*given, "Name") : "";
  std::string number = given ? str(*given, "ContactNumber") : "";
  if (id.empty() && name.empty() && number.empty()) {
    if (existing) return existing->getObject("Contact");
    out.errors.push_back("The Contact must contain at least 1 of the following elements to "
                         "identify the contact: Name, ContactID, ContactNumber");
    return nullptr;
  }
  Json contact;
  if (!id.empty()) {
    // The summary needs two columns of the stored contact, not the whole record.
    auto pos = ctx.state.contacts.position(id);
    if (!pos) {
      out.errors.push_back("The contact with the specified ContactID could not be found");
      return nullptr;
    }
    Json summary = newObject();
    summary->set("ContactID", ctx.state.contacts.idAt(*pos));
    summary->set("Name", ctx.state.contacts.text(*pos, "Name"));
    return summary;
  } else if (!name.empty()) {
    contact = ctx.state.findActiveByKey(ctx.state.contacts, name, "ContactStatus");
    if (!contact) {
      new_contact = newObject();
      new_contact->set("ContactID", ctx.ids.next());
      new_contact->set("ContactStatus", "ACTIVE");
      new_contact->set("Name", name);
      new_contact->set("IsSupplier", false);
      new_contact->set("IsCustomer", false);
      new_contact->set("UpdatedDateUTC", msDate(ctx.now_ms));
      contact = new_contact;
    }
  } else {
    auto positions = ctx.state.contacts.positionsOf("ContactNumber", number).value();
    for (std::size_t pos : positions) {
      if (ctx.state.contacts.text(pos, "ContactNumber") == number) contact = ctx.state.contacts.at(pos);
    }
    if (!contact) out.errors.push_back("The contact with the specified ContactNumber could not be found");
  }
  if (!contact) return nullptr;
  Json summary = newObject();
  summary->set("ContactID", str(*contact, "ContactID"));
  summary->set("Name", str(*contact, "Name"));
  return summary;
}

// Status rules: PAID and VOIDED documents are final; DELETED only from DRAFT/SUBMITTED;
// VOIDED only from AUTHORISED without payments.
void checkStatus(const DocKind& kind, const Json& existing, const std::string& next, Outcome& out) {
  if (!contains(kind.statuses, next) && !(existing && next == str(*existing, "Status"))) {
    out.errors.push_back("Status '" + next + "' is not valid for this document");
    return;
  }
  if (!existing) {
    if (next == "DELETED" || next == "VOIDED" || next == "BILLED") {
      out.errors.push_back(kind.not_valid_status);
    }
    return;
  }
  std::string current = str(*existing, "Status");
  bool draft = current == "DRAFT" || current == "SUBMITTED";
  bool ok = draft ? next != "VOIDED"
                  : current == "AUTHORISED" ? (next == "AUTHORISED" || next == "VOIDED" || next == "BILLED")
                  : current == "BILLED" ? next == "BILLED" : false;
  if (ok && next == "VOIDED" && existing->getArray("Payments") && existing->getArray("Payments")->size() > 0) {
    ok = false;
  }
  if (!ok) out.errors.push_back(kind.not_valid_status);
}

void setDates(const Poco::JSON::Object& input, Poco::JSON::Object& record, Outcome& out) {
  for (const char* field : kDates) {
    if (!has(input, field)) continue;
    auto ms = parseXeroDate(str(input, field));
    if (!ms) {
      out.errors.push_back(std::string(field) + " '" + str(input, field) + "' is not a valid date");
      continue;
    }
    record.set(field, msDate(*ms));
    if (std::string(field) == "Date" || std::string(field) == "DueDate") {
      record.set(std::string(field) + "String", dateString(*ms));
    }
  }
}

void checkNumber(Ctx& ctx, const DocKind& kind, const Json& existing, Poco::JSON::Object& record,
                 Outcome& out) {
  std::string type = str(record, "Type");
  bool numbered = type != "ACCPAY" && type != "ACCPAYCREDIT";
  std::string number = str(record, kind.number_field);
  const Collection& documents = ctx.state.*kind.collection;
  while (number.empty() && numbered && !existing) {  // the next number not already taken
    std::string digits = std::to_string(ctx.state.nextNumber(kind.number_prefix));
    number = kind.number_prefix + std::string(digits.size() < 4 ? 4 - digits.size() : 0, '0') + digits;
    if (!documents.findByKey(number).empty()) number.clear();
  }
  if (!number.empty()) record.set(kind.number_field, number);
  if (number.empty() || !numbered) return;
  for (const Json& other : documents.findByKey(number)) {
    if (str(*other, kind.id_field) != str(record, kind.id_field) && str(*other, "Type") == type &&
        str(*other, "Status") != "DELETED") {
      out.errors.push_back(kind.number_not_unique);
      return;
    }
  }
}

// What has been paid so far: the sum of the document's Payments.
Amount paidSoFar(const Poco::JSON::Object& record) {
  Amount paid;
  auto payments = record.getArray("Payments");
  for (std::size_t i = 0; payments && i < payments->size(); ++i) {
    Json p = payments->getObject(static_cast<unsigned>(i));
    if (p) paid += Amount::fromVar(p->get("Amount")).value_or(Amount());
  }
  return paid;
}

void setComputed(Poco::JSON::Object& record, const DocumentTotals& totals, const DocKind& kind) {
  record.set("LineItems", totals.lines);
  setAmount(record, "SubTotal", totals.sub_total);
  setAmount(record, "TotalTax", totals.total_tax);
  setAmount(record, "Total", totals.total);
  if (&kind == &kPurchaseOrder) return;
  Amount paid = paidSoFar(record);
  if (&kind == &kInvoice) {
    Amount credited = Amount::fromVar(record.get("AmountCredited")).value_or(Amount());
    setAmount(record, "AmountDue", totals.total - paid - credited);
  } else {
    setAmount(record, "RemainingCredit", totals.total - paid);
  }
}

void initialise(Ctx& ctx, const DocKind& kind, Poco::JSON::Object& record) {
  record.set(kind.id_field, ctx.ids.next());
  record.set("Status", "DRAFT");
  record.set("LineAmountTypes", "Exclusive");
  record.set("CurrencyCode", "USD");
  record.set("CurrencyRate", 1.0);
  record.set("HasAttachments", false);
  record.set("SentToContact", false);
  if (&kind == &kPurchaseOrder) return;
  record.set("HasErrors", false);
  record.set("Payments", Poco::JSON::Array::Ptr(new Poco::JSON::Array()));
  if (&kind == &kInvoice) {
    record.set("IsDiscounted", false);
    record.set("AmountPaid", 0.0);
    record.set("AmountCredited", 0.0);
    record.set("CreditNotes", Poco::JSON::Array::Ptr(new Poco::JSON::Array()));
    record.set("Prepayments", Poco::JSON::Array::Ptr(new Poco::JSON::Array()));
    record.set("Overpayments", Poco::JSON::Array::Ptr(new Poco::JSON::Array()));
  } else {
    record.set("Allocations", Poco::JSON::Array::Ptr(new Poco::JSON::Array()));
  }
}

void commitDocument(Ctx& ctx, const DocKind& kind, const Json& existing, const Json& record,
                    const Json& new_contact) {
  if (new_contact) {
    ctx.state.contacts.put(new_contact);
    ctx.emit("CONTACT", str(*new_contact, "ContactID"), true);
  }
  std::string type = str(*record, "Type"), status = str(*record, "Status");
  bool was_posted = existing && (str(*existing, "Status") == "AUTHORISED" || str(*existing, "Status") == "PAID");
  bool posted = status == "AUTHORISED" || status == "PAID";
  int direction = (type == "ACCPAY" || type == "ACCRECCREDIT") ? +1 : -1;  // stock in or out
  if (&kind != &kPurchaseOrder) {
    if (existing) applyStock(ctx, stockMovement(ctx.state, *existing, direction), -1);
    applyStock(ctx, stockMovement(ctx.state, *record, direction), +1);
    if (posted && !was_posted) postInvoiceJournal(ctx, record, false);
    if (!posted && was_posted) postInvoiceJournal(ctx, existing, true);
    // IsCustomer / IsSupplier follow from the documents, never from what clients write.
    auto pos = ctx.state.contacts.position(str(*record->getObject("Contact"), "ContactID"));
    const char* flag = isSales(type) ? "IsCustomer" : "IsSupplier";
    auto current = pos ? ctx.state.contacts.field(*pos, flag) : Poco::Dynamic::Var();
    if (pos && status != "DELETED" && !(current.isBoolean() && current.extract<bool>())) {
      Json updated = copyObject(*ctx.state.contacts.at(*pos));
      updated->set(flag, true);
      ctx.state.contacts.put(updated);
    }
  }
  (ctx.state.*kind.collection).put(record);
  if (kind.category.empty()) return;
  std::vector<std::pair<std::string, std::string>> data;
  if (&kind == &kCreditNote) data = {{"Type", type}, {"Status", status}};
  ctx.emit(kind.category, str(*record, kind.id_field), !existing, data);
}

Outcome upsertDocument(Ctx& ctx, const DocKind& kind, const Poco::JSON::Object& input,
                       const Json& existing) {
  Outcome out;
  Json record = existing ? copyObject(*existing) : newObject();
  if (!existing) initialise(ctx, kind, *record);
  out.record = record;
  if (existing) {
    std::string current = str(*existing, "Status");
    if (current == "PAID" || current == "VOIDED" || current == "DELETED") {
      out.errors.push_back(kind.not_valid_status);
      return out;
    }
  }
  if (!kind.types.empty()) {
    std::string type = has(input, "Type") ? str(input, "Type") : str(*record, "Type");
    if (!contains(kind.types, type)) {
      out.errors.push_back(type.empty() ? "The document Type must be specified"
                                        : "Type '" + type + "' is not valid for this document");
    } else if (existing && type != str(*existing, "Type")) {
      out.errors.push_back("The Type of an existing document cannot be changed");
    }
    record->set("Type", type);
  }
  for (const char* field : kPassThrough) {
    if (input.has(field)) record->set(field, input.get(field));
  }
  if (has(input, kind.number_field)) record->set(kind.number_field, str(input, kind.number_field));
  setDates(input, *record, out);
  if (!record->has("Date")) {
    record->set("Date", msDate(startOfDay(ctx.now_ms)));
    record->set("DateString", dateString(startOfDay(ctx.now_ms)));
  }
  std::string types = has(input, "LineAmountTypes") ? str(input, "LineAmountTypes") : str(*record, "LineAmountTypes");
  if (types != "Exclusive" && types != "Inclusive" && types != "NoTax") {
    out.errors.push_back("LineAmountTypes '" + types + "' is not valid; use Exclusive, Inclusive or NoTax");
  }
  record->set("LineAmountTypes", types);
  Json new_contact;
  if (Json contact = resolveContact(ctx, input, existing, out, new_contact)) record->set("Contact", contact);
  std::string status = has(input, "Status") ? str(input, "Status") : str(*record, "Status");
  checkStatus(kind, existing, status, out);
  record->set("Status", status);
  checkNumber(ctx, kind, existing, *record, out);
  auto lines = input.has("LineItems") ? input.getArray("LineItems") : record->getArray("LineItems");
  DocumentTotals totals = computeLines(ctx, lines, types, isSales(str(*record, "Type")));
  out.errors.insert(out.errors.end(), totals.errors.begin(), totals.errors.end());
  out.warnings = totals.warnings;
  setComputed(*record, totals, kind);
  record->set("UpdatedDateUTC", msDate(ctx.now_ms));
  if (!out.errors.empty() && !existing) record->set(kind.id_field, std::string(kEmptyGuid));
  const DocKind* k = &kind;
  out.commit = [&ctx, k, existing, record, new_contact] {
    commitDocument(ctx, *k, existing, record, new_contact);
  };
  return out;
}

}  // namespace

Outcome upsertInvoice(Ctx& ctx, const Poco::JSON::Object& input, const Json& existing) {
  return upsertDocument(ctx, kInvoice, input, existing);
}

Outcome upsertCreditNote(Ctx& ctx, const Poco::JSON::Object& input, const Json& existing) {
  return upsertDocument(ctx, kCreditNote, input, existing);
}

Outcome upsertPurchaseOrder(Ctx& ctx, const Poco::JSON::Object& input, const Json& existing) {
  return upsertDocument(ctx, kPurchaseOrder, input, existing);
}

}  // namespace accord::sandbox::xero
