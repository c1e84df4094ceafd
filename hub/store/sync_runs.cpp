#include "store/sync_runs.h"

#include <array>
#include <utility>

namespace accord::store {
namespace {

constexpr std::array<std::pair<RunStatus, std::string_view>, 5> kStatusNames{{
    {RunStatus::running, "running"},
    {RunStatus::succeeded, "succeeded"},
    {RunStatus::partial, "partial"},
    {RunStatus::failed, "failed"},
    {RunStatus::interrupted, "interrupted"},
}};

constexpr std::string_view kColumns =
    "id, org_id, connection_id, trigger, status, started_at, finished_at, pulled, created, "
    "updated, unchanged, pushed, conflicts, errors, error";

SyncRun readRun(const Statement& st) {
  SyncRun r;
  r.id = st.columnInt(0);
  r.org_id = st.columnInt(1);
  r.connection_id = st.columnOptInt(2);
  r.trigger = st.columnText(3);
  r.status = runStatusFromString(st.columnText(4)).value_or(RunStatus::failed);
  r.started_at = fromMillis(st.columnInt(5));
  r.finished_at = fromMillis(st.columnOptInt(6));
  r.counts = RunCounts{st.columnInt(7),  st.columnInt(8),  st.columnInt(9), st.columnInt(10),
                       st.columnInt(11), st.columnInt(12), st.columnInt(13)};
  r.error = st.columnOptText(14);
  return r;
}

}  // namespace

std::string_view toString(RunStatus status) noexcept {
  for (const auto& [s, name] : kStatusNames) {
    if (s == status) return name;
  }
  return "unknown";
}

std::optional<RunStatus> runStatusFromString(std::string_view text) noexcept {
  for (const auto& [s, name] : kStatusNames) {
    if (name == text) return s;
  }
  return std::nullopt;
}

Result<RunId> SyncRuns::start(OrgId org, std::optional<ConnectionId> connection,
                              std::string_view trigger) {
  ACCORD_STORE_TRY(ctx_.db.run(
      "INSERT INTO sync_runs (org_id, connection_id, trigger, started_at) VALUES (?1, ?2, ?3, ?4)",
      org, connection, trigger, ctx_.now()));
  return ctx_.db.lastInsertId();
}

Result<void> SyncRuns::finish(RunId run, RunStatus status, const RunCounts& c,
                              const std::optional<std::string>& error) {
  if (status == RunStatus::running) {
    return sdk::makeError(ErrorKind::permanent, "a run cannot finish as running");
  }
  ACCORD_STORE_TRY(ctx_.db.run(
      "UPDATE sync_runs SET status = ?2, finished_at = ?3, pulled = ?4, created = ?5, "
      "updated = ?6, unchanged = ?7, pushed = ?8, conflicts = ?9, errors = ?10, error = ?11 "
      "WHERE id = ?1 AND status = 'running'",
      run, toString(status), ctx_.now(), c.pulled, c.created, c.updated, c.unchanged, c.pushed,
      c.conflicts, c.errors, error));
  if (ctx_.db.changes() == 0) {
    return sdk::makeError(ErrorKind::permanent,
                          "sync run " + std::to_string(run) + " does not exist or has finished");
  }
  return {};
}

Result<void> SyncRuns::addError(RunId run, const RunError& e) {
  return ctx_.db.run(
      "INSERT INTO sync_run_errors (run_id, entity, external_id, record_id, kind, message, at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
      run, e.entity, e.external_id, e.record_id, e.kind, e.message, ctx_.now());
}

Result<int> SyncRuns::markInterrupted() {
  ACCORD_STORE_TRY(ctx_.db.run(
      "UPDATE sync_runs SET status = 'interrupted', finished_at = ?1 WHERE status = 'running'",
      ctx_.now()));
  return ctx_.db.changes();
}

Result<SyncRun> SyncRuns::get(RunId run) {
  auto found = firstRow<SyncRun>(
      ctx_.db.prepare("SELECT " + std::string(kColumns) + " FROM sync_runs WHERE id = ?1", run),
      readRun);
  if (!found) return found.error();
  if (!found.value()) return notFound("no sync run " + std::to_string(run));
  return std::move(*found.value());
}

Result<std::vector<SyncRun>> SyncRuns::list(OrgId org, std::optional<ConnectionId> connection,
                                            int limit) {
  return collectRows<SyncRun>(
      ctx_.db.prepare("SELECT " + std::string(kColumns) +
                          " FROM sync_runs WHERE org_id = ?1 AND (?2 IS NULL OR connection_id = ?2)"
                          " ORDER BY started_at DESC, id DESC LIMIT ?3",
                      org, connection, limit),
      readRun);
}

Result<std::vector<RunError>> SyncRuns::errors(RunId run) {
  return collectRows<RunError>(
      ctx_.db.prepare("SELECT coalesce(entity, ''), coalesce(external_id, ''), "
                      "coalesce(record_id, ''), kind, message, at FROM sync_run_errors "
                      "WHERE run_id = ?1 ORDER BY id",
                      run),
      [](const Statement& st) {
        return RunError{st.columnText(0), st.columnText(1), st.columnText(2),
                        st.columnText(3), st.columnText(4), fromMillis(st.columnInt(5))};
      });
}

}  // namespace accord::store
