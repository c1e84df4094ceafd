// A kind of pay line: an earnings rate, deduction, leave or reimbursement type (Xero PayItems).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "accord/sdk/model/entity.h"

namespace accord::sdk::model {

inline constexpr std::string_view kPayItemKinds[] = {"earnings", "deduction", "leave",
                                                     "reimbursement", "benefit"};
// How the amount is worked out; "" when the kind has no rate (most reimbursements).
inline constexpr std::string_view kPayRateTypes[] = {"", "fixed_amount", "multiple",
                                                     "rate_per_unit", "percentage"};

struct PayItem {
  static constexpr EntityType kType = EntityType::pay_item;
  RecordMeta meta;
  std::string kind = "earnings";  // kPayItemKinds
  std::string name;
  std::string display_name;     // as printed on payslips
  std::string category;         // the app's category ("overtime_earnings", "pre_tax"), lowercased
  std::string rate_type;        // kPayRateTypes
  std::string units;            // for rate_per_unit: "hours", "km"
  std::optional<Decimal> rate;  // amount per unit, fixed amount or percentage
  std::optional<Decimal> multiplier;  // for multiple: of the ordinary rate (1.5)
  Ref expense_account;
  Ref liability_account;
  bool is_taxable = true;

  template <typename Self, typename V>
  static void describe(Self& s, V& v) {
    v("kind", s.kind, oneOf(kPayItemKinds));
    v("name", s.name);
    v("display_name", s.display_name);
    v("category", s.category);
    v("rate_type", s.rate_type, oneOf(kPayRateTypes));
    v("units", s.units);
    v("rate", s.rate);
    v("multiplier", s.multiplier);
    v("expense_account", s.expense_account);
    v("liability_account", s.liability_account);
    v("is_taxable", s.is_taxable);
  }
  friend bool operator==(const PayItem&, const PayItem&) = default;
};

}  // namespace accord::sdk::model
