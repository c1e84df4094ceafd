// Numbered schema migrations, embedded in the binary from hub/store/migrations/NNN_name.sql.
// The schema version is SQLite's PRAGMA user_version: 0 for a new file, N after migration N.
#pragma once

#include <string_view>
#include <vector>

#include "store/database.h"

namespace accord::store {

struct Migration {
  int version;            // NNN from the file name; versions run 1, 2, 3... without gaps
  std::string_view name;  // "initial"
  std::string_view sql;
};

// In version order. Generated at build time (embed_migrations.cmake).
const std::vector<Migration>& migrations();

// The highest version this build knows.
int latestSchemaVersion();

Result<int> schemaVersion(Database& db);

// Brings the database up to latestSchemaVersion(), one transaction per migration, so a crash
// leaves it at a whole version. A database from a newer Accord is refused untouched:
// "<path>: database schema version 7 is newer than this Accord supports (1); upgrade Accord".
// Returns the version reached.
Result<int> migrate(Database& db);

// As migrate(), but stops at `target` (for tests of upgrades from older schemas).
Result<int> migrateTo(Database& db, int target);

}  // namespace accord::store
