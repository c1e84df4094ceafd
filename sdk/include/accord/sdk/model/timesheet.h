// Hours an employee worked in a period, per pay item and day (Xero Timesheet).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accord/sdk/model/entity.h"

namespace accord::sdk::model {

inline constexpr std::string_view kTimesheetStatuses[] = {"draft", "submitted", "approved",
                                                          "rejected", "processed"};

struct TimesheetLine {
  Ref pay_item;                // an earnings pay item
  Ref work_location;           // US
  std::vector<Decimal> hours;  // one per day of the period, from period_start
  template <typename Self, typename V>
  static void describe(Self& s, V& v) {
    v("pay_item", s.pay_item);
    v("work_location", s.work_location);
    v("hours", s.hours);
  }
  friend bool operator==(const TimesheetLine&, const TimesheetLine&) = default;
};

struct Timesheet {
  static constexpr EntityType kType = EntityType::timesheet;
  RecordMeta meta;
  Ref employee;
  std::optional<Date> period_start;
  std::optional<Date> period_end;
  std::string status = "draft";  // kTimesheetStatuses
  Decimal total_hours;
  std::vector<TimesheetLine> lines;

  template <typename Self, typename V>
  static void describe(Self& s, V& v) {
    v("employee", s.employee);
    v("period_start", s.period_start);
    v("period_end", s.period_end);
    v("status", s.status, oneOf(kTimesheetStatuses));
    v("total_hours", s.total_hours);
    v("lines", s.lines);
  }
  friend bool operator==(const Timesheet&, const Timesheet&) = default;
};

}  // namespace accord::sdk::model
