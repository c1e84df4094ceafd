#include "accord/sdk/manifest_builders.h"

#include <utility>

namespace accord::sdk {

FieldRule requiredRule(std::string field, std::string note) {
  FieldRule rule = noteRule(std::move(field), std::move(note));
  rule.required = true;
  return rule;
}

FieldRule readOnlyRule(std::string field, std::string note) {
  FieldRule rule = noteRule(std::move(field), std::move(note));
  rule.read_only = true;
  return rule;
}

FieldRule maxItemsRule(std::string field, int max_items, std::string note) {
  FieldRule rule = noteRule(std::move(field), std::move(note));
  rule.max_items = max_items;
  return rule;
}

FieldRule immutableRule(std::string field, std::vector<std::string> statuses, std::string note) {
  FieldRule rule = noteRule(std::move(field), std::move(note));
  rule.immutable_when_status = std::move(statuses);
  return rule;
}

FieldRule maxPerRefRule(std::string field, int max_records, std::string note) {
  FieldRule rule = noteRule(std::move(field), std::move(note));
  rule.max_per_ref = max_records;
  return rule;
}

FieldRule immutableRecordRule(std::vector<std::string> statuses, std::string note) {
  return immutableRule(kWholeRecord, std::move(statuses), std::move(note));
}

FieldRule heldValuesRule(std::string field, std::vector<std::string> values, std::string note) {
  FieldRule rule = noteRule(std::move(field), std::move(note));
  rule.held_values = std::move(values);
  return rule;
}

FieldRule noteRule(std::string field, std::string note) {
  FieldRule rule;
  rule.field = std::move(field);
  rule.note = std::move(note);
  return rule;
}

EntityCapability capability(model::EntityType entity, std::vector<Operation> operations,
                            std::vector<SyncMode> sync_modes, std::vector<FieldRule> rules,
                            std::vector<std::string> unsupported_fields) {
  EntityCapability cap;
  cap.entity = entity;
  cap.operations = std::move(operations);
  cap.sync_modes = std::move(sync_modes);
  cap.field_rules = std::move(rules);
  cap.unsupported_fields = std::move(unsupported_fields);
  return cap;
}

}  // namespace accord::sdk
