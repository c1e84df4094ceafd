// PLACEHOLDER: the model issue fills in this entity's fields.
#pragma once

#include "accord/sdk/model/entity.h"

namespace accord::sdk::model {

struct PaySchedule {
  static constexpr EntityType kType = EntityType::pay_schedule;
  RecordMeta meta;
  template <typename Self, typename V>
  static void describe(Self&, V&) {}
  friend bool operator==(const PaySchedule&, const PaySchedule&) = default;
};

}  // namespace accord::sdk::model
