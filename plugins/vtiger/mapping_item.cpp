// Products <-> model::Item, with the product's taxes (vtiger's tax1, tax2, ... fields).
#include <algorithm>
#include <regex>

#include "mapping_util.h"

namespace accord::plugins::vtiger::detail {
namespace {

namespace model = sdk::model;

bool isTaxKey(const std::string& key) {
  static const std::regex kTax(R"(^tax[0-9]+$)");
  return std::regex_match(key, kTax);
}

int taxNumber(const std::string& key) { return std::stoi(key.substr(3)); }

}  // namespace

sdk::Result<model::Record> readItem(RowReader& row) {
  model::Item item;
  item.meta = row.meta();
  item.code = row.text("productcode");
  item.name = row.text("productname");
  item.description = row.text("description");
  // "discontinued" is labelled "Product Active" in vtiger: 1 means on sale.
  item.is_sold = row.text("discontinued") != "0";
  item.sale_price = row.decimal("unit_price");
  item.purchase_price = row.decimal("purchase_cost");
  item.quantity_on_hand = row.decimal("qtyinstock");
  std::vector<std::string> taxes;
  for (const auto& [key, value] : row.row()) {
    if (!isTaxKey(key) || row.text(key).empty()) continue;
    row.decimal(key);  // a tax's percent must be a number
    taxes.push_back(key);
  }
  std::sort(taxes.begin(), taxes.end(), [](const std::string& a, const std::string& b) {
    return taxNumber(a) < taxNumber(b);
  });
  for (const std::string& tax : taxes) item.taxes.push_back(model::Ref{tax});
  if (row.error()) return *row.error();
  return model::Record(std::move(item));
}

sdk::Result<void> writeItem(const model::Item& item,
                            const std::map<std::string, std::string>& tax_percents,
                            ElementOut out) {
  setText(out.fields, "productname", item.name);
  setText(out.fields, "productcode", item.code);
  setText(out.fields, "description", item.description);
  setText(out.fields, "discontinued", item.is_sold ? "1" : "0");
  setDecimal(out.fields, "unit_price", item.sale_price);
  setDecimal(out.fields, "purchase_cost", item.purchase_price);
  setDecimal(out.fields, "qtyinstock", item.quantity_on_hand);
  // A product may carry its own percent for a tax (kept in remote_data from our last read);
  // otherwise the tax table's default applies. Taxes the record lacks are sent empty, which
  // removes them from the product.
  Poco::JSON::Object::Ptr remote = remoteObject(item.meta);
  std::map<std::string, std::string> wanted;
  for (std::size_t i = 0; i < item.taxes.size(); ++i) {
    const std::string& tax = item.taxes[i].id;
    auto known = tax_percents.find(tax);
    if (!isTaxKey(tax) || known == tax_percents.end()) {
      return sdk::makeError(sdk::ErrorKind::permanent,
                            "taxes[" + std::to_string(i) + "]: \"" + tax +
                                "\" is not a tax of this vtiger's tax table",
                            "taxes");
    }
    std::string percent = known->second;
    if (remote && !textOf(*remote, tax).empty()) percent = textOf(*remote, tax);
    wanted[tax] = percent;
  }
  for (const auto& [tax, percent] : tax_percents) {
    auto it = wanted.find(tax);
    setText(out.fields, tax, it == wanted.end() ? std::string() : it->second);
  }
  return {};
}

}  // namespace accord::plugins::vtiger::detail
