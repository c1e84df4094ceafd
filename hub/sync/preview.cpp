#include "sync/preview.h"

#include <algorithm>
#include <deque>
#include <set>
#include <sstream>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "accord/sdk/model/codec.h"
#include "store/record_codec.h"
#include "sync/fields.h"
#include "sync/pusher.h"

namespace accord::sync {

Result<std::vector<sdk::WriteOutcome>> RecordingConnector::write(sdk::HostContext&,
                                                                 const sdk::WriteBatch& batch) {
  batches_.push_back(batch);
  std::vector<sdk::WriteOutcome> outcomes;
  for (const sdk::WriteOp& op : batch.ops) {
    sdk::WriteOutcome outcome;
    outcome.id = op.kind == sdk::WriteKind::create ? "preview-" + std::to_string(next_id_++)
                                                   : model::metaOf(op.record).id;
    outcomes.push_back(std::move(outcome));
  }
  return outcomes;
}

int Preview::errorCount() const {
  int n = static_cast<int>(errors.size());
  for (const auto& r : records) n += r.errors.empty() ? 0 : 1;
  return n;
}

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

std::string kindText(sdk::WriteKind kind) {
  switch (kind) {
    case sdk::WriteKind::create: return "create";
    case sdk::WriteKind::update: return "update";
    case sdk::WriteKind::archive: return "archive";
    case sdk::WriteKind::remove: return "remove";
  }
  return "update";
}

std::string groupOf(const model::Record& record) {
  if (const auto* invoice = std::get_if<model::Invoice>(&record); invoice && invoice->kind == "purchase")
    return "bill";
  return std::string(model::toString(model::typeOf(record)));
}

// Each top-level field's JSON text, from the codec's form.
std::map<std::string, std::string> fieldTexts(const model::Record& record) {
  Poco::JSON::Parser parser;
  auto root = parser.parse(model::toJson(record)).extract<Object::Ptr>();
  auto fields = root->getObject("fields");
  std::map<std::string, std::string> out;
  for (const auto& [key, value] : *fields) {
    std::ostringstream text;
    Poco::JSON::Stringifier::stringify(value, text);
    out[key] = text.str();
  }
  out["$status"] = "\"" + std::string(model::toString(model::metaOf(record).status)) + "\"";
  return out;
}

std::vector<FieldChange> changesOf(sdk::WriteKind kind, const model::Record& sent,
                                   const model::Record* base) {
  std::vector<FieldChange> out;
  const auto after = fieldTexts(sent);
  if (kind == sdk::WriteKind::archive || kind == sdk::WriteKind::remove) {
    out.push_back({"$status", base ? fieldTexts(*base).at("$status") : "", after.at("$status")});
    return out;
  }
  const auto before = base ? fieldTexts(*base) : fieldTexts(model::makeRecord(model::typeOf(sent)));
  for (const std::string& field : fieldNames(model::typeOf(sent))) {
    if (base ? sameField(sent, *base, field) : isDefaultField(sent, field)) continue;
    out.push_back({field, base ? before.at(field) : "", after.at(field)});
  }
  return out;
}

// References shown as "Buyer Ltd (<id>)": an admin reads names, not canonical ids.
model::Record named(store::Store& store, model::Record record) {
  forEachRef(record, [&](std::string_view, model::Ref& ref) {
    if (ref.empty()) return;
    auto referenced = store::findModelRecord(store.records(), ref.id);
    const std::string name = referenced ? displayName(*referenced) : "";
    if (!name.empty()) ref.id = name + " (" + ref.id + ")";
  });
  return record;
}

std::optional<std::pair<std::string, sdk::Decimal>> valueOf(const model::Record& record) {
  if (const auto* i = std::get_if<model::Invoice>(&record)) return std::pair(i->currency, i->total);
  if (const auto* c = std::get_if<model::CreditNote>(&record)) return std::pair(c->currency, c->total);
  if (const auto* p = std::get_if<model::Payment>(&record)) return std::pair(p->currency, p->amount);
  return std::nullopt;
}

// The record as the hub holds it, else as sent (a record the run has not stored).
std::optional<std::pair<std::string, sdk::Decimal>> hubValueOf(store::Store& store,
                                                               const std::string& record_id,
                                                               const model::Record& sent) {
  auto held = store::findModelRecord(store.records(), record_id);
  return valueOf(held ? *held : sent);
}

class Collector final : public PushObserver {
 public:
  explicit Collector(store::Store& store) : store_(store) {}
  std::vector<PreviewRecord> records;

  void sending(const Target& target, model::EntityType, const std::vector<PushOp>& ops) override {
    for (const PushOp& op : ops) {
      PreviewRecord r = start(target, op.record_id, op.sent);
      r.operation = kindText(op.op.kind);
      const model::Record sent = named(store_, op.sent);
      const std::optional<model::Record> base =
          op.base ? std::optional(named(store_, *op.base)) : std::nullopt;
      r.changes = changesOf(op.op.kind, sent, base ? &*base : nullptr);
      r.warnings = op.warnings;
      r.record = op.op.record;
      r.value = hubValueOf(store_, op.record_id, op.sent);
      records.push_back(std::move(r));
    }
  }

  void notSent(const Target& target, const std::string& record_id, sdk::WriteKind kind,
               const model::Record& record, const std::vector<std::string>& warnings,
               const std::optional<std::string>& error) override {
    PreviewRecord r = start(target, record_id, record);
    r.operation = error ? kindText(kind) : "skip";
    r.warnings = warnings;
    if (error) r.errors.push_back(*error);
    r.record = record;
    r.value = hubValueOf(store_, record_id, record);
    records.push_back(std::move(r));
  }

 private:
  static PreviewRecord start(const Target& target, const std::string& id, const model::Record& sent) {
    PreviewRecord r;
    r.connection = target.connection.id;
    r.connection_label = target.connection.label();
    r.group = groupOf(sent);
    r.record_id = id;
    r.name = displayName(sent);
    return r;
  }

  store::Store& store_;
};

std::size_t rank(const std::string& group) {
  const auto& order = dependencyOrder();
  auto type = model::entityTypeFromString(group == "bill" ? "invoice" : group);
  const auto at = type ? std::find(order.begin(), order.end(), *type) - order.begin() : 0;
  return static_cast<std::size_t>(at) * 2 + (group == "bill" ? 1 : 0);
}

std::size_t opRank(const std::string& op) {
  static const std::vector<std::string> order = {"create", "update", "archive", "remove", "skip"};
  return static_cast<std::size_t>(std::find(order.begin(), order.end(), op) - order.begin());
}

std::vector<PreviewGroup> groupsOf(const std::vector<PreviewRecord>& records) {
  std::vector<PreviewGroup> groups;
  for (const PreviewRecord& r : records) {
    auto it = std::find_if(groups.begin(), groups.end(), [&](const PreviewGroup& g) {
      return g.connection_label == r.connection_label && g.group == r.group && g.operation == r.operation;
    });
    if (it == groups.end())
      it = groups.insert(groups.end(), PreviewGroup{r.connection_label, r.group, r.operation, 0, 0, {}});
    ++it->records;
    if (!r.errors.empty()) ++it->with_errors;
    if (r.value) {
      auto& total = it->totals[r.value->first];
      total = sdk::Decimal::add(total, r.value->second).value_or(total);
    }
  }
  std::stable_sort(groups.begin(), groups.end(), [](const PreviewGroup& a, const PreviewGroup& b) {
    return std::tuple(a.connection_label, rank(a.group), opRank(a.operation)) <
           std::tuple(b.connection_label, rank(b.group), opRank(b.operation));
  });
  return groups;
}

// A provider whose connectors record writes instead of sending them.
class RecordingProvider final : public ConnectorProvider {
 public:
  explicit RecordingProvider(ConnectorProvider& inner) : inner_(inner) {}
  Result<ConnectorHandle> connectorFor(const store::Connection& connection) override {
    auto handle = inner_.connectorFor(connection);
    if (!handle) return handle;
    recorders_.emplace_back(*handle->connector);
    handle->connector = &recorders_.back();
    return handle;
  }

 private:
  ConnectorProvider& inner_;
  std::deque<RecordingConnector> recorders_;  // stable addresses
};

Preview assemble(RunContext& run, Collector& collector, const PreviewOptions& options) {
  Preview out;
  std::set<std::string> held;
  for (PreviewRecord& r : collector.records) {
    if (!r.errors.empty()) held.insert(r.record_id);
    if (!options.connection || r.connection == *options.connection) out.records.push_back(std::move(r));
  }
  for (const store::RunError& e : run.report.errors) {
    if (e.record_id.empty() || !held.count(e.record_id)) out.errors.push_back(e.message);
  }
  out.groups = groupsOf(out.records);
  for (const Target& t : run.targets) {
    if (!t.settings.block_on_preview_errors) continue;
    if (options.connection && t.connection.id != *options.connection) continue;
    const bool own = std::any_of(out.records.begin(), out.records.end(), [&](const PreviewRecord& r) {
      return r.connection == t.connection.id && !r.errors.empty();
    });
    if (own) out.blocking.push_back(t.connection.label());
  }
  out.counts = run.report.counts;
  out.filtered = run.report.filtered;
  return out;
}

}  // namespace

Result<Preview> preview(store::Store& store, ConnectorProvider& provider, store::OrgId org,
                        const PreviewOptions& options) {
  auto tx = store.transaction();  // rolled back when it goes out of scope: nothing is kept
  if (!tx) return tx.error();
  SyncState state(store.db());
  ACCORD_STORE_TRY(state.ensureSchema());
  auto run_id = store.syncRuns().start(org, std::nullopt, "preview");
  if (!run_id) return run_id.error();
  RunContext run{store, options.engine, org, run_id.value(), state, {}, {}, nullptr, false};
  Collector collector(store);
  run.observer = &collector;
  run.dry = true;
  RecordingProvider recording(provider);
  ACCORD_STORE_TRY(runPhases(run, recording));
  return assemble(run, collector, options);
}

namespace {

Object::Ptr recordJson(const PreviewRecord& r) {
  Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("connection", r.connection_label);
  o->set("entity", r.group);
  o->set("operation", r.operation);
  o->set("record_id", r.record_id);
  o->set("name", r.name);
  Array::Ptr changes = new Array;
  for (const FieldChange& c : r.changes) {
    Object::Ptr change = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    change->set("field", c.field);
    change->set("before", c.before);
    change->set("after", c.after);
    changes->add(change);
  }
  o->set("changes", changes);
  Array::Ptr warnings = new Array, errors = new Array;
  for (const auto& w : r.warnings) warnings->add(w);
  for (const auto& e : r.errors) errors->add(e);
  o->set("warnings", warnings);
  o->set("errors", errors);
  return o;
}

Object::Ptr groupJson(const PreviewGroup& g) {
  Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("connection", g.connection_label);
  o->set("entity", g.group);
  o->set("operation", g.operation);
  o->set("records", g.records);
  o->set("with_errors", g.with_errors);
  Object::Ptr totals = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  for (const auto& [currency, total] : g.totals) totals->set(currency, total.toString());
  o->set("totals", totals);
  return o;
}

}  // namespace

std::string previewToJson(const Preview& p) {
  Object root(Poco::JSON_PRESERVE_KEY_ORDER);
  Array::Ptr groups = new Array, records = new Array, errors = new Array, blocking = new Array;
  for (const auto& g : p.groups) groups->add(groupJson(g));
  for (const auto& r : p.records) records->add(recordJson(r));
  for (const auto& e : p.errors) errors->add(e);
  for (const auto& b : p.blocking) blocking->add(b);
  root.set("groups", groups);
  root.set("records", records);
  root.set("errors", errors);
  root.set("blocking", blocking);
  Object::Ptr pull = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  pull->set("pulled", p.counts.pulled);
  pull->set("created", p.counts.created);
  pull->set("updated", p.counts.updated);
  pull->set("conflicts", p.counts.conflicts);
  pull->set("filtered", p.filtered);
  root.set("pull", pull);
  std::ostringstream out;
  root.stringify(out, 2);
  return out.str();
}

}  // namespace accord::sync
