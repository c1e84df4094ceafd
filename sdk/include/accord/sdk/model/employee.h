// PLACEHOLDER: the model issue fills in this entity's fields.
#pragma once

#include "accord/sdk/model/entity.h"

namespace accord::sdk::model {

struct Employee {
  static constexpr EntityType kType = EntityType::employee;
  RecordMeta meta;
  template <typename Self, typename V>
  static void describe(Self&, V&) {}
  friend bool operator==(const Employee&, const Employee&) = default;
};

}  // namespace accord::sdk::model
