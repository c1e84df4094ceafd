// When each organisation syncs.
//
//   ThreadPoolExecutor pool(4);
//   AsioTimerSource timers;
//   Scheduler scheduler(timers, pool, [&](OrgId org, const Trigger& why) { ... }, options);
//   scheduler.add({org, connection, "acme/xero", 15min});   // its timer starts
//   scheduler.trigger(org, webhookTrigger);                  // an immediate incremental run
//   scheduler.stop();                                        // running syncs finish, no more
//
// Rules (docs/scheduler.md):
// - Each connection has an interval; its next run is the interval from the end of its last run,
//   plus or minus `jitter` of it, drawn from a generator seeded with `seed` (deterministic).
// - A run covers one organisation. At most one runs per organisation; a trigger arriving while
//   its organisation runs queues exactly one follow-up (later triggers merge into it); a trigger
//   for an organisation already waiting for a pool slot merges into that wait.
// - At most `max_parallel` organisations run at once; the rest wait in arrival order (the queue
//   depth).
// - A connection whose part of a run failed waits net::Backoff's delay instead of its interval;
//   after `backoff.recovery_after` failed runs in a row it is in recovery (a long wait) and its
//   status says so. Webhooks for a connection that is backing off are dropped (its next
//   incremental run reads those changes from its cursor); manual triggers always run.
// - stop(): no new run starts, timers are cancelled, pending follow-ups are dropped, and it
//   returns once the running syncs have finished.
//
// Threading: every member is thread-safe. The run function is called on the executor's
// threads without the scheduler's lock held, so it may call trigger() or status().
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "net/backoff.h"
#include "scheduler/executor.h"
#include "scheduler/timer_source.h"
#include "scheduler/trigger.h"

namespace accord::scheduler {

using RunFunction = std::function<RunOutcome(OrgId, const Trigger&)>;

struct SchedulerOptions {
  std::chrono::milliseconds default_interval{15 * 60'000};
  double jitter = 0.1;  // the next run is interval * (1 ± jitter), uniformly
  std::uint64_t seed = 1;
  std::size_t max_parallel = 4;
  net::BackoffOptions backoff;
  sdk::Logger* log = nullptr;  // borrowed; one line per run started and ended
};

struct ConnectionSchedule {
  OrgId org = 0;
  ConnectionId connection = 0;
  std::string label;  // "acme/xero", for status and logs
  std::chrono::milliseconds interval{0};  // 0: SchedulerOptions::default_interval
  // When the first run is due; unset: a jittered fraction of the interval from now, so that a
  // service starting with many connections does not sync them all at once.
  std::optional<TimePoint> first_run;
};

enum class ConnectionState { waiting, queued, running, backing_off, recovery, stopped };
std::string_view toString(ConnectionState state) noexcept;

struct ConnectionStatus {
  OrgId org = 0;
  ConnectionId connection = 0;
  std::string label;
  ConnectionState state = ConnectionState::waiting;
  std::optional<TimePoint> next_run;
  std::optional<TimePoint> last_run;     // when its organisation's last run ended
  std::string last_outcome;              // RunOutcome::label(), empty before the first run
  net::ConnectionHealth health;
  std::string describe() const;          // one line for the CLI and /readyz
};

struct SchedulerStats {
  std::size_t running = 0;
  std::size_t queued = 0;      // organisations waiting for a pool slot
  std::size_t follow_ups = 0;  // organisations with a follow-up waiting for their run to end
  std::map<std::string, std::uint64_t> runs_by_outcome;  // "succeeded", "partial", "failed"
  std::uint64_t webhooks_dropped = 0;  // for connections that were backing off
};

class Scheduler {
 public:
  // timers and executor are borrowed and must outlive the Scheduler.
  Scheduler(TimerSource& timers, Executor& executor, RunFunction run,
            SchedulerOptions options = {});
  ~Scheduler();  // requestStop(), then waits for every task handed to the executor
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Starts (or restarts, with the new settings) a connection's timer.
  void add(const ConnectionSchedule& schedule);
  void remove(ConnectionId connection);
  // Makes the scheduled set equal to `schedules`: adds the new, removes the missing, and leaves
  // the timers of those already known alone (the service calls it periodically to pick up
  // connections added or removed meanwhile). Returns how many were added and removed.
  std::pair<std::size_t, std::size_t> reconcile(const std::vector<ConnectionSchedule>& schedules);

  // Asks for a run of `org` now. False when it was not taken: stopping, or a webhook for a
  // connection that is backing off. Known connections only matter for webhooks and status.
  bool trigger(OrgId org, Trigger trigger);

  void requestStop();  // no new runs; returns at once
  // requestStop(), then waits for the syncs that have started to finish. A run handed to the
  // executor but not started yet never starts (the destructor waits for those tasks to return).
  void stop();
  bool stopping() const;

  std::vector<ConnectionStatus> status() const;
  std::optional<ConnectionStatus> status(ConnectionId connection) const;
  SchedulerStats stats() const;

 private:
  struct Conn;
  struct Org;

  void scheduleTimer(Conn& conn, TimePoint at);
  void onTimer(ConnectionId connection, TimerId timer);
  void enqueue(OrgId org, Trigger trigger);  // lock held
  void dispatch();                           // lock held
  void execute(OrgId org, const Trigger& trigger);
  void settle(Conn& conn, const Trigger& trigger, const RunOutcome& outcome, TimePoint now);
  Org& orgOf(OrgId org);
  void finish(OrgId org, const Trigger& trigger, const RunOutcome& outcome);
  double unit();  // lock held
  std::chrono::milliseconds jittered(std::chrono::milliseconds interval);  // lock held
  ConnectionStatus statusOf(const Conn& conn) const;

  // Timer callbacks reach the scheduler through this, so one that Asio runs after the
  // scheduler is gone (cancel() cannot recall a callback already queued) does nothing.
  struct Anchor {
    std::mutex mutex;
    Scheduler* scheduler = nullptr;
  };
  std::shared_ptr<Anchor> anchor_ = std::make_shared<Anchor>();

  TimerSource& timers_;
  Executor& executor_;
  RunFunction run_;
  SchedulerOptions options_;

  mutable std::mutex mutex_;
  std::condition_variable idle_;
  bool stopping_ = false;
  std::mt19937_64 rng_;
  std::map<ConnectionId, std::unique_ptr<Conn>> conns_;
  std::map<OrgId, Org> orgs_;
  std::deque<OrgId> ready_;
  std::size_t running_ = 0;  // handed to the executor and not returned
  std::size_t started_ = 0;  // of those, the ones running the sync
  std::map<std::string, std::uint64_t> runs_by_outcome_;
  std::uint64_t webhooks_dropped_ = 0;
};

}  // namespace accord::scheduler
