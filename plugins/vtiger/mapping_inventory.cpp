// Invoice and PurchaseOrder <-> model::Invoice / model::PurchaseOrder, with their LineItems.
#include <Poco/JSON/Array.h>

#include <regex>
#include <utility>

#include "mapping_util.h"

namespace accord::plugins::vtiger::detail {
namespace {

using sdk::Decimal;
using sdk::ErrorKind;
using sdk::makeError;
namespace model = sdk::model;

using StatusPairs = std::vector<std::pair<std::string_view, std::string_view>>;

// vtiger picklist value -> canonical status; the first pair naming a canonical status is the
// one written back.
const StatusPairs& invoiceStatuses() {
  static const StatusPairs pairs = {
      {"Created", "draft"},         {"AutoCreated", "draft"}, {"Approved", "submitted"},
      {"Sent", "authorised"},       {"Credit Invoice", "authorised"},
      {"Paid", "paid"},             {"Cancel", "voided"}};
  return pairs;
}

const StatusPairs& orderStatuses() {
  static const StatusPairs pairs = {{"Created", "draft"},
                                    {"Approved", "authorised"},
                                    {"Approved", "submitted"},
                                    {"Received Shipment", "billed"},
                                    {"Delivered", "billed"},
                                    {"Cancelled", "authorised"}};
  return pairs;
}

std::string statusFromVtiger(RowReader& row, const std::string& key, const StatusPairs& pairs) {
  std::string value = row.text(key);
  for (const auto& [app, canonical] : pairs) {
    if (app == value) return std::string(canonical);
  }
  row.fail(key, "unknown status \"" + value + "\"");
  return "draft";
}

std::string statusToVtiger(const std::string& status, const StatusPairs& pairs) {
  for (const auto& [app, canonical] : pairs) {
    if (canonical == status) return std::string(app);
  }
  return std::string(pairs.front().first);
}

Decimal orZero(std::optional<Decimal> value) { return value.value_or(Decimal{}); }

Decimal sum(const Decimal& a, const Decimal& b) { return Decimal::add(a, b).value_or(a); }
Decimal difference(const Decimal& a, const Decimal& b) {
  return Decimal::subtract(a, b).value_or(a);
}
Decimal product(const Decimal& a, const Decimal& b) { return Decimal::multiply(a, b).value_or(a); }

// One line: its net amount (quantity x price less its discount) and the taxes it carries.
sdk::Result<model::LineItem> readLine(RowReader& parent, const Poco::JSON::Object& raw,
                                      std::size_t index) {
  RowReader line(raw, "line");
  const std::string where = "LineItems[" + std::to_string(index) + "].";
  // The line's first problem becomes the document's, named by the line's field.
  auto propagate = [&](const std::string& key) {
    if (line.error() && !parent.error()) parent.fail(where + key, line.error()->message);
  };
  auto field = [&](const std::string& key) -> std::optional<Decimal> {
    auto value = line.decimal(key);
    propagate(key);
    return value;
  };
  model::LineItem out;
  out.item = line.ref("productid");
  propagate("productid");
  if (out.item.empty()) parent.fail(where + "productid", "a line without a product");
  out.quantity = orZero(field("quantity"));
  out.unit_price = orZero(field("listprice"));
  out.description = line.text("comment");
  auto discount_percent = field("discount_percent");
  auto discount_amount = field("discount_amount");
  if (discount_percent && discount_percent->units() != 0) out.discount_rate = discount_percent;
  Decimal gross = product(out.quantity, out.unit_price);
  Decimal discount = orZero(discount_amount);
  if (out.discount_rate) {
    discount = product(gross, product(*out.discount_rate, Decimal(1, 2))).rounded(2);
  }
  out.line_total = difference(gross, discount).normalized();
  static const std::regex kTax(R"(^tax[0-9]+$)");
  for (const auto& [key, value] : raw) {
    if (!std::regex_match(key, kTax)) continue;
    auto percent = field(key);
    if (!percent || percent->units() == 0) continue;
    if (out.tax_code.empty()) out.tax_code = model::Ref{key};
    out.tax_amount = sum(out.tax_amount, product(out.line_total, product(*percent, Decimal(1, 2))));
  }
  out.tax_amount = out.tax_amount.rounded(2).normalized();
  return out;
}

std::vector<model::LineItem> readLines(RowReader& row) {
  std::vector<model::LineItem> lines;
  if (!row.row().has("LineItems")) return lines;  // query and sync rows have no lines
  Poco::JSON::Array::Ptr raw = row.row().getArray("LineItems");
  if (!raw) {
    row.fail("LineItems", "is not a list");
    return lines;
  }
  for (std::size_t i = 0; i < raw->size(); ++i) {
    Poco::JSON::Object::Ptr object = raw->getObject(static_cast<unsigned>(i));
    if (!object) {
      row.fail("LineItems[" + std::to_string(i) + "]", "is not an object");
      continue;
    }
    auto line = readLine(row, *object, i);
    if (line.ok()) lines.push_back(std::move(line).value());
  }
  return lines;
}

struct Totals {
  Decimal sub_total, total_tax, total;
};

// vtiger's pre_tax_total leaves out taxes; the total adds them and the adjustment.
Totals readTotals(RowReader& row) {
  Totals t;
  t.sub_total = row.amount("hdnSubTotal");
  t.total = row.amount("hdnGrandTotal");
  Decimal pre_tax = row.amount("pre_tax_total");
  Decimal adjustment = row.amount("txtAdjustment");
  t.total_tax = difference(difference(t.total, pre_tax), adjustment).normalized();
  return t;
}

sdk::Result<void> writeLines(const std::vector<model::LineItem>& lines, bool taxed,
                             const std::map<std::string, std::string>& tax_percents,
                             ElementOut out) {
  Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const model::LineItem& line = lines[i];
    const std::string where = "lines[" + std::to_string(i) + "]";
    if (line.item.empty()) {
      return makeError(ErrorKind::permanent,
                       where + ".item: vtiger lines need a product (productid)",
                       where + ".item");
    }
    Poco::JSON::Object::Ptr raw = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    raw->set("productid", line.item.id);
    raw->set("quantity", line.quantity.toString());
    raw->set("listprice", line.unit_price.toString());
    if (line.discount_rate) raw->set("discount_percent", line.discount_rate->toString());
    raw->set("comment", line.description);
    if (!line.account.empty()) {
      out.warnings.push_back(where + ".account: vtiger lines have no account; not sent");
    }
    const std::string tax = taxed ? line.tax_code.id : std::string();
    if (!tax.empty() && tax_percents.count(tax) == 0) {
      return makeError(ErrorKind::permanent,
                       where + ".tax_code: \"" + tax + "\" is not a tax of this vtiger's tax table",
                       where + ".tax_code");
    }
    // Every tax is stated: a line that leaves one out gets its product's, as vtiger's editor
    // does, and a line without tax_code must stay without tax.
    for (const auto& [name, percent] : tax_percents) raw->set(name, name == tax ? percent : "0");
    items->add(raw);
  }
  out.fields.set("LineItems", items);
  return {};
}

// Header fields both documents share; returns whether lines carry taxes.
sdk::Result<bool> writeTaxMode(const std::string& line_amount_types, ElementOut out) {
  if (line_amount_types == "inclusive") {
    return makeError(ErrorKind::permanent,
                     "line_amount_types: vtiger prices exclude tax; \"inclusive\" cannot be "
                     "written",
                     "line_amount_types");
  }
  // Each line carries its own tax (vtiger's "individual" mode), so a line's tax_code is kept.
  out.fields.set("hdnTaxType", std::string("individual"));
  if (line_amount_types == "no_tax") {
    out.warnings.push_back("line_amount_types: vtiger has no \"no_tax\" mode; lines are sent "
                           "without tax and read back as \"exclusive\"");
    return false;
  }
  return true;
}

// Billing and shipping streets are mandatory on vtiger documents; keep those we read before.
void keepAddresses(const model::RecordMeta& meta, ElementOut out) {
  Poco::JSON::Object::Ptr remote = remoteObject(meta);
  if (!remote) return;
  for (const char* prefix : {"bill_", "ship_"}) {
    for (const char* part : {"street", "city", "state", "code", "country", "pobox"}) {
      std::string key = std::string(prefix) + part;
      if (!out.fields.has(key) && !textOf(*remote, key).empty()) {
        out.fields.set(key, textOf(*remote, key));
      }
    }
  }
}

}  // namespace

sdk::Result<model::Record> readInvoice(RowReader& row) {
  model::Invoice invoice;
  invoice.meta = row.meta();
  invoice.kind = "sales";
  invoice.number = row.text("subject");
  invoice.reference = row.text("vtiger_purchaseorder");
  invoice.organization = row.ref("account_id");
  invoice.person = row.ref("contact_id");
  invoice.date = row.date("invoicedate");
  invoice.due_date = row.date("duedate");
  invoice.currency_rate = row.decimal("conversion_rate");
  invoice.status = statusFromVtiger(row, "invoicestatus", invoiceStatuses());
  invoice.lines = readLines(row);
  Totals totals = readTotals(row);
  invoice.sub_total = totals.sub_total;
  invoice.total_tax = totals.total_tax;
  invoice.total = totals.total;
  invoice.amount_paid = row.amount("received");
  invoice.amount_due = row.amount("balance");
  if (row.error()) return *row.error();
  return model::Record(std::move(invoice));
}

sdk::Result<void> writeInvoice(const model::Invoice& invoice,
                               const std::map<std::string, std::string>& tax_percents,
                               ElementOut out) {
  if (invoice.kind != "sales") {
    return makeError(ErrorKind::permanent,
                     "kind: vtiger invoices are sales invoices; a \"" + invoice.kind +
                         "\" invoice cannot be written",
                     "kind");
  }
  auto taxed = writeTaxMode(invoice.line_amount_types, out);
  if (!taxed.ok()) return taxed.error();
  setText(out.fields, "subject", invoice.number);
  setText(out.fields, "vtiger_purchaseorder", invoice.reference);
  setText(out.fields, "account_id", invoice.organization.id);
  setText(out.fields, "contact_id", invoice.person.id);
  setDate(out.fields, "invoicedate", invoice.date);
  setDate(out.fields, "duedate", invoice.due_date);
  if (invoice.currency_rate) setDecimal(out.fields, "conversion_rate", invoice.currency_rate);
  setText(out.fields, "invoicestatus", statusToVtiger(invoice.status, invoiceStatuses()));
  setDecimal(out.fields, "received", invoice.amount_paid);
  keepAddresses(invoice.meta, out);
  return writeLines(invoice.lines, taxed.value(), tax_percents, out);
}

sdk::Result<model::Record> readPurchaseOrder(RowReader& row) {
  model::PurchaseOrder order;
  order.meta = row.meta();
  order.number = row.text("subject");
  order.reference = row.text("requisition_no");
  order.organization = row.ref("vendor_id");
  order.person = row.ref("contact_id");
  order.delivery_date = row.date("duedate");
  order.currency_rate = row.decimal("conversion_rate");
  order.status = statusFromVtiger(row, "postatus", orderStatuses());
  if (row.text("postatus") == "Cancelled") order.meta.status = model::RecordStatus::archived;
  order.lines = readLines(row);
  std::vector<model::Address> ship = readAddresses(
      row, {{"", "ship_street", "ship_city", "ship_state", "ship_code", "ship_country"}});
  if (!ship.empty()) order.delivery_address = ship.front();
  Totals totals = readTotals(row);
  order.sub_total = totals.sub_total;
  order.total_tax = totals.total_tax;
  order.total = totals.total;
  if (row.error()) return *row.error();
  return model::Record(std::move(order));
}

sdk::Result<void> writePurchaseOrder(const model::PurchaseOrder& order,
                                     const std::map<std::string, std::string>& tax_percents,
                                     ElementOut out) {
  auto taxed = writeTaxMode(order.line_amount_types, out);
  if (!taxed.ok()) return taxed.error();
  setText(out.fields, "subject", order.number);
  setText(out.fields, "requisition_no", order.reference);
  setText(out.fields, "vendor_id", order.organization.id);
  setText(out.fields, "contact_id", order.person.id);
  setDate(out.fields, "duedate", order.delivery_date);
  if (order.currency_rate) setDecimal(out.fields, "conversion_rate", order.currency_rate);
  setText(out.fields, "postatus", statusToVtiger(order.status, orderStatuses()));
  std::vector<std::string> ignored;
  if (order.delivery_address != model::Address{}) {
    model::Address ship = order.delivery_address;
    ship.kind = "";
    writeAddresses({ship}, {{"", "ship_street", "ship_city", "ship_state", "ship_code",
                             "ship_country"}},
                   out.fields, ignored);
  }
  keepAddresses(order.meta, out);
  // Without an earlier read, the delivery address is also the billing one vtiger requires.
  if (!out.fields.has("bill_street") && out.fields.has("ship_street")) {
    for (const char* part : {"street", "city", "state", "code", "country"}) {
      out.fields.set(std::string("bill_") + part,
                     textOf(out.fields, std::string("ship_") + part));
    }
  }
  return writeLines(order.lines, taxed.value(), tax_percents, out);
}

}  // namespace accord::plugins::vtiger::detail
