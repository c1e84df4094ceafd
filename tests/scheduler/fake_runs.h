// A run function that records every call and answers what the test scripted.
#pragma once

#include <functional>
#include <mutex>
#include <utility>
#include <vector>

#include "scheduler/scheduler.h"

namespace accord::scheduler::testing {

struct Call {
  OrgId org;
  Trigger trigger;
  TimePoint at;
};

class FakeRuns {
 public:
  explicit FakeRuns(const TimerSource& clock) : clock_(clock) {}

  RunFunction function() {
    return [this](OrgId org, const Trigger& trigger) {
      std::function<void(OrgId)> during;
      RunOutcome outcome;
      {
        std::lock_guard lock(mutex_);
        calls_.push_back({org, trigger, clock_.now()});
        during = during_;
        outcome = outcome_;
      }
      if (during) during(org);
      return outcome;
    };
  }

  // Called inside every run, after it is recorded (to trigger or stop meanwhile).
  void during(std::function<void(OrgId)> f) {
    std::lock_guard lock(mutex_);
    during_ = std::move(f);
  }
  void answer(RunOutcome outcome) {
    std::lock_guard lock(mutex_);
    outcome_ = std::move(outcome);
  }
  std::vector<Call> calls() const {
    std::lock_guard lock(mutex_);
    return calls_;
  }
  std::size_t count() const {
    std::lock_guard lock(mutex_);
    return calls_.size();
  }

 private:
  const TimerSource& clock_;
  mutable std::mutex mutex_;
  std::vector<Call> calls_;
  std::function<void(OrgId)> during_;
  RunOutcome outcome_;
};

inline Trigger webhook(ConnectionId connection, std::vector<std::string> ids) {
  Trigger t;
  t.kind = TriggerKind::webhook;
  t.connections.insert(connection);
  for (auto& id : ids) t.changes[connection].insert({sdk::model::EntityType::invoice, id});
  return t;
}

inline Trigger manual(ConnectionId connection) {
  Trigger t;
  t.kind = TriggerKind::manual;
  t.connections.insert(connection);
  return t;
}

inline RunOutcome failedFor(ConnectionId connection) {
  RunOutcome outcome;
  outcome.failed_connections[connection] =
      sdk::makeError(sdk::ErrorKind::retryable, "GET /Invoices timed out");
  return outcome;
}

}  // namespace accord::scheduler::testing
