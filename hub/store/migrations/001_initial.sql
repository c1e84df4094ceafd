-- Accord store, schema 1. Times are INTEGER milliseconds since the Unix epoch (UTC); entity
-- names are the canonical ones ("person", "invoice"); JSON columns hold compact UTF-8 text.

-- A business whose apps Accord keeps in agreement. Everything else hangs off one.
CREATE TABLE organisations (
  id         INTEGER PRIMARY KEY,
  slug       TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

-- One app account of an organisation, served by one plugin.
CREATE TABLE connections (
  id         INTEGER PRIMARY KEY,
  org_id     INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  plugin     TEXT NOT NULL,
  config     TEXT NOT NULL DEFAULT '{}',  -- non-secret options, a JSON object
  secrets    BLOB,                        -- sealed JSON object (secret_box.h); never plaintext
  enabled    INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (org_id, name)
);

-- Which way each entity flows for a connection. No row: both ways.
CREATE TABLE connection_entities (
  connection_id INTEGER NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  entity        TEXT NOT NULL,
  pull          INTEGER NOT NULL CHECK (pull IN (0, 1)),
  push          INTEGER NOT NULL CHECK (push IN (0, 1)),
  PRIMARY KEY (connection_id, entity)
) WITHOUT ROWID;

-- The hub's own copy of every record: the current version only (history is in change_log).
CREATE TABLE records (
  id           TEXT PRIMARY KEY,  -- canonical id, chosen by the hub
  org_id       INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  entity       TEXT NOT NULL,
  version      INTEGER NOT NULL CHECK (version >= 1),
  content_hash TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('active', 'archived', 'deleted')),
  body         TEXT NOT NULL,     -- canonical JSON (sdk/model/codec.h)
  updated_at   INTEGER NOT NULL
);
CREATE INDEX records_by_org_entity ON records (org_id, entity, id);

-- Sync runs come before the tables that point at them.
CREATE TABLE sync_runs (
  id            INTEGER PRIMARY KEY,
  org_id        INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  connection_id INTEGER REFERENCES connections(id) ON DELETE CASCADE,  -- NULL: org-wide run
  trigger       TEXT NOT NULL,  -- "schedule", "webhook", "manual", ...
  status        TEXT NOT NULL DEFAULT 'running'
                CHECK (status IN ('running', 'succeeded', 'partial', 'failed', 'interrupted')),
  started_at    INTEGER NOT NULL,
  finished_at   INTEGER,
  pulled        INTEGER NOT NULL DEFAULT 0,
  created       INTEGER NOT NULL DEFAULT 0,
  updated       INTEGER NOT NULL DEFAULT 0,
  unchanged     INTEGER NOT NULL DEFAULT 0,
  pushed        INTEGER NOT NULL DEFAULT 0,
  conflicts     INTEGER NOT NULL DEFAULT 0,
  errors        INTEGER NOT NULL DEFAULT 0,
  error         TEXT  -- why the run as a whole failed
);
CREATE INDEX sync_runs_by_connection ON sync_runs (connection_id, started_at);

CREATE TABLE sync_run_errors (
  id          INTEGER PRIMARY KEY,
  run_id      INTEGER NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,
  entity      TEXT,
  external_id TEXT,
  record_id   TEXT,
  kind        TEXT NOT NULL,  -- sdk::ErrorKind name
  message     TEXT NOT NULL,
  at          INTEGER NOT NULL
);
CREATE INDEX sync_run_errors_by_run ON sync_run_errors (run_id);

-- Every version of every record, with where it came from. The push side reads it in seq order.
CREATE TABLE change_log (
  seq           INTEGER PRIMARY KEY AUTOINCREMENT,
  record_id     TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  version       INTEGER NOT NULL,
  org_id        INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  entity        TEXT NOT NULL,
  content_hash  TEXT NOT NULL,
  status        TEXT NOT NULL,
  body          TEXT NOT NULL,
  source_connection_id INTEGER REFERENCES connections(id) ON DELETE SET NULL,  -- NULL: a person
  run_id        INTEGER REFERENCES sync_runs(id) ON DELETE SET NULL,
  at            INTEGER NOT NULL,
  UNIQUE (record_id, version)
);
CREATE INDEX change_log_by_org ON change_log (org_id, seq);

-- Canonical id <-> (connection, entity, the app's id), with what was last exchanged.
CREATE TABLE id_map (
  id                INTEGER PRIMARY KEY,
  connection_id     INTEGER NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  entity            TEXT NOT NULL,
  external_id       TEXT NOT NULL,
  record_id         TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  last_pulled_hash  TEXT,
  last_pulled_at    INTEGER,
  last_pushed_hash  TEXT,
  last_pushed_at    INTEGER,
  remote_updated_at INTEGER,  -- the app's own modified time, last seen
  pull_opt_out      INTEGER NOT NULL DEFAULT 0 CHECK (pull_opt_out IN (0, 1)),
  push_opt_out      INTEGER NOT NULL DEFAULT 0 CHECK (push_opt_out IN (0, 1)),
  last_warning      TEXT,
  last_warning_at   INTEGER,
  last_error        TEXT,
  last_error_at     INTEGER,
  created_at        INTEGER NOT NULL,
  UNIQUE (connection_id, entity, external_id),
  UNIQUE (connection_id, record_id)
);
CREATE INDEX id_map_by_record ON id_map (record_id);

-- Where each connection is in each entity: the app's opaque pull cursor, and the change_log
-- seq pushed up to.
CREATE TABLE cursors (
  connection_id INTEGER NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  entity        TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('pull', 'push')),
  value         TEXT NOT NULL,
  updated_at    INTEGER NOT NULL,
  PRIMARY KEY (connection_id, entity, kind)
) WITHOUT ROWID;

-- A pulled record the matcher could not place on its own: waits for a person's decision.
CREATE TABLE match_issues (
  id                INTEGER PRIMARY KEY,
  org_id            INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  connection_id     INTEGER NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  entity            TEXT NOT NULL,
  external_id       TEXT NOT NULL,
  incoming          TEXT NOT NULL,  -- the pulled record, canonical JSON
  reason            TEXT NOT NULL,
  status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  decision          TEXT CHECK (decision IN ('link', 'create', 'ignore')),
  decided_record_id TEXT,
  decided_by        TEXT,
  decided_at        INTEGER,
  note              TEXT,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
);
CREATE UNIQUE INDEX match_issues_one_open
  ON match_issues (connection_id, entity, external_id) WHERE status = 'open';
CREATE INDEX match_issues_by_org ON match_issues (org_id, status);

CREATE TABLE match_candidates (
  issue_id  INTEGER NOT NULL REFERENCES match_issues(id) ON DELETE CASCADE,
  record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  score     REAL NOT NULL,
  reasons   TEXT NOT NULL DEFAULT '',  -- "same email; name differs"
  PRIMARY KEY (issue_id, record_id)
) WITHOUT ROWID;

-- A write to an app, recorded before the call so a crash mid-call is reconciled, not repeated.
CREATE TABLE push_intents (
  id              INTEGER PRIMARY KEY,
  connection_id   INTEGER NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  entity          TEXT NOT NULL,
  record_id       TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  operation       TEXT NOT NULL CHECK (operation IN ('create', 'update', 'archive', 'remove')),
  record_version  INTEGER NOT NULL,
  content_hash    TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,  -- the batch's key; one intent per record of the batch
  run_id          INTEGER REFERENCES sync_runs(id) ON DELETE SET NULL,
  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
  external_id     TEXT,
  error           TEXT,
  created_at      INTEGER NOT NULL,
  finished_at     INTEGER,
  UNIQUE (idempotency_key, record_id)
);
CREATE INDEX push_intents_by_state ON push_intents (connection_id, state);
