// PLACEHOLDER: the model issue fills in this entity's fields.
#pragma once

#include "accord/sdk/model/entity.h"

namespace accord::sdk::model {

struct LeaveApplication {
  static constexpr EntityType kType = EntityType::leave_application;
  RecordMeta meta;
  template <typename Self, typename V>
  static void describe(Self&, V&) {}
  friend bool operator==(const LeaveApplication&, const LeaveApplication&) = default;
};

}  // namespace accord::sdk::model
