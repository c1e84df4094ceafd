// PLACEHOLDER: the model issue fills in this entity's fields.
#pragma once

#include "accord/sdk/model/entity.h"

namespace accord::sdk::model {

struct Transfer {
  static constexpr EntityType kType = EntityType::transfer;
  RecordMeta meta;
  template <typename Self, typename V>
  static void describe(Self&, V&) {}
  friend bool operator==(const Transfer&, const Transfer&) = default;
};

}  // namespace accord::sdk::model
