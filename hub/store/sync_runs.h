// Sync runs: one row per run of the sync engine (times, counts, outcome) and its per-record
// errors, for `accord runs` and the status page.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/common.h"

namespace accord::store {

enum class RunStatus { running, succeeded, partial, failed, interrupted };
std::string_view toString(RunStatus status) noexcept;
std::optional<RunStatus> runStatusFromString(std::string_view text) noexcept;

struct RunCounts {
  std::int64_t pulled = 0;
  std::int64_t created = 0;
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;
  std::int64_t pushed = 0;
  std::int64_t conflicts = 0;
  std::int64_t errors = 0;
  friend bool operator==(const RunCounts&, const RunCounts&) = default;
};

struct SyncRun {
  RunId id = 0;
  OrgId org_id = 0;
  std::optional<ConnectionId> connection_id;  // nullopt: an org-wide run
  std::string trigger;                         // "schedule", "webhook", "manual"
  RunStatus status = RunStatus::running;
  sdk::Timestamp started_at;
  std::optional<sdk::Timestamp> finished_at;
  RunCounts counts;
  std::optional<std::string> error;  // why the run as a whole failed
};

struct RunError {
  std::string entity;
  std::string external_id;
  std::string record_id;
  std::string kind;  // sdk::ErrorKind name
  std::string message;
  sdk::Timestamp at;
};

class SyncRuns {
 public:
  explicit SyncRuns(StoreContext ctx) : ctx_(ctx) {}

  Result<RunId> start(OrgId org, std::optional<ConnectionId> connection, std::string_view trigger);
  // Records the outcome; refuses a run that is not running.
  Result<void> finish(RunId run, RunStatus status, const RunCounts& counts,
                      const std::optional<std::string>& error = std::nullopt);
  Result<void> addError(RunId run, const RunError& error);
  // Runs still "running" were cut short by a crash: marks them interrupted. Call at start-up.
  Result<int> markInterrupted();

  Result<SyncRun> get(RunId run);
  // Newest first; connection nullopt: every run of the organisation.
  Result<std::vector<SyncRun>> list(OrgId org, std::optional<ConnectionId> connection = std::nullopt,
                                    int limit = 50);
  Result<std::vector<RunError>> errors(RunId run);

 private:
  StoreContext ctx_;
};

}  // namespace accord::store
