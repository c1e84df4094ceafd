// PLACEHOLDER: the model issue fills in this entity's fields.
#pragma once

#include "accord/sdk/model/entity.h"

namespace accord::sdk::model {

struct Item {
  static constexpr EntityType kType = EntityType::item;
  RecordMeta meta;
  template <typename Self, typename V>
  static void describe(Self&, V&) {}
  friend bool operator==(const Item&, const Item&) = default;
};

}  // namespace accord::sdk::model
