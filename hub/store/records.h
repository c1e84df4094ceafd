// Canonical records and the change log.
//
// `records` holds the current version of each record; `change_log` holds every version, with
// the connection (or person) it came from. Records::put writes both in one transaction, so a
// version without its change-log entry cannot exist. Bodies are canonical JSON
// (sdk/model/codec.h) and the content hash is model::contentHash of the same record: the store
// treats both as opaque text, so it works the same for every entity.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/common.h"

namespace accord::store {

// A new random canonical id: 32 lowercase hex digits.
RecordId newRecordId();

struct StoredRecord {
  RecordId id;
  OrgId org_id = 0;
  std::string entity;  // "person"
  std::int64_t version = 0;
  std::string content_hash;
  std::string status = "active";  // active, archived, deleted
  std::string body;               // canonical JSON
  sdk::Timestamp updated_at;      // when the hub wrote this version
};

struct RecordPut {
  RecordId id;  // empty: a new record with a newRecordId()
  OrgId org_id = 0;
  std::string entity;
  std::string content_hash;
  std::string status = "active";
  std::string body;
  std::optional<ConnectionId> source;  // nullopt: a person (review queue, CLI)
  std::optional<RunId> run;
  // Optimistic concurrency for read-merge-write: refused (retryable) when the record's current
  // version differs. 0 means "the record must not exist yet".
  std::optional<std::int64_t> expected_version;
};

enum class PutOutcome { created, updated, unchanged };

struct PutResult {
  RecordId id;
  PutOutcome outcome = PutOutcome::unchanged;
  std::int64_t version = 0;
};

struct ChangeEntry {
  std::int64_t seq = 0;
  RecordId record_id;
  std::int64_t version = 0;
  OrgId org_id = 0;
  std::string entity;
  std::string content_hash;
  std::string status;
  std::string body;
  std::optional<ConnectionId> source;
  std::optional<RunId> run;
  sdk::Timestamp at;
};

class Records {
 public:
  explicit Records(StoreContext ctx) : ctx_(ctx) {}

  // Writes a new version (and its change-log entry) when the hash or status differ from the
  // current version; otherwise changes nothing and reports unchanged. An existing id must keep
  // its organisation and entity.
  Result<PutResult> put(const RecordPut& put);

  Result<std::optional<StoredRecord>> find(std::string_view id);
  Result<StoredRecord> get(std::string_view id);  // error "no record 'x'"
  // In id order, after `after_id` (keyset paging), at most `limit`.
  Result<std::vector<StoredRecord>> list(OrgId org, std::string_view entity,
                                         std::string_view after_id = {}, int limit = 1000);
  Result<std::int64_t> count(OrgId org, std::string_view entity);

  // Change-log entries of an organisation after `seq`, oldest first (what push reads).
  Result<std::vector<ChangeEntry>> changesSince(OrgId org, std::int64_t seq, int limit = 1000);
  // Every version of one record, oldest first.
  Result<std::vector<ChangeEntry>> history(std::string_view record_id);

 private:
  StoreContext ctx_;
};

}  // namespace accord::store
