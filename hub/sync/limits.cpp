#include "sync/limits.h"

#include <algorithm>

#include "sync/fields.h"

namespace accord::sync {
namespace {

std::string withNote(std::string text, const sdk::FieldRule& rule) {
  if (!rule.note.empty()) text += " (" + rule.note + ")";
  return text;
}

void capList(model::Record& record, const sdk::FieldRule& rule, const std::string& app,
             LimitReport& report) {
  const std::size_t cap = static_cast<std::size_t>(std::max(0, *rule.max_items));
  const std::size_t dropped = truncateList(record, rule.field, cap);
  if (dropped == 0) return;
  report.warnings.push_back(withNote(rule.field + ": " + app + " holds at most " +
                                         std::to_string(cap) + "; the first " +
                                         std::to_string(cap) + " were sent, " +
                                         std::to_string(dropped) + " not",
                                     rule));
}

// The target's status when it is one the rule forbids edits in.
std::optional<std::string> forbiddingStatus(const sdk::FieldRule& rule, const model::Record* base,
                                            const LimitReport& report) {
  if (!base || report.skip) return std::nullopt;
  auto status = stringField(*base, "status");
  if (!status) return std::nullopt;
  const auto& forbidden = rule.immutable_when_status;
  if (std::find(forbidden.begin(), forbidden.end(), *status) == forbidden.end()) return std::nullopt;
  return status;
}

void checkImmutable(const model::Record& record, const sdk::FieldRule& rule,
                    const model::Record* base, const std::string& app, LimitReport& report) {
  auto status = forbiddingStatus(rule, base, report);
  if (!status || sameField(record, *base, rule.field)) return;
  report.skip = true;
  report.warnings.push_back(withNote("the record is " + *status + " in " + app +
                                         ": the change to " + rule.field + " was not pushed",
                                     rule));
}

// `record` has had every other rule applied; the base gets the same, so that what the target
// computes or cannot hold is no change, and the fields that would be sent are compared.
void checkImmutableRecord(const model::Record& record, const sdk::FieldRule& rule,
                          const sdk::EntityCapability& capability, const model::Record* base,
                          const std::string& app, LimitReport& report) {
  auto status = forbiddingStatus(rule, base, report);
  if (!status) return;
  model::Record limited = *base;
  LimitReport ignored;
  applyFieldRules(limited, capability, nullptr, app, ignored);
  std::string changed;
  for (const std::string& field : fieldNames(model::typeOf(record))) {
    if (!sameField(record, limited, field)) changed += (changed.empty() ? "" : ", ") + field;
  }
  if (changed.empty()) return;
  report.skip = true;
  report.warnings.push_back(withNote("the record is " + *status + " in " + app +
                                         ": the change to " + changed + " was not pushed",
                                     rule));
}

}  // namespace

void applyFieldRules(model::Record& record, const sdk::EntityCapability& capability,
                     const model::Record* target_base, const std::string& app,
                     LimitReport& report) {
  std::vector<std::string> not_held;
  for (const std::string& field : capability.unsupported_fields) {
    if (!isDefaultField(record, field)) not_held.push_back(field);
    resetField(record, field);
  }
  if (!not_held.empty()) {
    std::string list;
    for (const auto& f : not_held) list += (list.empty() ? "" : ", ") + f;
    report.warnings.push_back(app + " cannot hold " + list + ": not sent");
  }
  const sdk::FieldRule* whole_record = nullptr;
  for (const sdk::FieldRule& rule : capability.field_rules) {
    if (rule.field == sdk::kWholeRecord) {
      whole_record = &rule;
      continue;
    }
    if (!rule.immutable_when_status.empty()) {
      checkImmutable(record, rule, target_base, app, report);
    }
    if (rule.read_only) resetField(record, rule.field);
    if (rule.max_items) capList(record, rule, app, report);
  }
  if (whole_record) checkImmutableRecord(record, *whole_record, capability, target_base, app, report);
}

void checkRequired(const model::Record& record, const sdk::EntityCapability& capability,
                   const std::string& app, LimitReport& report) {
  for (const sdk::FieldRule& rule : capability.field_rules) {
    if (!rule.required || !isDefaultField(record, rule.field)) continue;
    report.error = withNote(rule.field + " is required by " + app + " and is missing", rule);
    return;
  }
}

void checkRequiredFields(const model::Record& record, const std::vector<std::string>& fields,
                         const std::string& app, LimitReport& report) {
  std::string missing;
  for (const std::string& field : fields) {
    if (isDefaultField(record, field)) missing += (missing.empty() ? "" : ", ") + field;
  }
  if (missing.empty()) return;
  const bool one = missing.find(',') == std::string::npos;
  std::string text = missing + (one ? " is" : " are") + " required by " + app +
                     "'s sync settings and " + (one ? "is" : "are") + " missing";
  report.error = report.error ? *report.error + "; " + text : text;
}

}  // namespace accord::sync
