#include "sandbox/xero/accounting/line_items.h"

namespace accord::sandbox::xero {
namespace {

const Amount kHundred = Amount::fromUnits(100 * Amount::kOne);

Amount amountOr(const Poco::JSON::Object& o, const std::string& key, Amount fallback) {
  if (!has(o, key)) return fallback;
  auto a = Amount::fromVar(o.get(key));
  return a ? *a : fallback;
}

// Fills Description/UnitAmount/AccountCode/TaxType from the item when the line leaves them out.
void applyItemDefaults(Ctx& ctx, Poco::JSON::Object& line, bool sales, DocumentTotals& out) {
  std::string code = str(line, "ItemCode");
  if (code.empty()) return;
  auto found = ctx.state.items.findByKey(code);
  if (found.empty()) {
    out.errors.push_back("Item code '" + code + "' is not valid");
    return;
  }
  const Json& item = found.front();
  Json details = item->getObject(sales ? "SalesDetails" : "PurchaseDetails");
  if (!has(line, "Description")) {
    line.set("Description", str(*item, sales ? "Description" : "PurchaseDescription"));
  }
  if (details) {
    if (!has(line, "UnitAmount") && !has(line, "LineAmount") && has(*details, "UnitPrice")) {
      line.set("UnitAmount", details->get("UnitPrice"));
    }
    if (!has(line, "AccountCode") && has(*details, "AccountCode")) {
      line.set("AccountCode", str(*details, "AccountCode"));
    }
    if (!has(line, "TaxType") && has(*details, "TaxType")) line.set("TaxType", str(*details, "TaxType"));
  }
  Json ref = newObject();
  ref->set("ItemID", str(*item, "ItemID"));
  ref->set("Name", str(*item, "Name"));
  ref->set("Code", str(*item, "Code"));
  line.set("Item", ref);
}

Amount lineTax(Ctx& ctx, Poco::JSON::Object& line, Amount line_amount, const std::string& types,
               DocumentTotals& out) {
  if (types == "NoTax") {
    line.set("TaxType", "NONE");
    return Amount();
  }
  std::string tax_type = str(line, "TaxType");
  if (tax_type.empty()) {
    Json account = ctx.state.accountByCode(str(line, "AccountCode"));
    tax_type = account && has(*account, "TaxType") ? str(*account, "TaxType") : "NONE";
    line.set("TaxType", tax_type);
  }
  Json rate = ctx.state.taxRate(tax_type);
  if (!rate) {
    out.errors.push_back("The TaxType code '" + tax_type +
                         "' does not exist or cannot be used for this type of transaction.");
    return Amount();
  }
  Amount percent = taxRatePercent(*rate);
  Amount tax = types == "Inclusive" ? Amount::mulDiv(line_amount, percent, kHundred + percent)
                                    : Amount::mulDiv(line_amount, percent, kHundred);
  return tax.rounded(2);
}

}  // namespace

Amount taxRatePercent(const Poco::JSON::Object& tax_rate) {
  return amountOr(tax_rate, "EffectiveRate", amountOr(tax_rate, "DisplayTaxRate", Amount()));
}

DocumentTotals computeLines(Ctx& ctx, const Poco::JSON::Array::Ptr& input_lines,
                            const std::string& types, bool sales) {
  DocumentTotals out;
  out.lines = new Poco::JSON::Array();
  Amount line_sum;
  for (std::size_t i = 0; input_lines && i < input_lines->size(); ++i) {
    Json source = input_lines->getObject(static_cast<unsigned>(i));
    if (!source) continue;
    Json line = copyObject(*source);
    applyItemDefaults(ctx, *line, sales, out);
    std::string code = str(*line, "AccountCode");
    if (!code.empty() && !ctx.state.accountByCode(code)) {
      out.warnings.push_back("Account code ''" + code +
                             "'' has been removed as it does not match a recognised account.");
      line->remove("AccountCode");
    }
    Amount quantity = amountOr(*line, "Quantity", Amount::fromUnits(Amount::kOne));
    Amount line_amount;
    if (has(*line, "UnitAmount")) {
      Amount unit = amountOr(*line, "UnitAmount", Amount());
      line_amount = Amount::multiply(quantity, unit);
      if (has(*line, "DiscountRate")) {
        Amount rate = amountOr(*line, "DiscountRate", Amount());
        line_amount = line_amount - Amount::mulDiv(line_amount, rate, kHundred);
      }
      line_amount = line_amount.rounded(2);
      setAmount(*line, "UnitAmount", unit);
    } else {
      line_amount = amountOr(*line, "LineAmount", Amount()).rounded(2);
      if (!quantity.isZero()) {
        setAmount(*line, "UnitAmount", Amount::mulDiv(line_amount, Amount::fromUnits(Amount::kOne), quantity));
      }
    }
    setAmount(*line, "Quantity", quantity);
    setAmount(*line, "LineAmount", line_amount);
    Amount tax = lineTax(ctx, *line, line_amount, types, out);
    setAmount(*line, "TaxAmount", tax);
    if (!has(*line, "LineItemID")) line->set("LineItemID", ctx.ids.next());
    if (!line->has("Tracking")) line->set("Tracking", Poco::JSON::Array::Ptr(new Poco::JSON::Array()));
    out.lines->add(line);
    line_sum += line_amount;
    out.total_tax += tax;
  }
  if (types == "Inclusive") {
    out.total = line_sum;
    out.sub_total = line_sum - out.total_tax;
  } else {
    out.sub_total = line_sum;
    out.total = line_sum + out.total_tax;
  }
  return out;
}

std::map<std::string, Amount> stockMovement(const XeroAccounting& state,
                                            const Poco::JSON::Object& document, int direction) {
  std::map<std::string, Amount> movement;
  std::string status = str(document, "Status");
  if (status != "AUTHORISED" && status != "PAID") return movement;
  auto lines = document.getArray("LineItems");
  for (std::size_t i = 0; lines && i < lines->size(); ++i) {
    Json line = lines->getObject(static_cast<unsigned>(i));
    if (!line || !has(*line, "ItemCode")) continue;
    auto found = state.items.findByKey(str(*line, "ItemCode"));
    if (found.empty() || !found.front()->optValue<bool>("IsTrackedAsInventory", false)) continue;
    Amount quantity = amountOr(*line, "Quantity", Amount());
    movement[str(*found.front(), "ItemID")] += direction > 0 ? quantity : -quantity;
  }
  return movement;
}

void applyStock(Ctx& ctx, const std::map<std::string, Amount>& movement, int sign) {
  for (const auto& [item_id, quantity] : movement) {
    Json item = ctx.state.items.find(item_id);
    if (!item) continue;
    Json updated = copyObject(*item);
    Amount on_hand = amountOr(*item, "QuantityOnHand", Amount());
    setAmount(*updated, "QuantityOnHand", sign > 0 ? on_hand + quantity : on_hand - quantity);
    updated->set("UpdatedDateUTC", msDate(ctx.now_ms));
    ctx.state.items.put(updated);
  }
}

}  // namespace accord::sandbox::xero
