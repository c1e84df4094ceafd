// The hub's store: one SQLite file (WAL) holding organisations, connections, canonical records
// and their history, the id map, cursors, match issues, push intents and sync runs.
//
//   auto store = Store::open("var/accord.db");          // creates and migrates as needed
//   if (!store) { report(store.error()); return; }
//   auto org = (*store)->organisations().add("Acme Pty Ltd");
//   auto page = (*store)->writePage(PageWrite{...});     // records + links + cursor, atomically
//
// Threading: a Store is one SQLite connection; use it from one thread at a time. Open one Store
// per thread (or process) for concurrency: WAL lets them share the file. The repository objects
// the accessors return are cheap views that must not outlive the Store.
// Transactions: every repository call that writes more than one row is atomic on its own; to
// make several calls one unit, hold a transaction() around them (calls inside become savepoints).
#pragma once

#include <filesystem>
#include <memory>

#include "store/admin_tokens.h"
#include "store/connection_status.h"
#include "store/connections.h"
#include "store/cursors.h"
#include "store/database.h"
#include "store/id_map.h"
#include "store/match_issues.h"
#include "store/oauth_states.h"
#include "store/organisations.h"
#include "store/page.h"
#include "store/push_intents.h"
#include "store/records.h"
#include "store/sync_runs.h"

namespace accord::store {

struct StoreOptions {
  DatabaseOptions database;
  const sdk::Clock* clock = nullptr;  // stamps every row; default: the system clock
};

class Store {
 public:
  // Creates the parent directory and the file (mode 0600) when missing, then applies migrations. Refuses a
  // database written by a newer Accord (see migrations.h).
  static Result<std::unique_ptr<Store>> open(const std::filesystem::path& path,
                                             StoreOptions options = {});

  Database& db() { return db_; }
  const sdk::Clock& clock() const { return *clock_; }
  int schemaVersion() const { return schema_version_; }

  Organisations organisations() { return Organisations(context()); }
  Connections connections() { return Connections(context()); }
  ConnectionStatuses connectionStatuses() { return ConnectionStatuses(context()); }
  Records records() { return Records(context()); }
  IdMap idMap() { return IdMap(context()); }
  Cursors cursors() { return Cursors(context()); }
  MatchIssues matchIssues() { return MatchIssues(context()); }
  SyncRuns syncRuns() { return SyncRuns(context()); }
  PushIntents pushIntents() { return PushIntents(context()); }
  OAuthStates oauthStates() { return OAuthStates(context()); }
  AdminTokens adminTokens() { return AdminTokens(context()); }

  Result<PageOutcome> writePage(const PageWrite& page) { return store::writePage(context(), page); }
  Result<Transaction> transaction() { return Transaction::begin(db_); }

 private:
  Store(Database db, const sdk::Clock* clock, int version)
      : db_(std::move(db)), clock_(clock), schema_version_(version) {}
  StoreContext context() { return StoreContext{db_, *clock_}; }

  Database db_;
  const sdk::Clock* clock_;
  int schema_version_;
};

}  // namespace accord::store
