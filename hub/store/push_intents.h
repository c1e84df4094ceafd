// Push intents: a write to an app is recorded (pending) before the call, with the batch's
// idempotency key, and marked done or failed after it. After a crash the intents still pending
// are exactly the calls whose outcome is unknown: the sync engine reconciles them (look the
// record up in the app, or retry with the same key) instead of writing twice.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/common.h"

namespace accord::store {

enum class PushState { pending, done, failed };

struct PushIntent {
  std::int64_t id = 0;
  ConnectionId connection_id = 0;
  std::string entity;
  RecordId record_id;
  std::string operation;  // sdk::WriteKind name: create, update, archive, remove
  std::int64_t record_version = 0;
  std::string content_hash;
  std::string idempotency_key;
  std::optional<RunId> run;
  PushState state = PushState::pending;
  std::optional<std::string> external_id;  // the app's id, once known
  std::optional<std::string> error;
  sdk::Timestamp created_at;
  std::optional<sdk::Timestamp> finished_at;
};

class PushIntents {
 public:
  explicit PushIntents(StoreContext ctx) : ctx_(ctx) {}

  // Records a pending intent. The same idempotency key twice is refused: a retried batch keeps
  // its first intent (look it up with byKey).
  Result<std::int64_t> record(const PushIntent& intent);
  Result<void> complete(std::string_view idempotency_key, std::string_view record_id,
                        std::string_view external_id);
  Result<void> fail(std::string_view idempotency_key, std::string_view record_id,
                    std::string_view error);
  Result<std::optional<PushIntent>> byKey(std::string_view idempotency_key, std::string_view record_id);
  // Pending intents of a connection, oldest first: what a restart must reconcile.
  Result<std::vector<PushIntent>> pending(ConnectionId connection);

 private:
  Result<void> finish(std::string_view key, std::string_view record_id, std::string_view state,
                      std::string_view external_id, std::string_view error);
  StoreContext ctx_;
};

}  // namespace accord::store
