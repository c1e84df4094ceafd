// PLACEHOLDER: the model issue fills in this entity's fields.
#pragma once

#include "accord/sdk/model/entity.h"

namespace accord::sdk::model {

struct EmployeeSalary {
  static constexpr EntityType kType = EntityType::employee_salary;
  RecordMeta meta;
  template <typename Self, typename V>
  static void describe(Self&, V&) {}
  friend bool operator==(const EmployeeSalary&, const EmployeeSalary&) = default;
};

}  // namespace accord::sdk::model
