#include "store/oauth_states.h"

namespace accord::store {
namespace {

OAuthState readState(const Statement& st) {
  return OAuthState{st.columnInt(0), st.columnText(1), st.columnText(2),
                    fromMillis(st.columnInt(3))};
}

}  // namespace

Result<void> OAuthStates::put(ConnectionId id, std::string_view state,
                              std::string_view redirect_uri) {
  return ctx_.db.run(
      "INSERT INTO oauth_states (connection_id, state, redirect_uri, created_at) "
      "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (connection_id) DO UPDATE SET "
      "state = excluded.state, redirect_uri = excluded.redirect_uri, "
      "created_at = excluded.created_at",
      id, state, redirect_uri, ctx_.now());
}

Result<std::optional<OAuthState>> OAuthStates::find(ConnectionId id) {
  return firstRow<OAuthState>(
      ctx_.db.prepare("SELECT connection_id, state, redirect_uri, created_at FROM oauth_states "
                      "WHERE connection_id = ?1",
                      id),
      readState);
}

Result<std::optional<OAuthState>> OAuthStates::findByState(std::string_view state) {
  return firstRow<OAuthState>(
      ctx_.db.prepare("SELECT connection_id, state, redirect_uri, created_at FROM oauth_states "
                      "WHERE state = ?1",
                      state),
      readState);
}

Result<void> OAuthStates::remove(ConnectionId id) {
  return ctx_.db.run("DELETE FROM oauth_states WHERE connection_id = ?1", id);
}

}  // namespace accord::store
