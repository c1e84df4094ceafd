// A plugin whose descriptor is built normally and then falsified in exactly one field, chosen by
// a FORGE_* definition, so each refusal is for one reason only.
#include <stdexcept>

#include "accord/sdk/plugin.h"

namespace {
using namespace accord::sdk;

Manifest describe() {
  Manifest m;
  m.name = "forged";
  m.version = "1.0.0";
  return m;
}

class IdleConnector final : public Connector {
 public:
  Result<Page> read(HostContext&, const ReadRequest&) override { return Page{}; }
  Result<std::vector<WriteOutcome>> write(HostContext&, const WriteBatch&) override {
    return std::vector<WriteOutcome>{};
  }
};

detail::PluginState state{&describe, &detail::makeConnector<IdleConnector>, ACCORD_TOOLCHAIN_ID,
                          ACCORD_SDK_HASH};
AccordConnectorHandle* create(char* error, size_t size) noexcept {
  return detail::createConnector(state, error, size);
}
void destroy(AccordConnectorHandle* connector) noexcept { detail::destroyConnector(connector); }

AccordPluginDescriptor forge(AccordPluginDescriptor d) {
#if defined(FORGE_ABI_MAJOR)
  d.abi_major = ACCORD_ABI_MAJOR + 1;
#elif defined(FORGE_ABI_MINOR)
  d.abi_minor = ACCORD_ABI_MINOR + 1;
#elif defined(FORGE_STRUCT_SIZE)
  d.struct_size = 16;
#elif defined(FORGE_TOOLCHAIN)
  d.toolchain_id = "gcc-4;libstdc++-4;cxx11abi-0;boost-105500;poco-0x01060000";
#elif defined(FORGE_SDK_HASH)
  d.sdk_hash = "0000000000000000000000000000000000000000000000000000000000000000";
#elif defined(FORGE_NAME)
  d.name = "impostor";
#else
#error "define one FORGE_* to say which field to falsify"
#endif
  return d;
}

const AccordPluginDescriptor* forgedEntry() noexcept {
  static const AccordPluginDescriptor forged = forge(*detail::pluginDescriptor(state, &create, &destroy));
  return &forged;
}
}  // namespace

BOOST_DLL_ALIAS_SECTIONED(forgedEntry, accord_plugin_entry, accord)
