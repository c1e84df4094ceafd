// Cursors: where each connection is in each entity. The pull cursor is the app's opaque text
// from the last page taken (saved with that page, Store::writePage); the push cursor is the
// change_log seq the connection has been sent up to.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "store/common.h"

namespace accord::store {

enum class CursorKind { pull, push };

class Cursors {
 public:
  explicit Cursors(StoreContext ctx) : ctx_(ctx) {}

  // nullopt: never set (read from the beginning).
  Result<std::optional<std::string>> get(ConnectionId connection, std::string_view entity,
                                         CursorKind kind = CursorKind::pull);
  Result<void> set(ConnectionId connection, std::string_view entity, std::string_view value,
                   CursorKind kind = CursorKind::pull);
  // Forget both cursors of an entity: the next sync reads it in full.
  Result<void> reset(ConnectionId connection, std::string_view entity);

 private:
  StoreContext ctx_;
};

}  // namespace accord::store
