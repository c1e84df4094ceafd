// Seeding an organisation: a chart of accounts and tax rates like Xero's demo company, then
// the shared SeedData's Xero companies, products and invoices through the same rules clients
// meet (so seeded records are exactly what the API would have made).
#include <map>
#include <set>

#include "sandbox/xero/accounting/accounting_api.h"
#include "sandbox/xero/accounting/line_items.h"
#include "sandbox/xero/accounting/resource.h"

namespace accord::sandbox::xero {
namespace {

struct AccountRow { const char *code, *name, *type, *tax_type; bool payments; };
const AccountRow kChart[] = {
    {"090", "Business Bank Account", "BANK", "NONE", false},
    {"091", "Business Savings Account", "BANK", "NONE", false},
    {"140", "Inventory", "INVENTORY", "NONE", false},
    {"200", "Sales", "REVENUE", "OUTPUT", false},
    {"260", "Other Revenue", "REVENUE", "OUTPUT", false},
    {"270", "Interest Income", "REVENUE", "NONE", false},
    {"300", "Purchases", "DIRECTCOSTS", "INPUT", false},
    {"400", "Advertising", "OVERHEADS", "INPUT", false},
    {"404", "Bank Fees", "OVERHEADS", "NONE", false},
    {"429", "General Expenses", "OVERHEADS", "INPUT", false},
    {"500", "Cost of Goods Sold", "DIRECTCOSTS", "INPUT", false},
    {"610", "Accounts Receivable", "CURRENT", "NONE", false},
    {"710", "Office Equipment", "FIXED", "INPUT", false},
    {"800", "Accounts Payable", "CURRLIAB", "NONE", false},
    {"820", "Sales Tax", "CURRLIAB", "NONE", false},
    {"970", "Owner A Funds Introduced", "EQUITY", "NONE", true},
};

struct TaxRow { const char *type, *name, *report; std::vector<std::pair<const char*, const char*>> parts; };
const std::vector<TaxRow> kTaxRates = {
    {"NONE", "Tax Exempt", "NONE", {{"Tax Exempt", "0"}}},
    {"OUTPUT", "Tax on Sales", "OUTPUT", {{"State Tax", "6.25"}, {"City Tax", "2.0"}}},
    {"INPUT", "Tax on Purchases", "INPUT", {{"Purchase Tax", "0"}}},
    {"OUTPUT2", "15% GST on Income", "OUTPUT", {{"GST", "15"}}},
    {"INPUT2", "15% GST on Expenses", "INPUT", {{"GST", "15"}}},
};
// The rates of the seed's named taxes; a product with several gets one compound tax rate.
const std::map<std::string, const char*> kNamedTaxRates = {{"Sales", "7.25"}, {"Service", "1.5"}, {"VAT", "10"}};

Json taxRateRecord(const std::string& type, const std::string& name, const std::string& report,
                   const std::vector<std::pair<std::string, std::string>>& parts) {
  Json rate = newObject();
  rate->set("Name", name);
  rate->set("TaxType", type);
  rate->set("ReportTaxType", report);
  rate->set("Status", "ACTIVE");
  rate->set("CanApplyToAssets", true);
  rate->set("CanApplyToEquity", true);
  rate->set("CanApplyToExpenses", true);
  rate->set("CanApplyToLiabilities", true);
  rate->set("CanApplyToRevenue", true);
  Poco::JSON::Array::Ptr components = new Poco::JSON::Array();
  Amount total;
  for (const auto& [part, percent] : parts) {
    Json c = newObject();
    c->set("Name", part);
    Amount value = *Amount::parse(percent);
    setAmount(*c, "Rate", value);
    c->set("IsCompound", false);
    c->set("IsNonRecoverable", false);
    components->add(c);
    total += value;
  }
  rate->set("TaxComponents", components);
  setAmount(*rate, "DisplayTaxRate", total);
  setAmount(*rate, "EffectiveRate", total);
  return rate;
}

void seedLedger(Ctx& ctx) {
  for (const auto& row : kTaxRates) {
    std::vector<std::pair<std::string, std::string>> parts(row.parts.begin(), row.parts.end());
    ctx.state.tax_rates.put(taxRateRecord(row.type, row.name, row.report, parts));
  }
  for (const auto& row : kChart) {
    Json a = newObject();
    a->set("AccountID", ctx.ids.next());
    a->set("Code", row.code);
    a->set("Name", row.name);
    a->set("Type", row.type);
    a->set("TaxType", row.tax_type);
    a->set("Status", "ACTIVE");
    a->set("EnablePaymentsToAccount", row.payments);
    a->set("ShowInExpenseClaims", false);
    a->set("HasAttachments", false);
    a->set("UpdatedDateUTC", msDate(ctx.now_ms));
    if (std::string(row.type) == "BANK") {
      a->set("BankAccountType", "BANK");
      a->set("BankAccountNumber", std::string("12-3456-") + row.code);
      a->set("CurrencyCode", "USD");
    }
    if (std::string(row.code) == "610") a->set("SystemAccount", "DEBTORS");
    if (std::string(row.code) == "800") a->set("SystemAccount", "CREDITORS");
    a->set("Class", accountClass(row.type));
    ctx.state.accounts.put(a);
  }
}

std::string taxTypeFor(Ctx& ctx, const std::vector<std::string>& names) {
  if (names.empty()) return "NONE";
  std::string name;
  std::vector<std::pair<std::string, std::string>> parts;
  for (const auto& n : names) {
    name += (name.empty() ? "" : " + ") + n + " Tax";
    auto rate = kNamedTaxRates.find(n);
    parts.push_back({n + " Tax", rate == kNamedTaxRates.end() ? "0" : rate->second});
  }
  if (auto found = ctx.state.tax_rates.findByKey(name); !found.empty()) return str(*found.front(), "TaxType");
  char code[32];
  std::snprintf(code, sizeof code, "TAX%03lld", static_cast<long long>(ctx.state.nextNumber("TAX")));
  ctx.state.tax_rates.put(taxRateRecord(code, name, "OUTPUT", parts));
  return code;
}

Json contactInput(const SeedCompany& company) {
  Json c = newObject();
  c->set("Name", company.xero_name);
  c->set("EmailAddress", company.xero_email);
  c->set("AccountNumber", company.account_number);
  c->set("ContactStatus", company.archived ? "ARCHIVED" : "ACTIVE");
  Poco::JSON::Array::Ptr persons = new Poco::JSON::Array();
  for (std::size_t i = 0; i < company.people.size(); ++i) {
    const auto& p = company.people[i];
    if (i == 0) {
      c->set("FirstName", p.first_name);
      c->set("LastName", p.last_name);
      continue;
    }
    if (persons->size() == 5) break;  // Xero keeps at most 5 contact persons
    Json person = newObject();
    person->set("FirstName", p.first_name);
    person->set("LastName", p.last_name);
    person->set("EmailAddress", p.email);
    person->set("IncludeInEmails", false);
    persons->add(person);
  }
  c->set("ContactPersons", persons);
  Poco::JSON::Array::Ptr addresses = new Poco::JSON::Array();
  Json street = newObject();
  street->set("AddressType", "STREET");
  street->set("AddressLine1", company.street);
  street->set("City", company.city);
  street->set("Region", company.region);
  street->set("PostalCode", company.postal_code);
  street->set("Country", company.country);
  addresses->add(street);
  c->set("Addresses", addresses);
  Poco::JSON::Array::Ptr phones = new Poco::JSON::Array();
  Json phone = newObject();
  phone->set("PhoneType", "DEFAULT");
  phone->set("PhoneNumber", company.phone);
  phones->add(phone);
  c->set("Phones", phones);
  return c;
}

Json itemInput(Ctx& ctx, const SeedProduct& product) {
  Json item = newObject();
  item->set("Code", product.code);
  item->set("Name", product.name.substr(0, 50));
  item->set("Description", product.description);
  item->set("PurchaseDescription", product.description);
  std::string tax = taxTypeFor(ctx, product.tax_names);
  Json sales = newObject();
  sales->set("UnitPrice", Amount::parse(product.unit_price).value_or(Amount()).toDouble());
  sales->set("AccountCode", "200");
  sales->set("TaxType", tax);
  item->set("SalesDetails", sales);
  Json purchase = newObject();
  purchase->set(product.tracked ? "COGSAccountCode" : "AccountCode", product.tracked ? "500" : "300");
  purchase->set("TaxType", "INPUT");
  item->set("PurchaseDetails", purchase);
  if (product.tracked) item->set("InventoryAssetAccountCode", "140");
  return item;
}

}  // namespace

void AccountingApi::seed(const std::string& tenant, const SeedData& data) {
  XeroAccounting& org = state(tenant);
  std::lock_guard lock(org.mutex);
  std::vector<ChangeEvent> discarded;  // seeding is not a change clients are told about
  Ctx ctx{org, nowMs(), ids_, tenant, discarded};
  for (Collection* c : {&org.contacts, &org.items, &org.invoices, &org.credit_notes, &org.payments,
                        &org.accounts, &org.tax_rates, &org.manual_journals, &org.journals,
                        &org.purchase_orders}) {
    c->clear();
  }
  org.sequences.clear();
  org.pending_journals.clear();
  org.idempotency.clear();
  seedLedger(ctx);
  auto run = [&](const Upsert& upsert, const Poco::JSON::Object& input, const Json& existing) {
    Outcome outcome = upsert(ctx, input, existing);
    if (outcome.errors.empty()) outcome.commit();
    return outcome.errors.empty() ? outcome.record : nullptr;
  };
  for (const auto& product : data.products) {
    Json item = run(upsertItem, *itemInput(ctx, product), nullptr);
    if (item && product.tracked) {  // the opening balance
      auto on_hand = Amount::parse(product.quantity_on_hand).value_or(Amount());
      setAmount(*item, "QuantityOnHand", on_hand);
      auto price = Amount::parse(product.unit_price).value_or(Amount());
      setAmount(*item, "TotalCostPool", Amount::multiply(on_hand, price).rounded(2));
      org.items.put(item);  // stored records are copies: store the balance
    }
  }
  org.contacts.reserve(data.companies.size());
  std::vector<std::string> contact_ids(data.companies.size());
  for (std::size_t i = 0; i < data.companies.size(); ++i) {
    if (!data.companies[i].in_xero) continue;
    if (Json c = run(upsertContact, *contactInput(data.companies[i]), nullptr)) {
      contact_ids[i] = str(*c, "ContactID");
    }
  }
  org.invoices.reserve(data.invoices.size());
  Json bank = org.bankAccount();
  for (const auto& seed_invoice : data.invoices) {
    if (seed_invoice.company >= contact_ids.size() || contact_ids[seed_invoice.company].empty()) continue;
    Json input = newObject();
    input->set("Type", seed_invoice.purchase ? "ACCPAY" : "ACCREC");
    Json contact = newObject();
    contact->set("ContactID", contact_ids[seed_invoice.company]);
    input->set("Contact", contact);
    input->set("InvoiceNumber", seed_invoice.number);
    input->set("Date", seed_invoice.date);
    input->set("DueDate", seed_invoice.due_date);
    input->set("Status", seed_invoice.status == "DRAFT" ? "DRAFT" : "AUTHORISED");
    Poco::JSON::Array::Ptr lines = new Poco::JSON::Array();
    for (const auto& seed_line : seed_invoice.lines) {
      if (seed_line.product >= data.products.size()) continue;
      Json line = newObject();
      line->set("ItemCode", data.products[seed_line.product].code);
      line->set("Quantity", Amount::parse(seed_line.quantity).value_or(Amount()).toDouble());
      if (seed_invoice.purchase) line->set("AccountCode", "300");
      lines->add(line);
    }
    input->set("LineItems", lines);
    Json invoice = run(upsertInvoice, *input, nullptr);
    if (invoice && seed_invoice.status == "PAID" && bank) {
      Json payment = newObject();
      Json ref = newObject();
      ref->set("InvoiceID", str(*invoice, "InvoiceID"));
      payment->set("Invoice", ref);
      Json account = newObject();
      account->set("Code", str(*bank, "Code"));
      payment->set("Account", account);
      payment->set("Date", seed_invoice.due_date);
      payment->set("Amount", invoice->get("AmountDue"));
      run(upsertPayment, *payment, nullptr);
    }
  }
}

}  // namespace accord::sandbox::xero
