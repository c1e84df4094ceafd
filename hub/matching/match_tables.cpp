#include "matching/match_tables.h"

namespace accord::matching {
namespace {

Decision readDecision(const store::Statement& st) {
  Decision d;
  d.id = st.columnInt(0);
  d.org_id = st.columnInt(1);
  d.action = st.columnText(2);
  d.issue_id = st.columnOptInt(3);
  d.record_id = st.columnOptText(4);
  d.connection_id = st.columnOptInt(5);
  d.external_id = st.columnOptText(6);
  d.detail = st.columnText(7);
  d.decided_by = st.columnText(8);
  d.decided_at = store::fromMillis(st.columnInt(9));
  return d;
}

}  // namespace

Result<MatchSettings> MatchTables::settings(store::OrgId org) {
  MatchSettings out;
  auto rows = store::collectRows<std::pair<std::string, std::string>>(
      store_.db().prepare("SELECT name, value FROM match_settings WHERE org_id = ?1 ORDER BY name",
                          org),
      [](const store::Statement& st) { return std::pair(st.columnText(0), st.columnText(1)); });
  if (!rows) return rows.error();
  for (const auto& [name, value] : rows.value()) {
    // A setting a newer Accord wrote (or a hand edit) is refused by name, not ignored.
    if (auto applied = out.set(name, value); !applied) return applied.error();
  }
  return out;
}

Result<void> MatchTables::setSetting(store::OrgId org, std::string_view name,
                                     std::string_view value, std::string_view by) {
  MatchSettings check;
  if (auto valid = check.set(name, value); !valid) return valid.error();
  auto tx = store_.transaction();
  if (!tx) return tx.error();
  const auto now = store::nowMillis(store_.clock());
  ACCORD_STORE_TRY(store_.db().run(
      "INSERT INTO match_settings (org_id, name, value, updated_by, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (org_id, name) DO UPDATE SET "
      "value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
      org, name, value, by, now));
  Decision d;
  d.org_id = org;
  d.action = "settings";
  d.detail = std::string(name) + " = " + std::string(value);
  d.decided_by = std::string(by);
  ACCORD_STORE_TRY(log(d));
  return tx->commit();
}

Result<std::int64_t> MatchTables::log(const Decision& d) {
  if (d.decided_by.empty()) {
    return sdk::makeError(ErrorKind::permanent, "a decision must name who made it", "decided_by");
  }
  ACCORD_STORE_TRY(store_.db().run(
      "INSERT INTO match_decisions (org_id, action, issue_id, record_id, connection_id, "
      "external_id, detail, decided_by, decided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
      d.org_id, d.action, d.issue_id, d.record_id, d.connection_id, d.external_id, d.detail,
      d.decided_by, store::nowMillis(store_.clock())));
  return store_.db().lastInsertId();
}

Result<std::vector<Decision>> MatchTables::decisions(store::OrgId org, int limit) {
  return store::collectRows<Decision>(
      store_.db().prepare("SELECT id, org_id, action, issue_id, record_id, connection_id, "
                          "external_id, detail, decided_by, decided_at FROM match_decisions "
                          "WHERE org_id = ?1 ORDER BY id DESC LIMIT ?2",
                          org, limit),
      readDecision);
}

Result<void> MatchTables::markUnsynced(store::OrgId org, std::string_view record_id,
                                       std::string_view by, std::string_view note) {
  return store_.db().run(
      "INSERT INTO match_unsynced (record_id, org_id, note, by_whom, at) VALUES (?1, ?2, ?3, ?4, "
      "?5) ON CONFLICT (record_id) DO UPDATE SET note = excluded.note, by_whom = excluded.by_whom, "
      "at = excluded.at",
      record_id, org, note, by, store::nowMillis(store_.clock()));
}

Result<void> MatchTables::clearUnsynced(std::string_view record_id) {
  return store_.db().run("DELETE FROM match_unsynced WHERE record_id = ?1", record_id);
}

Result<bool> MatchTables::isUnsynced(std::string_view record_id) {
  auto row = store::firstRow<int>(
      store_.db().prepare("SELECT 1 FROM match_unsynced WHERE record_id = ?1", record_id),
      [](const store::Statement&) { return 1; });
  if (!row) return row.error();
  return row->has_value();
}

Result<std::vector<UnsyncedRecord>> MatchTables::unsynced(store::OrgId org) {
  return store::collectRows<UnsyncedRecord>(
      store_.db().prepare("SELECT u.record_id, r.entity, u.note, u.by_whom, u.at FROM "
                          "match_unsynced u JOIN records r ON r.id = u.record_id "
                          "WHERE u.org_id = ?1 ORDER BY u.at, u.record_id",
                          org),
      [](const store::Statement& st) {
        return UnsyncedRecord{st.columnText(0), st.columnText(1), st.columnText(2),
                              st.columnText(3), store::fromMillis(st.columnInt(4))};
      });
}

Result<bool> MatchTables::heldFor(store::ConnectionId connection, std::string_view record_id) {
  auto row = store::firstRow<int>(
      store_.db().prepare(
          "SELECT 1 FROM match_candidates c JOIN match_issues i ON i.id = c.issue_id "
          "WHERE c.record_id = ?2 AND i.connection_id = ?1 AND i.status = 'open' "
          "UNION ALL SELECT 1 FROM match_unsynced WHERE record_id = ?2 LIMIT 1",
          connection, record_id),
      [](const store::Statement&) { return 1; });
  if (!row) return row.error();
  return row->has_value();
}

Result<std::optional<store::IssueId>> MatchTables::openIssue(const store::ExternalKey& key) {
  return store::firstRow<store::IssueId>(
      store_.db().prepare("SELECT id FROM match_issues WHERE connection_id = ?1 AND entity = ?2 "
                          "AND external_id = ?3 AND status = 'open'",
                          key.connection_id, key.entity, key.external_id),
      [](const store::Statement& st) { return st.columnInt(0); });
}

}  // namespace accord::matching
