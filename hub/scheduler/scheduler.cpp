#include "scheduler/scheduler.h"

#include <cmath>
#include <exception>
#include <set>

#include "accord/sdk/timestamp.h"

namespace accord::scheduler {

using std::chrono::milliseconds;

struct Scheduler::Conn {
  OrgId org = 0;
  ConnectionId id = 0;
  std::string label;
  milliseconds interval{0};
  std::optional<TimerId> timer;
  std::optional<TimePoint> next_run;
  std::optional<TimePoint> last_run;
  std::string last_outcome;
  std::unique_ptr<net::Backoff> backoff;
};

// An organisation is idle, queued (waiting for a pool slot, `next` is what will run) or
// running (`next`, when set, is the one follow-up).
struct Scheduler::Org {
  bool queued = false;
  bool running = false;
  Trigger current;
  std::optional<Trigger> next;
};

std::string_view toString(ConnectionState state) noexcept {
  switch (state) {
    case ConnectionState::waiting: return "waiting";
    case ConnectionState::queued: return "queued";
    case ConnectionState::running: return "running";
    case ConnectionState::backing_off: return "backing_off";
    case ConnectionState::recovery: return "recovery";
    case ConnectionState::stopped: return "stopped";
  }
  return "unknown";
}

std::string ConnectionStatus::describe() const {
  std::string text = label + ": " + std::string(toString(state));
  if (next_run) text += ", next run " + sdk::Timestamp::fromTimePoint(*next_run).toString();
  if (!last_outcome.empty()) text += ", last run " + last_outcome;
  if (health.mode != net::HealthMode::healthy) text += "; " + health.describe();
  return text;
}

Scheduler::Scheduler(TimerSource& timers, Executor& executor, RunFunction run,
                     SchedulerOptions options)
    : timers_(timers),
      executor_(executor),
      run_(std::move(run)),
      options_(std::move(options)),
      rng_(options_.seed) {
  if (options_.max_parallel == 0) options_.max_parallel = 1;
  anchor_->scheduler = this;
}

Scheduler::~Scheduler() {
  {
    std::lock_guard lock(anchor_->mutex);
    anchor_->scheduler = nullptr;
  }
  requestStop();
  // Every task handed to the executor refers to this object: wait until each has run (a task
  // posted but not started returns at once without running the sync).
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return running_ == 0; });
}

double Scheduler::unit() {
  // From the generator's raw bits rather than a std distribution, whose algorithm the standard
  // leaves to the library: the same seed gives the same schedule everywhere.
  return static_cast<double>(rng_() >> 11) * 0x1.0p-53;  // [0, 1)
}

milliseconds Scheduler::jittered(milliseconds interval) {
  const double factor = 1.0 + options_.jitter * (2.0 * unit() - 1.0);
  return milliseconds(static_cast<std::int64_t>(std::llround(interval.count() * factor)));
}

void Scheduler::add(const ConnectionSchedule& schedule) {
  std::lock_guard lock(mutex_);
  auto& slot = conns_[schedule.connection];
  if (!slot) {
    slot = std::make_unique<Conn>();
    slot->backoff = std::make_unique<net::Backoff>(timers_, options_.backoff,
                                                   options_.seed ^ schedule.connection);
  }
  Conn& conn = *slot;
  conn.org = schedule.org;
  conn.id = schedule.connection;
  conn.label = schedule.label;
  conn.interval =
      schedule.interval.count() > 0 ? schedule.interval : options_.default_interval;
  orgOf(conn.org);
  if (stopping_) return;
  const auto spread = static_cast<std::int64_t>(conn.interval.count() * options_.jitter * unit());
  TimePoint first = schedule.first_run.value_or(timers_.now() + milliseconds(spread));
  scheduleTimer(conn, first);
}

void Scheduler::remove(ConnectionId connection) {
  std::lock_guard lock(mutex_);
  auto it = conns_.find(connection);
  if (it == conns_.end()) return;
  if (it->second->timer) timers_.cancel(*it->second->timer);
  conns_.erase(it);
}

std::pair<std::size_t, std::size_t> Scheduler::reconcile(
    const std::vector<ConnectionSchedule>& schedules) {
  std::set<ConnectionId> wanted;
  std::vector<const ConnectionSchedule*> added;
  {
    std::lock_guard lock(mutex_);
    for (const auto& s : schedules) {
      wanted.insert(s.connection);
      if (!conns_.count(s.connection)) added.push_back(&s);
    }
  }
  std::vector<ConnectionId> gone;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, conn] : conns_) {
      if (!wanted.count(id)) gone.push_back(id);
    }
  }
  for (const auto* s : added) add(*s);
  for (ConnectionId id : gone) remove(id);
  return {added.size(), gone.size()};
}

Scheduler::Org& Scheduler::orgOf(OrgId org) { return orgs_[org]; }

void Scheduler::scheduleTimer(Conn& conn, TimePoint at) {
  if (conn.timer) timers_.cancel(*conn.timer);
  conn.next_run = at;
  // The id is only known after schedule() returns, so the callback checks it under the lock:
  // a timer replaced meanwhile (or one Asio could no longer cancel) does nothing.
  auto id = std::make_shared<TimerId>(0);
  const ConnectionId connection = conn.id;
  conn.timer = timers_.schedule(at, [anchor = anchor_, connection, id] {
    std::lock_guard lock(anchor->mutex);
    if (anchor->scheduler) anchor->scheduler->onTimer(connection, *id);
  });
  *id = *conn.timer;
}

void Scheduler::onTimer(ConnectionId connection, TimerId timer) {
  std::lock_guard lock(mutex_);
  auto it = conns_.find(connection);
  if (it == conns_.end() || it->second->timer != timer || stopping_) return;
  Conn& conn = *it->second;
  conn.timer.reset();
  conn.next_run.reset();
  Trigger why;
  why.kind = conn.backoff->health().mode == net::HealthMode::healthy ? TriggerKind::interval
                                                                     : TriggerKind::retry;
  why.connections.insert(connection);
  enqueue(conn.org, std::move(why));
}

bool Scheduler::trigger(OrgId org, Trigger trigger) {
  std::lock_guard lock(mutex_);
  if (stopping_) return false;
  if (trigger.kind == TriggerKind::webhook) {
    // A connection that is backing off reads these changes from its cursor on its next
    // attempt; running now would only add load to an app that is failing.
    for (auto it = trigger.changes.begin(); it != trigger.changes.end();) {
      auto conn = conns_.find(it->first);
      bool backing_off = conn != conns_.end() &&
                         conn->second->backoff->health().mode != net::HealthMode::healthy;
      it = backing_off ? trigger.changes.erase(it) : std::next(it);
    }
    if (trigger.changes.empty()) {
      ++webhooks_dropped_;
      return false;
    }
  }
  enqueue(org, std::move(trigger));
  return true;
}

void Scheduler::enqueue(OrgId org, Trigger trigger) {
  Org& o = orgOf(org);
  if (o.next) {
    o.next->merge(trigger);
  } else {
    o.next = std::move(trigger);
  }
  if (!o.running && !o.queued) {
    o.queued = true;
    ready_.push_back(org);
  }
  dispatch();
}

void Scheduler::dispatch() {
  while (!stopping_ && running_ < options_.max_parallel && !ready_.empty()) {
    const OrgId org = ready_.front();
    ready_.pop_front();
    Org& o = orgOf(org);
    o.queued = false;
    o.running = true;
    o.current = std::move(*o.next);
    o.next.reset();
    ++running_;
    executor_.post([this, org, why = o.current] { execute(org, why); });
  }
}

void Scheduler::execute(OrgId org, const Trigger& trigger) {
  bool skip;
  {
    std::lock_guard lock(mutex_);
    skip = stopping_;  // posted before stop() but not started: it is not started now
    if (!skip) ++started_;
  }
  RunOutcome outcome;
  if (skip) {
    outcome.error = sdk::makeError(sdk::ErrorKind::retryable, "the scheduler stopped");
  } else {
    if (options_.log) {
      options_.log->info("sync of org " + std::to_string(org) + " started: " + trigger.describe());
    }
    try {
      outcome = run_(org, trigger);
    } catch (const std::exception& e) {
      outcome.error = sdk::makeError(sdk::ErrorKind::plugin_bug,
                                     std::string("the sync threw: ") + e.what());
    }
    if (options_.log) {
      options_.log->log(outcome.label() == "failed" ? sdk::LogLevel::warn : sdk::LogLevel::info,
                        "sync of org " + std::to_string(org) + " ended: " +
                            std::string(outcome.label()) +
                            (outcome.error ? ": " + outcome.error->describe() : ""));
    }
  }
  std::lock_guard lock(mutex_);
  if (!skip) {
    finish(org, trigger, outcome);
    --started_;
  }
  orgOf(org).running = false;
  --running_;
  Org& o = orgOf(org);
  if (o.next && !stopping_) {
    o.queued = true;
    ready_.push_back(org);
  }
  dispatch();
  idle_.notify_all();
}

void Scheduler::finish(OrgId org, const Trigger& trigger, const RunOutcome& outcome) {
  ++runs_by_outcome_[std::string(outcome.label())];
  const TimePoint now = timers_.now();
  for (auto& [id, conn] : conns_) {
    if (conn->org != org) continue;
    // A targeted run read only some connections' records: the others' timers stand.
    if (trigger.targeted() && !trigger.changes.count(id) && !trigger.connections.count(id)) {
      continue;
    }
    settle(*conn, trigger, outcome, now);
  }
}

void Scheduler::settle(Conn& conn, const Trigger& trigger, const RunOutcome& outcome,
                       TimePoint now) {
  conn.last_run = now;
  conn.last_outcome = std::string(outcome.label());
  if (outcome.failedFor(conn.id)) {
    auto found = outcome.failed_connections.find(conn.id);
    const sdk::Error& error =
        found != outcome.failed_connections.end() ? found->second : *outcome.error;
    milliseconds wait = conn.backoff->onFailure(error);
    if (!stopping_) scheduleTimer(conn, now + wait);
    return;
  }
  conn.backoff->onSuccess();
  // A targeted success says little about the connection's next full run: its timer stands.
  if (!trigger.targeted() && !stopping_) scheduleTimer(conn, now + jittered(conn.interval));
}

void Scheduler::requestStop() {
  std::lock_guard lock(mutex_);
  stopping_ = true;
  for (auto& [id, conn] : conns_) {
    if (conn->timer) timers_.cancel(*conn->timer);
    conn->timer.reset();
    conn->next_run.reset();
  }
  ready_.clear();
  for (auto& [id, org] : orgs_) {
    org.queued = false;
    org.next.reset();
  }
}

void Scheduler::stop() {
  requestStop();
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return started_ == 0; });
}

bool Scheduler::stopping() const {
  std::lock_guard lock(mutex_);
  return stopping_;
}

ConnectionStatus Scheduler::statusOf(const Conn& conn) const {
  ConnectionStatus s;
  s.org = conn.org;
  s.connection = conn.id;
  s.label = conn.label;
  s.next_run = conn.next_run;
  s.last_run = conn.last_run;
  s.last_outcome = conn.last_outcome;
  s.health = conn.backoff->health();
  auto org = orgs_.find(conn.org);
  if (org != orgs_.end() && org->second.running) {
    s.state = ConnectionState::running;
  } else if (org != orgs_.end() && org->second.queued) {
    s.state = ConnectionState::queued;
  } else if (stopping_) {
    s.state = ConnectionState::stopped;
  } else if (s.health.mode == net::HealthMode::recovery) {
    s.state = ConnectionState::recovery;
  } else if (s.health.mode == net::HealthMode::backing_off) {
    s.state = ConnectionState::backing_off;
  }
  return s;
}

std::vector<ConnectionStatus> Scheduler::status() const {
  std::lock_guard lock(mutex_);
  std::vector<ConnectionStatus> all;
  for (const auto& [id, conn] : conns_) all.push_back(statusOf(*conn));
  return all;
}

std::optional<ConnectionStatus> Scheduler::status(ConnectionId connection) const {
  std::lock_guard lock(mutex_);
  auto it = conns_.find(connection);
  if (it == conns_.end()) return std::nullopt;
  return statusOf(*it->second);
}

SchedulerStats Scheduler::stats() const {
  std::lock_guard lock(mutex_);
  SchedulerStats s;
  s.running = running_;
  s.queued = ready_.size();
  for (const auto& [id, org] : orgs_) {
    if (org.running && org.next) ++s.follow_ups;
  }
  s.runs_by_outcome = runs_by_outcome_;
  s.webhooks_dropped = webhooks_dropped_;
  return s;
}

}  // namespace accord::scheduler
