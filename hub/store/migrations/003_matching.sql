-- Matching (hub/matching, docs/matching.md): each organisation's match settings, the records an
-- admin stopped syncing, and every review decision with who made it and when.

-- One row per setting that differs from the defaults ("organization.keys", "email.plus_tags").
CREATE TABLE match_settings (
  org_id     INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  value      TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (org_id, name)
) WITHOUT ROWID;

-- Records taken out of syncing both ways (`accord matches unsync`): their links are opted out
-- each way and the matcher never offers them as candidates.
CREATE TABLE match_unsynced (
  record_id TEXT PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,
  org_id    INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  note      TEXT NOT NULL DEFAULT '',
  by_whom   TEXT NOT NULL,
  at        INTEGER NOT NULL
);
CREATE INDEX match_unsynced_by_org ON match_unsynced (org_id);

-- Every decision: review outcomes, unsync/resync, one-way pushes, settings changes, and links
-- the matcher made on its own when an open issue resolved itself.
CREATE TABLE match_decisions (
  id            INTEGER PRIMARY KEY,
  org_id        INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  action        TEXT NOT NULL,
  issue_id      INTEGER REFERENCES match_issues(id) ON DELETE SET NULL,
  record_id     TEXT,
  connection_id INTEGER REFERENCES connections(id) ON DELETE SET NULL,
  external_id   TEXT,
  detail        TEXT NOT NULL DEFAULT '',
  decided_by    TEXT NOT NULL,
  decided_at    INTEGER NOT NULL
);
CREATE INDEX match_decisions_by_org ON match_decisions (org_id, id);
