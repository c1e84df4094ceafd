// The line of a sales or purchase document (invoice, purchase order, credit note).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "accord/sdk/model/entity.h"

namespace accord::sdk::model {

// Whether line amounts include tax: Xero's LineAmountTypes Exclusive / Inclusive / NoTax.
inline constexpr std::string_view kLineAmountTypes[] = {"exclusive", "inclusive", "no_tax"};

struct LineItem {
  std::string description;
  Decimal quantity;
  Decimal unit_price;
  std::optional<Decimal> discount_rate;  // percent off unit_price * quantity, when given
  Ref item;
  Ref tax_code;
  Ref account;
  Decimal tax_amount;
  Decimal line_total;  // the app's line amount, in the document's line_amount_types

  template <typename Self, typename V>
  static void describe(Self& s, V& v) {
    v("description", s.description);
    v("quantity", s.quantity);
    v("unit_price", s.unit_price);
    v("discount_rate", s.discount_rate);
    v("item", s.item);
    v("tax_code", s.tax_code);
    v("account", s.account);
    v("tax_amount", s.tax_amount);
    v("line_total", s.line_total);
  }
  friend bool operator==(const LineItem&, const LineItem&) = default;
};

}  // namespace accord::sdk::model
