#include <string>

#include "store/migrations.h"

namespace accord::store {

int latestSchemaVersion() {
  const auto& all = migrations();
  return all.empty() ? 0 : all.back().version;
}

Result<int> schemaVersion(Database& db) {
  auto st = db.prepare("PRAGMA user_version");
  if (!st) return st.error();
  auto row = st->step();
  if (!row) return row.error();
  return static_cast<int>(st->columnInt(0));
}

namespace {

Error tooNew(const Database& db, int found) {
  return sdk::makeError(ErrorKind::permanent,
                        db.path() + ": database schema version " + std::to_string(found) +
                            " is newer than this Accord supports (" +
                            std::to_string(latestSchemaVersion()) + "); upgrade Accord");
}

Result<void> apply(Database& db, const Migration& m) {
  auto tx = Transaction::begin(db);
  if (!tx) return tx.error();
  // Re-read under the write lock: another process may have migrated since we looked.
  auto current = schemaVersion(db);
  if (!current) return current.error();
  if (current.value() >= m.version) return {};
  if (current.value() != m.version - 1) {
    return sdk::makeError(ErrorKind::permanent,
                          db.path() + ": cannot apply migration " + std::to_string(m.version) +
                              " to schema version " + std::to_string(current.value()));
  }
  if (auto done = db.exec(m.sql); !done) {
    return sdk::makeError(ErrorKind::permanent, "migration " + std::to_string(m.version) + " (" +
                                                    std::string(m.name) +
                                                    ") failed: " + done.error().message);
  }
  ACCORD_STORE_TRY(db.exec("PRAGMA user_version = " + std::to_string(m.version)));
  return tx->commit();
}

}  // namespace

Result<int> migrateTo(Database& db, int target) {
  auto current = schemaVersion(db);
  if (!current) return current.error();
  if (current.value() > latestSchemaVersion()) return tooNew(db, current.value());
  for (const Migration& m : migrations()) {
    if (m.version <= current.value() || m.version > target) continue;
    ACCORD_STORE_TRY(apply(db, m));
  }
  auto reached = schemaVersion(db);
  if (reached && reached.value() > latestSchemaVersion()) return tooNew(db, reached.value());
  return reached;
}

Result<int> migrate(Database& db) { return migrateTo(db, latestSchemaVersion()); }

}  // namespace accord::store
