// A sales invoice or a purchase bill (Xero Invoice ACCREC / ACCPAY, vTiger Invoice).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accord/sdk/model/entity.h"
#include "accord/sdk/model/line_item.h"

namespace accord::sdk::model {

inline constexpr std::string_view kInvoiceKinds[] = {"sales", "purchase"};
inline constexpr std::string_view kInvoiceStatuses[] = {"draft", "submitted", "authorised", "paid",
                                                        "voided"};

// The fields a sales invoice or bill and a credit note share. Each describes them in two parts
// around fields of its own (an invoice's due_date sits between), so every record keeps its field
// order (its schema in docs/schema).
struct InvoiceFields {
  std::string kind = "sales";  // kInvoiceKinds: purchase is a bill, or a supplier's credit
  std::string number;
  std::string reference;
  Ref organization;  // the customer or supplier; empty when billed to a person alone
  Ref person;
  std::optional<Date> date;
  std::string currency;
  std::optional<Decimal> currency_rate;         // units of currency per base currency unit
  std::string status = "draft";                 // kInvoiceStatuses
  std::string line_amount_types = "exclusive";  // kLineAmountTypes
  std::vector<LineItem> lines;
  Decimal sub_total;
  Decimal total_tax;
  Decimal total;

  template <typename Self, typename V>
  static void describeParties(Self& s, V& v) {
    v("kind", s.kind, oneOf(kInvoiceKinds));
    v("number", s.number);
    v("reference", s.reference);
    v("organization", s.organization);
    v("person", s.person);
    v("date", s.date);
  }
  template <typename Self, typename V>
  static void describeAmounts(Self& s, V& v) {
    v("currency", s.currency, kCurrencyRule);
    v("currency_rate", s.currency_rate);
    v("status", s.status, oneOf(kInvoiceStatuses));
    v("line_amount_types", s.line_amount_types, oneOf(kLineAmountTypes));
    v("lines", s.lines);
    v("sub_total", s.sub_total);
    v("total_tax", s.total_tax);
    v("total", s.total);
  }
  friend bool operator==(const InvoiceFields&, const InvoiceFields&) = default;
};

struct Invoice : InvoiceFields {
  static constexpr EntityType kType = EntityType::invoice;
  RecordMeta meta;
  std::optional<Date> due_date;
  Decimal amount_due;
  Decimal amount_paid;
  Decimal amount_credited;

  template <typename Self, typename V>
  static void describe(Self& s, V& v) {
    describeParties(s, v);
    v("due_date", s.due_date);
    describeAmounts(s, v);
    v("amount_due", s.amount_due);
    v("amount_paid", s.amount_paid);
    v("amount_credited", s.amount_credited);
  }
  friend bool operator==(const Invoice&, const Invoice&) = default;
};

}  // namespace accord::sdk::model
