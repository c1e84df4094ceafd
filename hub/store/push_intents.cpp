#include "store/push_intents.h"

namespace accord::store {
namespace {

constexpr std::string_view kColumns =
    "id, connection_id, entity, record_id, operation, record_version, content_hash, "
    "idempotency_key, run_id, state, external_id, error, created_at, finished_at";

PushState stateFrom(const std::string& text) {
  if (text == "done") return PushState::done;
  if (text == "failed") return PushState::failed;
  return PushState::pending;
}

PushIntent readIntent(const Statement& st) {
  PushIntent p;
  p.id = st.columnInt(0);
  p.connection_id = st.columnInt(1);
  p.entity = st.columnText(2);
  p.record_id = st.columnText(3);
  p.operation = st.columnText(4);
  p.record_version = st.columnInt(5);
  p.content_hash = st.columnText(6);
  p.idempotency_key = st.columnText(7);
  p.run = st.columnOptInt(8);
  p.state = stateFrom(st.columnText(9));
  p.external_id = st.columnOptText(10);
  p.error = st.columnOptText(11);
  p.created_at = fromMillis(st.columnInt(12));
  p.finished_at = fromMillis(st.columnOptInt(13));
  return p;
}

}  // namespace

Result<std::int64_t> PushIntents::record(const PushIntent& p) {
  if (p.idempotency_key.empty()) {
    return sdk::makeError(ErrorKind::permanent, "a push intent needs an idempotency key",
                          "idempotency_key");
  }
  auto existing = byKey(p.idempotency_key, p.record_id);
  if (!existing) return existing.error();
  if (existing.value()) {
    return sdk::makeError(ErrorKind::permanent, "push intent for record '" + p.record_id +
                                                    "' with key '" + p.idempotency_key +
                                                    "' is already recorded");
  }
  ACCORD_STORE_TRY(ctx_.db.run(
      "INSERT INTO push_intents (connection_id, entity, record_id, operation, record_version, "
      "content_hash, idempotency_key, run_id, external_id, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
      p.connection_id, p.entity, p.record_id, p.operation, p.record_version, p.content_hash,
      p.idempotency_key, p.run, p.external_id, ctx_.now()));
  return ctx_.db.lastInsertId();
}

Result<void> PushIntents::finish(std::string_view key, std::string_view record_id,
                                 std::string_view state, std::string_view external_id,
                                 std::string_view error) {
  const auto ext = external_id.empty() ? std::nullopt : std::optional<std::string>(external_id);
  const auto err = error.empty() ? std::nullopt : std::optional<std::string>(error);
  ACCORD_STORE_TRY(ctx_.db.run(
      "UPDATE push_intents SET state = ?3, external_id = coalesce(?4, external_id), error = ?5, "
      "finished_at = ?6 WHERE idempotency_key = ?1 AND record_id = ?2 AND state = 'pending'",
      key, record_id, state, ext, err, ctx_.now()));
  if (ctx_.db.changes() == 0) {
    return sdk::makeError(ErrorKind::permanent, "no pending push intent for record '" +
                                                    std::string(record_id) + "' with key '" +
                                                    std::string(key) + "'");
  }
  return {};
}

Result<void> PushIntents::complete(std::string_view key, std::string_view record_id,
                                   std::string_view external_id) {
  return finish(key, record_id, "done", external_id, {});
}

Result<void> PushIntents::fail(std::string_view key, std::string_view record_id,
                               std::string_view error) {
  return finish(key, record_id, "failed", {}, error.empty() ? "failed" : error);
}

Result<std::optional<PushIntent>> PushIntents::byKey(std::string_view key,
                                                     std::string_view record_id) {
  return firstRow<PushIntent>(
      ctx_.db.prepare("SELECT " + std::string(kColumns) +
                          " FROM push_intents WHERE idempotency_key = ?1 AND record_id = ?2",
                      key, record_id),
      readIntent);
}

Result<std::vector<PushIntent>> PushIntents::pending(ConnectionId connection) {
  return collectRows<PushIntent>(
      ctx_.db.prepare("SELECT " + std::string(kColumns) +
                          " FROM push_intents WHERE connection_id = ?1 AND state = 'pending' "
                          "ORDER BY id",
                      connection),
      readIntent);
}

}  // namespace accord::store
