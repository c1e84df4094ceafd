// A well-behaved plugin except that read() throws when asked to: the host must turn that into
// a plugin_bug error naming this plugin and the method. Built twice under two names to show
// that two plugins in one process keep separate descriptors.
#include <stdexcept>

#include "accord/sdk/plugin.h"

namespace {
using namespace accord::sdk;

Manifest describe() {
  Manifest m;
  m.name = PROBE_NAME;
  m.version = "0.3.1";
  m.display_name = "Probe";
  EntityCapability orgs;
  orgs.entity = model::EntityType::organization;
  orgs.operations = {Operation::read};
  orgs.sync_modes = {SyncMode::full};
  m.entities = {orgs};
  return m;
}

class ProbeConnector final : public Connector {
 public:
  Result<Page> read(HostContext&, const ReadRequest& request) override {
    if (request.cursor == "throw") throw std::runtime_error("boom");
    Page page;
    page.next_cursor = std::string(PROBE_NAME) + ":" + request.cursor;
    return page;
  }
  Result<std::vector<WriteOutcome>> write(HostContext&, const WriteBatch&) override {
    return makeError(ErrorKind::not_supported, "probe does not write");
  }
};
}  // namespace

ACCORD_PLUGIN(ProbeConnector, describe)
