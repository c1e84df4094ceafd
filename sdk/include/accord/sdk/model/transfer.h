// Money moved between two of the business's own bank accounts (Xero BankTransfer).
#pragma once

#include <optional>
#include <string>

#include "accord/sdk/model/entity.h"

namespace accord::sdk::model {

struct Transfer {
  static constexpr EntityType kType = EntityType::transfer;
  RecordMeta meta;
  Ref from_account;  // Accounts of type bank
  Ref to_account;
  Decimal amount;  // in the from account's currency
  std::string currency;
  std::optional<Decimal> currency_rate;  // when the accounts' currencies differ
  std::optional<Date> date;
  std::string reference;

  template <typename Self, typename V>
  static void describe(Self& s, V& v) {
    v("from_account", s.from_account);
    v("to_account", s.to_account);
    v("amount", s.amount);
    v("currency", s.currency, kCurrencyRule);
    v("currency_rate", s.currency_rate);
    v("date", s.date);
    v("reference", s.reference);
  }
  friend bool operator==(const Transfer&, const Transfer&) = default;
};

}  // namespace accord::sdk::model
