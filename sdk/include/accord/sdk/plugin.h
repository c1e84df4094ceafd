// What a plugin's export file includes: ACCORD_PLUGIN(ConnectorType, describeFunction) emits
// the versioned entry point and wraps the connector so that no exception leaves the plugin.
//
//   accord::sdk::Manifest describe();            // the plugin's manifest, as data
//   class MyConnector : public accord::sdk::Connector { ... };
//   ACCORD_PLUGIN(MyConnector, describe)
//
// Build the plugin with accord_add_plugin() (CMake), which sets hidden visibility so that only
// the entry point is exported.
#pragma once

#include <boost/dll/alias.hpp>

#include <memory>
#include <string>

#include "accord/sdk/abi.h"
#include "accord/sdk/connector.h"
#include "accord/sdk/manifest.h"

namespace accord::sdk::detail {

// Forwards every call to the plugin's connector; turns any exception into a plugin_bug error
// that names the plugin and the method. Lives in the plugin, so the catch runs in the plugin.
class GuardedConnector final : public Connector {
 public:
  GuardedConnector(std::unique_ptr<Connector> inner, std::string plugin)
      : inner_(std::move(inner)), plugin_(std::move(plugin)) {}

  std::vector<FieldError> validateConfig(const Config& config) const override;
  Result<Page> read(HostContext& ctx, const ReadRequest& request) override;
  Result<std::vector<WriteOutcome>> write(HostContext& ctx, const WriteBatch& batch) override;
  Result<WebhookResult> handleWebhook(HostContext& ctx, const WebhookRequest& request) override;
  Result<std::string> authorizationUrl(const Config& config, const std::string& state,
                                       const std::string& redirect_uri) const override;
  Result<TokenSet> requestToken(HostContext& ctx, const TokenGrant& grant) override;
  Result<std::vector<Tenant>> listTenants(HostContext& ctx) override;
  Result<Session> login(HostContext& ctx) override;

 private:
  std::unique_ptr<Connector> inner_;
  std::string plugin_;
};

using ConnectorFactory = std::unique_ptr<Connector> (*)();
using DescribeFunction = Manifest (*)();

// Builds (once, thread-safely) the descriptor of this plugin file.
const AccordPluginDescriptor* pluginDescriptor(DescribeFunction describe,
                                               ConnectorFactory factory);

template <typename T>
std::unique_ptr<Connector> makeConnector() {
  return std::make_unique<T>();
}

}  // namespace accord::sdk::detail

#define ACCORD_PLUGIN(ConnectorType, describeFunction)                                     \
  namespace {                                                                              \
  const AccordPluginDescriptor* accordPluginEntry() {                                      \
    return ::accord::sdk::detail::pluginDescriptor(                                        \
        &describeFunction, &::accord::sdk::detail::makeConnector<ConnectorType>);          \
  }                                                                                        \
  }                                                                                        \
  BOOST_DLL_ALIAS_SECTIONED(accordPluginEntry, accord_plugin_entry, accord)
