// Accounts, TaxRates, ManualJournals, and the Journals Xero derives from every posting.
#include <algorithm>

#include "sandbox/common/http.h"
#include "sandbox/xero/accounting/line_items.h"
#include "sandbox/xero/accounting/resource.h"

namespace accord::sandbox::xero {
namespace {

const std::vector<std::string> kAccountTypes = {
    "BANK", "CURRENT", "CURRLIAB", "DEPRECIATN", "DIRECTCOSTS", "EQUITY", "EXPENSE", "FIXED",
    "INVENTORY", "LIABILITY", "NONCURRENT", "OTHERINCOME", "OVERHEADS", "PREPAYMENT", "REVENUE",
    "SALES", "TERMLIAB", "PAYG"};

}  // namespace

std::string accountClass(const std::string& type) {
  if (type == "REVENUE" || type == "SALES" || type == "OTHERINCOME") return "REVENUE";
  if (type == "EQUITY") return "EQUITY";
  if (type == "CURRLIAB" || type == "LIABILITY" || type == "TERMLIAB" || type == "PAYG") return "LIABILITY";
  if (type == "DIRECTCOSTS" || type == "EXPENSE" || type == "OVERHEADS" || type == "DEPRECIATN") return "EXPENSE";
  return "ASSET";
}

namespace {

using Posting = JournalPosting;

Amount num(const Poco::JSON::Object& o, const std::string& key) {
  return Amount::fromVar(o.has(key) ? o.get(key) : Poco::Dynamic::Var()).value_or(Amount());
}

// Line ids derive from the journal's id so materializing needs no generator.
std::string lineId(const std::string& journal_id, std::size_t index) {
  char suffix[8];
  std::snprintf(suffix, sizeof suffix, "%04zx", (index + 1) & 0xFFFF);
  return journal_id.substr(0, journal_id.size() - 4) + suffix;
}

Json buildJournal(const XeroAccounting& state, const PendingJournal& pending) {
  const std::vector<Posting>& postings = pending.postings;
  Json journal = newObject();
  journal->set("JournalID", pending.journal_id);
  journal->set("JournalDate", pending.date);
  journal->set("JournalNumber", pending.number);
  journal->set("CreatedDateUTC", msDate(pending.created_ms));
  journal->set("Reference", pending.reference);
  journal->set("SourceID", pending.source_id);
  journal->set("SourceType", pending.source_type);
  Poco::JSON::Array::Ptr lines = new Poco::JSON::Array();
  for (std::size_t i = 0; i < postings.size(); ++i) {
    const Posting& p = postings[i];
    Json line = newObject();
    line->set("JournalLineID", lineId(pending.journal_id, i));
    if (Json account = state.accountByCode(p.account_code)) {
      line->set("AccountID", str(*account, "AccountID"));
      line->set("AccountCode", p.account_code);
      line->set("AccountType", str(*account, "Type"));
      line->set("AccountName", str(*account, "Name"));
    }
    line->set("Description", p.description);
    setAmount(*line, "NetAmount", p.net);
    setAmount(*line, "GrossAmount", p.net + p.tax);
    setAmount(*line, "TaxAmount", p.tax);
    if (!p.tax_type.empty()) {
      line->set("TaxType", p.tax_type);
      if (Json rate = state.taxRate(p.tax_type)) line->set("TaxName", str(*rate, "Name"));
    }
    line->set("TrackingCategories", Poco::JSON::Array::Ptr(new Poco::JSON::Array()));
    lines->add(line);
  }
  journal->set("JournalLines", lines);
  return journal;
}

// The postings of a document, a payment or a manual journal as it is when posted.
PendingJournal documentJournal(const Poco::JSON::Object& doc, bool reverse) {
  std::string type = str(doc, "Type");
  bool sales = type == "ACCREC" || type == "ACCRECCREDIT";
  bool credit = type == "ACCRECCREDIT" || type == "ACCPAYCREDIT";
  // Sales post the total to receivables as a debit; bills to payables as a credit.
  int sign = (sales != credit) ? 1 : -1;
  if (reverse) sign = -sign;
  auto signed_ = [sign](Amount a) { return sign > 0 ? a : -a; };
  std::vector<Posting> postings;
  postings.push_back({sales ? "610" : "800", "", "", signed_(num(doc, "Total")), Amount()});
  auto lines = doc.getArray("LineItems");
  bool inclusive = str(doc, "LineAmountTypes") == "Inclusive";
  for (std::size_t i = 0; lines && i < lines->size(); ++i) {
    Json line = lines->getObject(static_cast<unsigned>(i));
    Amount tax = num(*line, "TaxAmount");
    Amount net = inclusive ? num(*line, "LineAmount") - tax : num(*line, "LineAmount");
    std::string code = has(*line, "AccountCode") ? str(*line, "AccountCode") : (sales ? "200" : "300");
    postings.push_back({code, str(*line, "Description"), str(*line, "TaxType"), signed_(-net), signed_(-tax)});
  }
  bool invoice = has(doc, "InvoiceID");
  return {str(doc, invoice ? "InvoiceID" : "CreditNoteID"), type, str(doc, "Date"),
          str(doc, invoice ? "InvoiceNumber" : "CreditNoteNumber"), std::move(postings)};
}

PendingJournal paymentJournal(const Poco::JSON::Object& payment, bool reverse) {
  std::string type = str(payment, "PaymentType");
  bool receipt = type == "ACCRECPAYMENT" || type == "APCREDITPAYMENT";
  Amount amount = num(payment, "Amount");
  if (receipt == reverse) amount = -amount;
  bool sales_side = type == "ACCRECPAYMENT" || type == "ARCREDITPAYMENT";
  Json account = payment.getObject("Account");
  std::vector<Posting> postings{{account ? str(*account, "Code") : "", "", "", amount, Amount()},
                                {sales_side ? "610" : "800", "", "", -amount, Amount()}};
  return {str(payment, "PaymentID"), type, str(payment, "Date"), str(payment, "Reference"),
          std::move(postings)};
}

PendingJournal manualJournal(const Poco::JSON::Object& journal) {
  std::vector<Posting> postings;
  bool voided = str(journal, "Status") == "VOIDED";
  auto lines = journal.getArray("JournalLines");
  for (std::size_t i = 0; lines && i < lines->size(); ++i) {
    Json line = lines->getObject(static_cast<unsigned>(i));
    Amount amount = num(*line, "LineAmount");
    postings.push_back({str(*line, "AccountCode"), str(*line, "Description"), str(*line, "TaxType"),
                        voided ? -amount : amount, Amount()});
  }
  return {str(journal, "ManualJournalID"), "MANJOURNAL", str(journal, "Date"),
          str(journal, "Narration"), std::move(postings)};
}

void queueJournal(Ctx& ctx, PendingJournal pending) {
  pending.journal_id = ctx.ids.next();
  pending.number = static_cast<int>(ctx.state.nextNumber("JOURNAL"));
  pending.created_ms = ctx.now_ms;
  ctx.state.pending_journals.push_back(std::move(pending));
}

}  // namespace

void postInvoiceJournal(Ctx& ctx, const Json& document, bool reverse) {
  queueJournal(ctx, documentJournal(*document, reverse));
}

void postPaymentJournal(Ctx& ctx, const Json& payment, bool reverse) {
  queueJournal(ctx, paymentJournal(*payment, reverse));
}

void postManualJournal(Ctx& ctx, const Json& journal) { queueJournal(ctx, manualJournal(*journal)); }

void materializeJournals(XeroAccounting& state) {
  for (const PendingJournal& pending : state.pending_journals) state.journals.put(buildJournal(state, pending));
  state.pending_journals.clear();
}

Outcome upsertAccount(Ctx& ctx, const Poco::JSON::Object& input, const Json& existing) {
  Outcome out;
  Json record = existing ? copyObject(*existing) : newObject();
  if (!existing) {
    record->set("AccountID", ctx.ids.next());
    record->set("Status", "ACTIVE");
    record->set("EnablePaymentsToAccount", false);
    record->set("ShowInExpenseClaims", false);
    record->set("HasAttachments", false);
  }
  for (const char* f : {"Code", "Name", "Type", "BankAccountNumber", "Status", "Description",
                        "BankAccountType", "CurrencyCode", "TaxType", "EnablePaymentsToAccount",
                        "ShowInExpenseClaims", "ReportingCode", "ReportingCodeName", "AddToWatchlist"}) {
    if (input.has(f)) record->set(f, input.get(f));
  }
  std::string type = str(*record, "Type");
  if (std::find(kAccountTypes.begin(), kAccountTypes.end(), type) == kAccountTypes.end()) {
    out.errors.push_back(type.empty() ? "Account Type must be specified" : "Account Type '" + type + "' is not valid");
  }
  record->set("Class", accountClass(type));
  if (type == "BANK" && !has(*record, "BankAccountType")) record->set("BankAccountType", "BANK");
  std::string own = str(*record, "AccountID");
  for (const char* key : {"Code", "Name"}) {
    std::string value = str(*record, key);
    if (std::string(key) == "Name" && value.empty()) out.errors.push_back("Please enter a Name.");
    for (const Json& other : ctx.state.accounts.records()) {
      if (!value.empty() && str(*other, "AccountID") != own && iequals(str(*other, key), value) &&
          str(*other, "Status") != "DELETED") {
        out.errors.push_back(std::string("Please enter a unique ") + key + ".");
        break;
      }
    }
  }
  std::string tax_type = str(*record, "TaxType");
  if (!tax_type.empty() && !ctx.state.taxRate(tax_type)) {
    out.errors.push_back("The TaxType code '" + tax_type + "' does not exist or cannot be used for this type of transaction.");
  }
  record->set("UpdatedDateUTC", msDate(ctx.now_ms));
  if (!out.errors.empty() && !existing) record->set("AccountID", std::string(kEmptyGuid));
  out.record = record;
  out.commit = [&ctx, record] { ctx.state.accounts.put(record); };
  return out;
}

Outcome upsertTaxRate(Ctx& ctx, const Poco::JSON::Object& input, const Json& existing) {
  Outcome out;
  Json record = existing ? copyObject(*existing) : newObject();
  if (!existing) {
    char code[32];
    std::snprintf(code, sizeof code, "TAX%03lld", static_cast<long long>(ctx.state.nextNumber("TAX")));
    record->set("TaxType", std::string(code));
    record->set("Status", "ACTIVE");
    record->set("ReportTaxType", "OUTPUT");
  }
  for (const char* f : {"Name", "TaxComponents", "Status", "ReportTaxType"}) {
    if (input.has(f)) record->set(f, input.get(f));
  }
  if (str(*record, "Name").empty()) out.errors.push_back("Please enter a Name.");
  Amount rate;
  auto components = record->getArray("TaxComponents");
  if (!components || components->size() == 0) out.errors.push_back("A tax rate needs at least one TaxComponent");
  for (std::size_t i = 0; components && i < components->size(); ++i) {
    Json c = components->getObject(static_cast<unsigned>(i));
    auto r = c ? Amount::fromVar(c->get("Rate")) : std::nullopt;
    if (!r) out.errors.push_back("TaxComponents[" + std::to_string(i) + "].Rate must be a number");
    else rate += *r;
  }
  setAmount(*record, "DisplayTaxRate", rate);
  setAmount(*record, "EffectiveRate", rate);
  out.record = record;
  out.commit = [&ctx, record] { ctx.state.tax_rates.put(record); };
  return out;
}

Outcome upsertManualJournal(Ctx& ctx, const Poco::JSON::Object& input, const Json& existing) {
  Outcome out;
  Json record = existing ? copyObject(*existing) : newObject();
  std::string before = existing ? str(*existing, "Status") : "";
  if (!existing) {
    record->set("ManualJournalID", ctx.ids.next());
    record->set("Status", "DRAFT");
    record->set("LineAmountTypes", "NoTax");
    record->set("ShowOnCashBasisReports", true);
    record->set("HasAttachments", false);
    record->set("Date", msDate(startOfDay(ctx.now_ms)));
  }
  if (before == "VOIDED" || before == "DELETED" || (before == "POSTED" && str(input, "Status") != "VOIDED")) {
    out.record = record;
    out.errors.push_back("Manual Journal not of valid status for modification");
    return out;
  }
  for (const char* f : {"Narration", "JournalLines", "LineAmountTypes", "Status", "Url", "ShowOnCashBasisReports"}) {
    if (input.has(f)) record->set(f, input.get(f));
  }
  if (has(input, "Date")) {
    if (auto ms = parseXeroDate(str(input, "Date"))) record->set("Date", msDate(*ms));
    else out.errors.push_back("Date '" + str(input, "Date") + "' is not a valid date");
  }
  if (str(*record, "Narration").empty()) out.errors.push_back("Narration must be specified");
  Amount debits, credits;
  auto lines = record->getArray("JournalLines");
  for (std::size_t i = 0; lines && i < lines->size(); ++i) {
    Json line = lines->getObject(static_cast<unsigned>(i));
    Amount amount = line ? num(*line, "LineAmount") : Amount();
    (Amount() < amount ? debits : credits) += amount;
    if (line && !ctx.state.accountByCode(str(*line, "AccountCode"))) {
      out.errors.push_back("Account code '" + str(*line, "AccountCode") + "' is not a valid code for this document.");
    }
  }
  if (!(debits + credits).isZero()) {
    out.errors.push_back("The total debits (" + debits.toString() + ") must equal total credits (" +
                         credits.toString() + ")");
  }
  record->set("UpdatedDateUTC", msDate(ctx.now_ms));
  if (!out.errors.empty() && !existing) record->set("ManualJournalID", std::string(kEmptyGuid));
  out.record = record;
  out.commit = [&ctx, record, before] {
    ctx.state.manual_journals.put(record);
    std::string status = str(*record, "Status");
    if ((status == "POSTED" && before != "POSTED") || (status == "VOIDED" && before == "POSTED")) {
      postManualJournal(ctx, record);
    }
  };
  return out;
}

const std::vector<Resource>& accountingResources() {
  static const std::vector<Resource> kResources = [] {
    std::vector<Resource> r;
    r.push_back({"Contacts", &XeroAccounting::contacts, "ContactStatus", {"ARCHIVED", "GDPRREQUEST"}, true, false, {}, upsertContact});
    r.push_back({"Items", &XeroAccounting::items, "", {}, false, true, {}, upsertItem});
    r.push_back({"Invoices", &XeroAccounting::invoices, "Status", {}, true, false, {}, upsertInvoice});
    r.push_back({"CreditNotes", &XeroAccounting::credit_notes, "Status", {}, true, false,
                 "An existing Credit Note with the specified CreditNoteID could not be found", upsertCreditNote});
    r.push_back({"Payments", &XeroAccounting::payments, "Status", {}, true, false, {}, upsertPayment});
    r.push_back({"Accounts", &XeroAccounting::accounts, "Status", {}, false, false, {}, upsertAccount});
    r.push_back({"TaxRates", &XeroAccounting::tax_rates, "Status", {}, false, true, {}, upsertTaxRate});
    r.push_back({"ManualJournals", &XeroAccounting::manual_journals, "Status", {}, true, false, {}, upsertManualJournal});
    r.push_back({"Journals", &XeroAccounting::journals, "", {}, false, false, {}, {}});
    r.push_back({"PurchaseOrders", &XeroAccounting::purchase_orders, "Status", {}, true, false, {}, upsertPurchaseOrder});
    for (auto& res : r) {
      if (res.not_found_message.empty()) res.not_found_message = "The document with the supplied id was not found for this endpoint.";
    }
    return r;
  }();
  return kResources;
}

}  // namespace accord::sandbox::xero
