// The target's manifest applied to a record before it is pushed. Every adjustment that loses
// something becomes a warning on the record; what makes the record unpushable is an error for
// that record alone. Field names are canonical, as in sdk::FieldRule.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accord/sdk/manifest.h"
#include "sync/common.h"

namespace accord::sync {

struct LimitReport {
  std::vector<std::string> warnings;
  std::optional<std::string> error;  // the record is not pushed
  bool skip = false;                 // not pushed, with a warning (immutable in the target)
};

// Read-only and unsupported fields are not sent (a warning when an unsupported one had a value),
// lists are capped at max_items keeping the first (the model orders lists primary first), and an
// update of a record whose status in the target (target_base) forbids editing a changed field is
// skipped. `app` names the target in messages.
void applyFieldRules(sdk::model::Record& record, const sdk::EntityCapability& capability,
                     const sdk::model::Record* target_base, const std::string& app,
                     LimitReport& report);

// Required fields (checked after the Refs are mapped, since a Ref the target cannot hold is
// left empty).
void checkRequired(const sdk::model::Record& record, const sdk::EntityCapability& capability,
                   const std::string& app, LimitReport& report);

// Fields the connection's own settings require (connection_settings.h): every missing one is
// named in one error, added to any the manifest's rules gave.
void checkRequiredFields(const sdk::model::Record& record, const std::vector<std::string>& fields,
                         const std::string& app, LimitReport& report);

}  // namespace accord::sync
