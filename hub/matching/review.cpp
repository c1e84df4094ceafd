// Decisions on match issues: confirm, separate, ignore, and matching a held record again.
#include "matching/review.h"

#include "accord/sdk/model/codec.h"
#include "matching/candidates.h"
#include "store/record_codec.h"
#include "sync/fields.h"
#include "sync/sync_state.h"

namespace accord::matching {
namespace {

Error refused(std::string message) {
  return sdk::makeError(ErrorKind::permanent, std::move(message));
}

std::string issueName(const store::MatchIssue& issue) {
  return "match issue " + std::to_string(issue.id);
}

store::ExternalKey keyOf(const store::MatchIssue& issue) {
  return {issue.connection_id, issue.entity, issue.external_id};
}

// As the pull does for a record it has just matched: the app's values, except where it has
// none and the hub has one (hub/sync/pull.cpp withoutBlanks).
model::Record withoutBlanks(const model::Record& incoming, const model::Record& current) {
  model::Record out = incoming;
  for (const std::string& field : sync::fieldNames(model::typeOf(incoming))) {
    if (sync::isDefaultField(out, field) && !sync::isDefaultField(current, field)) {
      sync::copyField(current, out, field);
    }
  }
  return out;
}

Result<model::Record> heldRecord(const store::MatchIssue& issue) {
  auto record = model::fromJson(issue.incoming_json);
  if (!record) return refused(issueName(issue) + ": the held record does not parse: " +
                              record.error().message);
  return record;
}

Result<std::pair<model::Record, std::int64_t>> loadRecord(store::Store& store,
                                                          const std::string& id) {
  auto stored = store.records().get(id);
  if (!stored) return stored.error();
  auto record = store::toModelRecord(stored.value());
  if (!record) return record.error();
  return std::pair(std::move(record.value()), stored->version);
}

// Every field of `record` timed `at`, so the decision is not undone by an older app change.
Result<void> timeEveryField(sync::SyncState& state, const model::Record& record,
                            std::int64_t at) {
  sync::FieldTimes times;
  for (const std::string& field : sync::fieldNames(model::typeOf(record))) times[field] = at;
  return state.setFieldTimes(model::metaOf(record).id, times);
}

}  // namespace

std::optional<Side> sideFromString(std::string_view text) noexcept {
  if (text == "incoming") return Side::incoming;
  if (text == "existing") return Side::existing;
  return std::nullopt;
}

Result<void> Review::decided(const Decision& decision) {
  Decision d = decision;
  d.decided_by = by_;
  auto logged = MatchTables(store_).log(d);
  if (!logged) return logged.error();
  return {};
}

Result<store::MatchIssue> Review::openIssue(store::IssueId id) {
  if (by_.empty()) return refused("a decision must name who made it (--by or $USER)");
  auto issue = store_.matchIssues().get(id);
  if (!issue) return issue.error();
  if (!issue->open) {
    return refused(issueName(issue.value()) + " was decided already (" +
                   issue->decision.value_or("?") + " by " + issue->decided_by.value_or("?") + ")");
  }
  return issue;
}

Result<store::RecordId> Review::chooseCandidate(const store::MatchIssue& issue,
                                                std::string_view chosen) {
  if (!chosen.empty()) {
    auto stored = store_.records().find(chosen);
    if (!stored) return stored.error();
    if (!stored.value() || stored.value()->org_id != issue.org_id ||
        stored.value()->entity != issue.entity) {
      return refused(issueName(issue) + ": no " + issue.entity + " '" + std::string(chosen) +
                     "' in this organisation");
    }
    return std::string(chosen);
  }
  if (issue.candidates.size() == 1) return issue.candidates.front().record_id;
  std::string ids;
  for (const auto& c : issue.candidates) ids += (ids.empty() ? "" : ", ") + c.record_id;
  return refused(issueName(issue) + " has " + std::to_string(issue.candidates.size()) +
                 " candidates: choose one with --record (" + ids + ")");
}

// Links the held app record to `record_id`: its link (or the placeholder that stood in for
// it) moves there, and what the app holds becomes the link's base.
Result<void> Review::linkHeld(const store::MatchIssue& issue, const model::Record& incoming,
                              const store::RecordId& record_id) {
  const store::ExternalKey key = keyOf(issue);
  auto link = store_.idMap().byExternal(key);
  if (!link) return link.error();
  if (link.value()) {
    const std::string placeholder = link.value()->record_id;
    auto unfilled = isUnfilledPlaceholder(store_, placeholder);
    if (!unfilled) return unfilled.error();
    if (!unfilled.value()) {
      return refused(issueName(issue) + ": " + key.describe() + " is linked to record '" +
                     placeholder + "' already");
    }
    ACCORD_STORE_TRY(store_.idMap().unlink(key));
    auto referring = findReferencing(store_, issue.org_id, placeholder);
    if (!referring) return referring.error();
    ACCORD_STORE_TRY(replacePlaceholder(store_, issue.org_id, referring.value(),
                                        {placeholder, record_id, std::nullopt, std::nullopt}));
  }
  auto linked = store_.idMap().link(key, record_id);
  if (!linked) return linked.error();
  ACCORD_STORE_TRY(store_.idMap().markPulled(key, model::contentHash(incoming),
                                             model::metaOf(incoming).updated_at));
  model::Record base = incoming;
  model::metaOf(base).id = record_id;
  return sync::SyncState(store_.db()).setBase(issue.connection_id, record_id, base);
}

Result<store::RecordId> Review::confirm(store::IssueId id, Side keep, std::string_view chosen) {
  auto issue = openIssue(id);
  if (!issue) return issue.error();
  auto record_id = chooseCandidate(issue.value(), chosen);
  if (!record_id) return record_id.error();
  auto incoming = heldRecord(issue.value());
  if (!incoming) return incoming.error();
  auto tx = store_.transaction();
  if (!tx) return tx.error();
  auto current = loadRecord(store_, record_id.value());
  if (!current) return current.error();
  if (keep == Side::incoming) {
    model::Record merged = withoutBlanks(incoming.value(), current->first);
    model::metaOf(merged) = model::metaOf(current->first);
    model::metaOf(merged).status = model::metaOf(incoming.value()).status;
    store::RecordPut put = store::toRecordPut(merged, issue->org_id);
    put.expected_version = current->second;
    auto written = store_.records().put(put);
    if (!written) return written.error();
    sync::SyncState state(store_.db());
    ACCORD_STORE_TRY(timeEveryField(state, merged, store::nowMillis(store_.clock())));
  }
  ACCORD_STORE_TRY(linkHeld(issue.value(), incoming.value(), record_id.value()));
  if (keep == Side::existing) {
    ACCORD_STORE_TRY(offerToApp(issue->connection_id, issue->entity, record_id.value()));
  }
  const std::string detail = keep == Side::incoming ? "kept incoming" : "kept existing";
  ACCORD_STORE_TRY(store_.matchIssues().resolve(id, store::MatchDecision::link, record_id.value(),
                                                by_, detail));
  ACCORD_STORE_TRY(decided({0, issue->org_id, "confirm", id, record_id.value(),
                            issue->connection_id, issue->external_id, detail, {}, {}}));
  ACCORD_STORE_TRY(tx->commit());
  return record_id;
}

// A new canonical record from the held one (or the placeholder that stood in for it, filled).
Result<store::RecordId> Review::createFrom(const store::MatchIssue& issue,
                                           const model::Record& incoming) {
  const store::ExternalKey key = keyOf(issue);
  auto link = store_.idMap().byExternal(key);
  if (!link) return link.error();
  model::Record record = incoming;
  std::int64_t version = 0;
  if (link.value()) {
    auto unfilled = isUnfilledPlaceholder(store_, link.value()->record_id);
    if (!unfilled) return unfilled.error();
    if (!unfilled.value()) {
      return refused(issueName(issue) + ": " + key.describe() + " is linked to record '" +
                     link.value()->record_id + "' already");
    }
    auto placeholder = store_.records().get(link.value()->record_id);
    if (!placeholder) return placeholder.error();
    version = placeholder->version;
    model::metaOf(record).id = placeholder->id;
  }
  store::RecordPut put = store::toRecordPut(record, issue.org_id);
  put.expected_version = version;
  auto written = store_.records().put(put);
  if (!written) return written.error();
  model::metaOf(record).id = written->id;
  if (!link.value()) {
    auto linked = store_.idMap().link(key, written->id);
    if (!linked) return linked.error();
  }
  ACCORD_STORE_TRY(store_.idMap().markPulled(key, model::contentHash(incoming),
                                             model::metaOf(incoming).updated_at));
  sync::SyncState state(store_.db());
  ACCORD_STORE_TRY(state.setBase(issue.connection_id, written->id, record));
  const auto at = model::metaOf(incoming).updated_at;
  ACCORD_STORE_TRY(timeEveryField(state, record, at ? at->epochMillis()
                                                    : store::nowMillis(store_.clock())));
  return written->id;
}

Result<store::RecordId> Review::separate(store::IssueId id) {
  auto issue = openIssue(id);
  if (!issue) return issue.error();
  auto incoming = heldRecord(issue.value());
  if (!incoming) return incoming.error();
  auto tx = store_.transaction();
  if (!tx) return tx.error();
  auto created = createFrom(issue.value(), incoming.value());
  if (!created) return created.error();
  ACCORD_STORE_TRY(store_.matchIssues().resolve(id, store::MatchDecision::create, created.value(),
                                                by_, "a separate record"));
  ACCORD_STORE_TRY(decided({0, issue->org_id, "separate", id, created.value(),
                            issue->connection_id, issue->external_id, "a new record", {}, {}}));
  ACCORD_STORE_TRY(tx->commit());
  return created;
}

Result<void> Review::ignore(store::IssueId id) {
  auto issue = openIssue(id);
  if (!issue) return issue.error();
  auto tx = store_.transaction();
  if (!tx) return tx.error();
  ACCORD_STORE_TRY(store_.matchIssues().resolve(id, store::MatchDecision::ignore, "", by_));
  ACCORD_STORE_TRY(decided({0, issue->org_id, "ignore", id, std::nullopt, issue->connection_id,
                            issue->external_id, "", {}, {}}));
  return tx->commit();
}

Result<ResyncOutcome> Review::resyncIssue(store::IssueId id) {
  if (by_.empty()) return refused("a decision must name who made it (--by or $USER)");
  auto issue = store_.matchIssues().get(id);
  if (!issue) return issue.error();
  auto incoming = heldRecord(issue.value());
  if (!incoming) return incoming.error();
  auto settings = MatchTables(store_).settings(issue->org_id);
  if (!settings) return settings.error();
  auto type = model::typeOf(incoming.value());
  auto matcher = loadMatcher(store_, issue->org_id, issue->connection_id, type, settings.value());
  if (!matcher) return matcher.error();
  const MatchResult result = matcher->match(incoming.value());
  auto tx = store_.transaction();
  if (!tx) return tx.error();
  // The issue is open again (or still) with today's candidates, then decided as a pull would.
  store::NewMatchIssue again{issue->org_id, issue->connection_id, issue->entity,
                             issue->external_id, issue->incoming_json,
                             result.kind == MatchKind::conflict ? result.reason
                                                                : "matched again by " + by_,
                             {}};
  for (const auto& c : result.candidates) again.candidates.push_back({c.record_id, c.score, c.reasons()});
  auto reopened = store_.matchIssues().open(again);
  if (!reopened) return reopened.error();
  ResyncOutcome out{result.kind, {}, std::nullopt};
  if (result.kind == MatchKind::full) {
    auto linked = confirm(reopened.value(), Side::incoming, result.record_id);
    if (!linked) return linked.error();
    out.record_id = linked.value();
  } else if (result.kind == MatchKind::none) {
    auto created = separate(reopened.value());
    if (!created) return created.error();
    out.record_id = created.value();
  } else {
    out.issue_id = reopened.value();
    ACCORD_STORE_TRY(decided({0, issue->org_id, "resync", reopened.value(), std::nullopt,
                              issue->connection_id, issue->external_id,
                              "held again: " + result.reason, {}, {}}));
  }
  ACCORD_STORE_TRY(tx->commit());
  return out;
}

}  // namespace accord::matching
