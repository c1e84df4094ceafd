// PLACEHOLDER: the model issue fills in this entity's fields.
#pragma once

#include "accord/sdk/model/entity.h"

namespace accord::sdk::model {

struct Journal {
  static constexpr EntityType kType = EntityType::journal;
  RecordMeta meta;
  template <typename Self, typename V>
  static void describe(Self&, V&) {}
  friend bool operator==(const Journal&, const Journal&) = default;
};

}  // namespace accord::sdk::model
