// One payroll run for a pay schedule's period, with a payslip per employee (Xero PayRun).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accord/sdk/model/entity.h"

namespace accord::sdk::model {

inline constexpr std::string_view kPayRunStatuses[] = {"draft", "posted"};

struct Payslip {
  Ref employee;
  Decimal earnings;
  Decimal deductions;
  Decimal tax;
  Decimal reimbursements;
  Decimal net_pay;
  template <typename Self, typename V>
  static void describe(Self& s, V& v) {
    v("employee", s.employee);
    v("earnings", s.earnings);
    v("deductions", s.deductions);
    v("tax", s.tax);
    v("reimbursements", s.reimbursements);
    v("net_pay", s.net_pay);
  }
  friend bool operator==(const Payslip&, const Payslip&) = default;
};

struct PayRun {
  static constexpr EntityType kType = EntityType::pay_run;
  RecordMeta meta;
  Ref pay_schedule;
  std::optional<Date> period_start;
  std::optional<Date> period_end;
  std::optional<Date> payment_date;
  std::string status = "draft";  // kPayRunStatuses
  std::string currency;
  Decimal earnings;  // totals over the payslips
  Decimal deductions;
  Decimal tax;
  Decimal reimbursements;
  Decimal net_pay;
  std::vector<Payslip> payslips;

  template <typename Self, typename V>
  static void describe(Self& s, V& v) {
    v("pay_schedule", s.pay_schedule);
    v("period_start", s.period_start);
    v("period_end", s.period_end);
    v("payment_date", s.payment_date);
    v("status", s.status, oneOf(kPayRunStatuses));
    v("currency", s.currency, kCurrencyRule);
    v("earnings", s.earnings);
    v("deductions", s.deductions);
    v("tax", s.tax);
    v("reimbursements", s.reimbursements);
    v("net_pay", s.net_pay);
    v("payslips", s.payslips);
  }
  friend bool operator==(const PayRun&, const PayRun&) = default;
};

}  // namespace accord::sdk::model
