#include "fake_app.h"

#include <algorithm>

#include "sync/fields.h"

namespace accord::sync::testing {

sdk::Manifest fakeManifest(const std::string& name, const std::vector<model::EntityType>& entities,
                           int max_batch_size) {
  using O = sdk::Operation;
  sdk::Manifest manifest;
  manifest.name = name;
  manifest.version = "1.0.0";
  manifest.limits.max_page_size = 2;  // small, so every test pages
  manifest.limits.max_batch_size = max_batch_size;
  for (model::EntityType type : entities) {
    sdk::EntityCapability capability;
    capability.entity = type;
    capability.operations = {O::read, O::create, O::update, O::archive};
    capability.sync_modes = {sdk::SyncMode::full, sdk::SyncMode::incremental};
    manifest.entities.push_back(capability);
  }
  return manifest;
}

std::int64_t FakeApp::nowMs() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock_.now().time_since_epoch())
      .count();
}

Result<sdk::Page> FakeApp::read(sdk::HostContext&, const sdk::ReadRequest& request) {
  if (fail_after_reads >= 0 && reads >= fail_after_reads) fail_reads = true;
  ++reads;
  if (fail_reads || fail_reads_of.count(request.entity)) {
    return sdk::makeError(ErrorKind::retryable, prefix_ + " is unavailable");
  }
  // Cursor "S" or "S/O": changes modified in second S or later (the last second is read again,
  // so a change later in that same second is not missed), from offset O of that list.
  std::int64_t from_sec = 0, offset = 0;
  if (!request.cursor.empty()) {
    const auto slash = request.cursor.find('/');
    from_sec = std::stoll(request.cursor.substr(0, slash));
    if (slash != std::string::npos) offset = std::stoll(request.cursor.substr(slash + 1));
  }
  std::vector<std::pair<std::int64_t, std::string>> order;
  for (const auto& [id, entry] : records_[request.entity]) {
    if (entry.modified_ms / 1000 >= from_sec) order.emplace_back(entry.modified_ms, id);
  }
  std::sort(order.begin(), order.end());
  sdk::Page page;
  const auto end = std::min<std::size_t>(order.size(), offset + request.page_size);
  for (std::size_t i = offset; i < end; ++i) {
    const Entry& entry = records_[request.entity][order[i].second];
    model::Record record = entry.record;
    model::metaOf(record).id = order[i].second;
    model::metaOf(record).updated_at = sdk::Timestamp(entry.modified_ms, 0);
    page.records.push_back(std::move(record));
  }
  page.more = end < order.size();
  if (offset == 0) {
    for (const auto& [removal, at] : removals_[request.entity]) {
      if (at / 1000 >= from_sec) page.removals.push_back(removal);
    }
  }
  if (page.more) {
    page.next_cursor = std::to_string(from_sec) + "/" + std::to_string(end);
  } else {
    page.next_cursor = std::to_string(order.empty() ? from_sec : order.back().first / 1000);
  }
  return page;
}

Result<sdk::WriteOutcome> FakeApp::apply(model::EntityType type, const sdk::WriteOp& op) {
  const auto* capability = manifest_.entity(type);
  if (!capability) return sdk::makeError(ErrorKind::not_supported, "entity not supported");
  auto& table = records_[type];
  const std::string& id = model::metaOf(op.record).id;
  Entry* existing = table.count(id) ? &table[id] : nullptr;
  if (op.kind != sdk::WriteKind::create && !existing)
    return sdk::makeError(ErrorKind::permanent, "no record '" + id + "'");
  model::Record record = op.record;
  for (const sdk::FieldRule& rule : capability->field_rules) {
    if (rule.max_items && listSize(record, rule.field).value_or(0) > std::size_t(*rule.max_items))
      return sdk::makeError(ErrorKind::permanent, rule.field + ": too many", rule.field);
    if (rule.required && isDefaultField(record, rule.field))
      return sdk::makeError(ErrorKind::permanent, rule.field + " is required", rule.field);
    auto status = existing ? stringField(existing->record, "status") : std::nullopt;
    const auto& forbidden = rule.immutable_when_status;
    if (status && std::find(forbidden.begin(), forbidden.end(), *status) != forbidden.end() &&
        !sameField(record, existing->record, rule.field))
      return sdk::makeError(ErrorKind::permanent, "cannot edit a " + *status + " record");
    if (rule.read_only) {  // the app computes it
      if (existing) copyField(existing->record, record, rule.field);
      else resetField(record, rule.field);
    }
  }
  std::string new_id = id;
  if (op.kind == sdk::WriteKind::create) {
    new_id = prefix_ + "-" + std::to_string(next_id_++);
    ++creates;
  } else {
    ++updates;
  }
  if (op.kind == sdk::WriteKind::archive) model::metaOf(record).status = model::RecordStatus::archived;
  if (op.kind == sdk::WriteKind::remove) {
    table.erase(new_id);
    removals_[type].push_back({sdk::Removal{new_id, model::RecordStatus::deleted, std::nullopt}, nowMs()});
  } else {
    model::metaOf(record).id.clear();
    table[new_id] = Entry{std::move(record), nowMs()};
  }
  sdk::WriteOutcome outcome;
  outcome.id = new_id;
  outcome.updated_at = sdk::Timestamp(nowMs(), 0);
  return outcome;
}

Result<std::vector<sdk::WriteOutcome>> FakeApp::write(sdk::HostContext&,
                                                      const sdk::WriteBatch& batch) {
  batches.push_back(batch);
  if (fail_writes) return sdk::makeError(ErrorKind::retryable, prefix_ + " is unavailable");
  if (auto seen = by_key_.find(batch.idempotency_key); seen != by_key_.end()) return seen->second;
  std::vector<sdk::WriteOutcome> outcomes;
  for (const sdk::WriteOp& op : batch.ops) {
    auto outcome = apply(batch.entity, op);
    if (outcome) {
      outcomes.push_back(outcome.value());
    } else {
      sdk::WriteOutcome failed;
      failed.id = model::metaOf(op.record).id;
      failed.error = outcome.error();
      outcomes.push_back(failed);
    }
  }
  by_key_[batch.idempotency_key] = outcomes;
  if (crash_after_accept) {
    crash_after_accept = false;
    throw SimulatedCrash();
  }
  return outcomes;
}

std::string FakeApp::put(model::Record record) {
  std::string id = model::metaOf(record).id;
  if (id.empty()) id = prefix_ + "-" + std::to_string(next_id_++);
  model::metaOf(record).id.clear();
  records_[model::typeOf(record)][id] = Entry{std::move(record), nowMs()};
  return id;
}

void FakeApp::archive(model::EntityType type, const std::string& id) {
  Entry& entry = records_[type].at(id);
  model::metaOf(entry.record).status = model::RecordStatus::archived;
  entry.modified_ms = nowMs();
}

std::optional<model::Record> FakeApp::get(model::EntityType type, const std::string& id) const {
  auto table = records_.find(type);
  if (table == records_.end() || !table->second.count(id)) return std::nullopt;
  return table->second.at(id).record;
}

std::vector<model::Record> FakeApp::all(model::EntityType type) const {
  std::vector<model::Record> out;
  auto table = records_.find(type);
  if (table == records_.end()) return out;
  for (const auto& [id, entry] : table->second) {
    out.push_back(entry.record);
    model::metaOf(out.back()).id = id;
  }
  return out;
}

}  // namespace accord::sync::testing
