// PLACEHOLDER: the model issue fills in this entity's fields.
#pragma once

#include "accord/sdk/model/entity.h"

namespace accord::sdk::model {

struct Payment {
  static constexpr EntityType kType = EntityType::payment;
  RecordMeta meta;
  template <typename Self, typename V>
  static void describe(Self&, V&) {}
  friend bool operator==(const Payment&, const Payment&) = default;
};

}  // namespace accord::sdk::model
