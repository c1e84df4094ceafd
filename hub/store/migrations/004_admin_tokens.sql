-- Admin API tokens (`accord token create`, docs/operating.md): only a SHA-256 hash of each token
-- is kept, so a copy of the store gives no access. org_id NULL: the token sees every
-- organisation; otherwise that one only, and it goes with its organisation.
CREATE TABLE admin_tokens (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL UNIQUE,
  org_id       INTEGER REFERENCES organisations(id) ON DELETE CASCADE,
  token_hash   TEXT NOT NULL UNIQUE,
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER
);
