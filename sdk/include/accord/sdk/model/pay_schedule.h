// How often employees are paid (Xero AU PayrollCalendar, US PaySchedule).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "accord/sdk/model/entity.h"

namespace accord::sdk::model {

inline constexpr std::string_view kPayFrequencies[] = {
    "weekly", "fortnightly", "four_weekly", "twice_monthly", "monthly", "quarterly"};

struct PaySchedule {
  static constexpr EntityType kType = EntityType::pay_schedule;
  RecordMeta meta;
  std::string name;
  std::string frequency = "monthly";  // kPayFrequencies
  std::optional<Date> start_date;     // the first period starts here
  std::optional<Date> payment_date;   // the first period is paid on this day

  template <typename Self, typename V>
  static void describe(Self& s, V& v) {
    v("name", s.name);
    v("frequency", s.frequency, oneOf(kPayFrequencies));
    v("start_date", s.start_date);
    v("payment_date", s.payment_date);
  }
  friend bool operator==(const PaySchedule&, const PaySchedule&) = default;
};

}  // namespace accord::sdk::model
