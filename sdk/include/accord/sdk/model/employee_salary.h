// What an employee is paid: a salary or an hourly wage from a date (Xero US SalaryAndWages,
// AU pay template earnings line).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "accord/sdk/model/entity.h"

namespace accord::sdk::model {

inline constexpr std::string_view kSalaryTypes[] = {"salary", "hourly"};

struct EmployeeSalary {
  static constexpr EntityType kType = EntityType::employee_salary;
  RecordMeta meta;
  Ref employee;
  Ref pay_item;                          // the earnings pay item the pay is booked as
  std::string type = "salary";           // kSalaryTypes
  std::optional<Decimal> annual_salary;  // type salary
  std::optional<Decimal> hourly_rate;    // type hourly (and salary, where the app derives it)
  std::optional<Decimal> hours_per_week;
  std::optional<Date> effective_date;
  std::string currency;

  template <typename Self, typename V>
  static void describe(Self& s, V& v) {
    v("employee", s.employee);
    v("pay_item", s.pay_item);
    v("type", s.type, oneOf(kSalaryTypes));
    v("annual_salary", s.annual_salary);
    v("hourly_rate", s.hourly_rate);
    v("hours_per_week", s.hours_per_week);
    v("effective_date", s.effective_date);
    v("currency", s.currency, kCurrencyRule);
  }
  friend bool operator==(const EmployeeSalary&, const EmployeeSalary&) = default;
};

}  // namespace accord::sdk::model
