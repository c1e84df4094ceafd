// PLACEHOLDER: the model issue fills in this entity's fields.
#pragma once

#include "accord/sdk/model/entity.h"

namespace accord::sdk::model {

struct Timesheet {
  static constexpr EntityType kType = EntityType::timesheet;
  RecordMeta meta;
  template <typename Self, typename V>
  static void describe(Self&, V&) {}
  friend bool operator==(const Timesheet&, const Timesheet&) = default;
};

}  // namespace accord::sdk::model
