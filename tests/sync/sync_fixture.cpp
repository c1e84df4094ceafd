#include "sync_fixture.h"

#include "store/record_codec.h"

namespace accord::sync::testing {

void SyncTest::SetUp() {
  store::StoreOptions options;
  options.database.synchronous_full = false;
  options.clock = &clock_;
  auto opened = store::Store::open(dir_ / "accord.db", options);
  ASSERT_TRUE(opened) << opened.error().message;
  store_ = std::move(opened.value());
  auto org = store_->organisations().add("Acme");
  ASSERT_TRUE(org) << org.error().message;
  org_ = org->id;
}

Result<ConnectorHandle> SyncTest::connectorFor(const store::Connection& connection) {
  for (auto& [name, entry] : apps_) {
    if (entry.id == connection.id) {
      return ConnectorHandle{entry.app.get(), &context_, &entry.app->manifest()};
    }
  }
  return sdk::makeError(ErrorKind::invalid_config, "no app for " + connection.label());
}

FakeApp& SyncTest::addApp(const std::string& name, sdk::Manifest manifest,
                          std::map<std::string, store::EntityDirection> directions) {
  store::NewConnection spec;
  spec.org_id = org_;
  spec.plugin = manifest.name;
  spec.name = name;
  spec.directions = std::move(directions);
  auto added = store_->connections().add(spec, nullptr);
  EXPECT_TRUE(added) << added.error().message;
  auto& entry = apps_[name];
  entry.id = added ? added->id : 0;
  entry.app = std::make_unique<FakeApp>(name, std::move(manifest), clock_);
  return *entry.app;
}

RunReport SyncTest::sync(EngineOptions options) {
  Engine engine(*store_, *this, std::move(options));
  auto report = engine.run(org_);
  EXPECT_TRUE(report) << report.error().message;
  return report ? report.value() : RunReport{};
}

std::vector<model::Record> SyncTest::canonical(model::EntityType type) {
  std::vector<model::Record> out;
  // "" rather than the default {}: the store binds a null string_view as NULL (id > NULL).
  auto stored = store_->records().list(org_, model::toString(type), "");
  EXPECT_TRUE(stored) << stored.error().message;
  if (!stored) return out;
  for (const auto& record : stored.value()) {
    auto parsed = store::toModelRecord(record);
    EXPECT_TRUE(parsed) << parsed.error().message;
    if (parsed) out.push_back(parsed.value());
  }
  return out;
}

std::int64_t SyncTest::changeLogSize() {
  auto changes = store_->records().changesSince(org_, 0, 100000);
  EXPECT_TRUE(changes);
  return changes ? static_cast<std::int64_t>(changes->size()) : -1;
}

store::IdMapEntry SyncTest::link(const std::string& connection, const std::string& record_id) {
  auto entry = store_->idMap().byRecord(connectionId(connection), record_id);
  EXPECT_TRUE(entry && entry.value()) << "no link of " << record_id << " in " << connection;
  return entry && entry.value() ? *entry.value() : store::IdMapEntry{};
}

std::string SyncTest::externalId(const std::string& connection, const std::string& record_id) {
  return link(connection, record_id).key.external_id;
}

model::Organization organization(const std::string& name) {
  model::Organization org;
  org.name = name;
  return org;
}

model::Person person(const std::string& first, const std::string& last,
                     const std::string& organization_id) {
  model::Person p;
  p.first_name = first;
  p.last_name = last;
  p.organization.id = organization_id;
  return p;
}

}  // namespace accord::sync::testing
