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

void WebService::seed(const SeedData& data) {
  const ModuleRegistry& registry = ModuleRegistry::instance();
  const std::size_t people = [&] {
    std::size_t n = 0;
    for (const auto& c : data.companies) n += c.people.size();
    return n;
  }();
  // Records are stamped one second apart ending now, so `sync` from 0 pages through them.
  std::int64_t stamp = now() - static_cast<std::int64_t>(
      2 * data.companies.size() + people + data.products.size() + data.invoices.size()) - 1;
  auto make = [&](const char* module_name) {
    Record r;
    r.module = registry.byName(module_name);
    r.crmid = store_.allocateCrmId();
    r.created = r.modified = ++stamp;
    r.set("assigned_user_id", "19x1");
    r.set("modifiedby", "19x1");
    r.set("source", "CRM");
    if (!r.module->number_field.empty()) r.set(r.module->number_field, store_.nextNumber(*r.module));
    return r;
  };

  std::vector<std::string> product_ids;
  std::vector<const Record*> products;
  for (const SeedProduct& p : data.products) {
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
      std::string name = taxNameForLabel(label);
      if (name.empty()) {
        name = "tax" + std::to_string(taxes_.size() + 1);
        taxes_.push_back({name, label, "10.000"});
      }
      for (const TaxDef& t : taxes_) {
        if (t.name == name) r.taxes.emplace_back(name, t.percentage);
      }
    }
    std::sort(r.taxes.begin(), r.taxes.end());
    products.push_back(&store_.insert(std::move(r)));
    product_ids.push_back(products.back()->wsId());
  }

  std::vector<std::string> account_ids(data.companies.size()), vendor_ids(data.companies.size()),
      contact_ids(data.companies.size());
  for (std::size_t i = 0; i < data.companies.size(); ++i) {
    const SeedCompany& c = data.companies[i];
    if (!c.in_vtiger) continue;
    Record a = make("Accounts");
    a.set("accountname", c.vtiger_name);
    a.set("email1", c.vtiger_email);
    a.set("phone", c.phone);
    a.set("accounttype", c.has_sales ? "Customer" : (c.is_supplier ? "Other" : "Prospect"));
    for (const char* p : {"bill", "ship"}) {
      const std::string prefix = p;
      a.set(prefix + "_street", c.street);
      a.set(prefix + "_city", c.city);
      a.set(prefix + "_state", c.region);
      a.set(prefix + "_code", c.postal_code);
      a.set(prefix + "_country", c.country);
    }
    Record& account = store_.insert(std::move(a));
    // A company archived in the books was deleted in the CRM: a tombstone for sync.
    if (c.archived) {
      store_.remove(account, account.modified);
      continue;
    }
    account_ids[i] = account.wsId();
    if (c.is_supplier) {
      Record v = make("Vendors");
      v.set("vendorname", c.vtiger_name);
      v.set("email", c.vtiger_email);
      v.set("phone", c.phone);
      v.set("street", c.street);
      v.set("city", c.city);
      v.set("state", c.region);
      v.set("postalcode", c.postal_code);
      v.set("country", c.country);
      vendor_ids[i] = store_.insert(std::move(v)).wsId();
    }
    for (const SeedPerson& person : c.people) {
      Record p = make("Contacts");
      p.set("firstname", person.first_name);
      p.set("lastname", person.last_name);
      p.set("email", person.email);
      p.set("phone", person.phone);
      p.set("account_id", account_ids[i]);
      p.set("mailingstreet", c.street);
      p.set("mailingcity", c.city);
      p.set("mailingstate", c.region);
      p.set("mailingzip", c.postal_code);
      p.set("mailingcountry", c.country);
      const std::string id = store_.insert(std::move(p)).wsId();
      if (contact_ids[i].empty()) contact_ids[i] = id;
    }
  }

  for (const SeedInvoice& inv : data.invoices) {
    const SeedCompany& c = data.companies[inv.company];
    const std::string& party = inv.purchase ? vendor_ids[inv.company] : account_ids[inv.company];
    if (party.empty()) continue;  // not in the CRM
    Record r = make(inv.purchase ? "PurchaseOrder" : "Invoice");
    r.set(r.module->number_field, inv.number);
    r.set("subject", inv.number);
    r.set(inv.purchase ? "vendor_id" : "account_id", party);
    if (!inv.purchase) {
      r.set("contact_id", contact_ids[inv.company]);
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
      line.id = store_.allocateLineItemId();
      line.productid = product_ids[l.product];
      line.quantity = normalizeDecimal(l.quantity, 3).value_or("1.000");
      line.listprice = products[l.product]->get("unit_price");
      line.taxes = products[l.product]->taxes;
      r.lines.push_back(std::move(line));
    }
    recomputeTotals(r);
    if (inv.status == "PAID") {
      r.set(inv.purchase ? "paid" : "received", r.get("hdnGrandTotal"));
      recomputeTotals(r);
    }
    store_.insert(std::move(r));
  }
}

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
