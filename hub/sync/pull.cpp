// The pull phase: every readable entity of one connection, page by page from its cursor. Each
// page is one transaction: the merged records with their change-log entries, the links and
// pulled hashes, the links' bases and field times, and the new cursor.
#include "accord/sdk/model/codec.h"
#include "matching/candidates.h"
#include "matching/match_tables.h"
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
  bool held = false;  // a match issue holds it for review: nothing of it is stored
};

// Matching for one connection's pull of one entity (docs/matching.md). The matcher and the
// reference finder are built the first time a page needs them, so a pull of records that are
// all linked already costs nothing.
struct Matching {
  model::EntityType type;
  std::optional<matching::Matcher> matcher;
  std::optional<matching::ReferenceFinder> references;

  Result<matching::Matcher*> get(RunContext& run, const Target& target) {
    if (matcher) return &*matcher;
    auto settings = matching::MatchTables(run.store).settings(run.org);
    if (!settings) return settings.error();
    auto loaded = matching::loadMatcher(run.store, run.org, target.connection.id, type,
                                        settings.value());
    if (!loaded) return loaded.error();
    matcher.emplace(std::move(loaded.value()));
    return &*matcher;
  }
  Result<const matching::ReferenceFinder*> finder(RunContext& run, const Target& target) {
    if (!references) {
      auto built = matching::ReferenceFinder::build(run.store, target.connection.id);
      if (!built) return built.error();
      references.emplace(std::move(built.value()));
    }
    return &*references;
  }
};

// Where an incoming record with no link (or linked to an unfilled placeholder) goes.
struct Placement {
  bool held = false;
  std::string record_id;  // the matched record, the placeholder to fill, or a new record's id
  bool is_new = true;     // record_id (possibly empty: any new id) does not exist yet
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

Result<void> holdForReview(RunContext& run, const store::ExternalKey& key,
                           const model::Record& incoming, const matching::MatchResult& result) {
  store::NewMatchIssue issue{run.org, key.connection_id, key.entity, key.external_id,
                             model::toJson(incoming), result.reason, {}};
  for (const auto& c : result.candidates) issue.candidates.push_back({c.record_id, c.score, c.reasons()});
  auto opened = run.store.matchIssues().open(issue);
  if (!opened) return opened.error();
  return {};
}

// A placeholder that turns out to be `record_id`: the link moves there (writePage links it
// again), and whatever referred to the placeholder now refers to the record.
Result<void> adoptPlaceholder(RunContext& run, const Target& target, Matching& matching,
                              const store::ExternalKey& key, const std::string& placeholder,
                              const std::string& record_id) {
  auto finder = matching.finder(run, target);
  if (!finder) return finder.error();
  ACCORD_STORE_TRY(run.store.idMap().unlink(key));
  return matching::replacePlaceholder(run.store, run.org, finder.value()->referencing(placeholder),
                                      {placeholder, record_id, key.connection_id, run.run});
}

// An open issue whose record now places itself (a full match, or no candidate left) is
// resolved by the matcher, and the decision logged.
Result<void> resolveOpenIssue(RunContext& run, const store::ExternalKey& key, bool linked,
                              const std::string& record_id) {
  matching::MatchTables tables(run.store);
  auto open = tables.openIssue(key);
  if (!open) return open.error();
  if (!open.value()) return {};
  const auto decision = linked ? store::MatchDecision::link : store::MatchDecision::create;
  ACCORD_STORE_TRY(run.store.matchIssues().resolve(*open.value(), decision, record_id,
                                                   matching::kMatcherAuthor, "matched on a pull"));
  ACCORD_STORE_TRY(tables.log({0, run.org, linked ? "auto_link" : "auto_create", *open.value(),
                               record_id, key.connection_id, key.external_id, "", 
                               std::string(matching::kMatcherAuthor), {}}));
  return {};
}

// The matcher's three outcomes (docs/matching.md): a full match links to that record, a
// conflict holds the record in a match issue, no match makes a new record (or fills the
// placeholder the record was linked to).
Result<Placement> matchOrCreate(RunContext& run, const Target& target, Matching& matching,
                                const store::ExternalKey& key, const model::Record& incoming,
                                const std::string& placeholder) {
  auto matcher = matching.get(run, target);
  if (!matcher) return matcher.error();
  if (!matcher.value()->enabled()) return Placement{false, placeholder, placeholder.empty()};
  const matching::MatchResult result = matcher.value()->match(incoming);
  if (result.kind == matching::MatchKind::conflict) {
    ACCORD_STORE_TRY(holdForReview(run, key, incoming, result));
    return Placement{true, {}};
  }
  if (result.kind == matching::MatchKind::full) {
    matcher.value()->remove(result.record_id);  // linked to this connection from now on
    if (!placeholder.empty()) {
      ACCORD_STORE_TRY(adoptPlaceholder(run, target, matching, key, placeholder, result.record_id));
    }
    ACCORD_STORE_TRY(resolveOpenIssue(run, key, true, result.record_id));
    return Placement{false, result.record_id, false};
  }
  // A new record gets its id now, so that an issue it settles can name it.
  const std::string id = placeholder.empty() ? store::newRecordId() : placeholder;
  ACCORD_STORE_TRY(resolveOpenIssue(run, key, false, id));
  return Placement{false, id, placeholder.empty()};
}

// A record just matched has no base yet, so every field it holds differently counts as its
// change; a field it leaves empty must not blank what the hub already has (the seeded Xero
// contact has an account number the CRM lacks, the CRM a website Xero lacks).
model::Record withoutBlanks(const model::Record& incoming, const model::Record& current) {
  model::Record out = incoming;
  for (const std::string& field : fieldNames(model::typeOf(incoming))) {
    if (isDefaultField(out, field) && !isDefaultField(current, field)) copyField(current, out, field);
  }
  return out;
}

// Where a pulled record goes: the record it is linked to (with the link's base), or where the
// matcher placed it.
struct Destination {
  std::string record_id;  // empty: a new record with any id
  bool exists = false;    // record_id names a stored record to merge into
  bool matched = false;   // linked by the matcher just now
  std::optional<model::Record> base;
};

// The merged record as the page item, the pulled one as the link's next base.
Result<void> mergeInto(RunContext& run, const Target& target, Planned& out,
                       model::Record incoming, Destination to) {
  std::optional<model::Record> current;
  std::int64_t version = 0;
  if (to.exists) {
    auto loaded = loadRecord(run, to.record_id, version);
    if (!loaded) return loaded.error();
    current = std::move(loaded.value());
  }
  auto times = current ? run.state.fieldTimes(to.record_id) : Result<FieldTimes>(FieldTimes{});
  if (!times) return times.error();
  const auto& updated_at = model::metaOf(incoming).updated_at;
  const model::Record merging = to.matched ? withoutBlanks(incoming, *current) : model::Record{};
  MergeInput input{current ? &*current : nullptr, to.base ? &*to.base : nullptr,
                   to.matched ? &merging : &incoming, times.value(),
                   updated_at ? updated_at->epochMillis() : store::nowMillis(run.store.clock()),
                   run.options.authoritative == target.connection.id};
  MergeResult merged = mergeRecord(input);
  model::metaOf(merged.merged).id = to.record_id;
  store::RecordPut put = store::toRecordPut(merged.merged, run.org);
  put.expected_version = version;
  out.item.record_id = put.id;
  out.item.put = std::move(put);
  out.base = std::move(incoming);
  out.times = std::move(merged.field_times);
  out.conflicts = merged.conflicts;
  return {};
}

Result<Planned> plan(RunContext& run, const Target& target, const std::string& entity,
                     const std::string& external_id, model::Record incoming,
                     Matching* matching) {
  Planned out;
  out.item.external_id = external_id;
  out.item.pulled_hash = model::contentHash(incoming);
  out.item.remote_updated_at = model::metaOf(incoming).updated_at;
  const store::ExternalKey key{target.connection.id, entity, external_id};
  auto link = run.store.idMap().byExternal(key);
  if (!link) return link.error();
  Destination to;
  // A link never pulled or pushed is a placeholder made for a reference: still to be matched.
  const bool unfilled =
      link.value() && !link.value()->last_pulled_hash && !link.value()->last_pushed_hash;
  const std::string placeholder = unfilled ? link.value()->record_id : std::string();
  if (link.value() && !(unfilled && matching)) {
    const auto& entry = *link.value();
    to.record_id = out.item.record_id = entry.record_id;
    to.exists = true;
    // Our own write coming back, an overlap re-read, or a record the admin opted out of.
    if (entry.pull_opt_out || out.item.pulled_hash == entry.last_pulled_hash ||
        out.item.pulled_hash == entry.last_pushed_hash)
      return out;
    auto stored_base = run.state.base(target.connection.id, to.record_id);
    if (!stored_base) return stored_base.error();
    to.base = std::move(stored_base.value());
  } else if (matching) {
    auto placed = matchOrCreate(run, target, *matching, key, incoming, placeholder);
    if (!placed) return placed.error();
    out.held = placed->held;
    if (out.held) return out;
    to.record_id = placed->record_id;
    to.exists = !placed->is_new;
    to.matched = to.exists && to.record_id != placeholder;
  }
  ACCORD_STORE_TRY(mergeInto(run, target, out, std::move(incoming), std::move(to)));
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
  auto planned = plan(run, target, entity, gone.id, std::move(incoming), nullptr);
  if (!planned) return planned.error();
  return std::optional<Planned>(std::move(planned.value()));
}

// One record, in a savepoint: what matching wrote for a record that then fails (a moved link,
// an issue) goes with it.
Result<Planned> planRecord(RunContext& run, const Target& target, const std::string& entity,
                           const std::string& external_id, model::Record record,
                           Matching& matching) {
  auto savepoint = run.store.transaction();
  if (!savepoint) return savepoint.error();
  auto mapped = refsToCanonical(run, target, record);
  if (!mapped) return mapped.error();
  auto item = plan(run, target, entity, external_id, std::move(record), &matching);
  if (!item) return item;
  ACCORD_STORE_TRY(savepoint->commit());
  return item;
}

std::vector<Planned> planPage(RunContext& run, const Target& target, const std::string& entity,
                              sdk::Page& page, Matching& matching) {
  std::vector<Planned> items;
  for (model::Record& record : page.records) {
    if (!sharedByFilters(run, target, entity, record)) continue;  // sync filters (filters.h)
    const std::string external_id = model::metaOf(record).id;
    model::metaOf(record).id.clear();
    auto item = planRecord(run, target, entity, external_id, std::move(record), matching);
    if (!item) run.recordError(entity, external_id, "", at(target, entity, external_id, item.error()));
    else if (!item->held) items.push_back(std::move(item.value()));
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
                      sdk::Page& page, Matching& matching) {
  auto tx = run.store.transaction();
  if (!tx) return tx.error();
  std::vector<Planned> items = planPage(run, target, entity, page, matching);
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
  Matching matching{type, {}, {}};
  for (;;) {
    auto cursor = run.store.cursors().get(target.connection.id, entity);
    if (!cursor) return cursor.error();
    sdk::ReadRequest request{type, cursor->value_or(""),
                             target.handle.manifest->limits.max_page_size, !cursor->has_value(),
                             {}};
    auto page = target.handle.connector->read(*target.handle.context, request);
    if (!page) return page.error();
    if (auto saved = savePage(run, target, entity, page.value(), matching); !saved) return saved;
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
      if (!target.pull_failed_at) target.pull_failed_at = type;
      run.recordError(entity, "", "", at(target, entity, "", pulled.error()));
    }
  }
}

}  // namespace accord::sync
