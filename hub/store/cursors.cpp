#include "store/cursors.h"

namespace accord::store {
namespace {
std::string_view kindName(CursorKind kind) { return kind == CursorKind::pull ? "pull" : "push"; }
}  // namespace

Result<std::optional<std::string>> Cursors::get(ConnectionId connection, std::string_view entity,
                                                CursorKind kind) {
  return firstRow<std::string>(
      ctx_.db.prepare(
          "SELECT value FROM cursors WHERE connection_id = ?1 AND entity = ?2 AND kind = ?3",
          connection, entity, kindName(kind)),
      [](const Statement& st) { return st.columnText(0); });
}

Result<void> Cursors::set(ConnectionId connection, std::string_view entity, std::string_view value,
                          CursorKind kind) {
  return ctx_.db.run(
      "INSERT INTO cursors (connection_id, entity, kind, value, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (connection_id, entity, kind) "
      "DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
      connection, entity, kindName(kind), value, ctx_.now());
}

Result<void> Cursors::reset(ConnectionId connection, std::string_view entity) {
  return ctx_.db.run("DELETE FROM cursors WHERE connection_id = ?1 AND entity = ?2", connection,
                     entity);
}

}  // namespace accord::store
