// Server-side arithmetic of Xero documents (invoices, credit notes, purchase orders): each
// line's LineAmount and TaxAmount and the document's SubTotal/TotalTax/Total, exactly, for
// LineAmountTypes Exclusive, Inclusive and NoTax.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "sandbox/xero/accounting/resource.h"

namespace accord::sandbox::xero {

struct DocumentTotals {
  Poco::JSON::Array::Ptr lines;
  Amount sub_total, total_tax, total;
  std::vector<std::string> errors, warnings;
};

// `sales` picks the item's SalesDetails (true) or PurchaseDetails for defaults.
DocumentTotals computeLines(Ctx& ctx, const Poco::JSON::Array::Ptr& input_lines,
                            const std::string& line_amount_types, bool sales);

// Quantity per tracked item code that a document moves (+ in, - out); empty for a draft.
std::map<std::string, Amount> stockMovement(const XeroAccounting& state,
                                            const Poco::JSON::Object& document, int direction);
void applyStock(Ctx& ctx, const std::map<std::string, Amount>& movement, int sign);

// The effective percentage of a tax rate record (sum of its components).
Amount taxRatePercent(const Poco::JSON::Object& tax_rate);

}  // namespace accord::sandbox::xero
