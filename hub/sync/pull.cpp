// The pull phase: every readable entity of one connection, page by page from its cursor. Each
// page is one transaction: the merged records with their change-log entries, the links and
// pulled hashes, the links' bases and field times, and the new cursor.
#include "accord/sdk/model/codec.h"
#include "store/record_codec.h"
#include "sync/fields.h"
#include "sync/merge.h"
#include "sync/run_context.h"

namespace accord::sync {
namespace {

struct Planned {
  store::PageItem item;
  std::optional<model::Record> base;  // the app's version, to remember as the link's base
  std::optional<FieldTimes> times;
  int conflicts = 0;
};

Error at(const Target& target, std::string_view entity, std::string_view external_id,
         const Error& error) {
  Error out = error;
  out.message = "connection '" + target.connection.label() + "' " + std::string(entity) +
                (external_id.empty() ? "" : " '" + std::string(external_id) + "'") + ": " +
                error.message;
  return out;
}

// A reference to a record the hub has not seen yet (an organization's people arrive after it)
// gets an empty placeholder record, linked, which the referenced record's own pull fills in.
Result<std::string> placeholder(RunContext& run, const store::ExternalKey& key) {
  auto type = model::entityTypeFromString(key.entity);
  store::RecordPut put = store::toRecordPut(model::makeRecord(*type), run.org);
  put.source = key.connection_id;
  put.run = run.run;
  auto written = run.store.records().put(put);
  if (!written) return written.error();
  auto linked = run.store.idMap().link(key, written->id);
  if (!linked) return linked.error();
  return written->id;
}

// App ids in Refs -> canonical ids.
Result<void> refsToCanonical(RunContext& run, const Target& target, model::Record& record) {
  std::optional<Error> failure;
  forEachRef(record, [&](std::string_view key, model::Ref& ref) {
    if (ref.empty() || failure) return;
    auto entity = refEntity(key);
    if (!entity) {  // a Ref to any entity (journal source) cannot be placed yet
      ref.id.clear();
      return;
    }
    const store::ExternalKey external{target.connection.id, std::string(model::toString(*entity)),
                                      ref.id};
    auto link = run.store.idMap().byExternal(external);
    if (!link) {
      failure = link.error();
    } else if (link.value()) {
      ref.id = link.value()->record_id;
    } else if (auto id = placeholder(run, external); id) {
      ref.id = id.value();
    } else {
      failure = id.error();
    }
  });
  if (failure) return *failure;
  return {};
}

Result<std::optional<model::Record>> loadRecord(RunContext& run, const std::string& id,
                                                std::int64_t& version) {
  auto stored = run.store.records().get(id);
  if (!stored) return stored.error();
  version = stored->version;
  auto record = store::toModelRecord(stored.value());
  if (!record) return record.error();
  return std::optional<model::Record>(std::move(record.value()));
}

// Seam for the matcher (next issue): a pulled record with no link becomes a new canonical
// record; matching will return an existing record's id here instead.
std::string matchOrCreate(RunContext&, const Target&, const model::Record&) { return {}; }

Result<Planned> plan(RunContext& run, const Target& target, const std::string& entity,
                     const std::string& external_id, model::Record incoming) {
  Planned out;
  const auto& meta = model::metaOf(incoming);
  out.item.external_id = external_id;
  out.item.pulled_hash = model::contentHash(incoming);
  out.item.remote_updated_at = meta.updated_at;
  auto link = run.store.idMap().byExternal({target.connection.id, entity, external_id});
  if (!link) return link.error();
  std::optional<model::Record> current, base;
  std::int64_t version = 0;
  std::string record_id;
  if (link.value()) {
    const auto& entry = *link.value();
    record_id = out.item.record_id = entry.record_id;
    // Our own write coming back, an overlap re-read, or a record the admin opted out of.
    if (entry.pull_opt_out || out.item.pulled_hash == entry.last_pulled_hash ||
        out.item.pulled_hash == entry.last_pushed_hash)
      return out;
    auto loaded = loadRecord(run, record_id, version);
    if (!loaded) return loaded.error();
    current = std::move(loaded.value());
    auto stored_base = run.state.base(target.connection.id, record_id);
    if (!stored_base) return stored_base.error();
    base = std::move(stored_base.value());
  } else {
    record_id = matchOrCreate(run, target, incoming);
  }
  auto times = record_id.empty() ? Result<FieldTimes>(FieldTimes{})
                                 : run.state.fieldTimes(record_id);
  if (!times) return times.error();
  MergeInput input{current ? &*current : nullptr, base ? &*base : nullptr, &incoming,
                   times.value(),
                   meta.updated_at ? meta.updated_at->epochMillis()
                                   : store::nowMillis(run.store.clock()),
                   run.options.authoritative == target.connection.id};
  MergeResult merged = mergeRecord(input);
  model::metaOf(merged.merged).id = record_id;
  store::RecordPut put = store::toRecordPut(merged.merged, run.org);
  put.expected_version = version;
  out.item.record_id = put.id;
  out.item.put = std::move(put);
  out.base = std::move(incoming);
  out.times = std::move(merged.field_times);
  out.conflicts = merged.conflicts;
  return out;
}

// A removal reported by the app: its last known version with the new status.
Result<std::optional<Planned>> planRemoval(RunContext& run, const Target& target,
                                           const std::string& entity, const sdk::Removal& gone) {
  auto link = run.store.idMap().byExternal({target.connection.id, entity, gone.id});
  if (!link) return link.error();
  if (!link.value()) return std::optional<Planned>{};
  auto base = run.state.base(target.connection.id, link.value()->record_id);
  if (!base) return base.error();
  std::int64_t version = 0;
  auto current = loadRecord(run, link.value()->record_id, version);
  if (!current) return current.error();
  model::Record incoming = base.value() ? *base.value() : *current.value();
  model::metaOf(incoming).status = gone.status;
  model::metaOf(incoming).updated_at = gone.at;
  auto planned = plan(run, target, entity, gone.id, std::move(incoming));
  if (!planned) return planned.error();
  return std::optional<Planned>(std::move(planned.value()));
}

std::vector<Planned> planPage(RunContext& run, const Target& target, const std::string& entity,
                              sdk::Page& page) {
  std::vector<Planned> items;
  for (model::Record& record : page.records) {
    const std::string external_id = model::metaOf(record).id;
    model::metaOf(record).id.clear();
    auto planned = refsToCanonical(run, target, record);
    auto item = planned ? plan(run, target, entity, external_id, std::move(record))
                        : Result<Planned>(planned.error());
    if (!item) run.recordError(entity, external_id, "", at(target, entity, external_id, item.error()));
    else items.push_back(std::move(item.value()));
  }
  for (const sdk::Removal& gone : page.removals) {
    auto item = planRemoval(run, target, entity, gone);
    if (!item) run.recordError(entity, gone.id, "", at(target, entity, gone.id, item.error()));
    else if (item.value()) items.push_back(std::move(*item.value()));
  }
  for (const sdk::RecordError& bad : page.errors) {
    run.recordError(entity, bad.id, "", at(target, entity, bad.id, bad.error));
  }
  return items;
}

Result<void> savePage(RunContext& run, const Target& target, const std::string& entity,
                      sdk::Page& page) {
  auto tx = run.store.transaction();
  if (!tx) return tx.error();
  std::vector<Planned> items = planPage(run, target, entity, page);
  store::PageWrite write{target.connection.id, entity, {}, page.next_cursor, run.run};
  for (const Planned& p : items) write.items.push_back(p.item);
  auto written = run.store.writePage(write);
  if (!written) return written.error();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string& id = written->results[i].id;
    if (items[i].base) ACCORD_STORE_TRY(run.state.setBase(target.connection.id, id, *items[i].base));
    if (items[i].times) ACCORD_STORE_TRY(run.state.setFieldTimes(id, *items[i].times));
    run.report.counts.conflicts += items[i].conflicts;
  }
  ACCORD_STORE_TRY(tx->commit());
  auto& counts = run.report.counts;
  counts.pulled += static_cast<std::int64_t>(page.records.size());
  counts.created += written->created;
  counts.updated += written->updated;
  counts.unchanged += written->unchanged;
  return {};
}

Result<void> pullEntity(RunContext& run, Target& target, model::EntityType type) {
  const std::string entity(model::toString(type));
  for (;;) {
    auto cursor = run.store.cursors().get(target.connection.id, entity);
    if (!cursor) return cursor.error();
    sdk::ReadRequest request{type, cursor->value_or(""),
                             target.handle.manifest->limits.max_page_size, !cursor->has_value(),
                             {}};
    auto page = target.handle.connector->read(*target.handle.context, request);
    if (!page) return page.error();
    if (auto saved = savePage(run, target, entity, page.value()); !saved) return saved;
    if (!page->more) return {};
    if (page->next_cursor == request.cursor) {
      return sdk::makeError(ErrorKind::plugin_bug, "more pages announced but the cursor did not move");
    }
  }
}

}  // namespace

void pullConnection(RunContext& run, Target& target) {
  for (model::EntityType type : dependencyOrder()) {
    const auto* capability = run.capability(target, type);
    const std::string entity(model::toString(type));
    if (!capability || !capability->supports(sdk::Operation::read)) continue;
    if (!target.connection.direction(entity).pull) continue;
    if (auto pulled = pullEntity(run, target, type); !pulled) {
      target.pulled_ok = false;
      run.recordError(entity, "", "", at(target, entity, "", pulled.error()));
    }
  }
}

}  // namespace accord::sync
