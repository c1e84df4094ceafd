// The parts of a connection's HostContext that come from the store: its Config (plain JSON plus
// the secret options, typed by the plugin's schema, defaults applied), its Secrets (secret
// options and the auth state the hub keeps), a Logger tagging lines with the connection, and
// the tenant its rate limits count against. Internal to accord_runtime.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "accord/sdk/config.h"
#include "accord/sdk/host_context.h"
#include "accord/sdk/result.h"
#include "store/connections.h"

namespace accord::runtime {

// The config key an app with several tenants per login keeps the chosen one under (Xero's
// tenant_id, set by `accord connection complete`). Its value keys the rate limiter.
inline constexpr const char* kTenantIdKey = "tenant_id";

// The connection's config. Errors (invalid_config) name the connection and the key: a stored
// value of the wrong type, a key the plugin does not declare, a required one missing.
sdk::Result<sdk::Config> connectionConfig(const store::Connection& connection,
                                          const store::SecretMap& secrets,
                                          const sdk::ConfigSchema& schema);

// "tenant <id>" when the config names a tenant, else "connection <id>".
std::string rateTenant(const store::Connection& connection, const sdk::Config& config);

// Thread-safe secrets the runtime updates as tokens and sessions change.
class RuntimeSecrets final : public sdk::Secrets {
 public:
  explicit RuntimeSecrets(store::SecretMap values = {}) : values_(std::move(values)) {}
  std::optional<std::string> get(std::string_view key) const override;
  void set(const std::string& key, const std::string& value);
  void merge(const store::SecretMap& values);

 private:
  mutable std::mutex mutex_;
  store::SecretMap values_;
};

// Prefixes every line with "<org>/<connection>: " (the Logger contract: the hub tags lines).
class TaggedLogger final : public sdk::Logger {
 public:
  TaggedLogger(sdk::Logger& inner, std::string tag) : inner_(inner), tag_(std::move(tag)) {}
  void log(sdk::LogLevel level, std::string_view message) override;

 private:
  sdk::Logger& inner_;
  std::string tag_;
};

}  // namespace accord::runtime
