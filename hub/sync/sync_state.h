// What the engine remembers beyond the store's tables, per link and per record:
//  - the base: the last canonical body a connection and the hub agreed on (what was pulled from
//    it, or pushed to it after the manifest's limits), with canonical ids in its Refs. The merge
//    diffs a pulled record against it to see which fields the app itself changed, and the
//    limits read the target's status from it (an invoice paid in the target).
//  - field times: per canonical record and top-level field, the source's modified time of the
//    change that set it, so "the most recent change wins" field by field.
// Both live in the store's tables sync_link_bases and sync_field_times (store migration 002)
// and are written inside the same transactions as the records they describe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "sync/common.h"
#include "store/store.h"

namespace accord::sync {

using FieldTimes = std::map<std::string, std::int64_t>;  // field -> epoch ms

class SyncState {
 public:
  explicit SyncState(store::Database& db) : db_(db) {}

  // Checks the tables are there (a store opened without migrating is refused).
  Result<void> ensureSchema();

  Result<std::optional<sdk::model::Record>> base(store::ConnectionId connection,
                                                 std::string_view record_id);
  Result<void> setBase(store::ConnectionId connection, std::string_view record_id,
                       const sdk::model::Record& body);

  // How many of the connection's agreed, active records of `entity` refer to each record
  // through the top-level reference `field` (canonical ids): the people of each organization.
  Result<std::map<std::string, int>> refCounts(store::ConnectionId connection,
                                               std::string_view entity, std::string_view field);

  Result<FieldTimes> fieldTimes(std::string_view record_id);
  Result<void> setFieldTimes(std::string_view record_id, const FieldTimes& times);

 private:
  store::Database& db_;
};

}  // namespace accord::sync
