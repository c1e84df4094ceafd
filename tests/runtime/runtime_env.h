// The runtime against real plugins and in-process sandboxes: a Xero sandbox and a vTiger
// sandbox on 127.0.0.1:0, the xero and vtiger plugins loaded from the build's plugin directory,
// a store in a temporary directory, one clock for the hub and both sandboxes that only the
// waiter moves (so rate limits, backoff and token expiry run in no wall time), and a transport
// the tests can listen to and answer for (faults).
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "accord/sdk/testing/recording_logger.h"
#include "net/http_client.h"
#include "net/waiter.h"
#include "plugin_host/plugin_host.h"
#include "runtime/runtime.h"
#include "sandbox/common/clock.h"
#include "sandbox/common/server.h"
#include "sandbox/vtiger/vtiger_app.h"
#include "sandbox/xero/xero_app.h"
#include "store/store.h"

namespace accord::runtime::testing {

// One time for the hub (sdk::Clock) and the sandboxes (sandbox::Clock).
class SharedClock final : public sandbox::ManualClock, public sdk::Clock {
 public:
  std::chrono::system_clock::time_point now() const override { return ManualClock::now(); }
};

// Waits by moving the shared clock.
class ClockWaiter final : public net::Waiter {
 public:
  explicit ClockWaiter(SharedClock& clock) : clock_(clock) {}
  void wait(std::chrono::milliseconds duration) override;
  std::vector<std::chrono::milliseconds> waits() const;

 private:
  SharedClock& clock_;
  mutable std::mutex mutex_;
  std::vector<std::chrono::milliseconds> waits_;
};

struct SentRequest {
  std::string method, url, body, authorization, idempotency_key;
  int status = 0;  // 0: no response (an Error)
};

// PocoHttpClient with ears: every request is kept, and a hook may answer one instead of the
// app (return nullopt to let it through).
class ListeningTransport final : public sdk::HttpClient {
 public:
  using Hook = std::function<std::optional<sdk::HttpResponse>(const sdk::HttpRequest&)>;
  sdk::Result<sdk::HttpResponse> send(const sdk::HttpRequest& request) override;
  void setHook(Hook hook);
  std::vector<SentRequest> sent() const;
  int count(const std::function<bool(const SentRequest&)>& which) const;

 private:
  net::PocoHttpClient inner_;
  mutable std::mutex mutex_;
  Hook hook_;
  std::vector<SentRequest> sent_;
};

// vTiger's operation of a request ("query", "create", "login"), from the query or the body.
std::string vtigerOperation(const SentRequest& request);
bool isXeroTokenCall(const SentRequest& request);

class RuntimeTest : public ::testing::Test {
 protected:
  RuntimeTest();
  ~RuntimeTest() override;

  // Connections of the organisation "acme": Xero with tokens from the sandbox's consent,
  // vTiger with its access key (no session yet).
  store::Connection addXero(const std::string& name = "xero");
  store::Connection addVtiger(const std::string& name = "vtiger");
  std::unique_ptr<Runtime> makeRuntime(RuntimeOptions options = {});
  // Through a second store connection, as another process would see them.
  store::SecretMap storedSecrets(store::ConnectionId id);
  store::Connection reload(const store::Connection& connection);
  // Creates an organization in the app through the runtime's connector; returns its app id.
  std::string createOrganization(Runtime& runtime, const store::Connection& connection,
                                 const std::string& name);
  // The names of every organization the app holds, read through the runtime's connector.
  std::vector<std::string> organizationNames(Runtime& runtime,
                                             const store::Connection& connection);
  // Every secret value the store holds for these connections, for "never in a log line".
  std::vector<std::string> secretValues(const std::vector<store::Connection>& connections);

  std::filesystem::path dir_;
  std::shared_ptr<SharedClock> clock_ = std::make_shared<SharedClock>();
  ClockWaiter waiter_{*clock_};
  sdk::testing::RecordingLogger log_;
  std::shared_ptr<ListeningTransport> transport_ = std::make_shared<ListeningTransport>();
  std::unique_ptr<store::Store> store_;
  plugin_host::PluginHost plugins_;
  store::SecretKey key_ = store::SecretKey::generate();
  std::unique_ptr<sandbox::xero::XeroSandbox> xero_;
  std::unique_ptr<sandbox::vtiger::VtigerApp> vtiger_app_;
  std::unique_ptr<sandbox::Server> vtiger_;
  store::OrgId org_ = 0;
};

}  // namespace accord::runtime::testing
