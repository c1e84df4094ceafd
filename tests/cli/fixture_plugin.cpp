// A plugin for the CLI tests: a config schema with every type, a required secret, and a plugin
// check (validateConfig) beyond the schema. It reads and writes nothing.
#include "accord/sdk/plugin.h"

namespace {

using namespace accord::sdk;

Manifest describe() {
  Manifest m;
  m.name = "clifixture";
  m.version = "1.0.0";
  m.display_name = "CLI fixture";
  m.description = "Config handling fixture for the CLI tests.";
  m.auth = AuthKind::api_key;
  EntityCapability people;
  people.entity = model::EntityType::person;
  people.operations = {Operation::read};
  people.sync_modes = {SyncMode::full};
  m.entities = {people};
  m.limits.max_page_size = 10;
  m.limits.max_batch_size = 1;
  m.config = {
      {"api.token", ConfigType::string, std::nullopt, true, true, "API token (secret)"},
      {"api.url", ConfigType::string, ConfigValue{std::string("https://example.invalid")}, false,
       false, "Base URL"},
      {"page.size", ConfigType::integer, ConfigValue{std::int64_t{10}}, false, false, "Page size"},
      {"tags", ConfigType::string_list, std::nullopt, false, false, "Tags to sync"},
  };
  return m;
}

class FixtureConnector : public Connector {
 public:
  std::vector<FieldError> validateConfig(const Config& config) const override {
    if (config.getInt("page.size", 10) > 100) return {{"page.size", "at most 100"}};
    return {};
  }
  Result<Page> read(HostContext&, const ReadRequest&) override { return Page{}; }
  Result<std::vector<WriteOutcome>> write(HostContext&, const WriteBatch&) override {
    return makeError(ErrorKind::not_supported, "read-only fixture");
  }
};

}  // namespace

ACCORD_PLUGIN(FixtureConnector, describe)
