#include "runtime/oauth_connect.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <random>
#include <sstream>

#include "net/token_manager.h"
#include "runtime/connection_config.h"

namespace accord::runtime {
namespace {

sdk::Error consentError(const store::Connection& connection, std::string what,
                        sdk::ErrorKind kind = sdk::ErrorKind::invalid_config) {
  return sdk::makeError(kind, "connection '" + connection.label() + "': " + std::move(what));
}

std::string randomState() {
  std::random_device device;  // /dev/urandom: unguessable, which a consent state must be
  static constexpr char kHex[] = "0123456789abcdef";
  std::string state;
  for (int i = 0; i < 32; ++i) state += kHex[device() % 16];
  return state;
}

Result<void> storeTokens(store::Store& store, const store::SecretBox& box,
                         const store::Connection& connection, const sdk::TokenSet& tokens) {
  auto tx = store.transaction();
  if (!tx) return tx.error();
  auto secrets = store.connections().loadSecrets(connection.id, box);
  if (!secrets) return secrets.error();
  for (const auto& [key, value] : net::tokenSecrets(tokens)) secrets.value()[key] = value;
  ACCORD_STORE_TRY(store.connections().saveSecrets(connection.id, secrets.value(), box));
  return tx->commit();
}

Result<void> exchangeCode(Runtime& runtime, const store::SecretBox& box,
                          const store::Connection& connection, const std::string& code,
                          const std::optional<std::string>& state) {
  store::Store& store = runtime.store();
  auto pending = store.oauthStates().find(connection.id);
  if (!pending) return pending.error();
  if (!pending.value()) {
    return consentError(connection, "no consent in progress: run `accord connection authorize` "
                                    "first");
  }
  if (state && *state != pending.value()->state) {
    return consentError(connection, "the state does not match the consent `accord connection "
                                    "authorize` started (a code from another request?)");
  }
  auto handle = runtime.connect(connection);
  if (!handle) return handle.error();
  auto tokens = handle->connector->requestToken(
      *handle->context, sdk::TokenGrant{sdk::TokenGrant::Kind::authorization_code, code,
                                        pending.value()->redirect_uri});
  if (!tokens) return tokens.error();
  ACCORD_STORE_TRY(storeTokens(store, box, connection, tokens.value()));
  ACCORD_STORE_TRY(store.oauthStates().remove(connection.id));
  runtime.forget(connection.id);
  return {};
}

std::string tenantList(const std::vector<sdk::Tenant>& tenants) {
  std::string text;
  for (const auto& t : tenants) text += "\n  " + t.id + "  " + t.name;
  return text;
}

Result<std::optional<sdk::Tenant>> chooseTenant(const store::Connection& connection,
                                                const std::vector<sdk::Tenant>& tenants,
                                                const std::optional<std::string>& wanted) {
  if (tenants.empty()) return std::optional<sdk::Tenant>{};
  if (wanted) {
    for (const auto& t : tenants) {
      if (t.id == *wanted || t.name == *wanted) return std::optional<sdk::Tenant>(t);
    }
    return consentError(connection, "tenant '" + *wanted + "' is not one this login may use:" +
                                        tenantList(tenants));
  }
  if (tenants.size() == 1) return std::optional<sdk::Tenant>(tenants.front());
  return consentError(connection, "the login may use " + std::to_string(tenants.size()) +
                                      " tenants; choose one with --tenant ID (the tokens are "
                                      "kept, no new code is needed):" + tenantList(tenants));
}

Result<void> selectTenant(store::Store& store, const store::Connection& connection,
                          const std::string& tenant_id) {
  Poco::JSON::Object::Ptr config;
  try {
    config = Poco::JSON::Parser().parse(connection.config_json).extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception&) {
    return consentError(connection, "stored config is not a JSON object");
  }
  config->set(kTenantIdKey, tenant_id);
  std::ostringstream json;
  config->stringify(json);
  return store.connections().setConfig(connection.id, json.str());
}

}  // namespace

Result<ConsentRequest> beginConsent(Runtime& runtime, const store::Connection& connection,
                                    const std::string& redirect_uri) {
  auto handle = runtime.connect(connection);
  if (!handle) return handle.error();
  ConsentRequest request{{}, randomState()};
  auto url = handle->connector->authorizationUrl(handle->context->config(), request.state,
                                                 redirect_uri);
  if (!url) return url.error();
  request.url = url.value();
  ACCORD_STORE_TRY(runtime.store().oauthStates().put(connection.id, request.state, redirect_uri));
  return request;
}

Result<ConsentResult> completeConsent(Runtime& runtime, const store::Connection& connection,
                                      const std::string& code,
                                      const std::optional<std::string>& state,
                                      const std::optional<std::string>& tenant) {
  if (!code.empty()) {
    ACCORD_STORE_TRY(exchangeCode(runtime, runtime.secretBox(), connection, code, state));
  }
  auto handle = runtime.connect(connection);
  if (!handle) return handle.error();
  ConsentResult result;
  auto tenants = handle->connector->listTenants(*handle->context);
  if (!tenants && tenants.error().kind != sdk::ErrorKind::not_supported) return tenants.error();
  if (tenants) result.tenants = std::move(tenants.value());
  auto chosen = chooseTenant(connection, result.tenants, tenant);
  if (!chosen) return chosen.error();
  result.tenant = chosen.value();
  if (result.tenant) {
    ACCORD_STORE_TRY(selectTenant(runtime.store(), connection, result.tenant->id));
    runtime.forget(connection.id);
  }
  return result;
}

}  // namespace accord::runtime
