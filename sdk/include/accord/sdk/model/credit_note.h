// PLACEHOLDER: the model issue fills in this entity's fields.
#pragma once

#include "accord/sdk/model/entity.h"

namespace accord::sdk::model {

struct CreditNote {
  static constexpr EntityType kType = EntityType::credit_note;
  RecordMeta meta;
  template <typename Self, typename V>
  static void describe(Self&, V&) {}
  friend bool operator==(const CreditNote&, const CreditNote&) = default;
};

}  // namespace accord::sdk::model
