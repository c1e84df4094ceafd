#include "accord/sdk/plugin.h"

#include <algorithm>
#include <cstring>
#include <exception>

namespace accord::sdk::detail {
namespace {
std::string whatOf(std::exception_ptr thrown) {
  try {
    std::rethrow_exception(thrown);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "an exception not derived from std::exception";
  }
}

std::string threwIn(const std::string& plugin, const char* method, std::exception_ptr thrown) {
  return "plugin '" + plugin + "' threw in " + method + ": " + whatOf(thrown);
}

// Runs one connector call; whatever it throws becomes a plugin_bug Error naming plugin and method.
template <typename F>
auto guarded(const std::string& plugin, const char* method, F&& call) -> decltype(call()) {
  try {
    return call();
  } catch (...) {
    return makeError(ErrorKind::plugin_bug, threwIn(plugin, method, std::current_exception()));
  }
}

void writeError(char* out, size_t size, const std::string& text) noexcept {
  if (!out || size == 0) return;
  size_t n = std::min(size - 1, text.size());
  std::memcpy(out, text.data(), n);
  out[n] = '\0';
}

void describeInto(PluginState& state) {
  try {
    Manifest manifest = state.describe();
    state.name = manifest.name;
    state.version = manifest.version;
    state.manifest_json = manifestToJson(manifest);
  } catch (...) {
    state.error = "plugin threw in describe: " + whatOf(std::current_exception());
  }
}
}  // namespace

std::vector<FieldError> GuardedConnector::validateConfig(const Config& config) const {
  try {
    return inner_->validateConfig(config);
  } catch (...) {
    return {FieldError{"", threwIn(plugin_, "validateConfig", std::current_exception())}};
  }
}

Result<Page> GuardedConnector::read(HostContext& ctx, const ReadRequest& request) {
  return guarded(plugin_, "read", [&] { return inner_->read(ctx, request); });
}

Result<std::vector<WriteOutcome>> GuardedConnector::write(HostContext& ctx, const WriteBatch& batch) {
  return guarded(plugin_, "write", [&] { return inner_->write(ctx, batch); });
}

Result<WebhookResult> GuardedConnector::handleWebhook(HostContext& ctx,
                                                      const WebhookRequest& request) {
  return guarded(plugin_, "handleWebhook", [&] { return inner_->handleWebhook(ctx, request); });
}

Result<std::string> GuardedConnector::authorizationUrl(const Config& config,
                                                       const std::string& state,
                                                       const std::string& redirect_uri) const {
  return guarded(plugin_, "authorizationUrl",
                 [&] { return inner_->authorizationUrl(config, state, redirect_uri); });
}

Result<TokenSet> GuardedConnector::requestToken(HostContext& ctx, const TokenGrant& grant) {
  return guarded(plugin_, "requestToken", [&] { return inner_->requestToken(ctx, grant); });
}

Result<std::vector<Tenant>> GuardedConnector::listTenants(HostContext& ctx) {
  return guarded(plugin_, "listTenants", [&] { return inner_->listTenants(ctx); });
}

Result<Session> GuardedConnector::login(HostContext& ctx) {
  return guarded(plugin_, "login", [&] { return inner_->login(ctx); });
}

const AccordPluginDescriptor* pluginDescriptor(PluginState& state, CreateFunction create,
                                               DestroyFunction destroy) noexcept {
  std::call_once(state.once, [&] {
    describeInto(state);
    AccordPluginDescriptor& d = state.descriptor;
    d.struct_size = sizeof(AccordPluginDescriptor);
    d.abi_major = ACCORD_ABI_MAJOR;
    d.abi_minor = ACCORD_ABI_MINOR;
    d.toolchain_id = state.toolchain_id;
    d.sdk_hash = state.sdk_hash;
    d.name = state.name.c_str();
    d.version = state.version.c_str();
    d.manifest_json = state.error.empty() ? state.manifest_json.c_str() : nullptr;
    d.error = state.error.empty() ? nullptr : state.error.c_str();
    d.create = create;
    d.destroy = destroy;
  });
  return &state.descriptor;
}

AccordConnectorHandle* createConnector(PluginState& state, char* error, size_t error_size) noexcept {
  try {
    std::unique_ptr<Connector> inner = state.factory();
    if (!inner) {
      writeError(error, error_size, "plugin '" + state.name + "' returned no connector from create");
      return nullptr;
    }
    Connector* outer = new GuardedConnector(std::move(inner), state.name);
    // The host casts the handle back to Connector*: hand out exactly that pointer.
    return reinterpret_cast<AccordConnectorHandle*>(outer);
  } catch (...) {
    writeError(error, error_size, threwIn(state.name, "create", std::current_exception()));
    return nullptr;
  }
}

void destroyConnector(AccordConnectorHandle* connector) noexcept {
  delete reinterpret_cast<Connector*>(connector);
}

}  // namespace accord::sdk::detail
