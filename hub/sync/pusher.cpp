#include "sync/pusher.h"

#include <algorithm>

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include "accord/sdk/model/codec.h"
#include "matching/match_tables.h"
#include "store/record_codec.h"
#include "sync/fields.h"
#include "sync/filters.h"

namespace accord::sync {
namespace {

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += (out.empty() ? "" : "; ") + line;
  return out;
}

// The SDK declares toString(WriteKind) but does not define it yet; the names are push_intents'.
std::string kindName(sdk::WriteKind kind) {
  switch (kind) {
    case sdk::WriteKind::create: return "create";
    case sdk::WriteKind::update: return "update";
    case sdk::WriteKind::archive: return "archive";
    case sdk::WriteKind::remove: return "remove";
  }
  return "update";
}

sdk::Operation operationOf(sdk::WriteKind kind) {
  switch (kind) {
    case sdk::WriteKind::create: return sdk::Operation::create;
    case sdk::WriteKind::update: return sdk::Operation::update;
    case sdk::WriteKind::archive: return sdk::Operation::archive;
    case sdk::WriteKind::remove: return sdk::Operation::remove;
  }
  return sdk::Operation::update;
}

// Placeholders (see pull.cpp) that no app has filled in yet are not pushed.
Result<bool> isPlaceholder(RunContext& run, const std::string& record_id) {
  auto links = run.store.idMap().forRecord(record_id);
  if (!links) return links.error();
  for (const auto& link : links.value()) {
    if (link.last_pulled_hash || link.last_pushed_hash) return false;
  }
  return !links->empty();
}

// The target's last agreed body as it would be sent: the same limits on both sides, so that
// fields the target computes or cannot hold do not make a record it already has look changed.
std::string sentHashOf(const model::Record& base, const sdk::EntityCapability& capability,
                       const std::string& app) {
  model::Record limited = base;
  LimitReport ignored;
  // No target base: the status checks only warn or skip, and the hash needs neither.
  applyFieldRules(limited, capability, nullptr, app, ignored);
  return model::contentHash(limited);
}

// A manifest's held_values: an app with only sales invoices is not offered a bill.
bool targetHolds(const model::Record& record, const sdk::EntityCapability& capability) {
  for (const sdk::FieldRule& rule : capability.field_rules) {
    if (rule.held_values.empty()) continue;
    const auto value = stringField(record, rule.field);
    if (!value) continue;
    const auto& held = rule.held_values;
    if (std::find(held.begin(), held.end(), *value) == held.end()) return false;
  }
  return true;
}

// The canonical id a top-level reference field holds, "" when none.
std::string refOf(model::Record record, const std::string& field) {
  std::string id;
  forEachRef(record, [&](std::string_view key, model::Ref& ref) {
    if (id.empty() && key == field) id = ref.id;
  });
  return id;
}

std::string nameOf(store::Store& store, const std::string& record_id) {
  auto record = store::findModelRecord(store.records(), record_id);
  const std::string name = record ? displayName(*record) : "";
  return name.empty() ? record_id : "'" + name + "' (" + record_id + ")";
}

}  // namespace

// A manifest's max_per_ref (Xero: six people per contact). The counts start from the records
// the target and the hub agreed on, read once per run, and grow with every create or move this
// run prepares; one that then fails still counts until the next run, so the check may refuse
// early but never lets the app be overfilled.
Result<void> Pusher::checkPerRef(const model::Record& sent, const Candidate& c,
                                 LimitReport& report) {
  const std::string entity(model::toString(model::typeOf(sent)));
  for (const sdk::FieldRule& rule : c.capability->field_rules) {
    if (!rule.max_per_ref) continue;
    const std::string ref = refOf(sent, rule.field);
    if (ref.empty() || (c.base && refOf(*c.base, rule.field) == ref)) continue;
    const std::string key = entity + "." + rule.field;
    auto counts = ref_counts_.find(key);
    if (counts == ref_counts_.end()) {
      auto loaded = run_.state.refCounts(target_.connection.id, entity, rule.field);
      if (!loaded) return loaded.error();
      counts = ref_counts_.emplace(key, std::move(loaded.value())).first;
    }
    int& held = counts->second[ref];
    if (held < *rule.max_per_ref) {
      ++held;
      continue;
    }
    report.error = target_.connection.label() + " holds at most " +
                   std::to_string(*rule.max_per_ref) + " " + entity + " records per " +
                   rule.field + " and " + rule.field + " " + nameOf(run_.store, ref) + " has " +
                   std::to_string(held) + ": not sent" +
                   (rule.note.empty() ? "" : " (" + rule.note + ")");
    return {};
  }
  return {};
}

void Pusher::recordProblem(const std::string& record_id, model::EntityType type,
                           const Error& error, const model::Record* record) {
  const std::string name = record ? displayName(*record) : "";
  Error named = error;
  named.message = "push to '" + target_.connection.label() + "' of " +
                  std::string(model::toString(type)) + (name.empty() ? "" : " '" + name + "'") +
                  " (record " + record_id + "): " + error.message;
  run_.recordError(std::string(model::toString(type)), "", record_id, named);
  auto link = run_.store.idMap().byRecord(target_.connection.id, record_id);
  if (link && link.value()) (void)run_.store.idMap().setError(link.value()->key, error.message);
}

Result<std::optional<sdk::WriteKind>> Pusher::kindFor(
    const model::Record& record, const sdk::EntityCapability& capability,
    const std::optional<store::IdMapEntry>& link, const model::Record* base) {
  using K = sdk::WriteKind;
  const auto status = model::metaOf(record).status;
  if (status == model::RecordStatus::active) {
    const K kind = link ? K::update : K::create;
    if (!capability.supports(operationOf(kind))) return std::optional<K>{};
    return std::optional<K>(kind);
  }
  if (!link || run_.options.ignore_deletions.count(target_.connection.id)) return std::optional<K>{};
  if (base && model::metaOf(*base).status == status) return std::optional<K>{};
  // Each target as it can: archive where the app archives, delete where it only deletes.
  if (capability.supports(sdk::Operation::archive)) return std::optional<K>(K::archive);
  if (capability.supports(sdk::Operation::remove)) return std::optional<K>(K::remove);
  ACCORD_STORE_TRY(run_.store.idMap().setWarning(
      link->key, std::string(model::toString(status)) + " in the hub, but " +
                     target_.connection.label() + " can neither archive nor delete it"));
  return std::optional<K>{};
}

Result<bool> Pusher::mapRefs(PushOp& out, int depth, bool allow_refs, LimitReport& report) {
  std::optional<Error> failure;
  bool again = false;
  auto& ids = run_.store;
  forEachRef(out.sent, [&](std::string_view key, model::Ref& ref) {
    if (ref.empty() || failure) return;
    auto link = ids.idMap().byRecord(target_.connection.id, ref.id);
    const bool busy = in_progress_.count(ref.id) || done_.count(ref.id);
    if (link && !link.value() && allow_refs && !busy && depth < run_.options.max_reference_depth) {
      pushNow(ref.id, depth + 1);
      link = ids.idMap().byRecord(target_.connection.id, ref.id);
    }
    if (!link) {
      failure = link.error();
    } else if (!link.value()) {
      // A reference in a cycle (organization <-> people) is filled in on a second pass.
      if (busy) again = true;
      else report.warnings.push_back(std::string(key) + " '" + ref.id + "' is not in " +
                                     target_.connection.label() + ": left out");
      ref.id.clear();
    }
  });
  if (failure) return *failure;
  return again;
}

Result<std::optional<Candidate>> Pusher::candidate(const std::string& record_id) {
  using Nothing = std::optional<Candidate>;
  if (done_.count(record_id) || in_progress_.count(record_id)) return Nothing{};
  auto stored = run_.store.records().get(record_id);
  if (!stored) return stored.error();
  auto record = store::toModelRecord(stored.value());
  if (!record) return record.error();
  const auto* capability = run_.capability(target_, model::typeOf(record.value()));
  if (!capability || !target_.connection.direction(stored->entity).push) return Nothing{};
  if (!targetHolds(record.value(), *capability)) return Nothing{};
  auto placeholder = isPlaceholder(run_, record_id);
  if (!placeholder) return placeholder.error();
  if (placeholder.value()) return Nothing{};
  auto link = run_.store.idMap().byRecord(target_.connection.id, record_id);
  if (!link) return link.error();
  if (link.value() && link.value()->push_opt_out) return Nothing{};
  if (!link.value()) {  // a create: not while matching holds it for this target
    auto held = matching::MatchTables(run_.store).heldFor(target_.connection.id, record_id);
    if (!held) return held.error();
    if (held.value()) {
      if (run_.observer) {
        run_.observer->notSent(target_, record_id, sdk::WriteKind::create, record.value(),
                               {"not created in " + target_.connection.label() +
                                ": a match issue from it is open for this record, or the "
                                "record is unsynced (accord matches list)"},
                               std::nullopt);
      }
      return Nothing{};
    }
  }
  if (link.value() && target_.has_filtered) {  // it stopped matching the target's filters
    auto filtered = FilteredLinks(run_.store.db()).reason(target_.connection.id, record_id);
    if (!filtered) return filtered.error();
    if (filtered.value()) return Nothing{};
  }
  auto base = run_.state.base(target_.connection.id, record_id);
  if (!base) return base.error();
  auto kind = kindFor(record.value(), *capability, link.value(),
                      base.value() ? &*base.value() : nullptr);
  if (!kind) return kind.error();
  if (!kind.value()) return Nothing{};
  return std::optional<Candidate>(Candidate{stored->version, std::move(record.value()), capability,
                                            link.value(), std::move(base.value()), *kind.value()});
}

Result<void> Pusher::toTargetIds(PushOp& out, const std::optional<store::IdMapEntry>& link) {
  std::optional<Error> failure;
  forEachRef(out.op.record, [&](std::string_view, model::Ref& ref) {
    if (ref.empty() || failure) return;
    auto ref_link = run_.store.idMap().byRecord(target_.connection.id, ref.id);
    if (!ref_link) failure = ref_link.error();
    else ref.id = ref_link.value() ? ref_link.value()->key.external_id : "";
  });
  if (failure) return *failure;
  model::metaOf(out.op.record).id = link ? link->key.external_id : "";
  return {};
}

Result<std::optional<PushOp>> Pusher::prepare(const std::string& record_id, int depth,
                                              bool allow_refs) {
  using Nothing = std::optional<PushOp>;
  auto found = candidate(record_id);
  if (!found || !found.value()) return found ? Nothing{} : Result<Nothing>(found.error());
  Candidate& c = *found.value();
  const model::Record* base = c.base ? &*c.base : nullptr;
  const model::EntityType type = model::typeOf(c.record);
  done_.insert(record_id);
  in_progress_.insert(record_id);
  PushOp out{record_id, c.version, {}, std::move(c.record), {}, {}, std::nullopt};
  model::metaOf(out.sent).remote_data = base ? model::metaOf(*base).remote_data : "";
  LimitReport report;
  const std::string app = target_.connection.label();
  if (c.kind == sdk::WriteKind::create || c.kind == sdk::WriteKind::update)
    applyFieldRules(out.sent, *c.capability, base, app, report);
  // What the target will report back: an archived record deleted in an app that only deletes.
  if (c.kind == sdk::WriteKind::remove) model::metaOf(out.sent).status = model::RecordStatus::deleted;
  auto again = report.skip ? Result<bool>(false) : mapRefs(out, depth, allow_refs, report);
  in_progress_.erase(record_id);
  if (!again) return again.error();
  if (again.value()) revisit_.push_back(record_id);
  if (!report.skip) {
    checkRequired(out.sent, *c.capability, app, report);
    if (const auto* fields = target_.settings.requiredFields(type))
      checkRequiredFields(out.sent, *fields, app, report);
    if (!report.error) ACCORD_STORE_TRY(checkPerRef(out.sent, c, report));
  }
  if (report.error || report.skip) {
    if (run_.observer)
      run_.observer->notSent(target_, record_id, c.kind, out.sent, report.warnings, report.error);
    if (report.error) {
      recordProblem(record_id, type, sdk::makeError(ErrorKind::permanent, *report.error), &out.sent);
    } else if (c.link) {
      ACCORD_STORE_TRY(run_.store.idMap().setWarning(c.link->key, joined(report.warnings)));
    }
    return Nothing{};
  }
  out.hash = model::contentHash(out.sent);
  if (c.link && ((base && sentHashOf(*base, *c.capability, app) == out.hash) ||
                 c.link->last_pushed_hash == out.hash))
    return Nothing{};  // the target already holds exactly this
  out.warnings = std::move(report.warnings);
  out.base = std::move(c.base);
  out.op = sdk::WriteOp{c.kind, out.sent};
  ACCORD_STORE_TRY(toTargetIds(out, c.link));
  return std::optional<PushOp>(std::move(out));
}

void Pusher::pushNow(const std::string& record_id, int depth) {
  auto op = prepare(record_id, depth, true);
  if (!op) {
    run_.recordError("", "", record_id, op.error());
    return;
  }
  if (!op.value()) return;
  std::vector<PushOp> ops;
  ops.push_back(std::move(*op.value()));
  flush(model::typeOf(ops.front().sent), ops);
}

std::string Pusher::keyFor(model::EntityType type, const std::vector<PushOp>& ops) const {
  Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
  sha.update("accord-push|" + std::to_string(run_.run) + "|" +
             std::to_string(target_.connection.id) + "|" + std::string(model::toString(type)));
  for (const PushOp& op : ops) {
    sha.update("|" + kindName(op.op.kind) + ":" + op.record_id + ":" +
               std::to_string(op.version) + ":" + op.hash);
  }
  return Poco::DigestEngine::digestToHex(sha.digest());
}

bool Pusher::recordIntents(model::EntityType type, const std::vector<PushOp>& ops,
                           const std::string& key) {
  auto tx = run_.store.transaction();
  Result<void> done = tx ? Result<void>() : Result<void>(tx.error());
  for (const PushOp& op : ops) {
    if (!done) break;
    auto existing = run_.store.pushIntents().byKey(key, op.record_id);
    if (!existing) done = existing.error();
    if (!done || existing.value()) continue;
    store::PushIntent intent;
    intent.connection_id = target_.connection.id;
    intent.entity = std::string(model::toString(type));
    intent.record_id = op.record_id;
    intent.operation = kindName(op.op.kind);
    intent.record_version = op.version;
    intent.content_hash = op.hash;
    intent.idempotency_key = key;
    intent.run = run_.run;
    if (auto recorded = run_.store.pushIntents().record(intent); !recorded) done = recorded.error();
  }
  if (done) done = tx->commit();
  if (done) return true;
  for (const PushOp& op : ops) recordProblem(op.record_id, type, done.error());
  return false;
}

bool Pusher::flush(model::EntityType type, std::vector<PushOp>& ops,
                   const std::optional<std::string>& key_override) {
  if (ops.empty()) return true;
  const std::string key = key_override.value_or(keyFor(type, ops));
  // The intent is durable before the app hears of the write: after a crash from here on, the
  // next run finds it pending and reconciles (reconcile.cpp) instead of writing again.
  if (!recordIntents(type, ops, key)) return false;
  if (run_.observer) run_.observer->sending(target_, type, ops);
  sdk::WriteBatch batch{type, {}, key};
  for (const PushOp& op : ops) batch.ops.push_back(op.op);
  auto outcomes = target_.handle.connector->write(*target_.handle.context, batch);
  if (outcomes && outcomes->size() != ops.size()) {
    outcomes = sdk::makeError(ErrorKind::plugin_bug,
                              "write returned " + std::to_string(outcomes->size()) +
                                  " outcomes for " + std::to_string(ops.size()) + " ops");
  }
  if (!outcomes) {
    fail(type, ops, key, outcomes.error());
    return false;
  }
  settle(type, ops, key, outcomes.value());
  return true;
}

void Pusher::fail(model::EntityType type, std::vector<PushOp>& ops, const std::string& key,
                  const Error& error) {
  for (const PushOp& op : ops) {
    (void)run_.store.pushIntents().fail(key, op.record_id, error.message);
    recordProblem(op.record_id, type, error);
  }
}

}  // namespace accord::sync
