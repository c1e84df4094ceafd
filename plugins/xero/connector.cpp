#include "connector.h"

#include "auth.h"
#include "client.h"
#include "config.h"
#include "mapping.h"
#include "read.h"
#include "webhook.h"
#include "write.h"

namespace accord::plugins::xero {

std::vector<sdk::FieldError> XeroConnector::validateConfig(const sdk::Config& config) const {
  return xero::validateConfig(config);
}

sdk::Result<sdk::Page> XeroConnector::read(sdk::HostContext& ctx, const sdk::ReadRequest& request) {
  if (!resourceFor(request.entity)) {
    return sdk::makeError(sdk::ErrorKind::not_supported,
                          "xero does not read " + std::string(sdk::model::toString(request.entity)));
  }
  auto config = loadTenantConfig(ctx.config());
  if (!config.ok()) return config.error();
  XeroClient client(ctx, std::move(config.value()));
  return readPage(client, request);
}

sdk::Result<std::vector<sdk::WriteOutcome>> XeroConnector::write(sdk::HostContext& ctx,
                                                                 const sdk::WriteBatch& batch) {
  if (!resourceFor(batch.entity)) {
    return sdk::makeError(sdk::ErrorKind::not_supported,
                          "xero does not write " + std::string(sdk::model::toString(batch.entity)));
  }
  auto config = loadTenantConfig(ctx.config());
  if (!config.ok()) return config.error();
  XeroClient client(ctx, std::move(config.value()));
  return writeBatch(client, batch);
}

sdk::Result<sdk::WebhookResult> XeroConnector::handleWebhook(sdk::HostContext& ctx,
                                                             const sdk::WebhookRequest& request) {
  return decodeWebhook(secretValue(ctx, kWebhookKeyKey), ctx.config().getString(kTenantIdKey),
                       request);
}

sdk::Result<std::string> XeroConnector::authorizationUrl(const sdk::Config& config,
                                                         const std::string& state,
                                                         const std::string& redirect_uri) const {
  auto typed = loadConfig(config);
  if (!typed.ok()) return typed.error();
  return xero::authorizationUrl(typed.value(), state, redirect_uri);
}

sdk::Result<sdk::TokenSet> XeroConnector::requestToken(sdk::HostContext& ctx,
                                                       const sdk::TokenGrant& grant) {
  auto config = loadConfig(ctx.config());
  if (!config.ok()) return config.error();
  return xero::requestToken(ctx, config.value(), grant);
}

sdk::Result<std::vector<sdk::Tenant>> XeroConnector::listTenants(sdk::HostContext& ctx) {
  auto config = loadConfig(ctx.config());
  if (!config.ok()) return config.error();
  return xero::listTenants(ctx, config.value());
}

}  // namespace accord::plugins::xero
