// Bridges the SDK's canonical records (model::Record) and the store's text form: the body is
// model::toJson, the hash model::contentHash, entity and status their canonical names. The sync
// engine merges Records and stores them through these two calls.
#pragma once

#include "accord/sdk/model/record.h"
#include "store/records.h"

namespace accord::store {

// A put of `record` for `org`. meta.id is the canonical id; when empty a new one is chosen and
// written into the body too, so the stored JSON always names its own id.
RecordPut toRecordPut(const sdk::model::Record& record, OrgId org);

// Parses a stored record. A body that no longer parses (written by another Accord version, or
// edited by hand) is a permanent Error naming the record and the JSON path.
Result<sdk::model::Record> toModelRecord(const StoredRecord& stored);

// The record with this canonical id, for what only shows it (names in messages, preview
// totals): nullopt when there is none or it cannot be read.
std::optional<sdk::model::Record> findModelRecord(Records records, std::string_view id);

}  // namespace accord::store
