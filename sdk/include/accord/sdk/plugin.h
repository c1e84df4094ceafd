// What a plugin's export file includes: ACCORD_PLUGIN(ConnectorType, describeFunction) emits
// the versioned entry point and wraps the connector so that no exception leaves the plugin.
//
//   accord::sdk::Manifest describe();            // the plugin's manifest, as data
//   class MyConnector : public accord::sdk::Connector { ... };
//   ACCORD_PLUGIN(MyConnector, describe)
//
// Use ACCORD_PLUGIN once per plugin, at global scope. Build the plugin with accord_add_plugin()
// (CMake), which sets hidden visibility so that only the entry point is exported. The contract
// (descriptor, checks, refusals, lifetimes) is described in docs/plugin-abi.md.
#pragma once

#include <boost/dll/alias.hpp>

#include <memory>
#include <mutex>
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

// Everything one plugin file's descriptor is built from. ACCORD_PLUGIN defines one in the
// plugin's own translation unit, with internal linkage, so two plugins in one process can never
// share it (the SDK library's code is linked into every plugin; storage inside it could be).
// The toolchain id and SDK hash are those the plugin's own code was compiled with.
struct PluginState {
  PluginState(DescribeFunction describe_fn, ConnectorFactory factory_fn, const char* toolchain,
              const char* hash)
      : describe(describe_fn), factory(factory_fn), toolchain_id(toolchain), sdk_hash(hash) {}

  DescribeFunction describe;
  ConnectorFactory factory;
  const char* toolchain_id;
  const char* sdk_hash;
  std::once_flag once;
  std::string name, version, manifest_json, error;
  AccordPluginDescriptor descriptor{};
};

using CreateFunction = AccordConnectorHandle* (*)(char* error, size_t error_size);
using DestroyFunction = void (*)(AccordConnectorHandle* connector);

// Builds the descriptor once (thread-safely) and returns it; valid while the library is loaded.
// Never throws: a describe() that throws leaves manifest_json NULL and the reason in error.
const AccordPluginDescriptor* pluginDescriptor(PluginState& state, CreateFunction create,
                                               DestroyFunction destroy) noexcept;
// The descriptor's create: a GuardedConnector around the factory's connector, or NULL and the
// reason ("plugin 'NAME' threw in create: ...") in error.
AccordConnectorHandle* createConnector(PluginState& state, char* error, size_t error_size) noexcept;
void destroyConnector(AccordConnectorHandle* connector) noexcept;

template <typename T>
std::unique_ptr<Connector> makeConnector() {
  return std::make_unique<T>();
}

}  // namespace accord::sdk::detail

#define ACCORD_PLUGIN(ConnectorType, describeFunction)                                      \
  namespace {                                                                               \
  ::accord::sdk::detail::PluginState accordPluginState{                                     \
      &describeFunction, &::accord::sdk::detail::makeConnector<ConnectorType>,              \
      ACCORD_TOOLCHAIN_ID, ACCORD_SDK_HASH};                                                \
  AccordConnectorHandle* accordCreate(char* error, size_t error_size) noexcept {            \
    return ::accord::sdk::detail::createConnector(accordPluginState, error, error_size);    \
  }                                                                                         \
  void accordDestroy(AccordConnectorHandle* connector) noexcept {                           \
    ::accord::sdk::detail::destroyConnector(connector);                                     \
  }                                                                                         \
  const AccordPluginDescriptor* accordPluginEntry() noexcept {                              \
    return ::accord::sdk::detail::pluginDescriptor(accordPluginState, &accordCreate,        \
                                                   &accordDestroy);                         \
  }                                                                                         \
  }                                                                                         \
  BOOST_DLL_ALIAS_SECTIONED(accordPluginEntry, accord_plugin_entry, accord)
