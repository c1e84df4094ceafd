#include "sync/sync_state.h"

#include "accord/sdk/model/codec.h"

namespace accord::sync {

// The tables come from store migration 002 (hub/store/migrations). A database that was not
// migrated that far is refused here with a clear message rather than failing mid-run.
Result<void> SyncState::ensureSchema() {
  auto found = store::collectRows<std::string>(
      db_.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN "
                  "('sync_link_bases', 'sync_field_times')"),
      [](const store::Statement& st) { return st.columnText(0); });
  if (!found) return found.error();
  if (found->size() == 2) return {};
  return sdk::makeError(sdk::ErrorKind::permanent,
                        db_.path() + ": the sync engine's tables are missing (store schema 2 "
                                     "or later is needed; open the store with Store::open)");
}

Result<std::optional<sdk::model::Record>> SyncState::base(store::ConnectionId connection,
                                                          std::string_view record_id) {
  auto body = store::firstRow<std::string>(
      db_.prepare("SELECT body FROM sync_link_bases WHERE connection_id = ?1 AND record_id = ?2",
                  connection, std::string(record_id)),
      [](const store::Statement& st) { return st.columnText(0); });
  if (!body) return body.error();
  if (!body.value()) return std::optional<sdk::model::Record>{};
  auto record = sdk::model::fromJson(*body.value());
  if (!record) {
    Error error = record.error();
    error.message = "sync base of record '" + std::string(record_id) + "' for connection " +
                    std::to_string(connection) + ": " + error.message;
    return error;
  }
  return std::optional<sdk::model::Record>(std::move(record.value()));
}

Result<void> SyncState::setBase(store::ConnectionId connection, std::string_view record_id,
                                const sdk::model::Record& body) {
  return db_.run(
      "INSERT INTO sync_link_bases (connection_id, record_id, body) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (connection_id, record_id) DO UPDATE SET body = excluded.body",
      connection, std::string(record_id), sdk::model::toJson(body));
}

Result<std::map<std::string, int>> SyncState::refCounts(store::ConnectionId connection,
                                                       std::string_view entity,
                                                       std::string_view field) {
  // One query over the bases (sdk::model::toJson's shape) instead of decoding every body.
  auto rows = store::collectRows<std::pair<std::string, int>>(
      db_.prepare("SELECT json_extract(body, '$.fields.' || ?3), count(*) FROM sync_link_bases "
                  "WHERE connection_id = ?1 AND json_extract(body, '$.type') = ?2 "
                  "AND json_extract(body, '$.status') = 'active' "
                  "AND coalesce(json_extract(body, '$.fields.' || ?3), '') != '' GROUP BY 1",
                  connection, std::string(entity), std::string(field)),
      [](const store::Statement& st) {
        return std::pair(st.columnText(0), static_cast<int>(st.columnInt(1)));
      });
  if (!rows) return rows.error();
  return std::map<std::string, int>(rows->begin(), rows->end());
}

Result<FieldTimes> SyncState::fieldTimes(std::string_view record_id) {
  auto rows = store::collectRows<std::pair<std::string, std::int64_t>>(
      db_.prepare("SELECT field, at_ms FROM sync_field_times WHERE record_id = ?1",
                  std::string(record_id)),
      [](const store::Statement& st) { return std::pair(st.columnText(0), st.columnInt(1)); });
  if (!rows) return rows.error();
  return FieldTimes(rows->begin(), rows->end());
}

Result<void> SyncState::setFieldTimes(std::string_view record_id, const FieldTimes& times) {
  for (const auto& [field, at] : times) {
    auto done = db_.run(
        "INSERT INTO sync_field_times (record_id, field, at_ms) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (record_id, field) DO UPDATE SET at_ms = excluded.at_ms",
        std::string(record_id), field, at);
    if (!done) return done;
  }
  return {};
}

}  // namespace accord::sync
