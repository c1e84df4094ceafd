// Connecting an OAuth2 app (the CLI's `accord connection authorize` / `complete`):
//
//   auto consent = beginConsent(runtime, connection, "https://hub.example/callback");
//   // send the admin to consent->url; the app redirects back with ?code=...&state=...
//   auto done = completeConsent(runtime, connection, code, state, std::nullopt);
//
// beginConsent keeps a random state in the store (store::OAuthStates) and asks the plugin for
// the consent URL. completeConsent checks the state, exchanges the code through the plugin's
// requestToken, seals the tokens into the connection's secrets, then lists the tenants the
// login may use and selects one into the config's tenant_id: the only one, or the one asked
// for. Several without a choice is an error listing them; the tokens stay stored, so calling
// completeConsent again with an empty code and the tenant selects it without a new consent.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accord/sdk/connector.h"
#include "runtime/runtime.h"

namespace accord::runtime {

struct ConsentRequest {
  std::string url;    // where to send the admin
  std::string state;  // the random state in it, kept in the store until completed
};

Result<ConsentRequest> beginConsent(Runtime& runtime, const store::Connection& connection,
                                    const std::string& redirect_uri);

struct ConsentResult {
  std::vector<sdk::Tenant> tenants;   // what the login may use (empty: the app has none)
  std::optional<sdk::Tenant> tenant;  // the one selected into the config
};

// `code`: from the redirect; empty to select a tenant with the tokens already stored. `state`:
// what the app sent back, checked against the stored one when given. `tenant`: the id (or
// exact name) to select when the login has several.
Result<ConsentResult> completeConsent(Runtime& runtime, const store::Connection& connection,
                                      const std::string& code,
                                      const std::optional<std::string>& state,
                                      const std::optional<std::string>& tenant);

}  // namespace accord::runtime
