// A tax rate the business applies (Xero TaxRate, vTiger tax), with its components.
#pragma once

#include <string>
#include <vector>

#include "accord/sdk/model/entity.h"

namespace accord::sdk::model {

struct TaxComponent {
  std::string name;
  Decimal rate;              // percent
  bool is_compound = false;  // applied on top of the other components
  template <typename Self, typename V>
  static void describe(Self& s, V& v) {
    v("name", s.name);
    v("rate", s.rate);
    v("is_compound", s.is_compound);
  }
  friend bool operator==(const TaxComponent&, const TaxComponent&) = default;
};

struct TaxCode {
  static constexpr EntityType kType = EntityType::tax_code;
  RecordMeta meta;
  std::string name;
  std::string code;  // the app's tax type ("OUTPUT", "INPUT2", "TAX001")
  Decimal rate;      // effective rate, percent
  bool applies_to_sales = true;
  bool applies_to_purchases = true;
  std::vector<TaxComponent> components;

  template <typename Self, typename V>
  static void describe(Self& s, V& v) {
    v("name", s.name);
    v("code", s.code);
    v("rate", s.rate);
    v("applies_to_sales", s.applies_to_sales);
    v("applies_to_purchases", s.applies_to_purchases);
    v("components", s.components);
  }
  friend bool operator==(const TaxCode&, const TaxCode&) = default;
};

}  // namespace accord::sdk::model
