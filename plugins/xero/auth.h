// Xero's OAuth2 halves the plugin supplies: the consent URL, the token requests (code and
// refresh; Xero's refresh tokens are single use, so the hub persists each new one before use
// and never runs two refreshes of a connection at once) and the tenants from /connections.
#pragma once

#include <string>
#include <vector>

#include "accord/sdk/connector.h"
#include "config.h"

namespace accord::plugins::xero {

std::string authorizationUrl(const XeroConfig& config, const std::string& state,
                             const std::string& redirect_uri);
sdk::Result<sdk::TokenSet> requestToken(sdk::HostContext& ctx, const XeroConfig& config,
                                        const sdk::TokenGrant& grant);
sdk::Result<std::vector<sdk::Tenant>> listTenants(sdk::HostContext& ctx, const XeroConfig& config);

}  // namespace accord::plugins::xero
