#include "forged_base.h"

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
}  // namespace

const AccordPluginDescriptor* accord::test::forgedBaseDescriptor() noexcept {
  return detail::pluginDescriptor(state, &create, &destroy);
}
