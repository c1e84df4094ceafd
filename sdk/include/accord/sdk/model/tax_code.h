// PLACEHOLDER: the model issue fills in this entity's fields.
#pragma once

#include "accord/sdk/model/entity.h"

namespace accord::sdk::model {

struct TaxCode {
  static constexpr EntityType kType = EntityType::tax_code;
  RecordMeta meta;
  template <typename Self, typename V>
  static void describe(Self&, V&) {}
  friend bool operator==(const TaxCode&, const TaxCode&) = default;
};

}  // namespace accord::sdk::model
