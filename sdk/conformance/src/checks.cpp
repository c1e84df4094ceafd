#include "accord/sdk/conformance/checks.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace accord::sdk::conformance::checks {
namespace {

// Enough records to need several pages, few enough to stay fast.
constexpr int kSeedRecords = 25;
constexpr int kSmallPage = 10;
// Bounds the test, not the plugin: no suite run should create more than this in one batch.
constexpr int kLargestBatchUnderTest = 1000;
constexpr int kMaxPages = 10000;

model::Record sampleRecord(const PluginUnderTest& plugin, model::EntityType entity, int i) {
  return plugin.sample ? plugin.sample(entity, i) : model::makeRecord(entity);
}

// Schema validation (the hub's) and the plugin's own, as an admin would see them together.
std::vector<FieldError> allFieldErrors(const PluginUnderTest& plugin, const Config& config) {
  std::vector<FieldError> errors = validateAgainstSchema(plugin.manifest.config, config);
  std::shared_ptr<Connector> connector = plugin.factory();
  std::vector<FieldError> own =
      connector->validateConfig(withDefaults(plugin.manifest.config, config));
  errors.insert(errors.end(), own.begin(), own.end());
  return errors;
}

std::string describe(const std::vector<FieldError>& errors) {
  std::string text;
  for (const FieldError& e : errors) text += "\n  " + e.key + ": " + e.message;
  return text;
}

// Creates records in batches the manifest allows; returns the ids the plugin reported.
std::set<std::string> seed(const PluginUnderTest& plugin, Connector& connector,
                           HostContext& ctx, model::EntityType entity) {
  const int batch_size = std::max(1, std::min(plugin.manifest.limits.max_batch_size, kSeedRecords));
  std::set<std::string> ids;
  for (int done = 0; done < kSeedRecords;) {
    WriteBatch batch{entity, {}, "conformance-seed-" + std::to_string(done)};
    for (int i = 0; i < batch_size && done < kSeedRecords; ++i, ++done) {
      batch.ops.push_back(WriteOp{WriteKind::create, sampleRecord(plugin, entity, done)});
    }
    auto outcomes = connector.write(ctx, batch);
    EXPECT_TRUE(outcomes.ok()) << "seeding " << model::toString(entity) << ": "
                               << outcomes.error().describe();
    if (!outcomes.ok()) return ids;
    for (const WriteOutcome& outcome : outcomes.value()) {
      if (outcome.ok()) ids.insert(outcome.id);
    }
  }
  return ids;
}

}  // namespace

void manifestIsConsistent(const PluginUnderTest& plugin) {
  std::vector<std::string> problems = checkManifest(plugin.manifest);
  std::string text;
  for (const std::string& p : problems) text += "\n  " + p;
  EXPECT_TRUE(problems.empty()) << "checkManifest found:" << text;
  EXPECT_FALSE(plugin.manifest.entities.empty()) << "the manifest declares no entity";
}

void configOptionsAreDocumented(const PluginUnderTest& plugin) {
  for (const ConfigOption& option : plugin.manifest.config) {
    EXPECT_FALSE(option.description.empty())
        << "config option \"" << option.key << "\" has no description";
    if (option.default_value) {
      // ConfigType and ConfigValue list their alternatives in the same order.
      EXPECT_EQ(option.default_value->index(), static_cast<std::size_t>(option.type))
          << "the default of \"" << option.key << "\" is not a " << toString(option.type);
    }
  }
}

void emptyConfigNamesRequiredKeys(const PluginUnderTest& plugin) {
  std::vector<FieldError> errors;
  ASSERT_NO_THROW(errors = allFieldErrors(plugin, Config{}));
  for (const ConfigOption& option : plugin.manifest.config) {
    if (!option.required) continue;
    bool named = std::any_of(errors.begin(), errors.end(),
                             [&](const FieldError& e) { return e.key == option.key; });
    EXPECT_TRUE(named) << "an empty config gives no FieldError for required key \"" << option.key
                       << "\"; got:" << describe(errors);
  }
  for (const FieldError& e : errors) EXPECT_FALSE(e.message.empty()) << "key " << e.key;
}

void invalidConfigIsRefused(const PluginUnderTest& plugin) {
  std::vector<FieldError> errors;
  ASSERT_NO_THROW(errors = allFieldErrors(plugin, *plugin.invalid_config));
  EXPECT_FALSE(errors.empty()) << "the invalid config was accepted";
  for (const FieldError& e : errors) {
    EXPECT_FALSE(e.key.empty()) << "a FieldError names no key: " << e.message;
    EXPECT_FALSE(e.message.empty()) << "a FieldError for " << e.key << " has no message";
  }
}

void validConfigIsAccepted(const PluginUnderTest& plugin) {
  Environment env = plugin.environment();
  std::vector<FieldError> errors;
  ASSERT_NO_THROW(errors = allFieldErrors(plugin, env.context->config()));
  EXPECT_TRUE(errors.empty()) << "the environment's config was refused:" << describe(errors);
}

void unsupportedEntityIsRefused(const PluginUnderTest& plugin, model::EntityType entity) {
  Environment env = plugin.environment();
  std::shared_ptr<Connector> connector = plugin.factory();
  ReadRequest request;
  request.entity = entity;
  request.page_size = 1;
  auto page = connector->read(*env.context, request);
  ASSERT_FALSE(page.ok()) << "read of undeclared entity " << model::toString(entity)
                          << " succeeded";
  EXPECT_EQ(page.error().kind, ErrorKind::not_supported) << page.error().describe();

  WriteBatch batch{entity, {WriteOp{WriteKind::create, model::makeRecord(entity)}}, "undeclared"};
  auto outcomes = connector->write(*env.context, batch);
  if (outcomes.ok()) {
    ASSERT_EQ(outcomes->size(), 1u);
    ASSERT_FALSE(outcomes->front().ok()) << "create of undeclared entity succeeded";
    EXPECT_EQ(outcomes->front().error->kind, ErrorKind::not_supported);
  } else {
    EXPECT_EQ(outcomes.error().kind, ErrorKind::not_supported) << outcomes.error().describe();
  }
}

void readHonoursPageSize(const PluginUnderTest& plugin, model::EntityType entity) {
  Environment env = plugin.environment();
  std::shared_ptr<Connector> connector = plugin.factory();
  const EntityCapability* cap = plugin.manifest.entity(entity);
  ASSERT_NE(cap, nullptr);
  std::set<std::string> created;
  if (cap->supports(Operation::create)) created = seed(plugin, *connector, *env.context, entity);

  const int max_page = plugin.manifest.limits.max_page_size;
  auto first = connector->read(*env.context, ReadRequest{entity, "", max_page, true, {}});
  ASSERT_TRUE(first.ok()) << first.error().describe();
  ASSERT_LE(first->records.size() + first->removals.size() + first->errors.size(),
            static_cast<std::size_t>(max_page))
      << "a page at max_page_size is larger than the page size asked for";

  ReadRequest request{entity, "", std::min(max_page, kSmallPage), true, {}};
  std::set<std::string> seen;
  for (int pages = 1;; ++pages) {
    ASSERT_LE(pages, kMaxPages) << "paging did not end";
    auto page = connector->read(*env.context, request);
    ASSERT_TRUE(page.ok()) << "page " << pages << ": " << page.error().describe();
    ASSERT_LE(page->records.size() + page->removals.size() + page->errors.size(),
              static_cast<std::size_t>(request.page_size))
        << "page " << pages << " is larger than the page size asked for";
    for (const model::Record& record : page->records) {
      const std::string& id = model::metaOf(record).id;
      EXPECT_FALSE(id.empty()) << "a record on page " << pages << " has no id";
      ASSERT_TRUE(seen.insert(id).second) << "record " << id << " came twice while paging";
    }
    for (const Removal& removal : page->removals) seen.insert(removal.id);
    if (!page->more) break;
    ASSERT_FALSE(page->next_cursor.empty()) << "page " << pages << " has more but no cursor";
    ASSERT_NE(page->next_cursor, request.cursor) << "the cursor did not move on page " << pages;
    request.cursor = page->next_cursor;
  }
  for (const std::string& id : created) {
    EXPECT_TRUE(seen.count(id)) << "created record " << id << " never came back from read";
  }
}

void createBatchGivesOneOutcomePerOp(const PluginUnderTest& plugin, model::EntityType entity) {
  Environment env = plugin.environment();
  std::shared_ptr<Connector> connector = plugin.factory();
  const int size = std::max(1, std::min(plugin.manifest.limits.max_batch_size,
                                        kLargestBatchUnderTest));
  WriteBatch batch{entity, {}, "conformance-batch"};
  for (int i = 0; i < size; ++i) {
    batch.ops.push_back(WriteOp{WriteKind::create, sampleRecord(plugin, entity, i)});
  }
  auto outcomes = connector->write(*env.context, batch);
  ASSERT_TRUE(outcomes.ok()) << outcomes.error().describe();
  ASSERT_EQ(outcomes->size(), batch.ops.size()) << "one outcome per op, in order";
  std::set<std::string> ids;
  for (const WriteOutcome& outcome : outcomes.value()) {
    if (!outcome.ok()) continue;
    EXPECT_FALSE(outcome.id.empty()) << "a successful create reported no id";
    EXPECT_TRUE(ids.insert(outcome.id).second) << "two creates got the same id " << outcome.id;
  }
}

}  // namespace accord::sdk::conformance::checks
