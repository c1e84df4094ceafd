#include "store/match_issues.h"

namespace accord::store {
namespace {

constexpr std::string_view kColumns =
    "id, org_id, connection_id, entity, external_id, incoming, reason, status = 'open', decision, "
    "decided_record_id, decided_by, decided_at, note, created_at, updated_at";

MatchIssue readIssue(const Statement& st) {
  MatchIssue m;
  m.id = st.columnInt(0);
  m.org_id = st.columnInt(1);
  m.connection_id = st.columnInt(2);
  m.entity = st.columnText(3);
  m.external_id = st.columnText(4);
  m.incoming_json = st.columnText(5);
  m.reason = st.columnText(6);
  m.open = st.columnInt(7) != 0;
  m.decision = st.columnOptText(8);
  m.decided_record_id = st.columnOptText(9);
  m.decided_by = st.columnOptText(10);
  m.decided_at = fromMillis(st.columnOptInt(11));
  m.note = st.columnOptText(12);
  m.created_at = fromMillis(st.columnInt(13));
  m.updated_at = fromMillis(st.columnInt(14));
  return m;
}

}  // namespace

std::string_view toString(MatchDecision decision) noexcept {
  switch (decision) {
    case MatchDecision::link: return "link";
    case MatchDecision::create: return "create";
    case MatchDecision::ignore: return "ignore";
  }
  return "ignore";
}

Result<IssueId> MatchIssues::open(const NewMatchIssue& in) {
  auto tx = Transaction::begin(ctx_.db);
  if (!tx) return tx.error();
  const std::int64_t now = ctx_.now();
  ACCORD_STORE_TRY(ctx_.db.run(
      "INSERT INTO match_issues (org_id, connection_id, entity, external_id, incoming, reason, "
      "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) "
      "ON CONFLICT (connection_id, entity, external_id) WHERE status = 'open' DO UPDATE SET "
      "incoming = excluded.incoming, reason = excluded.reason, updated_at = excluded.updated_at",
      in.org_id, in.connection_id, in.entity, in.external_id, in.incoming_json, in.reason, now));
  auto id = firstRow<IssueId>(
      ctx_.db.prepare("SELECT id FROM match_issues WHERE connection_id = ?1 AND entity = ?2 AND "
                      "external_id = ?3 AND status = 'open'",
                      in.connection_id, in.entity, in.external_id),
      [](const Statement& st) { return st.columnInt(0); });
  if (!id) return id.error();
  ACCORD_STORE_TRY(ctx_.db.run("DELETE FROM match_candidates WHERE issue_id = ?1", *id.value()));
  for (const auto& c : in.candidates) {
    ACCORD_STORE_TRY(ctx_.db.run(
        "INSERT INTO match_candidates (issue_id, record_id, score, reasons) VALUES (?1, ?2, ?3, ?4)",
        *id.value(), c.record_id, c.score, c.reasons));
  }
  ACCORD_STORE_TRY(tx->commit());
  return *id.value();
}

Result<void> MatchIssues::loadCandidates(MatchIssue& issue) {
  auto candidates = collectRows<MatchCandidate>(
      ctx_.db.prepare("SELECT record_id, score, reasons FROM match_candidates WHERE issue_id = ?1 "
                      "ORDER BY score DESC, record_id",
                      issue.id),
      [](const Statement& st) {
        return MatchCandidate{st.columnText(0), st.columnDouble(1), st.columnText(2)};
      });
  if (!candidates) return candidates.error();
  issue.candidates = std::move(candidates.value());
  return {};
}

Result<MatchIssue> MatchIssues::get(IssueId id) {
  auto found = firstRow<MatchIssue>(
      ctx_.db.prepare("SELECT " + std::string(kColumns) + " FROM match_issues WHERE id = ?1", id),
      readIssue);
  if (!found) return found.error();
  if (!found.value()) return notFound("no match issue " + std::to_string(id));
  ACCORD_STORE_TRY(loadCandidates(*found.value()));
  return std::move(*found.value());
}

Result<std::vector<MatchIssue>> MatchIssues::list(OrgId org, bool include_resolved) {
  auto issues = collectRows<MatchIssue>(
      ctx_.db.prepare("SELECT " + std::string(kColumns) +
                          " FROM match_issues WHERE org_id = ?1 AND (?2 OR status = 'open') "
                          "ORDER BY created_at, id",
                      org, include_resolved),
      readIssue);
  if (!issues) return issues;
  for (auto& issue : issues.value()) ACCORD_STORE_TRY(loadCandidates(issue));
  return issues;
}

Result<void> MatchIssues::resolve(IssueId id, MatchDecision decision,
                                  std::string_view decided_record_id, std::string_view decided_by,
                                  std::string_view note) {
  if (decided_by.empty()) {
    return sdk::makeError(ErrorKind::permanent, "a match decision must name who made it",
                          "decided_by");
  }
  if (decision != MatchDecision::ignore && decided_record_id.empty()) {
    return sdk::makeError(ErrorKind::permanent,
                          "a '" + std::string(toString(decision)) + "' decision needs a record",
                          "record_id");
  }
  const std::optional<std::string> record =
      decided_record_id.empty() ? std::nullopt : std::optional<std::string>(decided_record_id);
  const std::optional<std::string> note_value =
      note.empty() ? std::nullopt : std::optional<std::string>(note);
  ACCORD_STORE_TRY(ctx_.db.run(
      "UPDATE match_issues SET status = 'resolved', decision = ?2, decided_record_id = ?3, "
      "decided_by = ?4, decided_at = ?5, note = ?6, updated_at = ?5 "
      "WHERE id = ?1 AND status = 'open'",
      id, toString(decision), record, decided_by, ctx_.now(), note_value));
  if (ctx_.db.changes() == 0) {
    return sdk::makeError(ErrorKind::permanent,
                          "match issue " + std::to_string(id) + " does not exist or is resolved");
  }
  return {};
}

}  // namespace accord::store
