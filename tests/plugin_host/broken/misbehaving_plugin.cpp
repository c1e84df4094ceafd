// Plugins with a valid descriptor that misbehave in the one way chosen by a MISBEHAVE_*
// definition: a constructor that throws, a describe() that throws, an inconsistent manifest.
#include <stdexcept>

#include "accord/sdk/plugin.h"

namespace {
using namespace accord::sdk;

Manifest describe() {
#if defined(MISBEHAVE_DESCRIBE)
  throw std::runtime_error("manifest file not found");
#endif
  Manifest m;
  m.name = PLUGIN_NAME;
  m.version = "1.0.0";
#if defined(MISBEHAVE_MANIFEST)
  m.limits.max_page_size = 0;
#endif
  return m;
}

class Connector final : public accord::sdk::Connector {
 public:
  Connector() {
#if defined(MISBEHAVE_CREATE)
    throw std::runtime_error("no connection pool");
#endif
  }
  Result<Page> read(HostContext&, const ReadRequest&) override { return Page{}; }
  Result<std::vector<WriteOutcome>> write(HostContext&, const WriteBatch&) override {
    return std::vector<WriteOutcome>{};
  }
};
}  // namespace

ACCORD_PLUGIN(Connector, describe)
