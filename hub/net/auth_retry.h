// "auth_expired refreshes once, then retries", for plugin calls: the sync engine wraps a
// connector call so that an auth_expired answer renews the credential the call used (OAuth2
// token or session) once and runs the call once more. ManagedHttpClient does the same for a
// bare 401; this covers apps that say it in a body (vTiger's INVALID_SESSIONID in a 200).
//
//   auto page = callWithSession<sdk::Page>(sessions, [&](const std::string& session_id) {
//     secrets.set("session_id", session_id);
//     return connector.read(ctx, request);
//   });
#pragma once

#include <string>
#include <utility>

#include "accord/sdk/result.h"
#include "net/session_manager.h"
#include "net/token_manager.h"

namespace accord::net {

// `get()` gives the credential to use, `renew(rejected)` replaces a refused one (single flight:
// another caller's renewal counts), `call(credential)` is the plugin call. A second
// auth_expired, and any other error, is returned as it is.
template <typename T, typename Get, typename Renew, typename Call>
sdk::Result<T> callWithAuthRetry(Get&& get, Renew&& renew, Call&& call) {
  sdk::Result<std::string> credential = get();
  if (!credential.ok()) return credential.error();
  sdk::Result<T> result = call(credential.value());
  if (result.ok() || result.error().kind != sdk::ErrorKind::auth_expired) return result;
  sdk::Result<std::string> renewed = renew(credential.value());
  if (!renewed.ok()) return renewed.error();
  return call(renewed.value());
}

template <typename T, typename Call>
sdk::Result<T> callWithSession(SessionManager& sessions, Call&& call) {
  return callWithAuthRetry<T>(
      [&] { return sessions.session(); },
      [&](const std::string& rejected) { return sessions.relogin(rejected); },
      std::forward<Call>(call));
}

template <typename T, typename Call>
sdk::Result<T> callWithToken(TokenManager& tokens, Call&& call) {
  return callWithAuthRetry<T>(
      [&] { return tokens.accessToken(); },
      [&](const std::string& rejected) { return tokens.forceRefresh(rejected); },
      std::forward<Call>(call));
}

}  // namespace accord::net
