// What every canonical entity shares: its type tag, its metadata and the field-visitor pattern.
//
// Each entity is a plain struct with a `meta` member and one static `describe(self, visitor)`
// that lists its fields once. That single list drives the JSON codec, the published JSON
// Schema, content hashing and the sync engine's field-by-field merge, so adding a field is a
// one-line change that every one of them sees.
//
//   template <typename Self, typename V>
//   static void describe(Self& self, V& v) {
//     v("name", self.name);                // std::string, bool, std::int64_t, Decimal,
//     v("email", self.email);              // Timestamp, Date, Ref, nested structs with their
//     v("addresses", self.addresses);      // own describe(), std::optional<> and std::vector<>
//   }                                      // of those.
//
// `Self` is deduced const or non-const, so one describe() serves readers and writers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accord/sdk/decimal.h"
#include "accord/sdk/timestamp.h"

namespace accord::sdk::model {

enum class EntityType {
  organization,
  person,
  item,
  invoice,
  purchase_order,
  credit_note,
  payment,
  account,
  journal,
  tax_code,
  employee,
  employee_salary,
  pay_item,
  pay_run,
  pay_schedule,
  timesheet,
  work_location,
  leave_application,
  transfer,
};

std::string_view toString(EntityType type) noexcept;  // "purchase_order"
std::optional<EntityType> entityTypeFromString(std::string_view text) noexcept;
const std::vector<EntityType>& allEntityTypes();

enum class RecordStatus { active, archived, deleted };
std::string_view toString(RecordStatus status) noexcept;
std::optional<RecordStatus> recordStatusFromString(std::string_view text) noexcept;

// A reference to another record. Inside the hub it holds a canonical id; in records a plugin
// reads or writes it holds that app's own id (the hub translates through the id map).
struct Ref {
  std::string id;
  bool empty() const noexcept { return id.empty(); }
  friend bool operator==(const Ref&, const Ref&) = default;
};

struct RecordMeta {
  // Canonical id in the hub; the app's id in records that cross the plugin boundary.
  std::string id;
  std::optional<Timestamp> created_at;
  std::optional<Timestamp> updated_at;  // the source's own modified time: merges use it.
  RecordStatus status = RecordStatus::active;
  // The app's raw JSON object (compact text) for the fields the model does not carry; empty
  // when there is none. Kept so nothing an app sends is lost.
  std::string remote_data;
  friend bool operator==(const RecordMeta&, const RecordMeta&) = default;
};

}  // namespace accord::sdk::model
