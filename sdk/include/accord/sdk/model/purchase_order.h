// PLACEHOLDER: the model issue fills in this entity's fields.
#pragma once

#include "accord/sdk/model/entity.h"

namespace accord::sdk::model {

struct PurchaseOrder {
  static constexpr EntityType kType = EntityType::purchase_order;
  RecordMeta meta;
  template <typename Self, typename V>
  static void describe(Self&, V&) {}
  friend bool operator==(const PurchaseOrder&, const PurchaseOrder&) = default;
};

}  // namespace accord::sdk::model
