// The conformance suite itself: a well-behaved in-memory connector passes every check, and
// each kind of contract breach makes the matching check fail with a message that says why.
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include "accord/sdk/conformance/checks.h"

namespace accord::sdk::conformance {
namespace {

using model::EntityType;

enum class Fault { none, oversized_pages, stuck_cursor, drops_outcome, reads_any_entity };

// The app the fake connector talks to: a list of ids, new for every environment.
std::shared_ptr<std::vector<std::string>> g_app;

class MemoryConnector final : public Connector {
 public:
  explicit MemoryConnector(Fault fault) : fault_(fault) {}

  Result<Page> read(HostContext&, const ReadRequest& request) override {
    if (request.entity != EntityType::organization && fault_ != Fault::reads_any_entity) {
      return makeError(ErrorKind::not_supported, "organizations only");
    }
    if (fault_ == Fault::stuck_cursor) return Page{{}, {}, {}, "stuck", true};
    std::size_t from = request.cursor.empty() ? 0 : std::stoul(request.cursor);
    std::size_t size = static_cast<std::size_t>(request.page_size) +
                       (fault_ == Fault::oversized_pages ? 1 : 0);
    Page page;
    std::size_t i = from;
    for (; i < g_app->size() && i < from + size; ++i) {
      model::Organization org;
      org.meta.id = (*g_app)[i];
      page.records.emplace_back(org);
    }
    page.more = i < g_app->size();
    page.next_cursor = std::to_string(i);
    return page;
  }

  Result<std::vector<WriteOutcome>> write(HostContext&, const WriteBatch& batch) override {
    if (batch.entity != EntityType::organization) {
      return makeError(ErrorKind::not_supported, "organizations only");
    }
    std::vector<WriteOutcome> outcomes;
    for (std::size_t i = 0; i < batch.ops.size(); ++i) {
      g_app->push_back("org-" + std::to_string(g_app->size()));
      outcomes.push_back(WriteOutcome{g_app->back(), std::nullopt, {}, std::nullopt});
    }
    if (fault_ == Fault::drops_outcome) outcomes.pop_back();
    return outcomes;
  }

 private:
  Fault fault_;
};

PluginUnderTest plugin(Fault fault, std::string description = "Where the data lives.") {
  PluginUnderTest p;
  p.manifest.name = "memory";
  p.manifest.version = "1.0.0";
  p.manifest.display_name = "Memory";
  EntityCapability orgs;
  orgs.entity = EntityType::organization;
  orgs.operations = {Operation::read, Operation::create};
  orgs.sync_modes = {SyncMode::full};
  p.manifest.entities = {orgs};
  p.manifest.limits.max_page_size = 20;
  p.manifest.limits.max_batch_size = 7;
  p.manifest.config = {ConfigOption{"where", ConfigType::string, std::nullopt, true, false,
                                    std::move(description)}};
  p.factory = [fault] { return std::make_shared<MemoryConnector>(fault); };
  p.environment = [] {
    g_app = std::make_shared<std::vector<std::string>>();
    return Environment{std::make_shared<testing::TestHostContext>(Config({{"where", std::string("here")}})),
                       g_app};
  };
  return p;
}

TEST(ConformanceSuite, WellBehavedConnectorPassesEveryCheck) {
  PluginUnderTest good = plugin(Fault::none);
  checks::manifestIsConsistent(good);
  checks::configOptionsAreDocumented(good);
  checks::emptyConfigNamesRequiredKeys(good);
  checks::validConfigIsAccepted(good);
  checks::unsupportedEntityIsRefused(good, EntityType::invoice);
  checks::readHonoursPageSize(good, EntityType::organization);
  checks::createBatchGivesOneOutcomePerOp(good, EntityType::organization);
}

TEST(ConformanceSuite, OversizedPageFails) {
  EXPECT_FATAL_FAILURE(
      checks::readHonoursPageSize(plugin(Fault::oversized_pages), EntityType::organization),
      "larger than the page size");
}

TEST(ConformanceSuite, CursorThatNeverMovesFailsInsteadOfLooping) {
  EXPECT_FATAL_FAILURE(
      checks::readHonoursPageSize(plugin(Fault::stuck_cursor), EntityType::organization),
      "the cursor did not move");
}

TEST(ConformanceSuite, MissingOutcomeFails) {
  EXPECT_FATAL_FAILURE(checks::createBatchGivesOneOutcomePerOp(plugin(Fault::drops_outcome),
                                                               EntityType::organization),
                       "one outcome per op");
}

TEST(ConformanceSuite, ReadingAnUndeclaredEntityFails) {
  EXPECT_FATAL_FAILURE(
      checks::unsupportedEntityIsRefused(plugin(Fault::reads_any_entity), EntityType::invoice),
      "read of undeclared entity invoice succeeded");
}

TEST(ConformanceSuite, UndocumentedOptionFails) {
  EXPECT_NONFATAL_FAILURE(checks::configOptionsAreDocumented(plugin(Fault::none, "")),
                          "config option \"where\" has no description");
}

TEST(ConformanceSuite, InconsistentManifestFails) {
  EXPECT_NONFATAL_FAILURE(
      {
        PluginUnderTest bad = plugin(Fault::none);
        bad.manifest.name = "Not An Identifier";
        checks::manifestIsConsistent(bad);
      },
      "checkManifest found");
}

}  // namespace
}  // namespace accord::sdk::conformance
