// Why a sync runs and how it went: the scheduler's side of its contract with whatever runs
// syncs (runtime::runSync in the service, fakes in tests).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "accord/sdk/model/entity.h"
#include "accord/sdk/result.h"
#include "store/common.h"

namespace accord::scheduler {

using store::ConnectionId;
using store::OrgId;

// Strongest last: merging two triggers keeps the stronger kind.
enum class TriggerKind { webhook, interval, retry, manual };
std::string_view toString(TriggerKind kind) noexcept;

// One app record a webhook said changed.
using ChangedRecord = std::pair<sdk::model::EntityType, std::string>;

struct Trigger {
  TriggerKind kind = TriggerKind::interval;
  // The connections that asked for this run (their timer fired, a webhook or a manual trigger
  // named them). A run always covers the whole organisation; this is for logs and bookkeeping.
  std::set<ConnectionId> connections;
  // Webhook changes per connection: the app ids to read. Only a pure webhook trigger is
  // targeted (reads exactly these); any other kind merged in makes the run a full incremental
  // one, which covers them anyway.
  std::map<ConnectionId, std::set<ChangedRecord>> changes;

  bool targeted() const { return kind == TriggerKind::webhook; }
  // Folds `other` into this one (the coalesced follow-up of a running sync).
  void merge(const Trigger& other);
  std::string describe() const;  // "webhook (2 records from 1 connection)", for logs
};

// What the run function reports back.
struct RunOutcome {
  // Set when the run could not take place at all (store unreadable, engine refused).
  std::optional<sdk::Error> error;
  // Connections whose part of the run failed (pull or push stopped), with the error.
  std::map<ConnectionId, sdk::Error> failed_connections;
  store::RunId run = 0;
  // Per-record errors do not make a connection fail, but make the run "partial".
  bool partial = false;

  bool failedFor(ConnectionId connection) const;
  // "succeeded", "partial" or "failed": the metric label.
  std::string_view label() const noexcept;
};

}  // namespace accord::scheduler
