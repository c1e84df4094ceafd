// A store on a fresh file with an organisation, FakeApps as its connections, and one call to
// run the engine; every FakeApp and the store share one FakeClock.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "accord/sdk/testing/test_host_context.h"
#include "fake_app.h"
#include "store/store.h"
#include "sync/engine.h"
#include "test_support.h"

namespace accord::sync::testing {

class SyncTest : public ::testing::Test, public ConnectorProvider {
 protected:
  void SetUp() override;
  Result<ConnectorHandle> connectorFor(const store::Connection& connection) override;

  // A connection named `name` served by a new FakeApp whose ids start with `name`.
  FakeApp& addApp(const std::string& name, sdk::Manifest manifest,
                  std::map<std::string, store::EntityDirection> directions = {});
  FakeApp& app(const std::string& name) { return *apps_.at(name).app; }
  store::ConnectionId connectionId(const std::string& name) { return apps_.at(name).id; }

  RunReport sync(EngineOptions options = {});
  // Canonical records of one entity.
  std::vector<model::Record> canonical(model::EntityType type);
  std::int64_t changeLogSize();
  store::IdMapEntry link(const std::string& connection, const std::string& record_id);
  // The app id the record has in the connection's app.
  std::string externalId(const std::string& connection, const std::string& record_id);
  void tick(std::chrono::milliseconds by = std::chrono::seconds(5)) { clock_.advance(by); }

  store::testing::TempDir dir_;
  sdk::testing::FakeClock clock_;
  sdk::testing::TestHostContext context_;
  std::unique_ptr<store::Store> store_;
  store::OrgId org_ = 0;

 private:
  struct App {
    store::ConnectionId id = 0;
    std::unique_ptr<FakeApp> app;
  };
  std::map<std::string, App> apps_;
};

model::Organization organization(const std::string& name);
model::Person person(const std::string& first, const std::string& last,
                     const std::string& organization_id = {});

}  // namespace accord::sync::testing
