// PLACEHOLDER: the model issue fills in this entity's fields.
#pragma once

#include "accord/sdk/model/entity.h"

namespace accord::sdk::model {

struct Invoice {
  static constexpr EntityType kType = EntityType::invoice;
  RecordMeta meta;
  template <typename Self, typename V>
  static void describe(Self&, V&) {}
  friend bool operator==(const Invoice&, const Invoice&) = default;
};

}  // namespace accord::sdk::model
