#include "store/record_codec.h"

#include "accord/sdk/model/codec.h"

namespace accord::store {

namespace model = sdk::model;

RecordPut toRecordPut(const model::Record& record, OrgId org) {
  model::Record copy = record;
  model::RecordMeta& meta = model::metaOf(copy);
  if (meta.id.empty()) meta.id = newRecordId();
  RecordPut put;
  put.id = meta.id;
  put.org_id = org;
  put.entity = std::string(model::toString(model::typeOf(copy)));
  put.content_hash = model::contentHash(copy);
  put.status = std::string(model::toString(meta.status));
  put.body = model::toJson(copy);
  return put;
}

Result<model::Record> toModelRecord(const StoredRecord& stored) {
  auto parsed = model::fromJson(stored.body);
  if (!parsed) {
    return sdk::makeError(ErrorKind::permanent, "record '" + stored.id + "' (" + stored.entity +
                                                    "): stored body does not parse: " +
                                                    parsed.error().message,
                          parsed.error().field);
  }
  if (model::metaOf(parsed.value()).id != stored.id ||
      model::toString(model::typeOf(parsed.value())) != stored.entity) {
    return sdk::makeError(ErrorKind::permanent,
                          "record '" + stored.id + "': stored body names another id or entity");
  }
  return parsed;
}

std::optional<model::Record> findModelRecord(Records records, std::string_view id) {
  auto stored = records.find(id);
  if (!stored || !stored.value()) return std::nullopt;
  auto record = toModelRecord(*stored.value());
  if (!record) return std::nullopt;
  return std::move(record.value());
}

}  // namespace accord::store
