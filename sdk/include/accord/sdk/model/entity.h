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
//
// A std::string field may take a third argument, a StringRule, that limits its values:
//
//     v("status", s.status, oneOf(kInvoiceStatuses));   // an enumeration (lowercase words)
//     v("currency", s.currency, kCurrencyRule);          // ISO 4217 code or empty
//
// The codec refuses other values, the schema publishes them as "enum"/"pattern". A visitor
// therefore takes (key, value) and (key, value, rule): a catch-all
//     template <typename T> void operator()(std::string_view key, T& value,
//                                           const StringRule& rule = {});
// serves both.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "accord/sdk/decimal.h"
#include "accord/sdk/timestamp.h"

namespace accord::sdk::model {

// Extra rules on a string field (describe()'s optional third argument). Static data only.
struct StringRule {
  std::span<const std::string_view> one_of;  // non-empty: the value must be one of these
  std::string_view pattern;  // non-empty: ECMAScript regex the whole value must match
  std::string_view what;     // what the pattern means, for error messages
  bool matches(std::string_view value) const;
};

constexpr StringRule oneOf(std::span<const std::string_view> values) { return {values, {}, {}}; }

// ISO 4217 code, or empty for "not stated" (the organization's base currency applies).
inline constexpr StringRule kCurrencyRule{{}, "^([A-Z]{3})?$", "an ISO 4217 currency code"};

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
