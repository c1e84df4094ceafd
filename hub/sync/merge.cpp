#include "sync/merge.h"

#include "sync/fields.h"

namespace accord::sync {
namespace {

bool appChanged(const MergeInput& in, std::string_view field) {
  const model::Record& reference = in.base ? *in.base : *in.current;
  return !sameField(*in.incoming, reference, field);
}

bool applies(const MergeInput& in, const FieldTimes& times, const std::string& key) {
  if (in.authoritative) return true;
  auto it = times.find(key);
  return it == times.end() || in.incoming_at_ms >= it->second;
}

// The record status is metadata, not a describe() field, but merges the same way.
void mergeStatus(const MergeInput& in, MergeResult& out) {
  const auto incoming = model::metaOf(*in.incoming).status;
  const auto reference = model::metaOf(in.base ? *in.base : *in.current).status;
  if (incoming == reference) return;
  if (!applies(in, out.field_times, "$status")) {
    ++out.conflicts;
    return;
  }
  model::metaOf(out.merged).status = incoming;
  out.field_times["$status"] = in.incoming_at_ms;
}

}  // namespace

MergeResult mergeRecord(const MergeInput& in) {
  MergeResult out{*in.incoming, in.field_times, 0};
  model::metaOf(out.merged).remote_data.clear();  // app-specific: kept in the link's base only
  if (!in.current) {
    for (const std::string& field : fieldNames(model::typeOf(*in.incoming))) {
      out.field_times[field] = in.incoming_at_ms;
    }
    out.field_times["$status"] = in.incoming_at_ms;
    return out;
  }
  out.merged = *in.current;
  for (const std::string& field : fieldNames(model::typeOf(*in.incoming))) {
    if (!appChanged(in, field)) continue;
    if (sameField(*in.incoming, *in.current, field)) continue;
    if (!applies(in, out.field_times, field)) {
      ++out.conflicts;
      continue;
    }
    copyField(*in.incoming, out.merged, field);
    out.field_times[field] = in.incoming_at_ms;
  }
  mergeStatus(in, out);
  auto& meta = model::metaOf(out.merged);
  const auto& incoming_meta = model::metaOf(*in.incoming);
  if (incoming_meta.updated_at && (!meta.updated_at || *meta.updated_at < *incoming_meta.updated_at))
    meta.updated_at = incoming_meta.updated_at;
  return out;
}

}  // namespace accord::sync
