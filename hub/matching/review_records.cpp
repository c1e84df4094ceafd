// Decisions on records: stop syncing one, sync it again, or send it to an app that lacks it.
#include <string>

#include "matching/review.h"

namespace accord::matching {
namespace {

Error refused(std::string message) {
  return sdk::makeError(ErrorKind::permanent, std::move(message));
}

std::int64_t seqOf(const std::optional<std::string>& cursor) {
  if (!cursor || cursor->empty()) return 0;
  try {
    return std::stoll(*cursor);
  } catch (const std::exception&) {
    return 0;
  }
}

Result<store::StoredRecord> recordOf(store::Store& store, store::OrgId org,
                                     std::string_view record_id) {
  auto stored = store.records().find(record_id);
  if (!stored) return stored.error();
  if (!stored.value() || stored.value()->org_id != org) {
    return refused("no record '" + std::string(record_id) + "' in this organisation");
  }
  return std::move(*stored.value());
}

}  // namespace

// The push phase reads the change log from each connection's push cursor; moving the cursor
// back to just before the record's last change offers it again (the pusher sends it only where
// it differs from what the app last agreed to, so the other changes re-read cost no writes).
Result<void> Review::offerToApp(store::ConnectionId connection, const std::string& entity,
                                const store::RecordId& record_id) {
  auto cursor = store_.cursors().get(connection, entity, store::CursorKind::push);
  if (!cursor) return cursor.error();
  if (!cursor.value()) return {};  // never pushed: the first push offers everything
  auto history = store_.records().history(record_id);
  if (!history) return history.error();
  if (history->empty()) return {};
  const std::int64_t last = history->back().seq;
  if (seqOf(cursor.value()) < last) return {};
  return store_.cursors().set(connection, entity, std::to_string(last - 1),
                              store::CursorKind::push);
}

Result<void> Review::unsync(store::OrgId org, std::string_view record_id, std::string_view note) {
  if (by_.empty()) return refused("a decision must name who made it (--by or $USER)");
  auto record = recordOf(store_, org, record_id);
  if (!record) return record.error();
  auto tx = store_.transaction();
  if (!tx) return tx.error();
  auto links = store_.idMap().forRecord(record_id);
  if (!links) return links.error();
  for (const auto& link : links.value()) ACCORD_STORE_TRY(store_.idMap().setOptOut(link.key, true, true));
  MatchTables tables(store_);
  ACCORD_STORE_TRY(tables.markUnsynced(org, record_id, by_, note));
  ACCORD_STORE_TRY(decided({0, org, "unsync", std::nullopt, std::string(record_id), std::nullopt,
                            std::nullopt, std::string(note), {}, {}}));
  return tx->commit();
}

Result<void> Review::resyncRecord(store::OrgId org, std::string_view record_id) {
  if (by_.empty()) return refused("a decision must name who made it (--by or $USER)");
  auto record = recordOf(store_, org, record_id);
  if (!record) return record.error();
  MatchTables tables(store_);
  auto unsynced = tables.isUnsynced(record_id);
  if (!unsynced) return unsynced.error();
  if (!unsynced.value()) {
    return refused("record '" + std::string(record_id) + "' is not unsynced (see `accord matches "
                   "unsynced`)");
  }
  auto tx = store_.transaction();
  if (!tx) return tx.error();
  auto links = store_.idMap().forRecord(record_id);
  if (!links) return links.error();
  for (const auto& link : links.value()) {
    ACCORD_STORE_TRY(store_.idMap().setOptOut(link.key, false, false));
    ACCORD_STORE_TRY(offerToApp(link.key.connection_id, record->entity, record->id));
  }
  ACCORD_STORE_TRY(tables.clearUnsynced(record_id));
  ACCORD_STORE_TRY(decided({0, org, "resync", std::nullopt, std::string(record_id), std::nullopt,
                            std::nullopt, "syncing both ways again", {}, {}}));
  return tx->commit();
}

Result<void> Review::pushTo(store::OrgId org, std::string_view record_id,
                            store::ConnectionId connection_id) {
  if (by_.empty()) return refused("a decision must name who made it (--by or $USER)");
  auto record = recordOf(store_, org, record_id);
  if (!record) return record.error();
  auto connection = store_.connections().get(connection_id);
  if (!connection) return connection.error();
  if (connection->org_id != org) return refused("connection " + connection->label() + " is not in this organisation");
  const std::string where = "connection '" + connection->label() + "'";
  if (!connection->direction(record->entity).push) {
    return refused(where + " does not receive " + record->entity + " records (its direction)");
  }
  auto link = store_.idMap().byRecord(connection_id, record_id);
  if (!link) return link.error();
  if (link.value()) {
    return refused(where + " has record '" + std::string(record_id) + "' already, as '" +
                   link.value()->key.external_id + "'");
  }
  auto unsynced = MatchTables(store_).isUnsynced(record_id);
  if (!unsynced) return unsynced.error();
  if (unsynced.value()) {
    return refused("record '" + std::string(record_id) + "' is unsynced: `accord matches resync` "
                   "it first");
  }
  auto tx = store_.transaction();
  if (!tx) return tx.error();
  ACCORD_STORE_TRY(offerToApp(connection_id, record->entity, record->id));
  ACCORD_STORE_TRY(decided({0, org, "push", std::nullopt, std::string(record_id), connection_id,
                            std::nullopt, "to be created in " + connection->label() + " next sync",
                            {}, {}}));
  return tx->commit();
}

}  // namespace accord::matching
