#include "sandbox/vtiger/inventory.h"

#include "accord/sdk/decimal.h"

namespace accord::sandbox::vtiger {
namespace {

using accord::sdk::Decimal;

constexpr int kMoneyScale = 8;
const Decimal kHundredth(1, 2);  // 0.01: percentages without division

Decimal parseOr0(std::string_view text) {
  auto value = Decimal::parse(text);
  return value ? *value : Decimal();
}

// Arithmetic that never fails: a small business's amounts are far from 64-bit overflow, and
// a value that would overflow saturates to zero rather than wrapping.
Decimal add(const Decimal& a, const Decimal& b) {
  auto r = Decimal::add(a, b);
  return r ? *r : Decimal();
}
Decimal sub(const Decimal& a, const Decimal& b) { return add(a, Decimal(-b.units(), b.scale())); }
Decimal mul(const Decimal& a, const Decimal& b) {
  auto r = Decimal::multiply(a, b);
  return r ? r->rounded(Decimal::kMaxScale) : Decimal();
}
Decimal percentOf(const Decimal& amount, const Decimal& percent) {
  return mul(mul(amount, percent), kHundredth);
}
std::string money(const Decimal& value) { return value.rounded(kMoneyScale).toString(); }

}  // namespace

std::optional<std::string> normalizeDecimal(std::string_view text, int scale) {
  std::string_view trimmed = text;
  while (!trimmed.empty() && trimmed.front() == ' ') trimmed.remove_prefix(1);
  while (!trimmed.empty() && trimmed.back() == ' ') trimmed.remove_suffix(1);
  auto value = Decimal::parse(trimmed);
  if (!value) return std::nullopt;
  return value->rounded(scale).toString();
}

std::string moneyDifference(std::string_view a, std::string_view b) {
  return money(sub(parseOr0(a), parseOr0(b)));
}

InventoryTotals computeTotals(const Record& header, const std::vector<LineItem>& lines,
                              const std::vector<TaxDef>& taxes) {
  const bool individual = header.get("hdnTaxType") == "individual";
  Decimal sub_total, pre_tax, tax_total;
  for (const LineItem& line : lines) {
    const Decimal gross = mul(parseOr0(line.quantity), parseOr0(line.listprice));
    Decimal discount;
    if (parseOr0(line.discount_percent).units() != 0) {
      discount = percentOf(gross, parseOr0(line.discount_percent));
    } else {
      discount = parseOr0(line.discount_amount);
    }
    const Decimal net = sub(gross, discount);
    pre_tax = add(pre_tax, net);
    Decimal line_tax;
    if (individual) {
      for (const auto& [name, percent] : line.taxes) {
        line_tax = add(line_tax, percentOf(net, parseOr0(percent)));
      }
    }
    tax_total = add(tax_total, line_tax);
    sub_total = add(sub_total, add(net, line_tax));
  }
  Decimal overall;
  if (parseOr0(header.get("hdnDiscountPercent")).units() != 0) {
    overall = percentOf(sub_total, parseOr0(header.get("hdnDiscountPercent")));
  } else {
    overall = parseOr0(header.get("hdnDiscountAmount"));
  }
  const Decimal after_discount = sub(sub_total, overall);
  Decimal group_tax;
  if (!individual) {
    for (const TaxDef& tax : taxes) {
      group_tax = add(group_tax, percentOf(after_discount, parseOr0(tax.percentage)));
    }
  }
  tax_total = add(tax_total, group_tax);
  const Decimal shipping = parseOr0(header.get("hdnS_H_Amount"));
  const Decimal adjustment = parseOr0(header.get("txtAdjustment"));
  InventoryTotals totals;
  totals.sub_total = money(sub_total);
  totals.pre_tax_total = money(add(sub(pre_tax, overall), shipping));
  totals.grand_total = money(add(add(add(after_discount, group_tax), shipping), adjustment));
  totals.tax_total = money(tax_total);
  return totals;
}

}  // namespace accord::sandbox::vtiger
