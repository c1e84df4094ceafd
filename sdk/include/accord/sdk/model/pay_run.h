// PLACEHOLDER: the model issue fills in this entity's fields.
#pragma once

#include "accord/sdk/model/entity.h"

namespace accord::sdk::model {

struct PayRun {
  static constexpr EntityType kType = EntityType::pay_run;
  RecordMeta meta;
  template <typename Self, typename V>
  static void describe(Self&, V&) {}
  friend bool operator==(const PayRun&, const PayRun&) = default;
};

}  // namespace accord::sdk::model
