// Session logins (vTiger) for one connection: the same single flight as TokenManager. A session
// is obtained through the plugin's login(), persisted (so other processes and the next run
// reuse it), and replaced once when the app reports it gone (INVALID_SESSIONID,
// SESSION_EXPIRED -> auth_expired).
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "accord/sdk/connector.h"
#include "accord/sdk/host_context.h"
#include "net/credential_cache.h"

namespace accord::net {

struct SessionOptions {
  // Log in again when the session expires within this margin (when the app says when).
  std::chrono::milliseconds renew_margin{60'000};
};

// Thread-safe. The clock must outlive it; the callbacks must not call back into it. An empty
// persist function means sessions are kept in memory only.
class SessionManager {
 public:
  using LoginFn = std::function<sdk::Result<sdk::Session>()>;
  using PersistFn = std::function<sdk::Result<void>(const sdk::Session& session)>;

  // `initial` may be empty (no id): the first session() logs in.
  SessionManager(sdk::Session initial, const sdk::Clock& clock, LoginFn login,
                 PersistFn persist = {}, SessionOptions options = {});

  // The id of a live session, logging in first when there is none or it is about to expire.
  sdk::Result<std::string> session();

  // The app refused `rejected`: log in again unless another caller already did. The caller
  // retries its call once with the returned id.
  sdk::Result<std::string> relogin(const std::string& rejected);

  // A login the app refused (invalid_config, auth_expired) is returned to every later caller
  // without trying again (repeated bad logins can lock an account) until the config is fixed
  // and this is called with an empty or known-good session.
  void replace(sdk::Session session) { cache_.replace(std::move(session)); }

  sdk::Session current() const { return cache_.current(); }

 private:
  const sdk::Clock& clock_;
  SessionOptions options_;
  CredentialCache<sdk::Session> cache_;
};

}  // namespace accord::net
