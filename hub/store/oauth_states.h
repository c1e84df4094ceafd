// OAuth2 consents in progress: `accord connection authorize` keeps the random state it put in
// the consent URL, `accord connection complete` checks the state the app sent back against it
// (a code obtained for another request is refused) and then forgets it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "store/common.h"

namespace accord::store {

struct OAuthState {
  ConnectionId connection_id = 0;
  std::string state;
  std::string redirect_uri;
  sdk::Timestamp created_at;
};

class OAuthStates {
 public:
  explicit OAuthStates(StoreContext ctx) : ctx_(ctx) {}

  // Replaces any consent in progress for the connection.
  Result<void> put(ConnectionId id, std::string_view state, std::string_view redirect_uri);
  Result<std::optional<OAuthState>> find(ConnectionId id);
  // The consent a redirect's state belongs to (the service's OAuth callback has only that).
  Result<std::optional<OAuthState>> findByState(std::string_view state);
  Result<void> remove(ConnectionId id);

 private:
  StoreContext ctx_;
};

}  // namespace accord::store
