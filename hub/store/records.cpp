#include "store/records.h"

#include <openssl/rand.h>

#include <cstdlib>

namespace accord::store {
namespace {

constexpr std::string_view kRecordColumns =
    "id, org_id, entity, version, content_hash, status, body, updated_at";
constexpr std::string_view kChangeColumns =
    "seq, record_id, version, org_id, entity, content_hash, status, body, source_connection_id, "
    "run_id, at";

StoredRecord readRecord(const Statement& st) {
  return StoredRecord{st.columnText(0), st.columnInt(1),  st.columnText(2),
                      st.columnInt(3),  st.columnText(4), st.columnText(5),
                      st.columnText(6), fromMillis(st.columnInt(7))};
}

ChangeEntry readChange(const Statement& st) {
  return ChangeEntry{st.columnInt(0),     st.columnText(1),       st.columnInt(2),
                     st.columnInt(3),     st.columnText(4),       st.columnText(5),
                     st.columnText(6),    st.columnText(7),       st.columnOptInt(8),
                     st.columnOptInt(9),  fromMillis(st.columnInt(10))};
}

Result<void> checkPut(const RecordPut& put, const std::optional<StoredRecord>& current) {
  if (put.entity.empty() || put.content_hash.empty()) {
    return sdk::makeError(ErrorKind::permanent, "record '" + put.id + "': entity and content hash "
                                                                      "are required");
  }
  if (put.status != "active" && put.status != "archived" && put.status != "deleted") {
    return sdk::makeError(ErrorKind::permanent,
                          "record '" + put.id + "': unknown status '" + put.status + "'", "status");
  }
  const std::int64_t have = current ? current->version : 0;
  if (put.expected_version && *put.expected_version != have) {
    return sdk::makeError(ErrorKind::retryable,
                          "record '" + put.id + "' changed meanwhile (version " +
                              std::to_string(have) + ", expected " +
                              std::to_string(*put.expected_version) + ")");
  }
  if (current && (current->org_id != put.org_id || current->entity != put.entity)) {
    return sdk::makeError(ErrorKind::permanent,
                          "record '" + put.id + "' is a " + current->entity + " of organisation " +
                              std::to_string(current->org_id) + "; cannot store it as a " +
                              put.entity + " of organisation " + std::to_string(put.org_id));
  }
  return {};
}

}  // namespace

RecordId newRecordId() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) std::abort();  // no entropy: nothing is safe
  static constexpr char kDigits[] = "0123456789abcdef";
  RecordId id;
  for (unsigned char b : bytes) {
    id += kDigits[b >> 4];
    id += kDigits[b & 0xf];
  }
  return id;
}

Result<PutResult> Records::put(const RecordPut& in) {
  RecordPut put = in;
  if (put.id.empty()) put.id = newRecordId();
  auto tx = Transaction::begin(ctx_.db);
  if (!tx) return tx.error();
  auto current = find(put.id);
  if (!current) return current.error();
  ACCORD_STORE_TRY(checkPut(put, current.value()));
  const auto& cur = current.value();
  if (cur && cur->content_hash == put.content_hash && cur->status == put.status) {
    return PutResult{put.id, PutOutcome::unchanged, cur->version};
  }
  const std::int64_t version = cur ? cur->version + 1 : 1;
  const std::int64_t now = ctx_.now();
  ACCORD_STORE_TRY(ctx_.db.run(
      "INSERT INTO records (id, org_id, entity, version, content_hash, status, body, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (id) DO UPDATE SET "
      "version = excluded.version, content_hash = excluded.content_hash, "
      "status = excluded.status, body = excluded.body, updated_at = excluded.updated_at",
      put.id, put.org_id, put.entity, version, put.content_hash, put.status, put.body, now));
  ACCORD_STORE_TRY(ctx_.db.run(
      "INSERT INTO change_log (record_id, version, org_id, entity, content_hash, status, body, "
      "source_connection_id, run_id, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
      put.id, version, put.org_id, put.entity, put.content_hash, put.status, put.body, put.source,
      put.run, now));
  ACCORD_STORE_TRY(tx->commit());
  return PutResult{put.id, cur ? PutOutcome::updated : PutOutcome::created, version};
}

Result<std::optional<StoredRecord>> Records::find(std::string_view id) {
  return firstRow<StoredRecord>(
      ctx_.db.prepare("SELECT " + std::string(kRecordColumns) + " FROM records WHERE id = ?1", id),
      readRecord);
}

Result<StoredRecord> Records::get(std::string_view id) {
  auto found = find(id);
  if (!found) return found.error();
  if (!found.value()) return notFound("no record '" + std::string(id) + "'");
  return std::move(*found.value());
}

Result<std::vector<StoredRecord>> Records::list(OrgId org, std::string_view entity,
                                                std::string_view after_id, int limit) {
  return collectRows<StoredRecord>(
      ctx_.db.prepare("SELECT " + std::string(kRecordColumns) +
                          " FROM records WHERE org_id = ?1 AND entity = ?2 AND id > ?3 "
                          "ORDER BY id LIMIT ?4",
                      org, entity, after_id, limit),
      readRecord);
}

Result<std::int64_t> Records::count(OrgId org, std::string_view entity) {
  auto st = ctx_.db.prepare("SELECT count(*) FROM records WHERE org_id = ?1 AND entity = ?2", org,
                            entity);
  if (!st) return st.error();
  auto row = st->step();
  if (!row) return row.error();
  return st->columnInt(0);
}

Result<std::vector<ChangeEntry>> Records::changesSince(OrgId org, std::int64_t seq, int limit) {
  return collectRows<ChangeEntry>(
      ctx_.db.prepare("SELECT " + std::string(kChangeColumns) +
                          " FROM change_log WHERE org_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
                      org, seq, limit),
      readChange);
}

Result<std::vector<ChangeEntry>> Records::history(std::string_view record_id) {
  return collectRows<ChangeEntry>(
      ctx_.db.prepare("SELECT " + std::string(kChangeColumns) +
                          " FROM change_log WHERE record_id = ?1 ORDER BY version",
                      record_id),
      readChange);
}

}  // namespace accord::store
