// PLACEHOLDER: the model issue fills in this entity's fields.
#pragma once

#include "accord/sdk/model/entity.h"

namespace accord::sdk::model {

struct WorkLocation {
  static constexpr EntityType kType = EntityType::work_location;
  RecordMeta meta;
  template <typename Self, typename V>
  static void describe(Self&, V&) {}
  friend bool operator==(const WorkLocation&, const WorkLocation&) = default;
};

}  // namespace accord::sdk::model
