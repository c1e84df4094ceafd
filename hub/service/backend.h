// What the service needs from the rest of the hub, as an interface so that its HTTP and
// scheduling tests run on fakes: RuntimeBackend (runtime_backend.h) is the real one.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accord/sdk/connector.h"
#include "accord/sdk/result.h"
#include "scheduler/scheduler.h"

namespace accord::service {

struct WebhookDelivery {
  store::OrgId org = 0;
  store::ConnectionId connection = 0;
  std::string label;  // "acme/xero"
  sdk::WebhookResult result;
};

class Backend {
 public:
  virtual ~Backend() = default;

  // Verifies and decodes a webhook call for /webhooks/{plugin}/{connection} through the
  // connection's plugin. nullopt: no such connection of that plugin (404). An Error: the
  // plugin could not judge it (no signing key configured, plugin failure).
  virtual sdk::Result<std::optional<WebhookDelivery>> webhook(const std::string& plugin,
                                                              const std::string& connection,
                                                              const sdk::WebhookRequest& request) = 0;

  // One sync (the scheduler's RunFunction). Called for one organisation at a time.
  virtual scheduler::RunOutcome runSync(store::OrgId org, const scheduler::Trigger& trigger) = 0;

  // Every enabled connection, to start its timer.
  virtual sdk::Result<std::vector<scheduler::ConnectionSchedule>> schedules() = 0;

  // Whether the hub can serve (the store answers); the error says why not.
  virtual sdk::Result<void> ready() = 0;

  // Runs in progress stop after the page in hand (their run is saved); none start.
  virtual void requestStop() = 0;
};

}  // namespace accord::service
