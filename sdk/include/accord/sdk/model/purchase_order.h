// An order placed with a supplier (Xero PurchaseOrder, vTiger PurchaseOrder).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accord/sdk/model/common.h"
#include "accord/sdk/model/entity.h"
#include "accord/sdk/model/line_item.h"

namespace accord::sdk::model {

inline constexpr std::string_view kPurchaseOrderStatuses[] = {"draft", "submitted", "authorised",
                                                              "billed"};

struct PurchaseOrder {
  static constexpr EntityType kType = EntityType::purchase_order;
  RecordMeta meta;
  std::string number;
  std::string reference;
  Ref organization;  // the supplier
  Ref person;
  std::optional<Date> date;
  std::optional<Date> delivery_date;
  std::string currency;
  std::optional<Decimal> currency_rate;
  std::string status = "draft";                 // kPurchaseOrderStatuses
  std::string line_amount_types = "exclusive";  // kLineAmountTypes
  std::vector<LineItem> lines;
  Address delivery_address;
  std::string attention_to;
  std::string delivery_instructions;
  Decimal sub_total;
  Decimal total_tax;
  Decimal total;

  template <typename Self, typename V>
  static void describe(Self& s, V& v) {
    v("number", s.number);
    v("reference", s.reference);
    v("organization", s.organization);
    v("person", s.person);
    v("date", s.date);
    v("delivery_date", s.delivery_date);
    v("currency", s.currency, kCurrencyRule);
    v("currency_rate", s.currency_rate);
    v("status", s.status, oneOf(kPurchaseOrderStatuses));
    v("line_amount_types", s.line_amount_types, oneOf(kLineAmountTypes));
    v("lines", s.lines);
    v("delivery_address", s.delivery_address);
    v("attention_to", s.attention_to);
    v("delivery_instructions", s.delivery_instructions);
    v("sub_total", s.sub_total);
    v("total_tax", s.total_tax);
    v("total", s.total);
  }
  friend bool operator==(const PurchaseOrder&, const PurchaseOrder&) = default;
};

}  // namespace accord::sdk::model
