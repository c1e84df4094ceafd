// A place employees work, which decides US state and local taxes (Xero Payroll US).
#pragma once

#include <optional>
#include <string>

#include "accord/sdk/model/common.h"
#include "accord/sdk/model/entity.h"

namespace accord::sdk::model {

struct WorkLocation {
  static constexpr EntityType kType = EntityType::work_location;
  RecordMeta meta;
  std::string name;
  Address address;  // line2 is the suite, apartment or unit
  std::optional<Decimal> latitude;
  std::optional<Decimal> longitude;

  template <typename Self, typename V>
  static void describe(Self& s, V& v) {
    v("name", s.name);
    v("address", s.address);
    v("latitude", s.latitude);
    v("longitude", s.longitude);
  }
  friend bool operator==(const WorkLocation&, const WorkLocation&) = default;
};

}  // namespace accord::sdk::model
