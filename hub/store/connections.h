// Connections: one app account of an organisation, served by one plugin, with its non-secret
// config (JSON), its secrets (sealed, see secret_box.h), an enabled flag and which way each
// entity flows.
//
// Secrets are one JSON object of string values (config options declared secret, and the auth
// state the hub keeps: "access_token", "refresh_token", "session_id"...), sealed as a whole with
// the context "connection <id>" so a sealed blob copied to another row is refused. They are
// decrypted only on demand (loadSecrets) and never appear in errors.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/common.h"
#include "store/secret_box.h"

namespace accord::store {

using SecretMap = std::map<std::string, std::string>;

struct EntityDirection {
  bool pull = true;
  bool push = true;
  friend bool operator==(const EntityDirection&, const EntityDirection&) = default;
};

struct Connection {
  ConnectionId id = 0;
  OrgId org_id = 0;
  std::string org_slug;
  std::string name;    // unique within the organisation; defaults to the plugin name
  std::string plugin;  // plugin id, "xero"
  std::string config_json = "{}";
  bool enabled = true;
  bool has_secrets = false;
  std::map<std::string, EntityDirection> directions;  // entity -> direction; absent: both ways
  sdk::Timestamp created_at;
  sdk::Timestamp updated_at;

  std::string label() const { return org_slug + "/" + name; }  // "acme/xero", for messages
  // Whether a message already names this connection ("connection 'acme/xero'" or "organisation
  // 'acme', connection 'xero'"): an error passes up through the store, the runtime and the
  // engine, and each layer names the connection only where no lower one did.
  bool namedIn(std::string_view message) const {
    return message.find("connection '" + label() + "'") != std::string_view::npos ||
           message.find("organisation '" + org_slug + "', connection '" + name + "'") !=
               std::string_view::npos;
  }
  EntityDirection direction(const std::string& entity) const;
};

struct NewConnection {
  OrgId org_id = 0;
  std::string plugin;
  std::string name;  // empty: the plugin name
  std::string config_json = "{}";  // must be a JSON object
  SecretMap secrets;  // sealed before they reach the database; needs a SecretBox when non-empty
  bool enabled = true;
  std::map<std::string, EntityDirection> directions;
};

class Connections {
 public:
  explicit Connections(StoreContext ctx) : ctx_(ctx) {}

  Result<Connection> add(const NewConnection& spec, const SecretBox* box);
  Result<std::vector<Connection>> list(std::optional<OrgId> org = std::nullopt);
  Result<Connection> get(ConnectionId id);
  Result<std::optional<Connection>> find(OrgId org, std::string_view name);
  Result<Connection> get(OrgId org, std::string_view name);

  Result<void> setEnabled(ConnectionId id, bool enabled);
  Result<void> setConfig(ConnectionId id, std::string_view config_json);
  Result<void> setDirection(ConnectionId id, std::string_view entity, EntityDirection direction);
  // Deletes the connection with its id map, cursors, issues and runs; canonical records and
  // their history stay (the change log forgets the source).
  Result<void> remove(ConnectionId id);

  // Errors name the connection: wrong key, altered value, malformed content.
  Result<SecretMap> loadSecrets(ConnectionId id, const SecretBox& box);
  // Replaces all secrets.
  Result<void> saveSecrets(ConnectionId id, const SecretMap& secrets, const SecretBox& box);
  // Sets (or, with nullopt, erases) one secret and keeps the others: token refreshes.
  Result<void> setSecret(ConnectionId id, std::string_view key,
                         const std::optional<std::string>& value, const SecretBox& box);
  // Key rotation: re-seals every connection's secrets from `from` to `to` in one transaction
  // (all or none). Returns how many connections were re-sealed.
  Result<int> rotateKey(const SecretBox& from, const SecretBox& to);

 private:
  Result<void> touch(ConnectionId id, std::string_view sql, const auto& value);
  StoreContext ctx_;
};

}  // namespace accord::store
