#include "store/id_map.h"

namespace accord::store {
namespace {

constexpr std::string_view kColumns =
    "id, connection_id, entity, external_id, record_id, last_pulled_hash, last_pulled_at, "
    "last_pushed_hash, last_pushed_at, remote_updated_at, pull_opt_out, push_opt_out, "
    "last_warning, last_warning_at, last_error, last_error_at, created_at";

IdMapEntry readEntry(const Statement& st) {
  IdMapEntry e;
  e.id = st.columnInt(0);
  e.key = ExternalKey{st.columnInt(1), st.columnText(2), st.columnText(3)};
  e.record_id = st.columnText(4);
  e.last_pulled_hash = st.columnOptText(5);
  e.last_pulled_at = fromMillis(st.columnOptInt(6));
  e.last_pushed_hash = st.columnOptText(7);
  e.last_pushed_at = fromMillis(st.columnOptInt(8));
  e.remote_updated_at = fromMillis(st.columnOptInt(9));
  e.pull_opt_out = st.columnInt(10) != 0;
  e.push_opt_out = st.columnInt(11) != 0;
  e.last_warning = st.columnOptText(12);
  e.last_warning_at = fromMillis(st.columnOptInt(13));
  e.last_error = st.columnOptText(14);
  e.last_error_at = fromMillis(st.columnOptInt(15));
  e.created_at = fromMillis(st.columnInt(16));
  return e;
}

std::string select(std::string_view where) {
  return "SELECT " + std::string(kColumns) + " FROM id_map WHERE " + std::string(where);
}

Error refused(std::string message) { return sdk::makeError(ErrorKind::permanent, std::move(message)); }

}  // namespace

std::string ExternalKey::describe() const {
  return "connection " + std::to_string(connection_id) + " " + entity + " '" + external_id + "'";
}

Result<IdMapEntry> IdMap::link(const ExternalKey& key, std::string_view record_id) {
  auto tx = Transaction::begin(ctx_.db);
  if (!tx) return tx.error();
  auto existing = byExternal(key);
  if (!existing) return existing.error();
  if (existing.value()) {
    if (existing.value()->record_id == record_id) return std::move(*existing.value());
    return refused(key.describe() + " is already linked to record '" +
                   existing.value()->record_id + "'; unlink it first");
  }
  auto other = byRecord(key.connection_id, record_id);
  if (!other) return other.error();
  if (other.value()) {
    return refused("record '" + std::string(record_id) + "' is already linked to " +
                   other.value()->key.describe());
  }
  // The record and the connection must agree on organisation and entity.
  auto check = ctx_.db.prepare(
      "SELECT r.entity, r.org_id = c.org_id FROM records r, connections c "
      "WHERE r.id = ?1 AND c.id = ?2",
      record_id, key.connection_id);
  if (!check) return check.error();
  auto row = check->step();
  if (!row) return row.error();
  if (!row.value()) {
    return refused("cannot link " + key.describe() + ": no record '" + std::string(record_id) +
                   "' or no such connection");
  }
  if (check->columnText(0) != key.entity || check->columnInt(1) == 0) {
    return refused("cannot link " + key.describe() + " to record '" + std::string(record_id) +
                   "': it is a " + check->columnText(0) + " or of another organisation");
  }
  ACCORD_STORE_TRY(ctx_.db.run(
      "INSERT INTO id_map (connection_id, entity, external_id, record_id, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5)",
      key.connection_id, key.entity, key.external_id, record_id, ctx_.now()));
  auto created = byExternal(key);
  if (!created) return created.error();
  ACCORD_STORE_TRY(tx->commit());
  return std::move(*created.value());
}

Result<void> IdMap::unlink(const ExternalKey& key) {
  ACCORD_STORE_TRY(ctx_.db.run(
      "DELETE FROM id_map WHERE connection_id = ?1 AND entity = ?2 AND external_id = ?3",
      key.connection_id, key.entity, key.external_id));
  if (ctx_.db.changes() == 0) return refused(key.describe() + " is not linked");
  return {};
}

Result<std::optional<IdMapEntry>> IdMap::byExternal(const ExternalKey& key) {
  return firstRow<IdMapEntry>(
      ctx_.db.prepare(select("connection_id = ?1 AND entity = ?2 AND external_id = ?3"),
                      key.connection_id, key.entity, key.external_id),
      readEntry);
}

Result<std::optional<IdMapEntry>> IdMap::byRecord(ConnectionId connection,
                                                  std::string_view record_id) {
  return firstRow<IdMapEntry>(
      ctx_.db.prepare(select("connection_id = ?1 AND record_id = ?2"), connection, record_id),
      readEntry);
}

Result<std::vector<IdMapEntry>> IdMap::forRecord(std::string_view record_id) {
  return collectRows<IdMapEntry>(
      ctx_.db.prepare(select("record_id = ?1 ORDER BY connection_id"), record_id), readEntry);
}

Result<std::vector<IdMapEntry>> IdMap::list(ConnectionId connection, std::string_view entity,
                                            std::string_view after_external_id, int limit) {
  return collectRows<IdMapEntry>(
      ctx_.db.prepare(select("connection_id = ?1 AND entity = ?2 AND external_id > ?3 "
                             "ORDER BY external_id LIMIT ?4"),
                      connection, entity, after_external_id, limit),
      readEntry);
}

Result<std::vector<IdMapEntry>> IdMap::problems(ConnectionId connection) {
  return collectRows<IdMapEntry>(
      ctx_.db.prepare(select("connection_id = ?1 AND (last_error IS NOT NULL OR last_warning IS "
                             "NOT NULL) ORDER BY max(coalesce(last_error_at, 0), "
                             "coalesce(last_warning_at, 0)) DESC"),
                      connection),
      readEntry);
}

Result<void> IdMap::update(const ExternalKey& key, std::string_view set_clause,
                           const auto&... args) {
  // The key takes ?1..?3; the SET clause's own values follow from ?4.
  ACCORD_STORE_TRY(ctx_.db.run("UPDATE id_map SET " + std::string(set_clause) +
                                   " WHERE connection_id = ?1 AND entity = ?2 AND external_id = ?3",
                               key.connection_id, key.entity, key.external_id, args...));
  if (ctx_.db.changes() == 0) return refused(key.describe() + " is not linked");
  return {};
}

Result<void> IdMap::markPulled(const ExternalKey& key, std::string_view content_hash,
                               std::optional<sdk::Timestamp> remote_updated_at) {
  return update(key,
                "last_pulled_hash = ?4, last_pulled_at = ?5, "
                "remote_updated_at = coalesce(?6, remote_updated_at)",
                content_hash, ctx_.now(), toMillis(remote_updated_at));
}

Result<void> IdMap::markPushed(const ExternalKey& key, std::string_view content_hash,
                               std::optional<sdk::Timestamp> remote_updated_at) {
  return update(key,
                "last_pushed_hash = ?4, last_pushed_at = ?5, "
                "remote_updated_at = coalesce(?6, remote_updated_at)",
                content_hash, ctx_.now(), toMillis(remote_updated_at));
}

Result<void> IdMap::setOptOut(const ExternalKey& key, bool pull, bool push) {
  return update(key, "pull_opt_out = ?4, push_opt_out = ?5", pull, push);
}

Result<void> IdMap::setWarning(const ExternalKey& key, const std::optional<std::string>& warning) {
  return update(key, "last_warning = ?4, last_warning_at = CASE WHEN ?4 IS NULL THEN NULL ELSE ?5 END",
                warning, ctx_.now());
}

Result<void> IdMap::setError(const ExternalKey& key, const std::optional<std::string>& error) {
  return update(key, "last_error = ?4, last_error_at = CASE WHEN ?4 IS NULL THEN NULL ELSE ?5 END",
                error, ctx_.now());
}

}  // namespace accord::store
