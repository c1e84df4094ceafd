// A person on the payroll (Xero Payroll AU and US Employee).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accord/sdk/model/common.h"
#include "accord/sdk/model/entity.h"

namespace accord::sdk::model {

// The payroll's country: it decides which fields and entities apply (work locations are US,
// leave applications AU).
inline constexpr std::string_view kPayrollRegions[] = {"au", "us"};
inline constexpr std::string_view kGenders[] = {"", "female", "male", "other"};
inline constexpr std::string_view kEmploymentBases[] = {"", "full_time", "part_time", "casual",
                                                        "contractor"};

struct Employee {
  static constexpr EntityType kType = EntityType::employee;
  RecordMeta meta;
  std::string region = "au";  // kPayrollRegions
  std::string first_name;
  std::string middle_names;
  std::string last_name;
  std::string title;
  std::string email;
  std::string gender;  // kGenders
  std::optional<Date> date_of_birth;
  std::optional<Date> start_date;
  std::optional<Date> termination_date;  // set: the employee has left
  std::vector<Address> addresses;        // "street" is the home address
  std::vector<Phone> phones;
  std::string job_title;
  std::string employee_number;
  std::string employment_basis;  // kEmploymentBases
  Ref pay_schedule;
  Ref work_location;  // US: the primary work location

  template <typename Self, typename V>
  static void describe(Self& s, V& v) {
    v("region", s.region, oneOf(kPayrollRegions));
    v("first_name", s.first_name);
    v("middle_names", s.middle_names);
    v("last_name", s.last_name);
    v("title", s.title);
    v("email", s.email);
    v("gender", s.gender, oneOf(kGenders));
    v("date_of_birth", s.date_of_birth);
    v("start_date", s.start_date);
    v("termination_date", s.termination_date);
    v("addresses", s.addresses);
    v("phones", s.phones);
    v("job_title", s.job_title);
    v("employee_number", s.employee_number);
    v("employment_basis", s.employment_basis, oneOf(kEmploymentBases));
    v("pay_schedule", s.pay_schedule);
    v("work_location", s.work_location);
  }
  friend bool operator==(const Employee&, const Employee&) = default;
};

}  // namespace accord::sdk::model
