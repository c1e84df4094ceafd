#include "net/session_manager.h"

#include <utility>

namespace accord::net {

SessionManager::SessionManager(sdk::Session initial, const sdk::Clock& clock, LoginFn login,
                               PersistFn persist, SessionOptions options)
    : clock_(clock),
      options_(options),
      cache_(
          std::move(initial),
          [login = std::move(login)](const sdk::Session&) -> sdk::Result<sdk::Session> {
            auto fresh = login();
            if (fresh.ok() && fresh->id.empty()) {
              return sdk::makeError(sdk::ErrorKind::plugin_bug, "login returned no session id",
                                    "session_id");
            }
            return fresh;
          },
          std::move(persist)) {}

sdk::Result<std::string> SessionManager::session() {
  auto s = cache_.get([this](const sdk::Session& current) {
    if (current.id.empty()) return true;
    if (!current.expires_at) return false;
    return current.expires_at->timePoint() - options_.renew_margin <= clock_.now();
  });
  if (!s.ok()) return s.error();
  return s->id;
}

sdk::Result<std::string> SessionManager::relogin(const std::string& rejected) {
  auto s = cache_.get([&rejected](const sdk::Session& current) {
    return current.id.empty() || current.id == rejected;
  });
  if (!s.ok()) return s.error();
  return s->id;
}

}  // namespace accord::net
