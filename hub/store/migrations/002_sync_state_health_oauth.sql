-- Accord store, schema 2: the sync engine's own state, connection health and OAuth2 consent.

-- The sync engine's per-link and per-record state (docs/sync.md). Until schema 2 the engine
-- created these itself, so a database it already used has them: IF NOT EXISTS keeps them.
-- The last canonical body a connection and the hub agreed on, canonical ids in its Refs.
CREATE TABLE IF NOT EXISTS sync_link_bases (
  connection_id INTEGER NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  record_id     TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  body          TEXT NOT NULL,
  PRIMARY KEY (connection_id, record_id)
);
-- Per record and top-level field: the source's modified time of the change that set it.
CREATE TABLE IF NOT EXISTS sync_field_times (
  record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  field     TEXT NOT NULL,
  at_ms     INTEGER NOT NULL,
  PRIMARY KEY (record_id, field)
);

-- A connection's health across runs (store/connection_status.h). No row: healthy.
CREATE TABLE connection_status (
  connection_id        INTEGER PRIMARY KEY REFERENCES connections(id) ON DELETE CASCADE,
  state                TEXT NOT NULL CHECK (state IN ('healthy', 'backing_off', 'recovery')),
  consecutive_failures INTEGER NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
  retry_at             INTEGER,  -- not before this
  last_success_at      INTEGER,
  last_failure_at      INTEGER,
  last_error           TEXT NOT NULL DEFAULT '',
  updated_at           INTEGER NOT NULL
);

-- An OAuth2 consent in progress: the random state sent to the app's authorize page, checked
-- when the admin brings the code back. One per connection; a new authorize replaces it.
CREATE TABLE oauth_states (
  connection_id INTEGER PRIMARY KEY REFERENCES connections(id) ON DELETE CASCADE,
  state         TEXT NOT NULL,
  redirect_uri  TEXT NOT NULL,
  created_at    INTEGER NOT NULL
);
