// Payments against invoices and credit notes: PUT/POST to create, POST {"Status":"DELETED"}
// to delete. A payment needs a BANK account or one with EnablePaymentsToAccount.
#include "sandbox/xero/accounting/line_items.h"
#include "sandbox/xero/accounting/resource.h"

namespace accord::sandbox::xero {
namespace {

Json findDocument(Ctx& ctx, const Poco::JSON::Object& input, std::string& kind, Outcome& out) {
  for (const auto& [field, id_field, number_field, collection] :
       {std::tuple{"Invoice", "InvoiceID", "InvoiceNumber", &XeroAccounting::invoices},
        std::tuple{"CreditNote", "CreditNoteID", "CreditNoteNumber", &XeroAccounting::credit_notes}}) {
    Json ref = input.getObject(field);
    if (!ref) continue;
    kind = field;
    const Collection& docs = ctx.state.*collection;
    if (has(*ref, id_field)) {
      if (Json doc = docs.find(str(*ref, id_field))) return doc;
    } else if (has(*ref, number_field)) {
      auto found = docs.findByKey(str(*ref, number_field));
      if (!found.empty()) return found.front();
    }
    out.errors.push_back(std::string(field) + " could not be found");
    return nullptr;
  }
  out.errors.push_back("You must specify either an Invoice, CreditNote, Prepayment or Overpayment");
  return nullptr;
}

Json findAccount(Ctx& ctx, const Poco::JSON::Object& input, Outcome& out) {
  Json ref = input.getObject("Account");
  Json account;
  if (ref && has(*ref, "AccountID")) account = ctx.state.accounts.find(str(*ref, "AccountID"));
  if (!account && ref && has(*ref, "Code")) account = ctx.state.accountByCode(str(*ref, "Code"));
  if (!account) {
    out.errors.push_back("Account could not be found");
  } else if (str(*account, "Type") != "BANK" &&
             !account->optValue<bool>("EnablePaymentsToAccount", false)) {
    out.errors.push_back("Payments can only be made to or from a bank account or an account "
                         "with 'Enable payments to this account' set");
    account = nullptr;
  }
  return account;
}

const char* outstandingField(const std::string& kind) {
  return kind == "Invoice" ? "AmountDue" : "RemainingCredit";
}

// Applies (sign +1) or reverses (-1) a payment on its document.
void applyToDocument(Ctx& ctx, const Poco::JSON::Object& payment, int sign) {
  bool invoice = payment.has("Invoice");
  Collection& docs = invoice ? ctx.state.invoices : ctx.state.credit_notes;
  Json ref = payment.getObject(invoice ? "Invoice" : "CreditNote");
  Json doc = docs.find(str(*ref, invoice ? "InvoiceID" : "CreditNoteID"));
  if (!doc) return;
  Json updated = copyObject(*doc);
  Amount amount = Amount::fromVar(payment.get("Amount")).value_or(Amount());
  Amount due = Amount::fromVar(doc->get(outstandingField(invoice ? "Invoice" : "CreditNote"))).value_or(Amount());
  due = sign > 0 ? due - amount : due + amount;
  if (invoice) {  // credit notes show only RemainingCredit (their schema has no AmountPaid)
    Amount paid = Amount::fromVar(doc->get("AmountPaid")).value_or(Amount());
    setAmount(*updated, "AmountPaid", sign > 0 ? paid + amount : paid - amount);
  }
  setAmount(*updated, outstandingField(invoice ? "Invoice" : "CreditNote"), due);
  updated->set("Status", due.isZero() ? "PAID" : "AUTHORISED");
  if (due.isZero()) updated->set("FullyPaidOnDate", str(payment, "Date"));
  else updated->remove("FullyPaidOnDate");
  Poco::JSON::Array::Ptr list = new Poco::JSON::Array();
  auto old = doc->getArray("Payments");
  for (std::size_t i = 0; old && i < old->size(); ++i) {
    Json p = old->getObject(static_cast<unsigned>(i));
    if (p && str(*p, "PaymentID") != str(payment, "PaymentID")) list->add(p);
  }
  if (sign > 0) {
    Json summary = newObject();
    for (const char* f : {"PaymentID", "Date", "Amount", "Reference", "CurrencyRate"}) {
      if (payment.has(f)) summary->set(f, payment.get(f));
    }
    summary->set("HasAccount", true);
    summary->set("HasValidationErrors", false);
    list->add(summary);
  }
  updated->set("Payments", list);
  updated->set("UpdatedDateUTC", msDate(ctx.now_ms));
  docs.put(updated);
  ctx.emit(invoice ? "INVOICE" : "CREDITNOTE", str(*updated, invoice ? "InvoiceID" : "CreditNoteID"),
           false);
}

Outcome deletePayment(Ctx& ctx, const Json& existing) {
  Outcome out;
  Json record = copyObject(*existing);
  out.record = record;
  if (str(*existing, "Status") == "DELETED") {
    out.errors.push_back("Payment has already been deleted");
    return out;
  }
  record->set("Status", "DELETED");
  record->set("UpdatedDateUTC", msDate(ctx.now_ms));
  out.commit = [&ctx, record, existing] {
    applyToDocument(ctx, *existing, -1);
    postPaymentJournal(ctx, existing, true);
    ctx.state.payments.put(record);
  };
  return out;
}

}  // namespace

Outcome upsertPayment(Ctx& ctx, const Poco::JSON::Object& input, const Json& existing) {
  if (existing) {
    if (str(input, "Status") == "DELETED") return deletePayment(ctx, existing);
    Outcome out{copyObject(*existing), {"A payment can only be deleted, not modified"}, {}, {}};
    return out;
  }
  Outcome out;
  Json record = newObject();
  out.record = record;
  record->set("PaymentID", ctx.ids.next());
  std::string kind;
  Json doc = findDocument(ctx, input, kind, out);
  Json account = findAccount(ctx, input, out);
  auto amount = Amount::fromVar(input.get("Amount"));
  if (!amount || !(Amount() < *amount)) out.errors.push_back("Payment amount must be greater than zero");
  auto date = has(input, "Date") ? parseXeroDate(str(input, "Date")) : startOfDay(ctx.now_ms);
  if (!date) out.errors.push_back("Date '" + str(input, "Date") + "' is not a valid date");
  if (doc) {
    if (str(*doc, "Status") != "AUTHORISED") {
      out.errors.push_back("Payments can only be made against AUTHORISED documents");
    } else if (amount && Amount::fromVar(doc->get(outstandingField(kind))).value_or(Amount()) < *amount) {
      out.errors.push_back("Payment amount exceeds the amount outstanding on this document");
    }
    std::string type = str(*doc, "Type");
    record->set("PaymentType", type == "ACCREC"         ? "ACCRECPAYMENT"
                               : type == "ACCPAY"       ? "ACCPAYPAYMENT"
                               : type == "ACCRECCREDIT" ? "ARCREDITPAYMENT"
                                                        : "APCREDITPAYMENT");
    Json ref = newObject();
    for (const char* f : {"Type", "InvoiceID", "InvoiceNumber", "CreditNoteID", "CreditNoteNumber", "Contact"}) {
      if (doc->has(f)) ref->set(f, doc->get(f));
    }
    record->set(kind, ref);
  }
  if (account) {
    Json ref = newObject();
    for (const char* f : {"AccountID", "Code", "Name"}) ref->set(f, str(*account, f));
    record->set("Account", ref);
  }
  if (date) record->set("Date", msDate(*date));
  if (amount) {
    setAmount(*record, "Amount", *amount);
    setAmount(*record, "BankAmount", *amount);
  }
  record->set("CurrencyRate", 1.0);
  if (input.has("Reference")) record->set("Reference", input.get("Reference"));
  record->set("Status", "AUTHORISED");
  record->set("IsReconciled", input.optValue<bool>("IsReconciled", false));
  record->set("HasAccount", account != nullptr);
  record->set("UpdatedDateUTC", msDate(ctx.now_ms));
  if (!out.errors.empty()) record->set("PaymentID", std::string(kEmptyGuid));
  out.commit = [&ctx, record] {
    ctx.state.payments.put(record);
    applyToDocument(ctx, *record, +1);
    postPaymentJournal(ctx, record, false);
  };
  return out;
}

}  // namespace accord::sandbox::xero
