#include "accord/sdk/model/entity.h"

#include <array>
#include <map>
#include <mutex>
#include <regex>

namespace accord::sdk::model {
namespace {

constexpr std::array<std::string_view, 19> kEntityNames = {
    "organization", "person",  "item",         "invoice",   "purchase_order", "credit_note",
    "payment",      "account", "journal",      "tax_code",  "employee",       "employee_salary",
    "pay_item",     "pay_run", "pay_schedule", "timesheet", "work_location",  "leave_application",
    "transfer"};
static_assert(kEntityNames.size() == static_cast<size_t>(EntityType::transfer) + 1);

constexpr std::array<std::string_view, 3> kStatusNames = {"active", "archived", "deleted"};

// Compiled once per pattern: patterns are static data in headers, so the map stays tiny.
const std::regex& compiled(std::string_view pattern) {
  static std::mutex mutex;
  static std::map<std::string, std::regex, std::less<>> cache;
  std::lock_guard lock(mutex);
  auto it = cache.find(pattern);
  if (it == cache.end()) {
    it =
        cache
            .emplace(std::string(pattern), std::regex(std::string(pattern), std::regex::ECMAScript))
            .first;
  }
  return it->second;
}

}  // namespace

std::string_view toString(EntityType type) noexcept {
  return kEntityNames[static_cast<size_t>(type)];
}

std::optional<EntityType> entityTypeFromString(std::string_view text) noexcept {
  for (size_t i = 0; i < kEntityNames.size(); ++i) {
    if (kEntityNames[i] == text) return static_cast<EntityType>(i);
  }
  return std::nullopt;
}

const std::vector<EntityType>& allEntityTypes() {
  static const std::vector<EntityType> all = [] {
    std::vector<EntityType> types;
    for (size_t i = 0; i < kEntityNames.size(); ++i) types.push_back(static_cast<EntityType>(i));
    return types;
  }();
  return all;
}

std::string_view toString(RecordStatus status) noexcept {
  return kStatusNames[static_cast<size_t>(status)];
}

std::optional<RecordStatus> recordStatusFromString(std::string_view text) noexcept {
  for (size_t i = 0; i < kStatusNames.size(); ++i) {
    if (kStatusNames[i] == text) return static_cast<RecordStatus>(i);
  }
  return std::nullopt;
}

bool StringRule::matches(std::string_view value) const {
  if (!one_of.empty()) {
    bool found = false;
    for (std::string_view allowed : one_of) found = found || allowed == value;
    if (!found) return false;
  }
  if (!pattern.empty()) {
    return std::regex_match(value.begin(), value.end(), compiled(pattern));
  }
  return true;
}

}  // namespace accord::sdk::model
