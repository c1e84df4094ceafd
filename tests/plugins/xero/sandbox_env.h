// A Xero sandbox on 127.0.0.1:0, in process, and the hub-side parts a connector call needs
// (PocoHttpClient, BasicHostContext, a token from the sandbox's consent flow).
#pragma once

#include <memory>
#include <string>

#include "accord/sdk/testing/fake_clock.h"
#include "accord/sdk/testing/map_secrets.h"
#include "accord/sdk/testing/recording_logger.h"
#include "config.h"
#include "net/host_context.h"
#include "net/http_client.h"
#include "sandbox/xero/xero_app.h"

namespace accord::plugins::xero::testing {

inline const std::string kScopes =
    "offline_access accounting.transactions accounting.contacts accounting.settings "
    "accounting.journals.read";

struct SandboxEnv {
  std::unique_ptr<sandbox::xero::XeroSandbox> sandbox;
  net::PocoHttpClient http;
  sdk::testing::FakeClock clock;
  sdk::testing::RecordingLogger log;
  sdk::testing::MapSecrets secrets;
  std::string tenant_id;
  std::string refresh_token;

  SandboxEnv() {
    sandbox::xero::XeroSandboxOptions options;
    sandbox = sandbox::xero::startXeroSandbox(std::move(options));
    auto tokens = sandbox->app().identity().grant(kScopes);
    secrets.set("access_token", tokens.access_token);
    refresh_token = tokens.refresh_token;
    secrets.set(kClientSecretKey, sandbox->app().identity().options().client_secret);
    tenant_id = sandbox->app().options().tenants.front().id;
  }

  sdk::Config config() const {
    std::string base = sandbox->baseUrl();
    return sdk::withDefaults(
        configSchema(),
        sdk::Config({{kTenantIdKey, tenant_id},
                     {kClientIdKey, sandbox->app().identity().options().client_id},
                     {kApiUrlKey, base + "/api.xro/2.0"},
                     {kIdentityUrlKey, base},
                     {kLoginUrlKey, base}}));
  }

  std::unique_ptr<net::BasicHostContext> context() {
    return std::make_unique<net::BasicHostContext>(http, clock, log, secrets, config());
  }
};

}  // namespace accord::plugins::xero::testing
