// Shared set-up for the xero connector tests: a TestHostContext with a valid config and token.
#pragma once

#include <memory>
#include <string>

#include "accord/sdk/testing/test_host_context.h"
#include "config.h"

namespace accord::plugins::xero::testing {

inline constexpr const char* kTenant = "9f3c2a1e-4b7d-4e8a-9c61-2d5f8a7b3e01";
inline constexpr const char* kToken = "access-token-secret-value";

inline sdk::Config testConfig(const std::string& api = "https://api.xero.com/api.xro/2.0") {
  return sdk::withDefaults(configSchema(),
                           sdk::Config({{kTenantIdKey, std::string(kTenant)},
                                        {kClientIdKey, std::string("CLIENT")},
                                        {kApiUrlKey, api}}));
}

inline std::unique_ptr<sdk::testing::TestHostContext> testContext() {
  auto ctx = std::make_unique<sdk::testing::TestHostContext>(testConfig());
  ctx->secret_values.set("access_token", kToken);
  ctx->secret_values.set(kWebhookKeyKey, "webhook-signing-key");
  ctx->secret_values.set(kClientSecretKey, "client-secret");
  return ctx;
}

inline std::string headerOf(const sdk::HttpRequest& request, const std::string& name) {
  for (const auto& [key, value] : request.headers) {
    if (key == name) return value;
  }
  return {};
}

}  // namespace accord::plugins::xero::testing
