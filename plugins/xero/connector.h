// The xero connector: stateless; every call loads its config from the HostContext and talks
// to Xero through the host's HttpClient. See read.h, write.h, webhook.h and auth.h.
#pragma once

#include "accord/sdk/connector.h"

namespace accord::plugins::xero {

class XeroConnector final : public sdk::Connector {
 public:
  std::vector<sdk::FieldError> validateConfig(const sdk::Config& config) const override;
  sdk::Result<sdk::Page> read(sdk::HostContext& ctx, const sdk::ReadRequest& request) override;
  sdk::Result<std::vector<sdk::WriteOutcome>> write(sdk::HostContext& ctx,
                                                    const sdk::WriteBatch& batch) override;
  sdk::Result<sdk::WebhookResult> handleWebhook(sdk::HostContext& ctx,
                                                const sdk::WebhookRequest& request) override;
  sdk::Result<std::string> authorizationUrl(const sdk::Config& config, const std::string& state,
                                            const std::string& redirect_uri) const override;
  sdk::Result<sdk::TokenSet> requestToken(sdk::HostContext& ctx,
                                          const sdk::TokenGrant& grant) override;
  sdk::Result<std::vector<sdk::Tenant>> listTenants(sdk::HostContext& ctx) override;
};

}  // namespace accord::plugins::xero
