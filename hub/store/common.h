// Shared vocabulary of the store's repositories: ids, times and the clock.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "accord/sdk/host_context.h"
#include "accord/sdk/timestamp.h"
#include "store/database.h"

namespace accord::store {

using OrgId = std::int64_t;
using ConnectionId = std::int64_t;
using RunId = std::int64_t;
using IssueId = std::int64_t;
using RecordId = std::string;  // canonical ids are text (newRecordId())

// Times are stored as UTC milliseconds and handed out as UTC Timestamps.
inline sdk::Timestamp fromMillis(std::int64_t ms) { return sdk::Timestamp(ms, 0); }
inline std::optional<sdk::Timestamp> fromMillis(const std::optional<std::int64_t>& ms) {
  if (!ms) return std::nullopt;
  return fromMillis(*ms);
}
inline std::optional<std::int64_t> toMillis(const std::optional<sdk::Timestamp>& t) {
  if (!t) return std::nullopt;
  return t->epochMillis();
}
inline std::int64_t nowMillis(const sdk::Clock& clock) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock.now().time_since_epoch())
      .count();
}

class SystemClock final : public sdk::Clock {
 public:
  std::chrono::system_clock::time_point now() const override {
    return std::chrono::system_clock::now();
  }
};

// What the repositories share: the open database and the clock that stamps rows.
struct StoreContext {
  Database& db;
  const sdk::Clock& clock;
  std::int64_t now() const { return nowMillis(clock); }
};

inline Error notFound(std::string what) {
  return sdk::makeError(ErrorKind::permanent, std::move(what));
}

}  // namespace accord::store
