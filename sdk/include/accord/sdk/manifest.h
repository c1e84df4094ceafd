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

// FieldRule::field naming the whole record: an immutable_when_status rule on it forbids any
// change the app would be sent (Xero refuses every edit to a PAID invoice, not just its lines).
inline constexpr const char* kWholeRecord = "*";

// A rule on one field of an entity, in canonical field names ("people", "taxes"), or on the
// whole record (kWholeRecord; only with immutable_when_status).
struct FieldRule {
  std::string field;
  bool required = false;   // a record without it is refused before the push
  bool read_only = false;  // the app computes it; never sent
  std::optional<int> max_items;  // a list the app caps (Xero: 5 people per contact)
  std::vector<std::string> immutable_when_status;  // record statuses that forbid edits ("paid")
  std::string note;  // why, for admins: shows in warnings and the plugin's README
  // The only values of this string field the app can hold (vTiger invoices: kind "sales");
  // a record with another value does not flow to the app. Empty: any value.
  std::vector<std::string> held_values = {};
  // On a reference field: at most this many records of the entity in the app refer to one
  // record through it (Xero: 6 people per contact, its own name and 5 ContactPersons); a create
  // beyond it is refused before it is sent.
  std::optional<int> max_per_ref = std::nullopt;
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

// The response headers in which an app reports what is left of its limits, read by the hub's
// rate limiter. An empty name is not read. Header names compare case-insensitively.
struct RateHeaderNames {
  std::string minute_remaining;      // calls left this minute: "X-MinLimit-Remaining"
  std::string hour_remaining;        // calls left this hour
  std::string day_remaining;         // calls left today: "X-DayLimit-Remaining"
  std::string app_minute_remaining;  // left for the whole app, across tenants; 0 holds a minute
  std::string retry_after;           // seconds or an HTTP date, on a 429 or 503: "Retry-After"
  std::string problem;               // which limit a 429 hit: "X-Rate-Limit-Problem"
  friend bool operator==(const RateHeaderNames&, const RateHeaderNames&) = default;
};

// Call limits that depend on a config value (vTiger's edition): the profile whose name equals
// the value of RateLimits::profile_key replaces the call limits. An absent limit is none.
struct LimitProfile {
  std::string name;  // the config value selecting it: "professional"
  std::optional<int> per_minute;
  std::optional<int> per_hour;
  std::optional<int> per_day;
  std::optional<int> concurrent;
  friend bool operator==(const LimitProfile&, const LimitProfile&) = default;
};

struct RateLimits {
  std::optional<int> per_minute;
  std::optional<int> per_hour;
  std::optional<int> per_day;
  std::optional<int> concurrent;
  int max_page_size = 100;
  int max_batch_size = 1;
  // The app's rate-limit response headers; unset: the hub reads its defaults (Retry-After and
  // Xero's names), which cost nothing when absent.
  std::optional<RateHeaderNames> headers = {};
  // When set, the config option (a string with `choices`, one profile per choice) that selects
  // a profile; the call limits above are then what applies before a config is known (declare
  // the most conservative profile's).
  std::string profile_key = {};
  std::vector<LimitProfile> profiles = {};
  friend bool operator==(const RateLimits&, const RateLimits&) = default;
};

// Config options that, when a plugin's schema declares them (integer), let an admin override a
// call limit of one connection: "limits.per_minute", "limits.per_hour", "limits.per_day",
// "limits.concurrent".
inline constexpr const char* kLimitOverridePrefix = "limits.";

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

// The call limits one connection runs under: the manifest's, with the profile its config
// selects (profile_key) and its limits.* overrides applied; profile_key and profiles are empty
// in the result. The config's schema defaults are applied first. A value naming no profile
// keeps the manifest's own limits (validateAgainstSchema reports it: it is not a choice).
RateLimits effectiveLimits(const Manifest& manifest, const Config& config);

// The manifest's JSON form (what the plugin descriptor carries and `accord plugins inspect`
// prints). Parsing is strict and names the JSON path of what is wrong.
std::string manifestToJson(const Manifest& manifest);
Result<Manifest> manifestFromJson(std::string_view json);

// Internal consistency: a name that is a lowercase identifier, a semver version, known
// operations, positive limits, config keys unique and dotted snake_case, no entity twice...
// Each problem is one line. The plugin host and the conformance suite both call it.
std::vector<std::string> checkManifest(const Manifest& manifest);

}  // namespace accord::sdk
