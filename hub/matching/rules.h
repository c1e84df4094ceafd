// Match rules: which keys say two records are the same, per entity, and the organisation's
// settings that choose among them.
//
// Defaults (docs/matching.md):
//   organization  name (company name, suffixes dropped), email (billing), account_number
//   person        email, then name within the same organization
//   item          code (SKU)
//   invoice, credit_note, purchase_order   number (with its kind), contact (compared only)
//   account       code
//   tax_code      name, rate (compared only)
// Other entities are never matched: an unlinked record of theirs is always new.
//
// A key is "indexed" when candidates are found through it (a selective value: a name, an
// email, a code); other keys only confirm or contradict a candidate found by an indexed key
// (an invoice's contact would otherwise make every invoice of that customer a candidate).
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "accord/sdk/model/record.h"
#include "accord/sdk/result.h"

namespace accord::matching {

namespace model = sdk::model;
using sdk::Error;
using sdk::ErrorKind;
using sdk::Result;

struct MatchSettings;

struct KeyDefinition {
  std::string_view name;
  bool indexed = true;
  bool by_default = true;
  // The normalised value of the key; empty when the record does not have it.
  std::string (*read)(const model::Record& record, const MatchSettings& settings) = nullptr;
};

// The keys an entity can be matched by (empty: never matched).
std::span<const KeyDefinition> keyDefinitions(model::EntityType entity);
const KeyDefinition* findKey(model::EntityType entity, std::string_view name);

// An organisation's settings. Stored as dotted names (MatchRules, match_store.h):
//   <entity>.keys       comma-separated key names, "" or "none" to turn matching off
//   email.plus_tags     "keep" (default: "ann+x@" and "ann@" differ) or "strip"
struct MatchSettings {
  bool strip_plus_tags = false;
  std::map<model::EntityType, std::vector<std::string>> keys;  // absent: the defaults

  // The enabled keys of an entity, in definition order.
  std::vector<const KeyDefinition*> keysFor(model::EntityType entity) const;
  // Validates and applies one setting; the error names the setting and what is allowed.
  Result<void> set(std::string_view name, std::string_view value);
  // Every setting with its effective value, defaults included, in a stable order.
  std::vector<std::pair<std::string, std::string>> describe() const;
};

}  // namespace accord::matching
