#include "config.h"

#include <algorithm>

#include "json_util.h"

namespace accord::plugins::xero {
namespace {

using sdk::ConfigOption;
using sdk::ConfigType;
using sdk::ConfigValue;
using sdk::FieldError;

ConfigValue text(const char* value) { return ConfigValue(std::string(value)); }

std::string withoutSlash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

void checkUrl(const sdk::Config& config, const char* key, std::vector<FieldError>& errors) {
  std::string url = config.getString(key);
  if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0) {
    errors.push_back({key, "must be an http:// or https:// URL, got \"" + url + "\""});
  }
}

}  // namespace

sdk::ConfigSchema configSchema() {
  return {
      ConfigOption{kTenantIdKey, ConfigType::string, std::nullopt, false, false,
                   "The Xero organisation (tenant id from /connections) this connection syncs; "
                   "set after consent, from listTenants."},
      ConfigOption{kClientIdKey, ConfigType::string, std::nullopt, true, false,
                   "OAuth2 client id of the Xero app (developer.xero.com)."},
      ConfigOption{kClientSecretKey, ConfigType::string, std::nullopt, false, true,
                   "OAuth2 client secret of the Xero app; kept encrypted."},
      ConfigOption{kScopesKey, ConfigType::string_list,
                   ConfigValue(std::vector<std::string>{
                       "offline_access", "accounting.transactions", "accounting.contacts",
                       "accounting.settings", "accounting.journals.read"}),
                   false, false,
                   "OAuth2 scopes asked for at consent; offline_access is needed for refresh "
                   "tokens."},
      ConfigOption{kWebhookKeyKey, ConfigType::string, std::nullopt, false, true,
                   "Webhook signing key from the Xero app's webhook settings; without it "
                   "webhooks are refused."},
      ConfigOption{kApiUrlKey, ConfigType::string, text("https://api.xero.com/api.xro/2.0"),
                   false, false, "Accounting API base URL (the sandbox's in tests)."},
      ConfigOption{kIdentityUrlKey, ConfigType::string, text("https://identity.xero.com"), false,
                   false, "OAuth2 token server base URL (/connect/token)."},
      ConfigOption{kLoginUrlKey, ConfigType::string, text("https://login.xero.com"), false,
                   false, "OAuth2 consent server base URL (/identity/connect/authorize)."},
  };
}

std::string XeroConfig::connectionsUrl() const {
  // /connections lives at the API host's root, beside /api.xro/2.0.
  auto at = api_url.find("/api.xro/");
  return (at == std::string::npos ? api_url : api_url.substr(0, at)) + "/connections";
}

std::vector<FieldError> validateConfig(const sdk::Config& given) {
  sdk::Config config = sdk::withDefaults(configSchema(), given);
  std::vector<FieldError> errors = sdk::validateAgainstSchema(configSchema(), given);
  if (!errors.empty()) return errors;
  for (const char* key : {kApiUrlKey, kIdentityUrlKey, kLoginUrlKey}) checkUrl(config, key, errors);
  std::string tenant = config.getString(kTenantIdKey);
  if (!tenant.empty() && !looksLikeGuid(tenant)) {
    errors.push_back({kTenantIdKey, "must be a Xero tenant id (a GUID), got \"" + tenant + "\""});
  }
  if (config.getString(kClientIdKey).empty()) {
    errors.push_back({kClientIdKey, "is required: the Xero app's client id"});
  }
  auto scopes = config.getList(kScopesKey);
  if (std::find(scopes.begin(), scopes.end(), "offline_access") == scopes.end()) {
    errors.push_back({kScopesKey, "must include offline_access, or Xero issues no refresh token"});
  }
  return errors;
}

sdk::Result<XeroConfig> loadConfig(const sdk::Config& given) {
  std::vector<FieldError> errors = validateConfig(given);
  if (!errors.empty()) return sdk::configError("xero", errors);
  sdk::Config config = sdk::withDefaults(configSchema(), given);
  XeroConfig typed;
  typed.tenant_id = config.getString(kTenantIdKey);
  typed.api_url = withoutSlash(config.getString(kApiUrlKey));
  typed.identity_url = withoutSlash(config.getString(kIdentityUrlKey));
  typed.login_url = withoutSlash(config.getString(kLoginUrlKey));
  typed.client_id = config.getString(kClientIdKey);
  typed.scopes = config.getList(kScopesKey);
  return typed;
}

sdk::Result<XeroConfig> loadTenantConfig(const sdk::Config& config) {
  auto typed = loadConfig(config);
  if (typed.ok() && typed->tenant_id.empty()) {
    return sdk::makeError(sdk::ErrorKind::invalid_config,
                          "xero config: tenant_id is not set; choose the organisation from the "
                          "tenants listed after consent",
                          kTenantIdKey);
  }
  return typed;
}

std::string secretValue(const sdk::HostContext& ctx, const std::string& key) {
  if (auto secret = ctx.secrets().get(key)) return *secret;
  return ctx.config().getString(key);
}

}  // namespace accord::plugins::xero
