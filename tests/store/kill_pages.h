// The kill test's workload, shared by the writer process and the checking parent: page n of a
// pull is a deterministic function of (seed, n), so the parent can replay pages 1..N and know
// exactly what the database must hold when the cursor says "page N".
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "store/store.h"

namespace accord::store::testing::kill {

inline constexpr const char* kOrg = "kill";
inline constexpr const char* kConnection = "writer";
inline constexpr const char* kEntity = "person";

struct Item {
  std::string external_id;
  std::string hash;
  std::string body;
};

struct Expected {
  std::string hash;
  std::string body;
  std::int64_t version = 0;
};

// Page n >= 1: distinct external ids, some new, some seen on earlier pages (updates).
std::vector<Item> pageItems(std::uint64_t seed, int n);
// The records the first `pages` pages leave, by external id.
std::map<std::string, Expected> replay(std::uint64_t seed, int pages);

// "page:N" <-> N; 0 for no cursor.
std::string cursorFor(int n);
int pageOf(const std::optional<std::string>& cursor);

// The writer's side: find or create the organisation and connection.
Result<ConnectionId> ensureConnection(Store& store);
// Writes page n as one pull would: look up links, merge, write records + links + cursor.
Result<void> writePage(Store& store, ConnectionId connection, std::uint64_t seed, int n);

}  // namespace accord::store::testing::kill
