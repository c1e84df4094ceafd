// Line items and totals of Invoice, SalesOrder and PurchaseOrder, computed the way vtiger 7's
// inventory module does, with exact decimals (accord::sdk::Decimal), written at vtiger's
// database scales: money 8 decimals, quantities and percentages 3.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sandbox/vtiger/modules.h"
#include "sandbox/vtiger/record_store.h"

namespace accord::sandbox::vtiger {

// Decimal text rewritten at `scale` digits ("5" -> "5.000"); nullopt when not a number.
std::optional<std::string> normalizeDecimal(std::string_view text, int scale);

// a - b at money scale (8); a non-number counts as 0.
std::string moneyDifference(std::string_view a, std::string_view b);

struct InventoryTotals {
  std::string sub_total;      // hdnSubTotal: sum of line net prices (taxes included when
                              // hdnTaxType is individual)
  std::string pre_tax_total;  // lines after discounts - overall discount + S&H
  std::string grand_total;    // hdnGrandTotal
  std::string tax_total;      // every tax, line or group, for hdnTaxTotal-style reporting
};

// Header fields the totals read: hdnTaxType, hdnDiscountPercent, hdnDiscountAmount,
// hdnS_H_Amount, txtAdjustment. `taxes` is the tax table (group mode applies all of it).
// Precondition: line values are normalized decimals.
InventoryTotals computeTotals(const Record& header, const std::vector<LineItem>& lines,
                              const std::vector<TaxDef>& taxes);

}  // namespace accord::sandbox::vtiger
