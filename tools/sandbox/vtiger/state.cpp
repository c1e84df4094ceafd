// Seeding from the shared SeedData, and saving/loading the whole database as JSON (--state).
#include <sstream>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include "sandbox/common/http.h"
#include "sandbox/vtiger/inventory.h"
#include "sandbox/vtiger/service.h"

namespace accord::sandbox::vtiger {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

constexpr const char* kFormat = "accord-vtiger-sandbox/1";

std::string invoiceStatus(const std::string& seed_status) {
  if (seed_status == "PAID") return "Paid";
  if (seed_status == "AUTHORISED") return "Sent";
  return "Created";
}

std::string purchaseStatus(const std::string& seed_status) {
  if (seed_status == "PAID") return "Received Shipment";
  if (seed_status == "AUTHORISED") return "Approved";
  return "Created";
}

void writeValues(std::ostream& out, const NameValues& values) {
  out << '{';
  for (std::size_t i = 0; i < values.size(); ++i) {
    out << (i ? "," : "") << jsonQuote(values[i].first) << ':' << jsonQuote(values[i].second);
  }
  out << '}';
}

NameValues readValues(const Object::Ptr& object) {
  NameValues values;
  if (!object) return values;
  for (const auto& [k, v] : *object) values.emplace_back(k, v.toString());
  return values;
}

}  // namespace

// Turns SeedData into records; one method per kind of record.
class Seeder {
 public:
  Seeder(WebService& service, const SeedData& data) : s_(service), data_(data) {
    std::size_t people = 0;
    for (const auto& c : data.companies) people += c.people.size();
    // Records are stamped one second apart ending now, so `sync` from 0 pages through them.
    stamp_ = s_.now() - static_cast<std::int64_t>(2 * data.companies.size() + people +
                                                  data.products.size() + data.invoices.size()) - 1;
    accounts_.resize(data.companies.size());
    vendors_.resize(data.companies.size());
    contacts_.resize(data.companies.size());
  }

  void run() {
    for (const SeedProduct& p : data_.products) product(p);
    for (std::size_t i = 0; i < data_.companies.size(); ++i) {
      if (data_.companies[i].in_vtiger) company(i);
    }
    for (const SeedInvoice& inv : data_.invoices) invoice(inv);
  }

 private:
  Record make(const char* module_name) {
    Record r;
    r.module = ModuleRegistry::instance().byName(module_name);
    r.crmid = s_.store_.allocateCrmId();
    r.created = r.modified = ++stamp_;
    r.set("assigned_user_id", "19x1");
    r.set("modifiedby", "19x1");
    r.set("source", "CRM");
    if (!r.module->number_field.empty()) r.set(r.module->number_field, s_.store_.nextNumber(*r.module));
    return r;
  }

  void product(const SeedProduct& p) {
    Record r = make("Products");
    r.set("productname", p.name);
    r.set("productcode", p.code);
    r.set("description", p.description);
    r.set("unit_price", normalizeDecimal(p.unit_price, 8).value_or("0.00000000"));
    r.set("qtyinstock", normalizeDecimal(p.tracked ? p.quantity_on_hand : "0", 3).value_or(""));
    r.set("discontinued", "1");
    r.set("usageunit", "Each");
    r.set("currency_id", "21x1");
    for (const std::string& label : p.tax_names) {
      std::string name = s_.taxNameForLabel(label);
      if (name.empty()) {  // a tax the fresh table lacks joins it
        name = "tax" + std::to_string(s_.taxes_.size() + 1);
        s_.taxes_.push_back({name, label, "10.000"});
      }
      for (const TaxDef& t : s_.taxes_) {
        if (t.name == name) r.taxes.emplace_back(name, t.percentage);
      }
    }
    std::sort(r.taxes.begin(), r.taxes.end());
    products_.push_back(&s_.store_.insert(std::move(r)));
  }

  void address(Record& r, const SeedCompany& c, const std::string& street, const std::string& city,
               const std::string& state, const std::string& code, const std::string& country) {
    r.set(street, c.street);
    r.set(city, c.city);
    r.set(state, c.region);
    r.set(code, c.postal_code);
    r.set(country, c.country);
  }

  void company(std::size_t index) {
    const SeedCompany& c = data_.companies[index];
    Record a = make("Accounts");
    a.set("accountname", c.vtiger_name);
    a.set("email1", c.vtiger_email);
    a.set("phone", c.phone);
    a.set("accounttype", c.has_sales ? "Customer" : (c.is_supplier ? "Other" : "Prospect"));
    address(a, c, "bill_street", "bill_city", "bill_state", "bill_code", "bill_country");
    address(a, c, "ship_street", "ship_city", "ship_state", "ship_code", "ship_country");
    Record& account = s_.store_.insert(std::move(a));
    // A company archived in the books was deleted in the CRM: a tombstone for sync.
    if (c.archived) {
      s_.store_.remove(account, account.modified);
      return;
    }
    accounts_[index] = account.wsId();
    if (c.is_supplier) {
      Record v = make("Vendors");
      v.set("vendorname", c.vtiger_name);
      v.set("email", c.vtiger_email);
      v.set("phone", c.phone);
      address(v, c, "street", "city", "state", "postalcode", "country");
      vendors_[index] = s_.store_.insert(std::move(v)).wsId();
    }
    for (const SeedPerson& person : c.people) {
      Record p = make("Contacts");
      p.set("firstname", person.first_name);
      p.set("lastname", person.last_name);
      p.set("email", person.email);
      p.set("phone", person.phone);
      p.set("account_id", accounts_[index]);
      address(p, c, "mailingstreet", "mailingcity", "mailingstate", "mailingzip", "mailingcountry");
      const std::string id = s_.store_.insert(std::move(p)).wsId();
      if (contacts_[index].empty()) contacts_[index] = id;
    }
  }

  void invoice(const SeedInvoice& inv) {
    const SeedCompany& c = data_.companies[inv.company];
    const std::string& party = inv.purchase ? vendors_[inv.company] : accounts_[inv.company];
    if (party.empty()) return;  // not in the CRM
    Record r = make(inv.purchase ? "PurchaseOrder" : "Invoice");
    r.set(r.module->number_field, inv.number);
    r.set("subject", inv.number);
    r.set(inv.purchase ? "vendor_id" : "account_id", party);
    if (!inv.purchase) {
      r.set("contact_id", contacts_[inv.company]);
      r.set("invoicedate", inv.date);
      r.set("invoicestatus", invoiceStatus(inv.status));
    } else {
      r.set("postatus", purchaseStatus(inv.status));
    }
    r.set("duedate", inv.due_date);
    r.set("hdnTaxType", "individual");
    r.set("currency_id", "21x1");
    r.set("conversion_rate", "1.000");
    r.set("bill_street", c.street.empty() ? "-" : c.street);
    r.set("ship_street", c.street.empty() ? "-" : c.street);
    r.set("bill_city", c.city);
    r.set("bill_country", c.country);
    for (const SeedLine& l : inv.lines) {
      LineItem line;
      line.id = s_.store_.allocateLineItemId();
      line.productid = products_[l.product]->wsId();
      line.quantity = normalizeDecimal(l.quantity, 3).value_or("1.000");
      line.listprice = products_[l.product]->get("unit_price");
      line.taxes = products_[l.product]->taxes;
      r.lines.push_back(std::move(line));
    }
    if (inv.status == "PAID") {
      s_.recomputeTotals(r);
      r.set(inv.purchase ? "paid" : "received", r.get("hdnGrandTotal"));
    }
    s_.recomputeTotals(r);
    s_.store_.insert(std::move(r));
  }

  WebService& s_;
  const SeedData& data_;
  std::int64_t stamp_ = 0;
  std::vector<const Record*> products_;
  std::vector<std::string> accounts_, vendors_, contacts_;  // ws ids by company index
};

void WebService::seed(const SeedData& data) { Seeder(*this, data).run(); }

std::string WebService::saveState() const {
  std::ostringstream out;
  out << "{\"format\":\"" << kFormat << "\",\"next_crmid\":" << store_.nextCrmIdPeek()
      << ",\"next_lineitem_id\":" << store_.nextLineItemIdPeek() << ",\"numbers\":{";
  bool first = true;
  for (const auto& [module, n] : store_.numbers()) {
    out << (first ? "" : ",") << jsonQuote(module) << ':' << n;
    first = false;
  }
  out << "},\"taxes\":[";
  for (std::size_t i = 0; i < taxes_.size(); ++i) {
    out << (i ? "," : "") << "{\"name\":" << jsonQuote(taxes_[i].name)
        << ",\"label\":" << jsonQuote(taxes_[i].label)
        << ",\"percentage\":" << jsonQuote(taxes_[i].percentage) << '}';
  }
  out << "],\"records\":[";
  first = true;
  for (const auto& [crmid, r] : store_.all()) {
    out << (first ? "" : ",") << "\n{\"crmid\":" << crmid << ",\"module\":" << jsonQuote(r.module->name)
        << ",\"created\":" << r.created << ",\"modified\":" << r.modified
        << ",\"deleted\":" << (r.deleted ? "true" : "false") << ",\"fields\":";
    first = false;
    NameValues fields;
    for (std::size_t i = 0; i < r.module->fields.size(); ++i) {
      if (!r.get(i).empty()) fields.emplace_back(r.module->fields[i].name, r.get(i));
    }
    writeValues(out, fields);
    out << ",\"taxes\":";
    writeValues(out, r.taxes);
    out << ",\"lines\":[";
    for (std::size_t i = 0; i < r.lines.size(); ++i) {
      const LineItem& l = r.lines[i];
      out << (i ? "," : "") << "{\"id\":" << l.id << ",\"values\":";
      writeValues(out, {{"productid", l.productid}, {"quantity", l.quantity},
                        {"listprice", l.listprice}, {"discount_percent", l.discount_percent},
                        {"discount_amount", l.discount_amount}, {"comment", l.comment},
                        {"description", l.description}});
      out << ",\"taxes\":";
      writeValues(out, l.taxes);
      out << '}';
    }
    out << "]}";
  }
  out << "]}\n";
  return out.str();
}

WsResult<bool> WebService::loadState(const std::string& json) {
  // Poco throws on a value of the wrong type; the state file is outside input.
  try {
    return loadStateUnchecked(json);
  } catch (const std::exception& e) {
    return wsError(code::kInternal, std::string("state file: ") + e.what());
  }
}

WsResult<bool> WebService::loadStateUnchecked(const std::string& json) {
  Object::Ptr root;
  try {
    root = Poco::JSON::Parser().parse(json).extract<Object::Ptr>();
  } catch (const std::exception& e) {
    return wsError(code::kInternal, std::string("state file: not JSON: ") + e.what());
  }
  if (!root || root->optValue<std::string>("format", "") != kFormat) {
    return wsError(code::kInternal, std::string("state file: format: expected ") + kFormat);
  }
  RecordStore store;
  std::vector<TaxDef> taxes;
  if (auto list = root->getArray("taxes")) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      auto t = list->getObject(static_cast<unsigned>(i));
      taxes.push_back({t->optValue<std::string>("name", ""), t->optValue<std::string>("label", ""),
                       t->optValue<std::string>("percentage", "0.000")});
    }
  }
  auto records = root->getArray("records");
  for (std::size_t i = 0; records && i < records->size(); ++i) {
    auto item = records->getObject(static_cast<unsigned>(i));
    const std::string where = "state file: records[" + std::to_string(i) + "]";
    if (!item) return wsError(code::kInternal, where + ": expected an object");
    Record r;
    r.module = ModuleRegistry::instance().byName(item->optValue<std::string>("module", ""));
    if (!r.module) return wsError(code::kInternal, where + ".module: unknown module");
    r.crmid = item->optValue<std::int64_t>("crmid", 0);
    if (r.crmid <= 0) return wsError(code::kInternal, where + ".crmid: expected a positive id");
    r.created = item->optValue<std::int64_t>("created", 0);
    r.modified = item->optValue<std::int64_t>("modified", 0);
    r.deleted = item->optValue<bool>("deleted", false);
    for (auto& [k, v] : readValues(item->getObject("fields"))) r.set(k, v);
    r.taxes = readValues(item->getObject("taxes"));
    if (auto lines = item->getArray("lines")) {
      for (std::size_t j = 0; j < lines->size(); ++j) {
        auto l = lines->getObject(static_cast<unsigned>(j));
        LineItem line;
        line.id = l->optValue<std::int64_t>("id", 0);
        for (auto& [k, v] : readValues(l->getObject("values"))) {
          if (k == "productid") line.productid = v;
          else if (k == "quantity") line.quantity = v;
          else if (k == "listprice") line.listprice = v;
          else if (k == "discount_percent") line.discount_percent = v;
          else if (k == "discount_amount") line.discount_amount = v;
          else if (k == "comment") line.comment = v;
          else if (k == "description") line.description = v;
        }
        line.taxes = readValues(l->getObject("taxes"));
        r.lines.push_back(std::move(line));
      }
    }
    store.insert(std::move(r));
  }
  std::map<std::string, std::int64_t> numbers;
  if (auto n = root->getObject("numbers")) {
    for (const auto& [k, v] : *n) numbers[k] = v.convert<std::int64_t>();
  }
  store.restoreCounters(root->optValue<std::int64_t>("next_crmid", 1),
                        root->optValue<std::int64_t>("next_lineitem_id", 1), std::move(numbers));
  store_ = std::move(store);
  if (!taxes.empty()) taxes_ = std::move(taxes);
  return true;
}

}  // namespace accord::sandbox::vtiger
