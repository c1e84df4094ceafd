// The xero plugin's configuration: its schema as data (published in the manifest, and the
// README's table) and the typed view the connector works with.
#pragma once

#include <string>
#include <vector>

#include "accord/sdk/config.h"
#include "accord/sdk/host_context.h"
#include "accord/sdk/result.h"

namespace accord::plugins::xero {

inline constexpr const char* kTenantIdKey = "tenant_id";
inline constexpr const char* kApiUrlKey = "api_url";
inline constexpr const char* kIdentityUrlKey = "identity_url";
inline constexpr const char* kLoginUrlKey = "login_url";
inline constexpr const char* kClientIdKey = "auth.client_id";
inline constexpr const char* kClientSecretKey = "auth.client_secret";
inline constexpr const char* kScopesKey = "auth.scopes";
inline constexpr const char* kWebhookKeyKey = "webhooks.key";

sdk::ConfigSchema configSchema();

struct XeroConfig {
  std::string tenant_id;
  std::string api_url;       // ".../api.xro/2.0", no trailing slash
  std::string identity_url;  // token endpoint host: ".../connect/token"
  std::string login_url;     // consent host: ".../identity/connect/authorize"
  std::string client_id;
  std::vector<std::string> scopes;

  std::string tokenUrl() const { return identity_url + "/connect/token"; }
  std::string connectionsUrl() const;  // "/connections" beside the accounting API
  std::string authorizeUrl() const { return login_url + "/identity/connect/authorize"; }
};

// Checks beyond the schema: URLs are http(s), the tenant id is a GUID when set, the scopes
// include offline_access (without it Xero gives no refresh token).
std::vector<sdk::FieldError> validateConfig(const sdk::Config& config);

// The typed config, or invalid_config naming the first key at fault.
sdk::Result<XeroConfig> loadConfig(const sdk::Config& config);
// As loadConfig, and the tenant must be chosen (every accounting call names it).
sdk::Result<XeroConfig> loadTenantConfig(const sdk::Config& config);

// A secret option: from the host's secrets first (where the hub keeps secret options), else
// from the config.
std::string secretValue(const sdk::HostContext& ctx, const std::string& key);

}  // namespace accord::plugins::xero
