#include "matching/candidates.h"

#include <unordered_set>

#include "accord/sdk/model/codec.h"
#include "store/record_codec.h"

namespace accord::matching {
namespace {

constexpr int kPage = 1000;

Result<std::unordered_set<std::string>> linkedTo(store::Store& store,
                                                 store::ConnectionId connection,
                                                 const std::string& entity) {
  std::unordered_set<std::string> out;
  std::string after;
  for (;;) {
    auto links = store.idMap().list(connection, entity, after, kPage);
    if (!links) return links.error();
    for (const auto& link : links.value()) out.insert(link.record_id);
    if (links->size() < static_cast<std::size_t>(kPage)) return out;
    after = links->back().key.external_id;
  }
}

Result<std::unordered_set<std::string>> unsyncedIds(store::Store& store, store::OrgId org) {
  auto rows = store::collectRows<std::string>(
      store.db().prepare("SELECT record_id FROM match_unsynced WHERE org_id = ?1", org),
      [](const store::Statement& st) { return st.columnText(0); });
  if (!rows) return rows.error();
  return std::unordered_set<std::string>(rows->begin(), rows->end());
}

bool isHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// Quoted 32-hex-digit tokens of a canonical JSON body (what newRecordId() makes).
std::vector<std::string> quotedIds(std::string_view body) {
  std::vector<std::string> out;
  constexpr std::size_t kLength = 32;
  for (std::size_t i = body.find('"'); i != std::string_view::npos; i = body.find('"', i + 1)) {
    if (i + kLength + 1 >= body.size() || body[i + kLength + 1] != '"') continue;
    std::string_view token = body.substr(i + 1, kLength);
    bool hex = true;
    for (char c : token) hex = hex && isHex(c);
    if (!hex) continue;
    out.emplace_back(token);
    i += kLength + 1;
  }
  return out;
}

std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

Result<void> rewrite(store::Store& store, store::OrgId org, const store::RecordId& id,
                     const Replacement& r) {
  auto stored = store.records().get(id);
  if (!stored) return stored.error();
  stored->body = replaceAll(stored->body, "\"" + r.from + "\"", "\"" + r.to + "\"");
  auto record = store::toModelRecord(stored.value());
  if (!record) return record.error();
  store::RecordPut put = store::toRecordPut(record.value(), org);
  put.source = r.source;
  put.run = r.run;
  put.expected_version = stored->version;
  auto written = store.records().put(put);
  if (!written) return written.error();
  return {};
}

}  // namespace

Result<Matcher> loadMatcher(store::Store& store, store::OrgId org, store::ConnectionId connection,
                            model::EntityType type, const MatchSettings& settings) {
  Matcher matcher(type, settings);
  if (!matcher.enabled()) return matcher;
  const std::string entity(model::toString(type));
  auto linked = linkedTo(store, connection, entity);
  if (!linked) return linked.error();
  auto unsynced = unsyncedIds(store, org);
  if (!unsynced) return unsynced.error();
  std::string after;
  for (;;) {
    auto page = store.records().list(org, entity, after, kPage);
    if (!page) return page.error();
    for (const store::StoredRecord& stored : page.value()) {
      if (linked->count(stored.id) || unsynced->count(stored.id) || stored.status == "deleted") {
        continue;
      }
      auto record = store::toModelRecord(stored);
      if (!record) return record.error();
      matcher.add(stored.id, record.value());
    }
    if (page->size() < static_cast<std::size_t>(kPage)) return matcher;
    after = page->back().id;
  }
}

Result<ReferenceFinder> ReferenceFinder::build(store::Store& store,
                                               store::ConnectionId connection) {
  ReferenceFinder finder;
  auto rows = store::collectRows<std::pair<std::string, std::string>>(
      store.db().prepare("SELECT r.id, r.body FROM id_map m JOIN records r ON r.id = m.record_id "
                         "WHERE m.connection_id = ?1",
                         connection),
      [](const store::Statement& st) { return std::pair(st.columnText(0), st.columnText(1)); });
  if (!rows) return rows.error();
  for (const auto& [id, body] : rows.value()) {
    for (std::string& target : quotedIds(body)) {
      if (target != id) finder.by_target_[std::move(target)].push_back(id);
    }
  }
  return finder;
}

std::vector<store::RecordId> ReferenceFinder::referencing(const std::string& id) const {
  auto it = by_target_.find(id);
  return it == by_target_.end() ? std::vector<store::RecordId>{} : it->second;
}

Result<std::vector<store::RecordId>> findReferencing(store::Store& store, store::OrgId org,
                                                     std::string_view id) {
  return store::collectRows<store::RecordId>(
      store.db().prepare("SELECT id FROM records WHERE org_id = ?1 AND id != ?2 AND "
                         "instr(body, '\"' || ?2 || '\"') > 0",
                         org, id),
      [](const store::Statement& st) { return st.columnText(0); });
}

Result<void> replacePlaceholder(store::Store& store, store::OrgId org,
                                const std::vector<store::RecordId>& records,
                                const Replacement& replacement) {
  for (const store::RecordId& id : records) {
    if (id == replacement.from || id == replacement.to) continue;
    ACCORD_STORE_TRY(rewrite(store, org, id, replacement));
  }
  auto placeholder = store.records().get(replacement.from);
  if (!placeholder) return placeholder.error();
  auto record = store::toModelRecord(placeholder.value());
  if (!record) return record.error();
  model::metaOf(record.value()).status = model::RecordStatus::deleted;
  store::RecordPut put = store::toRecordPut(record.value(), org);
  put.source = replacement.source;
  put.run = replacement.run;
  put.expected_version = placeholder->version;
  auto written = store.records().put(put);
  if (!written) return written.error();
  return {};
}

Result<bool> isUnfilledPlaceholder(store::Store& store, std::string_view record_id) {
  auto links = store.idMap().forRecord(record_id);
  if (!links) return links.error();
  for (const auto& link : links.value()) {
    if (link.last_pulled_hash || link.last_pushed_hash) return false;
  }
  return !links->empty();
}

}  // namespace accord::matching
