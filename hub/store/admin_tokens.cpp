#include "store/admin_tokens.h"

#include <Poco/Base64Encoder.h>
#include <Poco/DigestEngine.h>
#include <Poco/RandomStream.h>
#include <Poco/SHA2Engine.h>

#include <sstream>

namespace accord::store {
namespace {

constexpr std::string_view kSelect =
    "SELECT t.id, t.name, t.org_id, o.slug, t.created_at, t.last_used_at FROM admin_tokens t "
    "LEFT JOIN organisations o ON o.id = t.org_id ";

AdminToken readToken(const Statement& st) {
  return AdminToken{st.columnInt(0), st.columnText(1), st.columnOptInt(2), st.columnOptText(3),
                    fromMillis(st.columnInt(4)), fromMillis(st.columnOptInt(5))};
}

std::string newSecret() {
  char bytes[32];
  Poco::RandomInputStream random;
  random.read(bytes, sizeof bytes);
  std::ostringstream out;
  Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
  encoder.rdbuf()->setLineLength(0);
  encoder.write(bytes, sizeof bytes);
  encoder.close();
  return "acc_" + out.str();
}

}  // namespace

std::string hashAdminToken(std::string_view token) {
  Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
  sha.update(token.data(), static_cast<unsigned>(token.size()));
  return Poco::DigestEngine::digestToHex(sha.digest());
}

Result<AdminTokens::Created> AdminTokens::create(std::string_view name, std::optional<OrgId> org) {
  if (name.empty()) return sdk::makeError(ErrorKind::permanent, "a token needs a name", "name");
  auto taken = firstRow<AdminToken>(ctx_.db.prepare(std::string(kSelect) + "WHERE t.name = ?1",
                                                    name),
                                    readToken);
  if (!taken) return taken.error();
  if (taken.value()) {
    return sdk::makeError(ErrorKind::permanent, "a token named '" + std::string(name) +
                                                    "' exists already (revoke it first)",
                          "name");
  }
  Created created;
  created.secret = newSecret();
  ACCORD_STORE_TRY(ctx_.db.run(
      "INSERT INTO admin_tokens (name, org_id, token_hash, created_at) VALUES (?1, ?2, ?3, ?4)",
      name, org, hashAdminToken(created.secret), ctx_.now()));
  auto row = firstRow<AdminToken>(
      ctx_.db.prepare(std::string(kSelect) + "WHERE t.id = ?1", ctx_.db.lastInsertId()), readToken);
  if (!row) return row.error();
  created.token = std::move(*row.value());
  return created;
}

Result<std::vector<AdminToken>> AdminTokens::list() {
  return collectRows<AdminToken>(ctx_.db.prepare(std::string(kSelect) + "ORDER BY t.name"),
                                 readToken);
}

Result<std::optional<AdminToken>> AdminTokens::verify(std::string_view secret) {
  auto found = firstRow<AdminToken>(
      ctx_.db.prepare(std::string(kSelect) + "WHERE t.token_hash = ?1", hashAdminToken(secret)),
      readToken);
  if (!found || !found.value()) return found;
  ACCORD_STORE_TRY(ctx_.db.run("UPDATE admin_tokens SET last_used_at = ?1 WHERE id = ?2",
                               ctx_.now(), found.value()->id));
  return found;
}

Result<void> AdminTokens::revoke(std::string_view name) {
  ACCORD_STORE_TRY(ctx_.db.run("DELETE FROM admin_tokens WHERE name = ?1", name));
  if (ctx_.db.changes() == 0) return notFound("no token '" + std::string(name) + "'");
  return {};
}

}  // namespace accord::store
