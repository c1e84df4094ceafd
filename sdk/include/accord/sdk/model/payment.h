// Money received against an invoice or paid against a bill (Xero Payment).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "accord/sdk/model/entity.h"

namespace accord::sdk::model {

// receivable: from a customer (Xero ACCRECPAYMENT); payable: to a supplier (ACCPAYPAYMENT).
inline constexpr std::string_view kPaymentKinds[] = {"receivable", "payable"};
inline constexpr std::string_view kPaymentStatuses[] = {"authorised", "voided"};

struct Payment {
  static constexpr EntityType kType = EntityType::payment;
  RecordMeta meta;
  std::string kind = "receivable";  // kPaymentKinds
  std::optional<Date> date;
  Decimal amount;  // in currency
  std::string currency;
  std::optional<Decimal> currency_rate;
  Ref invoice;      // the invoice or bill paid; empty when the payment refunds a credit note
  Ref credit_note;  // the credit note refunded, when there is one
  Ref organization;
  Ref bank_account;  // an Account of type bank
  std::string reference;
  std::string status = "authorised";  // kPaymentStatuses

  template <typename Self, typename V>
  static void describe(Self& s, V& v) {
    v("kind", s.kind, oneOf(kPaymentKinds));
    v("date", s.date);
    v("amount", s.amount);
    v("currency", s.currency, kCurrencyRule);
    v("currency_rate", s.currency_rate);
    v("invoice", s.invoice);
    v("credit_note", s.credit_note);
    v("organization", s.organization);
    v("bank_account", s.bank_account);
    v("reference", s.reference);
    v("status", s.status, oneOf(kPaymentStatuses));
  }
  friend bool operator==(const Payment&, const Payment&) = default;
};

}  // namespace accord::sdk::model
