#include "store/connections.h"

#include <openssl/crypto.h>

#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

namespace accord::store {
namespace {

constexpr std::string_view kSelect =
    "SELECT c.id, c.org_id, o.slug, c.name, c.plugin, c.config, c.enabled, "
    "c.secrets IS NOT NULL, c.created_at, c.updated_at "
    "FROM connections c JOIN organisations o ON o.id = c.org_id ";

std::string secretsContext(ConnectionId id) { return "connection " + std::to_string(id); }

Connection readConnection(const Statement& st) {
  Connection c;
  c.id = st.columnInt(0);
  c.org_id = st.columnInt(1);
  c.org_slug = st.columnText(2);
  c.name = st.columnText(3);
  c.plugin = st.columnText(4);
  c.config_json = st.columnText(5);
  c.enabled = st.columnInt(6) != 0;
  c.has_secrets = st.columnInt(7) != 0;
  c.created_at = fromMillis(st.columnInt(8));
  c.updated_at = fromMillis(st.columnInt(9));
  return c;
}

Result<void> checkConfigJson(std::string_view json) {
  try {
    Poco::JSON::Parser parser;
    auto parsed = parser.parse(std::string(json));
    if (parsed.type() == typeid(Poco::JSON::Object::Ptr)) return {};
  } catch (const Poco::Exception&) {
  }
  return sdk::makeError(ErrorKind::invalid_config, "connection config must be a JSON object",
                        "config");
}

std::string encodeSecrets(const SecretMap& secrets) {
  Poco::JSON::Object object;
  for (const auto& [key, value] : secrets) object.set(key, value);
  std::ostringstream out;
  object.stringify(out);
  return out.str();
}

// Never echoes the content: it is secret even when malformed.
std::optional<SecretMap> decodeSecrets(const std::string& json) {
  try {
    Poco::JSON::Parser parser;
    auto object = parser.parse(json).extract<Poco::JSON::Object::Ptr>();
    SecretMap out;
    for (const auto& [key, value] : *object) {
      if (!value.isString()) return std::nullopt;
      out[key] = value.extract<std::string>();
    }
    return out;
  } catch (const Poco::Exception&) {
    return std::nullopt;
  }
}

void wipe(std::string& text) { OPENSSL_cleanse(text.data(), text.size()); }

Result<void> loadDirections(Database& db, Connection& c) {
  auto st = db.prepare("SELECT entity, pull, push FROM connection_entities WHERE connection_id = ?1",
                       c.id);
  if (!st) return st.error();
  for (;;) {
    auto row = st->step();
    if (!row) return row.error();
    if (!row.value()) return {};
    c.directions[st->columnText(0)] = EntityDirection{st->columnInt(1) != 0, st->columnInt(2) != 0};
  }
}

Result<std::vector<Connection>> query(Database& db, std::string_view where, const auto&... args) {
  auto st = db.prepare(std::string(kSelect) + std::string(where), args...);
  if (!st) return st.error();
  std::vector<Connection> out;
  for (;;) {
    auto row = st->step();
    if (!row) return row.error();
    if (!row.value()) break;
    out.push_back(readConnection(st.value()));
  }
  for (auto& c : out) ACCORD_STORE_TRY(loadDirections(db, c));
  return out;
}

}  // namespace

EntityDirection Connection::direction(const std::string& entity) const {
  auto it = directions.find(entity);
  return it == directions.end() ? EntityDirection{} : it->second;
}

Result<Connection> Connections::add(const NewConnection& spec, const SecretBox* box) {
  const std::string name = spec.name.empty() ? spec.plugin : spec.name;
  if (spec.plugin.empty()) {
    return sdk::makeError(ErrorKind::invalid_config, "connection plugin must not be empty", "plugin");
  }
  ACCORD_STORE_TRY(checkConfigJson(spec.config_json));
  if (!spec.secrets.empty() && box == nullptr) {
    return sdk::makeError(ErrorKind::invalid_config,
                          "connection '" + name + "' has secrets but no secret key is loaded");
  }
  auto tx = Transaction::begin(ctx_.db);
  if (!tx) return tx.error();
  auto existing = find(spec.org_id, name);
  if (!existing) return existing.error();
  if (existing.value()) {
    return sdk::makeError(ErrorKind::permanent,
                          "connection '" + existing.value()->label() + "' already exists", "name");
  }
  const std::int64_t now = ctx_.now();
  ACCORD_STORE_TRY(ctx_.db.run(
      "INSERT INTO connections (org_id, name, plugin, config, enabled, created_at, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
      spec.org_id, name, spec.plugin, spec.config_json, spec.enabled, now));
  const ConnectionId id = ctx_.db.lastInsertId();
  if (!spec.secrets.empty()) ACCORD_STORE_TRY(saveSecrets(id, spec.secrets, *box));
  for (const auto& [entity, direction] : spec.directions) {
    ACCORD_STORE_TRY(setDirection(id, entity, direction));
  }
  auto created = get(id);
  if (!created) return created.error();
  ACCORD_STORE_TRY(tx->commit());
  return created;
}

Result<std::vector<Connection>> Connections::list(std::optional<OrgId> org) {
  if (org) return query(ctx_.db, "WHERE c.org_id = ?1 ORDER BY c.name", *org);
  return query(ctx_.db, "ORDER BY o.slug, c.name");
}

Result<Connection> Connections::get(ConnectionId id) {
  auto found = query(ctx_.db, "WHERE c.id = ?1", id);
  if (!found) return found.error();
  if (found->empty()) return notFound("no connection with id " + std::to_string(id));
  return std::move(found->front());
}

Result<std::optional<Connection>> Connections::find(OrgId org, std::string_view name) {
  auto found = query(ctx_.db, "WHERE c.org_id = ?1 AND c.name = ?2", org, name);
  if (!found) return found.error();
  if (found->empty()) return std::optional<Connection>{};
  return std::optional<Connection>(std::move(found->front()));
}

Result<Connection> Connections::get(OrgId org, std::string_view name) {
  auto found = find(org, name);
  if (!found) return found.error();
  if (!found.value()) return notFound("no connection '" + std::string(name) + "'");
  return std::move(*found.value());
}

Result<void> Connections::touch(ConnectionId id, std::string_view set_clause, const auto& value) {
  ACCORD_STORE_TRY(ctx_.db.run("UPDATE connections SET " + std::string(set_clause) +
                                   ", updated_at = ?2 WHERE id = ?3",
                               value, ctx_.now(), id));
  if (ctx_.db.changes() == 0) return notFound("no connection with id " + std::to_string(id));
  return {};
}

Result<void> Connections::setEnabled(ConnectionId id, bool enabled) {
  return touch(id, "enabled = ?1", enabled);
}

Result<void> Connections::setConfig(ConnectionId id, std::string_view config_json) {
  ACCORD_STORE_TRY(checkConfigJson(config_json));
  return touch(id, "config = ?1", config_json);
}

Result<void> Connections::setDirection(ConnectionId id, std::string_view entity,
                                       EntityDirection direction) {
  return ctx_.db.run(
      "INSERT INTO connection_entities (connection_id, entity, pull, push) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (connection_id, entity) DO UPDATE SET pull = excluded.pull, push = excluded.push",
      id, entity, direction.pull, direction.push);
}

Result<void> Connections::remove(ConnectionId id) {
  ACCORD_STORE_TRY(ctx_.db.run("DELETE FROM connections WHERE id = ?1", id));
  if (ctx_.db.changes() == 0) return notFound("no connection with id " + std::to_string(id));
  return {};
}

Result<SecretMap> Connections::loadSecrets(ConnectionId id, const SecretBox& box) {
  auto conn = get(id);
  if (!conn) return conn.error();
  auto st = ctx_.db.prepare("SELECT secrets FROM connections WHERE id = ?1", id);
  if (!st) return st.error();
  auto row = st->step();
  if (!row) return row.error();
  if (st->isNull(0)) return SecretMap{};
  auto plain = box.open(st->columnText(0), secretsContext(id));
  if (!plain) {
    return sdk::makeError(ErrorKind::invalid_config, "connection '" + conn->label() +
                                                         "': cannot decrypt its secrets: " +
                                                         plain.error().message);
  }
  auto secrets = decodeSecrets(plain.value());
  wipe(plain.value());
  if (!secrets) {
    return sdk::makeError(ErrorKind::invalid_config,
                          "connection '" + conn->label() + "': its secrets are not a JSON object "
                                                           "of strings");
  }
  return std::move(*secrets);
}

Result<void> Connections::saveSecrets(ConnectionId id, const SecretMap& secrets,
                                      const SecretBox& box) {
  std::string plain = encodeSecrets(secrets);
  auto sealed = box.seal(plain, secretsContext(id));
  wipe(plain);
  if (!sealed) return sealed.error();
  auto st = ctx_.db.prepare("UPDATE connections SET secrets = ?1, updated_at = ?2 WHERE id = ?3");
  if (!st) return st.error();
  st->bindBlob(1, sealed.value()).bind(2, ctx_.now()).bind(3, id);
  ACCORD_STORE_TRY(st->run());
  if (ctx_.db.changes() == 0) return notFound("no connection with id " + std::to_string(id));
  return {};
}

Result<void> Connections::setSecret(ConnectionId id, std::string_view key,
                                    const std::optional<std::string>& value, const SecretBox& box) {
  auto tx = Transaction::begin(ctx_.db);
  if (!tx) return tx.error();
  auto secrets = loadSecrets(id, box);
  if (!secrets) return secrets.error();
  if (value) {
    secrets.value()[std::string(key)] = *value;
  } else {
    secrets->erase(std::string(key));
  }
  auto saved = saveSecrets(id, secrets.value(), box);
  for (auto& [k, v] : secrets.value()) wipe(v);
  ACCORD_STORE_TRY(saved);
  return tx->commit();
}

Result<int> Connections::rotateKey(const SecretBox& from, const SecretBox& to) {
  auto tx = Transaction::begin(ctx_.db);
  if (!tx) return tx.error();
  auto ids = collectRows<ConnectionId>(
      ctx_.db.prepare("SELECT id FROM connections WHERE secrets IS NOT NULL ORDER BY id"),
      [](const Statement& st) { return st.columnInt(0); });
  if (!ids) return ids.error();
  for (ConnectionId id : ids.value()) {
    auto secrets = loadSecrets(id, from);
    if (!secrets) return secrets.error();
    auto saved = saveSecrets(id, secrets.value(), to);
    for (auto& [k, v] : secrets.value()) wipe(v);
    ACCORD_STORE_TRY(saved);
  }
  ACCORD_STORE_TRY(tx->commit());
  return static_cast<int>(ids->size());
}

}  // namespace accord::store
