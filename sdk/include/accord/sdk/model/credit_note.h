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

struct CreditNote : InvoiceFields {  // kind: sales credits a customer, purchase a supplier's
  static constexpr EntityType kType = EntityType::credit_note;
  RecordMeta meta;
  Decimal remaining_credit;
  std::vector<CreditAllocation> allocations;

  template <typename Self, typename V>
  static void describe(Self& s, V& v) {
    describeParties(s, v);
    describeAmounts(s, v);
    v("remaining_credit", s.remaining_credit);
    v("allocations", s.allocations);
  }
  friend bool operator==(const CreditNote&, const CreditNote&) = default;
};

}  // namespace accord::sdk::model
