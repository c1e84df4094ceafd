// One page of a pull, written atomically: the merged canonical records (each with its change-log
// entry), their id-map links with the pulled content hashes, and the connection's new cursor.
// Either all of it is in the database or none of it, so a cursor never points past records that
// are missing, whatever kills the process and when.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/common.h"
#include "store/records.h"

namespace accord::store {

struct PageItem {
  std::string external_id;  // the app's id
  // The canonical record to store (merged by the sync engine). Its org, entity, source and run
  // are filled in from the page when empty; an empty id makes a new record. nullopt: keep the
  // record as it is (pull opted out, or an echo of our own push) but still record the pull.
  std::optional<RecordPut> put;
  RecordId record_id;        // required when put is nullopt
  std::string pulled_hash;   // content hash of the app's version; empty: put's content hash
  std::optional<sdk::Timestamp> remote_updated_at;
};

struct PageWrite {
  ConnectionId connection_id = 0;
  std::string entity;
  std::vector<PageItem> items;
  std::optional<std::string> cursor;  // the page's next cursor; nullopt leaves it unchanged
  std::optional<RunId> run;
};

struct PageOutcome {
  std::vector<PutResult> results;  // one per item, in order
  int created = 0;
  int updated = 0;
  int unchanged = 0;
};

// Writes the page in one transaction (a savepoint when the caller has one open). Any error
// rolls all of it back and names the item.
Result<PageOutcome> writePage(StoreContext ctx, const PageWrite& page);

}  // namespace accord::store
