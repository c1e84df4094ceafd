// A product or service the business sells or buys (Xero Item, vTiger Products/Services).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accord/sdk/model/entity.h"

namespace accord::sdk::model {

struct Item {
  static constexpr EntityType kType = EntityType::item;
  RecordMeta meta;
  std::string code;  // the business's own code or SKU; unique in most apps
  std::string name;
  std::string description;  // sales description
  std::string purchase_description;
  bool is_sold = true;
  bool is_purchased = true;
  bool is_tracked = false;  // inventory: quantity_on_hand is kept by the app
  std::optional<Decimal> sale_price;
  Ref sale_account;
  Ref sale_tax_code;
  std::optional<Decimal> purchase_price;
  Ref purchase_account;
  Ref purchase_tax_code;
  Ref inventory_account;
  std::optional<Decimal> quantity_on_hand;
  std::string currency;    // of the prices; empty: the organization's base currency
  std::vector<Ref> taxes;  // tax codes that apply; CRMs allow several

  template <typename Self, typename V>
  static void describe(Self& s, V& v) {
    v("code", s.code);
    v("name", s.name);
    v("description", s.description);
    v("purchase_description", s.purchase_description);
    v("is_sold", s.is_sold);
    v("is_purchased", s.is_purchased);
    v("is_tracked", s.is_tracked);
    v("sale_price", s.sale_price);
    v("sale_account", s.sale_account);
    v("sale_tax_code", s.sale_tax_code);
    v("purchase_price", s.purchase_price);
    v("purchase_account", s.purchase_account);
    v("purchase_tax_code", s.purchase_tax_code);
    v("inventory_account", s.inventory_account);
    v("quantity_on_hand", s.quantity_on_hand);
    v("currency", s.currency, kCurrencyRule);
    v("taxes", s.taxes);
  }
  friend bool operator==(const Item&, const Item&) = default;
};

}  // namespace accord::sdk::model
