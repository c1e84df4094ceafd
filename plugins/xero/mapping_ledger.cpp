// Item, Payment, Account, TaxRate, ManualJournal and Journal. Xero's own documents refer to
// items by Code, accounts by Code and tax rates by TaxType, so those are the ids these records
// carry (an account without a code uses its AccountID).
#include <map>

#include "mapping_common.h"

namespace accord::plugins::xero::detail {
namespace {

const std::map<std::string, std::string> kAccountTypes{
    {"BANK", "bank"}, {"CURRENT", "current_asset"}, {"CURRLIAB", "current_liability"},
    {"DEPRECIATN", "depreciation"}, {"DIRECTCOSTS", "direct_costs"}, {"EQUITY", "equity"},
    {"EXPENSE", "expense"}, {"FIXED", "fixed_asset"}, {"INVENTORY", "inventory"},
    {"LIABILITY", "liability"}, {"NONCURRENT", "non_current_asset"},
    {"OTHERINCOME", "other_income"}, {"OVERHEADS", "overheads"}, {"PREPAYMENT", "prepayment"},
    {"REVENUE", "revenue"}, {"SALES", "sales"}, {"TERMLIAB", "term_liability"},
    {"PAYGLIABILITY", "payg_liability"}, {"SUPERANNUATIONEXPENSE", "superannuation_expense"},
    {"SUPERANNUATIONLIABILITY", "superannuation_liability"}, {"WAGESEXPENSE", "wages_expense"}};
const std::map<std::string, std::string> kBankTypes{
    {"BANK", "bank"}, {"CREDITCARD", "credit_card"}, {"PAYPAL", "paypal"}, {"NONE", ""}, {"", ""}};

std::string reverseLookup(const std::map<std::string, std::string>& map, const std::string& v) {
  for (const auto& [xero, canonical] : map) {
    if (canonical == v && !xero.empty()) return xero;
  }
  return {};
}

std::vector<JournalLine> readJournalLines(Reader& r, const std::string& amount_key) {
  std::vector<JournalLine> out;
  JsonArray array = r.array("JournalLines");
  r.keep("JournalLines");
  for (std::size_t i = 0; i < array->size(); ++i) {
    JsonObject element = array->getObject(static_cast<unsigned>(i));
    if (!element) continue;
    Reader l = r.child(*element, "JournalLines[" + std::to_string(i) + "]");
    JournalLine line;
    line.account.id = l.str("AccountCode");
    if (line.account.id.empty()) line.account.id = l.str("AccountID");
    line.description = l.str("Description");
    line.amount = l.amount(amount_key);
    line.tax_code.id = l.str("TaxType");
    line.tax_amount = l.amount("TaxAmount");
    out.push_back(std::move(line));
  }
  return out;
}

// Unit price, account and tax of one side (SalesDetails / PurchaseDetails).
void readDetails(Reader& r, const std::string& key, std::optional<sdk::Decimal>& price,
                 Ref& account, Ref& tax) {
  JsonObject details = r.object(key);
  if (!details) return;
  Reader d = r.child(*details, key);
  price = d.decimal("UnitPrice");
  account.id = d.str("AccountCode");
  if (account.id.empty()) account.id = d.str("COGSAccountCode");
  tax.id = d.str("TaxType");
}

JsonObject writeDetails(const std::optional<sdk::Decimal>& price, const Ref& account,
                        const Ref& tax, const std::string& account_key) {
  Poco::JSON::Object::Ptr d = new Poco::JSON::Object();
  if (price) setDecimal(*d, "UnitPrice", *price);
  setIfNotEmpty(*d, account_key, account.id);
  setIfNotEmpty(*d, "TaxType", tax.id);
  return d;
}

}  // namespace

sdk::Result<Decoded> decodeItem(Reader& r) {
  Item item = withMeta<Item>(r.str("Code"), r.timestamp("UpdatedDateUTC"));
  if (item.meta.id.empty()) r.fail("Code", "is missing");
  item.code = item.meta.id;
  item.name = r.str("Name");
  item.description = r.str("Description");
  item.purchase_description = r.str("PurchaseDescription");
  item.is_sold = r.boolean("IsSold", true);
  item.is_purchased = r.boolean("IsPurchased", true);
  item.is_tracked = r.boolean("IsTrackedAsInventory");
  readDetails(r, "SalesDetails", item.sale_price, item.sale_account, item.sale_tax_code);
  readDetails(r, "PurchaseDetails", item.purchase_price, item.purchase_account,
              item.purchase_tax_code);
  item.inventory_account.id = r.str("InventoryAssetAccountCode");
  item.quantity_on_hand = r.decimal("QuantityOnHand");
  Decoded out;
  out.records.push_back(std::move(item));
  return out;
}

sdk::Result<Encoded> encodeItem(const sdk::WriteOp& op) {
  Item item = std::get<Item>(op.record);
  Encoded out;
  if (op.kind == sdk::WriteKind::archive || op.kind == sdk::WriteKind::remove) {
    return sdk::makeError(sdk::ErrorKind::not_supported, "Xero items are not archived or removed "
                          "through the plugin", "status");
  }
  if (item.taxes.size() > 1) {
    return sdk::makeError(sdk::ErrorKind::permanent,
                          "taxes: Xero holds one tax per item (one for sales, one for purchases); "
                          "got " + std::to_string(item.taxes.size()), "taxes");
  }
  if (item.taxes.size() == 1 && item.taxes.front() != item.sale_tax_code &&
      item.taxes.front() != item.purchase_tax_code) {
    if (!item.sale_tax_code.empty()) {
      return sdk::makeError(sdk::ErrorKind::permanent,
                            "taxes: Xero holds one sales tax per item; taxes[0] differs from "
                            "sale_tax_code", "taxes");
    }
    item.sale_tax_code = item.taxes.front();
    out.warnings.push_back("taxes: taxes[0] is kept by Xero as the item's sales tax");
  }
  out.element = new Poco::JSON::Object();
  auto& e = *out.element;
  e.set("Code", item.code.empty() ? item.meta.id : item.code);
  e.set("Name", item.name);
  e.set("Description", item.description);
  e.set("PurchaseDescription", item.purchase_description);
  e.set("IsSold", item.is_sold);
  e.set("IsPurchased", item.is_purchased);
  e.set("SalesDetails", writeDetails(item.sale_price, item.sale_account, item.sale_tax_code,
                                     "AccountCode"));
  e.set("PurchaseDetails",
        writeDetails(item.purchase_price, item.purchase_account, item.purchase_tax_code,
                     item.is_tracked ? "COGSAccountCode" : "AccountCode"));
  if (item.is_tracked) setIfNotEmpty(e, "InventoryAssetAccountCode", item.inventory_account.id);
  return out;
}

sdk::Result<Decoded> decodePayment(Reader& r) {
  Decoded out;
  auto updated = r.timestamp("UpdatedDateUTC");
  Payment payment = withMeta<Payment>(r.str("PaymentID"), updated);
  payment.date = r.date("Date");
  payment.amount = r.amount("Amount");
  payment.currency_rate = r.decimal("CurrencyRate");
  payment.reference = r.str("Reference");
  std::string type = r.str("PaymentType");
  if (JsonObject invoice = r.object("Invoice")) {
    Reader i = r.child(*invoice, "Invoice");
    payment.invoice.id = i.str("InvoiceID");
    payment.currency = i.str("CurrencyCode");
    payment.organization.id = readContactId(i);
    if (type.empty()) type = i.str("Type") == "ACCPAY" ? "ACCPAYPAYMENT" : "ACCRECPAYMENT";
  }
  if (JsonObject note = r.object("CreditNote")) {
    payment.credit_note.id = r.child(*note, "CreditNote").str("CreditNoteID");
  }
  if (JsonObject account = r.object("Account")) {
    Reader a = r.child(*account, "Account");
    payment.bank_account.id = a.str("Code");
    if (payment.bank_account.id.empty()) payment.bank_account.id = a.str("AccountID");
  }
  payment.kind = type.rfind("AP", 0) == 0 ? "payable" : "receivable";
  std::string status = r.str("Status");
  payment.status = "authorised";
  if (auto removed = removedStatus(status)) {
    setRemoval(out, *removed, updated);
    return out;
  }
  out.records.push_back(std::move(payment));
  return out;
}

sdk::Result<Encoded> encodePayment(const sdk::WriteOp& op) {
  const auto& payment = std::get<Payment>(op.record);
  Encoded out;
  out.element = new Poco::JSON::Object();
  auto& e = *out.element;
  if (op.kind == sdk::WriteKind::remove) {  // Xero's reversal: POST /Payments/{id}
    e.set("Status", "DELETED");
    return out;
  }
  if (op.kind != sdk::WriteKind::create) {
    return sdk::makeError(sdk::ErrorKind::not_supported,
                          "Payment " + payment.meta.id + ": Xero cannot " +
                              std::string(sdk::toString(op.kind)) +
                              " a payment, only create or delete one",
                          "status");
  }
  if (payment.bank_account.empty()) {
    return sdk::makeError(sdk::ErrorKind::permanent,
                          "bank_account: Xero requires the bank account a payment goes through",
                          "bank_account");
  }
  if (payment.invoice.empty() && payment.credit_note.empty()) {
    return sdk::makeError(sdk::ErrorKind::permanent,
                          "invoice: Xero requires the invoice or credit note paid", "invoice");
  }
  Poco::JSON::Object::Ptr account = new Poco::JSON::Object();
  setAccountRef(*account, "Code", "AccountID", payment.bank_account);
  e.set("Account", account);
  Poco::JSON::Object::Ptr target = new Poco::JSON::Object();
  if (!payment.invoice.empty()) {
    target->set("InvoiceID", payment.invoice.id);
    e.set("Invoice", target);
  } else {
    target->set("CreditNoteID", payment.credit_note.id);
    e.set("CreditNote", target);
  }
  if (payment.date) e.set("Date", payment.date->toString());
  setDecimal(e, "Amount", payment.amount);
  if (payment.currency_rate) setDecimal(e, "CurrencyRate", *payment.currency_rate);
  setIfNotEmpty(e, "Reference", payment.reference);
  return out;
}

sdk::Result<Decoded> decodeAccount(Reader& r) {
  Decoded out;
  auto updated = r.timestamp("UpdatedDateUTC");
  std::string code = r.str("Code"), account_id = r.str("AccountID");
  Account account = withMeta<Account>(code.empty() ? account_id : code, updated);
  account.code = code;
  account.name = r.str("Name");
  account.description = r.str("Description");
  std::string type = r.str("Type");
  auto known = kAccountTypes.find(type);
  if (known == kAccountTypes.end()) r.fail("Type", "unknown account type \"" + type + "\"");
  else account.type = known->second;
  std::string account_class = toLower(r.str("Class"));
  if (!account_class.empty()) account.account_class = account_class;
  account.tax_code.id = r.str("TaxType");
  account.bank_account_number = r.str("BankAccountNumber");
  auto bank = kBankTypes.find(r.str("BankAccountType"));
  account.bank_account_type = bank == kBankTypes.end() ? "" : bank->second;
  account.currency = r.str("CurrencyCode");
  account.enable_payments = r.boolean("EnablePaymentsToAccount");
  out.records.push_back(std::move(account));
  if (auto removed = removedStatus(r.str("Status"))) setRemoval(out, *removed, updated);
  return out;
}

sdk::Result<Encoded> encodeAccount(const sdk::WriteOp& op) {
  const auto& account = std::get<Account>(op.record);
  Encoded out;
  out.element = new Poco::JSON::Object();
  auto& e = *out.element;
  if (op.kind == sdk::WriteKind::archive) {
    e.set("Status", "ARCHIVED");
    return out;
  }
  e.set("Code", account.code);
  e.set("Name", account.name);
  e.set("Description", account.description);
  e.set("Type", reverseLookup(kAccountTypes, account.type));
  setIfNotEmpty(e, "TaxType", account.tax_code.id);
  if (account.type == "bank") {
    e.set("BankAccountNumber", account.bank_account_number);
    setIfNotEmpty(e, "BankAccountType", reverseLookup(kBankTypes, account.bank_account_type));
    setIfNotEmpty(e, "CurrencyCode", account.currency);
  }
  e.set("EnablePaymentsToAccount", account.enable_payments);
  return out;
}

sdk::Result<Decoded> decodeTaxRate(Reader& r) {
  Decoded out;
  TaxCode tax = withMeta<TaxCode>(r.str("TaxType"), std::nullopt);
  if (tax.meta.id.empty()) r.fail("TaxType", "is missing");
  tax.code = tax.meta.id;
  tax.name = r.str("Name");
  tax.rate = r.amount("EffectiveRate");
  tax.applies_to_sales = r.boolean("CanApplyToRevenue");
  tax.applies_to_purchases = r.boolean("CanApplyToExpenses");
  JsonArray components = r.array("TaxComponents");
  for (std::size_t i = 0; i < components->size(); ++i) {
    JsonObject element = components->getObject(static_cast<unsigned>(i));
    if (!element) continue;
    Reader c = r.child(*element, "TaxComponents[" + std::to_string(i) + "]");
    tax.components.push_back(
        TaxComponent{c.str("Name"), c.amount("Rate"), c.boolean("IsCompound")});
  }
  out.records.push_back(std::move(tax));
  if (auto removed = removedStatus(r.str("Status"))) setRemoval(out, *removed, std::nullopt);
  return out;
}

sdk::Result<Encoded> encodeTaxRate(const sdk::WriteOp& op) {
  const auto& tax = std::get<TaxCode>(op.record);
  Encoded out;
  out.element = new Poco::JSON::Object();
  auto& e = *out.element;
  e.set("Name", tax.name);
  // Xero names new tax rates itself (TAX001...); the type only identifies an existing one.
  if (op.kind != sdk::WriteKind::create) e.set("TaxType", tax.meta.id);
  if (op.kind == sdk::WriteKind::archive) e.set("Status", "ARCHIVED");
  if (op.kind == sdk::WriteKind::remove) e.set("Status", "DELETED");
  JsonArray components = new Poco::JSON::Array();
  for (const TaxComponent& c : tax.components) {
    Poco::JSON::Object::Ptr element = new Poco::JSON::Object();
    element->set("Name", c.name);
    setDecimal(*element, "Rate", c.rate);
    element->set("IsCompound", c.is_compound);
    components->add(element);
  }
  e.set("TaxComponents", components);
  return out;
}

sdk::Result<Decoded> decodeManualJournal(Reader& r) {
  Decoded out;
  auto updated = r.timestamp("UpdatedDateUTC");
  Journal journal = withMeta<Journal>(r.str("ManualJournalID"), updated);
  journal.kind = "manual";
  journal.narration = r.str("Narration");
  journal.date = r.date("Date");
  journal.line_amount_types = lineAmountTypesFromXero(r.str("LineAmountTypes"));
  journal.lines = readJournalLines(r, "LineAmount");
  std::string status = r.str("Status");
  journal.status = toLower(status);
  if (auto removed = removedStatus(status)) {
    setRemoval(out, *removed, updated);
  } else {
    out.records.push_back(std::move(journal));
  }
  return out;
}

sdk::Result<Decoded> decodeJournal(Reader& r) {
  Decoded out;
  // Generated journals never change after creation: their created time is their modified time.
  Journal journal = withMeta<Journal>(r.str("JournalID"), r.timestamp("CreatedDateUTC"));
  journal.kind = "generated";
  journal.status = "posted";
  journal.number = r.str("JournalNumber");
  journal.date = r.date("JournalDate");
  journal.reference = r.str("Reference");
  journal.source_type = toLower(r.str("SourceType"));
  journal.source.id = r.str("SourceID");
  journal.lines = readJournalLines(r, "NetAmount");
  out.records.push_back(std::move(journal));
  return out;
}

sdk::Result<Encoded> encodeManualJournal(const sdk::WriteOp& op) {
  const auto& journal = std::get<Journal>(op.record);
  Encoded out;
  out.element = new Poco::JSON::Object();
  auto& e = *out.element;
  if (journal.kind != "manual") {
    return sdk::makeError(sdk::ErrorKind::not_supported,
                          "kind: Xero's generated journals are read-only", "kind");
  }
  if (op.kind != sdk::WriteKind::create) e.set("ManualJournalID", journal.meta.id);
  e.set("Status", op.kind == sdk::WriteKind::archive  ? "VOIDED"
                  : op.kind == sdk::WriteKind::remove ? "DELETED"
                                                      : toUpper(journal.status));
  if (op.kind == sdk::WriteKind::archive || op.kind == sdk::WriteKind::remove) return out;
  e.set("Narration", journal.narration);
  if (journal.date) e.set("Date", journal.date->toString());
  e.set("LineAmountTypes", lineAmountTypesToXero(journal.line_amount_types));
  JsonArray lines = new Poco::JSON::Array();
  for (const JournalLine& line : journal.lines) {
    Poco::JSON::Object::Ptr element = new Poco::JSON::Object();
    setDecimal(*element, "LineAmount", line.amount);
    setAccountRef(*element, "AccountCode", "AccountID", line.account);
    element->set("Description", line.description);
    setIfNotEmpty(*element, "TaxType", line.tax_code.id);
    lines->add(element);
  }
  e.set("JournalLines", lines);
  return out;
}

}  // namespace accord::plugins::xero::detail
