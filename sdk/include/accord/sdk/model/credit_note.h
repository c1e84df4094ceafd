// A credit note to a customer or from a supplier, and where its credit went.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accord/sdk/model/entity.h"
#include "accord/sdk/model/invoice.h"
#include "accord/sdk/model/line_item.h"

namespace accord::sdk::model {

// Part of the credit applied to an invoice.
struct CreditAllocation {
  Ref invoice;
  Decimal amount;
  std::optional<Date> date;
  template <typename Self, typename V>
  static void describe(Self& s, V& v) {
    v("invoice", s.invoice);
    v("amount", s.amount);
    v("date", s.date);
  }
  friend bool operator==(const CreditAllocation&, const CreditAllocation&) = default;
};

struct CreditNote {
  static constexpr EntityType kType = EntityType::credit_note;
  RecordMeta meta;
  std::string kind = "sales";  // kInvoiceKinds: sales credits a customer, purchase a supplier's
  std::string number;
  std::string reference;
  Ref organization;
  Ref person;
  std::optional<Date> date;
  std::string currency;
  std::optional<Decimal> currency_rate;
  std::string status = "draft";                 // kInvoiceStatuses
  std::string line_amount_types = "exclusive";  // kLineAmountTypes
  std::vector<LineItem> lines;
  Decimal sub_total;
  Decimal total_tax;
  Decimal total;
  Decimal remaining_credit;
  std::vector<CreditAllocation> allocations;

  template <typename Self, typename V>
  static void describe(Self& s, V& v) {
    v("kind", s.kind, oneOf(kInvoiceKinds));
    v("number", s.number);
    v("reference", s.reference);
    v("organization", s.organization);
    v("person", s.person);
    v("date", s.date);
    v("currency", s.currency, kCurrencyRule);
    v("currency_rate", s.currency_rate);
    v("status", s.status, oneOf(kInvoiceStatuses));
    v("line_amount_types", s.line_amount_types, oneOf(kLineAmountTypes));
    v("lines", s.lines);
    v("sub_total", s.sub_total);
    v("total_tax", s.total_tax);
    v("total", s.total);
    v("remaining_credit", s.remaining_credit);
    v("allocations", s.allocations);
  }
  friend bool operator==(const CreditNote&, const CreditNote&) = default;
};

}  // namespace accord::sdk::model
