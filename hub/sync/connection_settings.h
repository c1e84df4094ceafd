// A connection's sync settings, owned by the hub (not the plugin's config): which records it
// shares (filters, applied when pulling), which fields a record must have before it is sent to
// it (required), and whether errors in its preview block its pushes.
//
// Stored as one JSON document per connection (table sync_connection_settings, created by
// ensureSchema like the engine's own tables). The shape, every key optional:
//
//   {"block_on_preview_errors": true,
//    "required": {"person": ["first_name", "last_name", "email"]},
//    "filters": {"organization": {"match": "all", "rules": [
//        {"field": "$status", "op": "eq", "value": "active"},
//        {"field": "is_customer", "op": "eq", "value": true},
//        {"field": "is_supplier", "op": "eq", "value": false}]}}}
//
// A rule's field is a canonical field ("is_customer"), a path into one ("addresses.country":
// any element), "$status", "$created_at", "$updated_at", or "remote.<Key>" (the app's own JSON
// the model does not carry). docs/preview-and-filters.md lists the operators.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"
#include "sync/common.h"

namespace accord::sync {

enum class FilterOp { eq, ne, in, not_in, gt, gte, lt, lte, contains, starts_with, exists, missing };
std::string_view toString(FilterOp op) noexcept;

struct FilterRule {
  std::string field;
  FilterOp op = FilterOp::eq;
  std::vector<std::string> values;  // one for most operators, a list for in/not_in, none for
                                    // exists/missing; JSON scalars as text ("true", "12.50")
  std::string text() const;         // "is_supplier eq false", for messages
};

struct EntityFilter {
  bool match_all = true;  // "all": every rule passes; "any": at least one
  std::vector<FilterRule> rules;
};

struct ConnectionSettings {
  bool block_on_preview_errors = false;
  std::map<model::EntityType, std::vector<std::string>> required;
  std::map<model::EntityType, EntityFilter> filters;

  const EntityFilter* filter(model::EntityType type) const;
  const std::vector<std::string>* requiredFields(model::EntityType type) const;
};

// Strict: an unknown key, entity, field or operator is a permanent Error naming `origin` and
// the JSON path ("settings.json: filters.organization.rules[1].op: unknown operator 'equals'").
Result<ConnectionSettings> parseSettings(const std::string& json, const std::string& origin);
std::string settingsToJson(const ConnectionSettings& settings);

class SettingsStore {
 public:
  explicit SettingsStore(store::Database& db) : db_(db) {}
  Result<void> ensureSchema();
  // The defaults (nothing filtered, nothing required, no blocking) when none were set.
  Result<ConnectionSettings> get(const store::Connection& connection);
  Result<std::optional<std::string>> getJson(store::ConnectionId connection);
  // Checks the document first; nothing is stored when it is invalid.
  Result<ConnectionSettings> set(const store::Connection& connection, const std::string& json,
                                 const std::string& origin);

 private:
  store::Database& db_;
};

}  // namespace accord::sync
