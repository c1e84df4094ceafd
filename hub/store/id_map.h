// The id map: canonical record <-> (connection, entity, the app's own id), one link per record
// per connection, with what was last exchanged each way (content hashes and times, for echo
// suppression), per-record opt-outs each way, and the last warning and error the app gave.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/common.h"

namespace accord::store {

// Names one record in one app.
struct ExternalKey {
  ConnectionId connection_id = 0;
  std::string entity;
  std::string external_id;
  std::string describe() const;  // "connection 3 person 'C-17'"
};

struct IdMapEntry {
  std::int64_t id = 0;
  ExternalKey key;
  RecordId record_id;
  std::optional<std::string> last_pulled_hash;
  std::optional<sdk::Timestamp> last_pulled_at;
  std::optional<std::string> last_pushed_hash;
  std::optional<sdk::Timestamp> last_pushed_at;
  std::optional<sdk::Timestamp> remote_updated_at;  // the app's own modified time, last seen
  bool pull_opt_out = false;  // never take this record's changes from the app
  bool push_opt_out = false;  // never send changes of this record to the app
  std::optional<std::string> last_warning;
  std::optional<sdk::Timestamp> last_warning_at;
  std::optional<std::string> last_error;
  std::optional<sdk::Timestamp> last_error_at;
  sdk::Timestamp created_at;
};

class IdMap {
 public:
  explicit IdMap(StoreContext ctx) : ctx_(ctx) {}

  // Idempotent for the same pair. Refuses (permanent) when the external id is linked to another
  // record, the record to another external id of the connection, or the record is of another
  // entity or organisation than the connection.
  Result<IdMapEntry> link(const ExternalKey& key, std::string_view record_id);
  Result<void> unlink(const ExternalKey& key);

  Result<std::optional<IdMapEntry>> byExternal(const ExternalKey& key);
  Result<std::optional<IdMapEntry>> byRecord(ConnectionId connection, std::string_view record_id);
  Result<std::vector<IdMapEntry>> forRecord(std::string_view record_id);  // every connection
  // Links of a connection and entity in external id order, after `after_external_id`.
  Result<std::vector<IdMapEntry>> list(ConnectionId connection, std::string_view entity,
                                       std::string_view after_external_id = {}, int limit = 1000);
  // Links with a warning or an error, newest first (what `accord status` shows).
  Result<std::vector<IdMapEntry>> problems(ConnectionId connection);

  // Each refuses (permanent) a key that is not linked.
  Result<void> markPulled(const ExternalKey& key, std::string_view content_hash,
                          std::optional<sdk::Timestamp> remote_updated_at = std::nullopt);
  Result<void> markPushed(const ExternalKey& key, std::string_view content_hash,
                          std::optional<sdk::Timestamp> remote_updated_at = std::nullopt);
  Result<void> setOptOut(const ExternalKey& key, bool pull, bool push);
  // nullopt clears.
  Result<void> setWarning(const ExternalKey& key, const std::optional<std::string>& warning);
  Result<void> setError(const ExternalKey& key, const std::optional<std::string>& error);

 private:
  Result<void> update(const ExternalKey& key, std::string_view set_clause, const auto&... args);
  StoreContext ctx_;
};

}  // namespace accord::store
