// An employee's request for leave and the pay periods it falls in (Xero Payroll AU).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accord/sdk/model/entity.h"

namespace accord::sdk::model {

inline constexpr std::string_view kLeaveStatuses[] = {"requested", "approved", "rejected",
                                                      "scheduled", "processed"};
inline constexpr std::string_view kLeavePeriodStatuses[] = {"scheduled", "processed"};

struct LeavePeriod {
  std::optional<Date> period_start;
  std::optional<Date> period_end;
  Decimal units;                     // hours (or the leave type's units) taken in the period
  std::string status = "scheduled";  // kLeavePeriodStatuses
  template <typename Self, typename V>
  static void describe(Self& s, V& v) {
    v("period_start", s.period_start);
    v("period_end", s.period_end);
    v("units", s.units);
    v("status", s.status, oneOf(kLeavePeriodStatuses));
  }
  friend bool operator==(const LeavePeriod&, const LeavePeriod&) = default;
};

struct LeaveApplication {
  static constexpr EntityType kType = EntityType::leave_application;
  RecordMeta meta;
  Ref employee;
  Ref leave_type;  // a pay item of kind leave
  std::string title;
  std::string description;
  std::optional<Date> start_date;
  std::optional<Date> end_date;
  std::string status = "requested";  // kLeaveStatuses
  std::vector<LeavePeriod> periods;

  template <typename Self, typename V>
  static void describe(Self& s, V& v) {
    v("employee", s.employee);
    v("leave_type", s.leave_type);
    v("title", s.title);
    v("description", s.description);
    v("start_date", s.start_date);
    v("end_date", s.end_date);
    v("status", s.status, oneOf(kLeaveStatuses));
    v("periods", s.periods);
  }
  friend bool operator==(const LeaveApplication&, const LeaveApplication&) = default;
};

}  // namespace accord::sdk::model
