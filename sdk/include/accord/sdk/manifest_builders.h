// Builders for the data a plugin's describe() returns, so every plugin states its field rules
// and entity capabilities the same way and a rule reads as one line. Plain functions returning
// values; no state.
#pragma once

#include <string>
#include <vector>

#include "accord/sdk/manifest.h"

namespace accord::sdk {

// A record without the field is refused before the push.
FieldRule requiredRule(std::string field, std::string note);
// The app computes the field; it is never sent.
FieldRule readOnlyRule(std::string field, std::string note);
// A list the app caps at max_items entries.
FieldRule maxItemsRule(std::string field, int max_items, std::string note);
// Edits to the field are refused while the record has one of these statuses ("paid").
FieldRule immutableRule(std::string field, std::vector<std::string> statuses, std::string note);
// No edit of the record at all is accepted while it has one of these statuses (kWholeRecord).
FieldRule immutableRecordRule(std::vector<std::string> statuses, std::string note);
// At most max_records records refer to one record through this reference field.
FieldRule maxPerRefRule(std::string field, int max_records, std::string note);
// No constraint the hub enforces: a remark for admins (warnings and the README).
FieldRule noteRule(std::string field, std::string note);
// The app holds only records whose string field has one of `values` (FieldRule::held_values).
FieldRule heldValuesRule(std::string field, std::vector<std::string> values, std::string note);

EntityCapability capability(model::EntityType entity, std::vector<Operation> operations,
                            std::vector<SyncMode> sync_modes, std::vector<FieldRule> rules = {},
                            std::vector<std::string> unsupported_fields = {});

}  // namespace accord::sdk
