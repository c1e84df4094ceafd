// End-to-end harness: the Xero and vTiger sandboxes in process on 127.0.0.1:0, a store on a
// temporary file, the built plugins loaded through the PluginHost, an organisation and its two
// connections created as an admin would (config checked by the plugin's schema and the plugin,
// secrets sealed, as `accord connection add` does; then Xero's OAuth consent through the
// runtime, following the sandbox's consent redirect), and syncs through runtime::runSync.
//
// Time: one ManualClock is the sandboxes' clock, the hub's clock and the store's, and the
// runtime's Waiter advances it, so rate-limit waits and backoffs take no wall time and app
// modified times, hub merges and token expiry all agree.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "accord/sdk/model/record.h"
#include "net/host_context.h"
#include "net/waiter.h"
#include "plugin_host/plugin_host.h"
#include "runtime/runtime.h"
#include "sandbox/common/clock.h"
#include "sandbox/common/fault.h"
#include "sandbox/common/seed.h"
#include "sandbox/common/server.h"
#include "sandbox/vtiger/vtiger_app.h"
#include "sandbox/xero/xero_app.h"
#include "store/store.h"
#include "sync/engine.h"

namespace accord::e2e {

namespace model = sdk::model;
using model::EntityType;

// The shared time: sandbox clock, hub clock and the runtime's waiter in one.
class SharedTime final : public sdk::Clock, public net::Waiter {
 public:
  SharedTime() : clock_(std::make_shared<sandbox::ManualClock>()) {}
  std::chrono::system_clock::time_point now() const override { return clock_->now(); }
  void wait(std::chrono::milliseconds duration) override { clock_->advance(duration); }
  void advance(std::chrono::milliseconds by) { clock_->advance(by); }
  std::shared_ptr<sandbox::ManualClock> sandboxClock() const { return clock_; }

 private:
  std::shared_ptr<sandbox::ManualClock> clock_;
};

struct EnvOptions {
  sandbox::SeedOptions xero_seed{"demo", 0, 0, 42};
  sandbox::SeedOptions vtiger_seed{"empty", 0, 0, 42};
  std::string vtiger_edition = "unlimited";
  sandbox::FaultOptions xero_faults;
  sandbox::FaultOptions vtiger_faults;
  runtime::RuntimeOptions runtime;
  // The sandboxes' clock when the hub runs in another process (the kill test); null: the shared
  // manual time.
  std::shared_ptr<sandbox::Clock> sandbox_clock;
};

// Problems found comparing the apps with the canonical store; empty when they agree.
using Problems = std::vector<std::string>;

class Env {
 public:
  explicit Env(EnvOptions options = {});
  ~Env();

  // The admin's steps: organisation, both connections, Xero consent (first tenant).
  void connect();
  sync::RunReport sync(sync::EngineOptions options = {});

  store::Store& store() { return *store_; }
  runtime::Runtime& runtime() { return *runtime_; }
  SharedTime& time() { return time_; }
  sandbox::xero::XeroSandbox& xero() { return *xero_; }
  sandbox::vtiger::VtigerApp& vtiger() { return *vtiger_; }
  sandbox::Server& vtigerServer() { return *vtiger_server_; }
  const std::string& xeroTenant() const { return tenant_; }
  store::OrgId org() const { return org_; }
  store::Connection connection(const std::string& name);
  const std::filesystem::path& dir() const { return dir_; }
  const std::filesystem::path& keyFile() const { return key_file_; }

  // Every record of an entity as the app holds it now, read through its plugin.
  std::vector<model::Record> appRecords(const std::string& connection, EntityType entity);
  // The canonical records of an entity (placeholders nobody filled left out).
  std::vector<model::Record> canonical(EntityType entity);
  std::optional<store::IdMapEntry> link(const std::string& connection, const std::string& id);
  // The canonical record linked to this app id, if any.
  std::optional<model::Record> canonicalOf(const std::string& connection, EntityType entity,
                                           const std::string& app_id);

  // Every active canonical organization and invoice is in both apps once with the same name
  // (number), every active app record is linked to exactly one canonical record, and no app
  // holds two records for one canonical record.
  Problems compareWithCanonical(EntityType entity);

  // Users editing the apps directly (the sandboxes' own APIs, not the plugins).
  std::string xeroPost(const std::string& resource, const std::string& body);
  void vtigerRevise(const std::string& id, const std::vector<std::pair<std::string, std::string>>& fields);
  std::string vtigerCreate(const std::string& module, const std::vector<std::pair<std::string, std::string>>& fields);
  void vtigerDelete(const std::string& id);
  std::string vtigerQuery(const std::string& vtql);  // the JSON result array

 private:
  void startSandboxes();
  void openHub();
  void consentXero(const store::Connection& connection);
  store::Connection addConnection(const std::string& plugin,
                                  const std::map<std::string, std::string>& values);

  EnvOptions options_;
  SharedTime time_;
  std::filesystem::path dir_;
  std::filesystem::path key_file_;
  std::unique_ptr<sandbox::xero::XeroSandbox> xero_;
  std::unique_ptr<sandbox::vtiger::VtigerApp> vtiger_;
  std::unique_ptr<sandbox::Server> vtiger_server_;
  std::string tenant_;
  std::unique_ptr<store::Store> store_;
  plugin_host::PluginHost plugins_;
  std::unique_ptr<store::SecretBox> box_;
  std::unique_ptr<net::StderrLogger> log_;
  std::unique_ptr<runtime::Runtime> runtime_;
  store::OrgId org_ = 0;
};

// A fixture with a connected environment; tests may set options_ in their constructor.
class E2eTest : public ::testing::Test {
 protected:
  void SetUp() override;
  sync::RunReport sync(sync::EngineOptions options = {}) { return env_->sync(std::move(options)); }

  EnvOptions options_;
  std::unique_ptr<Env> env_;
};

std::string describe(const sync::RunReport& report);

}  // namespace accord::e2e
