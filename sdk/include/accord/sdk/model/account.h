// An account in the chart of accounts, bank accounts included (Xero Account).
#pragma once

#include <string>
#include <string_view>

#include "accord/sdk/model/entity.h"

namespace accord::sdk::model {

// Xero's account types, spelled out (CURRLIAB is current_liability, DEPRECIATN depreciation).
// clang-format off
inline constexpr std::string_view kAccountTypes[] = {
    "bank", "current_asset", "current_liability", "depreciation", "direct_costs", "equity",
    "expense", "fixed_asset", "inventory", "liability", "non_current_asset", "other_income",
    "overheads", "prepayment", "revenue", "sales", "term_liability", "payg_liability",
    "superannuation_expense", "superannuation_liability", "wages_expense"};
// clang-format on
inline constexpr std::string_view kAccountClasses[] = {"asset", "equity", "expense", "liability",
                                                       "revenue"};
// Only for type "bank": "" otherwise.
inline constexpr std::string_view kBankAccountTypes[] = {"", "bank", "credit_card", "paypal"};

struct Account {
  static constexpr EntityType kType = EntityType::account;
  RecordMeta meta;
  std::string code;  // the chart's own code ("200"); unique in the chart
  std::string name;
  std::string description;
  std::string type = "expense";           // kAccountTypes
  std::string account_class = "expense";  // kAccountClasses; JSON key "class"
  Ref tax_code;                           // the default tax code for lines posted here
  std::string bank_account_number;
  std::string bank_account_type;  // kBankAccountTypes
  std::string currency;
  bool enable_payments = false;  // invoices and bills may be paid from it

  template <typename Self, typename V>
  static void describe(Self& s, V& v) {
    v("code", s.code);
    v("name", s.name);
    v("description", s.description);
    v("type", s.type, oneOf(kAccountTypes));
    v("class", s.account_class, oneOf(kAccountClasses));
    v("tax_code", s.tax_code);
    v("bank_account_number", s.bank_account_number);
    v("bank_account_type", s.bank_account_type, oneOf(kBankAccountTypes));
    v("currency", s.currency, kCurrencyRule);
    v("enable_payments", s.enable_payments);
  }
  friend bool operator==(const Account&, const Account&) = default;
};

}  // namespace accord::sdk::model
