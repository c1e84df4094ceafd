#include "accord/sdk/manifest.h"

#include <algorithm>
#include <array>
#include <limits>
#include <regex>
#include <set>
#include <utility>

namespace accord::sdk {
namespace {
template <typename E, std::size_t N>
using Names = std::array<std::pair<E, std::string_view>, N>;

constexpr Names<Operation, 5> kOperations{{{Operation::read, "read"},
                                           {Operation::create, "create"},
                                           {Operation::update, "update"},
                                           {Operation::archive, "archive"},
                                           {Operation::remove, "remove"}}};
constexpr Names<SyncMode, 4> kSyncModes{{{SyncMode::full, "full"},
                                         {SyncMode::incremental, "incremental"},
                                         {SyncMode::webhooks, "webhooks"},
                                         {SyncMode::deletions, "deletions"}}};
constexpr Names<AuthKind, 4> kAuthKinds{{{AuthKind::none, "none"},
                                         {AuthKind::oauth2, "oauth2"},
                                         {AuthKind::session, "session"},
                                         {AuthKind::api_key, "api_key"}}};

template <typename E, std::size_t N>
std::string_view nameOf(const Names<E, N>& names, E value) noexcept {
  for (const auto& [v, name] : names) {
    if (v == value) return name;
  }
  return "unknown";
}

template <typename E, std::size_t N>
std::optional<E> valueOf(const Names<E, N>& names, std::string_view text) noexcept {
  for (const auto& [v, name] : names) {
    if (name == text) return v;
  }
  return std::nullopt;
}

template <typename T>
bool contains(const std::vector<T>& items, const T& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

bool matches(const std::string& text, const char* pattern) {
  return std::regex_match(text, std::regex(pattern));
}

const char* kIdentifier = "[a-z][a-z0-9_]*";
const char* kDottedSnake = "[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*";
const char* kSemver = "(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?";

template <typename E, std::size_t N>
void checkEnums(const Names<E, N>& names, const std::vector<E>& values, const std::string& where,
                std::vector<std::string>& problems) {
  std::set<E> seen;
  for (E value : values) {
    if (!valueOf(names, nameOf(names, value))) {
      problems.push_back(where + ": unknown value " + std::to_string(static_cast<int>(value)));
    } else if (!seen.insert(value).second) {
      problems.push_back(where + ": " + std::string(nameOf(names, value)) + " listed twice");
    }
  }
}

void checkFieldRules(const EntityCapability& cap, const std::string& where,
                     std::vector<std::string>& problems) {
  std::set<std::string> seen;
  for (const auto& rule : cap.field_rules) {
    std::string at = where + ".field_rules[" + rule.field + "]";
    if (rule.field.empty()) problems.push_back(where + ".field_rules: a rule without a field");
    if (!rule.field.empty() && !seen.insert(rule.field).second) {
      problems.push_back(at + ": listed twice");
    }
    if (rule.required && rule.read_only) problems.push_back(at + ": both required and read_only");
    const bool only_immutability = !rule.required && !rule.read_only && !rule.max_items &&
                                   !rule.max_per_ref &&
                                   rule.held_values.empty() && !rule.immutable_when_status.empty();
    if (rule.field == kWholeRecord && !only_immutability) {
      problems.push_back(at + ": the whole record (\"*\") takes only immutable_when_status");
    }
    if (rule.max_items && *rule.max_items <= 0) {
      problems.push_back(at + ": max_items must be positive, found " +
                         std::to_string(*rule.max_items));
    }
    if (rule.max_per_ref && *rule.max_per_ref <= 0) {
      problems.push_back(at + ": max_per_ref must be positive, found " +
                         std::to_string(*rule.max_per_ref));
    }
    if (contains(cap.unsupported_fields, rule.field)) {
      problems.push_back(at + ": has a rule but is also listed as unsupported");
    }
  }
}

void checkEntity(const EntityCapability& cap, std::vector<std::string>& problems) {
  std::string where = "entities[" + std::string(model::toString(cap.entity)) + "]";
  if (cap.operations.empty()) problems.push_back(where + ": no operations");
  checkEnums(kOperations, cap.operations, where + ".operations", problems);
  checkEnums(kSyncModes, cap.sync_modes, where + ".sync_modes", problems);
  bool reads = contains(cap.operations, Operation::read);
  if (reads && cap.sync_modes.empty()) problems.push_back(where + ": reads but has no sync mode");
  if (!reads && !cap.sync_modes.empty()) {
    problems.push_back(where + ": has sync modes but no read operation");
  }
  checkFieldRules(cap, where, problems);
}

void positive(const std::optional<int>& value, const std::string& where,
              std::vector<std::string>& problems) {
  if (value && *value <= 0) {
    problems.push_back(where + ": must be positive, found " + std::to_string(*value));
  }
}

void checkHeaders(const RateHeaderNames& h, std::vector<std::string>& problems) {
  const std::pair<const std::string*, const char*> names[] = {
      {&h.minute_remaining, "minute_remaining"}, {&h.hour_remaining, "hour_remaining"},
      {&h.day_remaining, "day_remaining"},       {&h.app_minute_remaining, "app_minute_remaining"},
      {&h.retry_after, "retry_after"},           {&h.problem, "problem"}};
  for (const auto& [name, key] : names) {
    if (!name->empty() && !matches(*name, "[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
      problems.push_back(std::string("limits.headers.") + key + ": \"" + *name +
                         "\" is not an HTTP header name");
    }
  }
}

const ConfigOption* option(const ConfigSchema& schema, const std::string& key) {
  for (const auto& o : schema) {
    if (o.key == key) return &o;
  }
  return nullptr;
}

// Each choice of the selecting option has exactly one profile, and each profile is a choice.
void checkProfiles(const RateLimits& limits, const ConfigSchema& schema,
                   std::vector<std::string>& problems) {
  if (limits.profile_key.empty()) {
    if (!limits.profiles.empty()) problems.push_back("limits.profiles: set without profile_key");
    return;
  }
  const std::string where = "limits.profile_key \"" + limits.profile_key + "\"";
  const ConfigOption* selector = option(schema, limits.profile_key);
  if (!selector || selector->type != ConfigType::string || selector->choices.empty()) {
    problems.push_back(where + ": must name a string config option with choices");
    return;
  }
  std::set<std::string> seen;
  for (const auto& profile : limits.profiles) {
    const std::string at = "limits.profiles[" + profile.name + "]";
    if (!seen.insert(profile.name).second) problems.push_back(at + ": listed twice");
    if (!contains(selector->choices, profile.name)) {
      problems.push_back(at + ": not a choice of " + limits.profile_key);
    }
    positive(profile.per_minute, at + ".per_minute", problems);
    positive(profile.per_hour, at + ".per_hour", problems);
    positive(profile.per_day, at + ".per_day", problems);
    positive(profile.concurrent, at + ".concurrent", problems);
  }
  for (const auto& choice : selector->choices) {
    if (!seen.count(choice)) problems.push_back(where + ": no profile for choice " + choice);
  }
}

void checkLimits(const RateLimits& limits, const ConfigSchema& schema,
                 std::vector<std::string>& problems) {
  positive(limits.per_minute, "limits.per_minute", problems);
  positive(limits.per_hour, "limits.per_hour", problems);
  positive(limits.per_day, "limits.per_day", problems);
  positive(limits.concurrent, "limits.concurrent", problems);
  positive(limits.max_page_size, "limits.max_page_size", problems);
  positive(limits.max_batch_size, "limits.max_batch_size", problems);
  if (limits.headers) checkHeaders(*limits.headers, problems);
  checkProfiles(limits, schema, problems);
}

void checkChoices(const ConfigOption& option, const std::string& where,
                  std::vector<std::string>& problems) {
  if (option.choices.empty()) return;
  if (option.type != ConfigType::string) {
    problems.push_back(where + ": choices are for string options only");
    return;
  }
  std::set<std::string> seen;
  for (const auto& choice : option.choices) {
    if (!seen.insert(choice).second) problems.push_back(where + ": choice " + choice + " twice");
  }
  const auto* fallback = option.default_value ? std::get_if<std::string>(&*option.default_value)
                                              : nullptr;
  if (fallback && !seen.count(*fallback)) {
    problems.push_back(where + ": default \"" + *fallback + "\" is not one of its choices");
  }
}

void checkConfig(const ConfigSchema& schema, std::vector<std::string>& problems) {
  std::set<std::string> seen;
  for (const auto& option : schema) {
    std::string where = "config[" + option.key + "]";
    if (!matches(option.key, kDottedSnake)) {
      problems.push_back(where + ": key must be dotted snake_case");
    }
    if (!seen.insert(option.key).second) problems.push_back(where + ": listed twice");
    if (!configTypeFromString(toString(option.type))) {
      problems.push_back(where + ": unknown type " + std::to_string(static_cast<int>(option.type)));
    } else if (option.default_value && !accepts(option.type, *option.default_value)) {
      problems.push_back(where + ": default expected " + std::string(toString(option.type)) +
                         ", got " + std::string(toString(typeOf(*option.default_value))));
    }
    if (option.required && option.default_value) {
      problems.push_back(where + ": required options cannot have a default");
    }
    checkChoices(option, where, problems);
  }
}
}  // namespace

std::string_view toString(Operation op) noexcept { return nameOf(kOperations, op); }
std::string_view toString(SyncMode mode) noexcept { return nameOf(kSyncModes, mode); }
std::string_view toString(AuthKind kind) noexcept { return nameOf(kAuthKinds, kind); }
std::optional<Operation> operationFromString(std::string_view text) noexcept {
  return valueOf(kOperations, text);
}
std::optional<SyncMode> syncModeFromString(std::string_view text) noexcept {
  return valueOf(kSyncModes, text);
}
std::optional<AuthKind> authKindFromString(std::string_view text) noexcept {
  return valueOf(kAuthKinds, text);
}

bool EntityCapability::supports(Operation op) const { return contains(operations, op); }
bool EntityCapability::supports(SyncMode mode) const { return contains(sync_modes, mode); }

const FieldRule* EntityCapability::rule(const std::string& field) const {
  for (const auto& r : field_rules) {
    if (r.field == field) return &r;
  }
  return nullptr;
}

const EntityCapability* Manifest::entity(model::EntityType type) const {
  for (const auto& e : entities) {
    if (e.entity == type) return &e;
  }
  return nullptr;
}

RateLimits effectiveLimits(const Manifest& manifest, const Config& given) {
  RateLimits limits = manifest.limits;
  limits.profile_key.clear();
  limits.profiles.clear();
  const Config config = withDefaults(manifest.config, given);
  const RateLimits& declared = manifest.limits;
  if (!declared.profile_key.empty()) {
    const std::string selected = config.getString(declared.profile_key);
    for (const auto& profile : declared.profiles) {
      if (profile.name != selected) continue;
      limits.per_minute = profile.per_minute;
      limits.per_hour = profile.per_hour;
      limits.per_day = profile.per_day;
      limits.concurrent = profile.concurrent;
    }
  }
  const std::pair<std::optional<int>*, const char*> overrides[] = {
      {&limits.per_minute, "per_minute"},
      {&limits.per_hour, "per_hour"},
      {&limits.per_day, "per_day"},
      {&limits.concurrent, "concurrent"}};
  for (const auto& [limit, name] : overrides) {
    const std::string key = std::string(kLimitOverridePrefix) + name;
    const std::int64_t value = config.getInt(key, 0);
    // Only options the schema declares count, and only sensible values (validation reports
    // the rest): an undeclared key or a zero never lifts a limit.
    if (option(manifest.config, key) && value > 0 && value <= std::numeric_limits<int>::max()) {
      *limit = static_cast<int>(value);
    }
  }
  return limits;
}

std::vector<std::string> checkManifest(const Manifest& manifest) {
  std::vector<std::string> problems;
  if (!matches(manifest.name, kIdentifier)) {
    problems.push_back("name \"" + manifest.name + "\": must be a lowercase identifier");
  }
  if (!matches(manifest.version, kSemver)) {
    problems.push_back("version \"" + manifest.version + "\": must be semver MAJOR.MINOR.PATCH");
  }
  if (!authKindFromString(toString(manifest.auth))) problems.push_back("auth: unknown value");
  if (!manifest.oauth_scopes.empty() && manifest.auth != AuthKind::oauth2) {
    problems.push_back("oauth_scopes: set but auth is not oauth2");
  }
  for (const auto& region : manifest.regions) {
    if (!matches(region, "[A-Z][A-Z]")) {
      problems.push_back("regions: \"" + region + "\" is not an ISO 3166 alpha-2 code");
    }
  }
  std::set<model::EntityType> seen;
  for (const auto& cap : manifest.entities) {
    if (!seen.insert(cap.entity).second) {
      problems.push_back("entities: " + std::string(model::toString(cap.entity)) + " listed twice");
    }
    checkEntity(cap, problems);
  }
  checkLimits(manifest.limits, manifest.config, problems);
  checkConfig(manifest.config, problems);
  return problems;
}

}  // namespace accord::sdk
