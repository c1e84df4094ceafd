// What a plugin can do and what its app allows, as data. The hub enforces all of it: it pages
// at max_page_size, batches at max_batch_size, paces calls under the rate limits and applies the
// field rules before every push. A plugin never enforces its own limits at run time.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accord/sdk/config.h"
#include "accord/sdk/model/entity.h"
#include "accord/sdk/result.h"

namespace accord::sdk {

enum class Operation { read, create, update, archive, remove };
enum class SyncMode {
  full,         // can read everything from an empty cursor
  incremental,  // can read what changed since a cursor (modified time)
  webhooks,     // the app pushes change notifications
  deletions,    // reads report deleted/archived records
};
enum class AuthKind { none, oauth2, session, api_key };

std::string_view toString(Operation op) noexcept;
std::string_view toString(SyncMode mode) noexcept;
std::string_view toString(AuthKind kind) noexcept;
std::optional<Operation> operationFromString(std::string_view text) noexcept;
std::optional<SyncMode> syncModeFromString(std::string_view text) noexcept;
std::optional<AuthKind> authKindFromString(std::string_view text) noexcept;

// A rule on one field of an entity, in canonical field names ("people", "taxes").
struct FieldRule {
  std::string field;
  bool required = false;   // a record without it is refused before the push
  bool read_only = false;  // the app computes it; never sent
  std::optional<int> max_items;  // a list the app caps (Xero: 5 people per contact)
  std::vector<std::string> immutable_when_status;  // record statuses that forbid edits ("paid")
  std::string note;  // why, for admins: shows in warnings and the plugin's README
  friend bool operator==(const FieldRule&, const FieldRule&) = default;
};

struct EntityCapability {
  model::EntityType entity = model::EntityType::organization;
  std::vector<Operation> operations;
  std::vector<SyncMode> sync_modes;
  std::vector<FieldRule> field_rules;
  std::vector<std::string> unsupported_fields;  // canonical fields the app cannot hold at all

  bool supports(Operation op) const;
  bool supports(SyncMode mode) const;
  const FieldRule* rule(const std::string& field) const;
  friend bool operator==(const EntityCapability&, const EntityCapability&) = default;
};

struct RateLimits {
  std::optional<int> per_minute;
  std::optional<int> per_hour;
  std::optional<int> per_day;
  std::optional<int> concurrent;
  int max_page_size = 100;
  int max_batch_size = 1;
  friend bool operator==(const RateLimits&, const RateLimits&) = default;
};

struct Manifest {
  std::string name;     // plugin id: lowercase identifier, unique in a hub
  std::string version;  // the plugin's own semver
  std::string display_name;
  std::string description;
  AuthKind auth = AuthKind::none;
  std::vector<std::string> oauth_scopes;
  std::vector<std::string> regions;  // ISO 3166 codes the app serves; empty = everywhere
  std::vector<EntityCapability> entities;
  RateLimits limits;
  ConfigSchema config;

  const EntityCapability* entity(model::EntityType type) const;
  friend bool operator==(const Manifest&, const Manifest&) = default;
};

// The manifest's JSON form (what the plugin descriptor carries and `accord plugins inspect`
// prints). Parsing is strict and names the JSON path of what is wrong.
std::string manifestToJson(const Manifest& manifest);
Result<Manifest> manifestFromJson(std::string_view json);

// Internal consistency: a name that is a lowercase identifier, a semver version, known
// operations, positive limits, config keys unique and dotted snake_case, no entity twice...
// Each problem is one line. The plugin host and the conformance suite both call it.
std::vector<std::string> checkManifest(const Manifest& manifest);

}  // namespace accord::sdk
