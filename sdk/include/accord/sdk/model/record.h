// Record: any one canonical entity. The sync engine, the store and the connector interface pass
// records of every type through one path; std::visit reaches the concrete struct.
#pragma once

#include <variant>

#include "accord/sdk/model/organization.h"
#include "accord/sdk/model/person.h"
#include "accord/sdk/model/item.h"
#include "accord/sdk/model/invoice.h"
#include "accord/sdk/model/purchase_order.h"
#include "accord/sdk/model/credit_note.h"
#include "accord/sdk/model/payment.h"
#include "accord/sdk/model/account.h"
#include "accord/sdk/model/journal.h"
#include "accord/sdk/model/tax_code.h"
#include "accord/sdk/model/employee.h"
#include "accord/sdk/model/employee_salary.h"
#include "accord/sdk/model/pay_item.h"
#include "accord/sdk/model/pay_run.h"
#include "accord/sdk/model/pay_schedule.h"
#include "accord/sdk/model/timesheet.h"
#include "accord/sdk/model/work_location.h"
#include "accord/sdk/model/leave_application.h"
#include "accord/sdk/model/transfer.h"

namespace accord::sdk::model {

// The alternatives are in EntityType order, so index() == static_cast<size_t>(type()).
using Record = std::variant<Organization,
                            Person,
                            Item,
                            Invoice,
                            PurchaseOrder,
                            CreditNote,
                            Payment,
                            Account,
                            Journal,
                            TaxCode,
                            Employee,
                            EmployeeSalary,
                            PayItem,
                            PayRun,
                            PaySchedule,
                            Timesheet,
                            WorkLocation,
                            LeaveApplication,
                            Transfer>;

EntityType typeOf(const Record& record) noexcept;
RecordMeta& metaOf(Record& record) noexcept;
const RecordMeta& metaOf(const Record& record) noexcept;
// A default-constructed record of the given type (meta empty, every field at its default).
Record makeRecord(EntityType type);

}  // namespace accord::sdk::model
