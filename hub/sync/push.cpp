// The push phase of one target: the change log from the target's push cursor, entity by entity
// in dependency order, in batches no larger than the manifest allows; and the settling of a
// batch's outcomes into the id map, the link bases and the push intents.
#include <map>
#include <utility>

#include "sync/preview.h"
#include "sync/pusher.h"

namespace accord::sync {
namespace {

bool writable(const sdk::EntityCapability& capability) {
  using O = sdk::Operation;
  return capability.supports(O::create) || capability.supports(O::update) ||
         capability.supports(O::archive) || capability.supports(O::remove);
}

std::int64_t seqOf(const std::optional<std::string>& cursor) {
  if (!cursor || cursor->empty()) return 0;
  try {
    return std::stoll(*cursor);
  } catch (const std::exception&) {
    return 0;  // a cursor we cannot read: offer everything again (pushes are idempotent)
  }
}

struct Changed {
  std::vector<std::string> ids;             // in change-log order, each once
  std::map<std::string, std::int64_t> seq;  // the first change of each not yet pushed
  std::int64_t last = 0;
};

Result<Changed> changedSince(RunContext& run, const std::string& entity, std::int64_t from) {
  Changed out{{}, {}, from};
  constexpr int kPage = 1000;
  for (;;) {
    auto changes = run.store.records().changesSince(run.org, out.last, kPage);
    if (!changes) return changes.error();
    for (const store::ChangeEntry& change : changes.value()) {
      out.last = change.seq;
      if (change.entity != entity || out.seq.count(change.record_id)) continue;
      out.seq[change.record_id] = change.seq;
      out.ids.push_back(change.record_id);
    }
    if (changes->size() < static_cast<std::size_t>(kPage)) return out;
  }
}

Result<void> pushEntity(RunContext& run, Pusher& pusher, Target& target, model::EntityType type) {
  const std::string entity(model::toString(type));
  auto cursor = run.store.cursors().get(target.connection.id, entity, store::CursorKind::push);
  if (!cursor) return cursor.error();
  auto changed = changedSince(run, entity, seqOf(cursor.value()));
  if (!changed) return changed.error();
  const std::size_t batch_size =
      static_cast<std::size_t>(std::max(1, target.handle.manifest->limits.max_batch_size));
  std::optional<std::int64_t> hold;  // the first change whose batch failed as a whole
  std::vector<PushOp> batch;
  auto flush = [&] {
    if (batch.empty()) return;
    if (!pusher.flush(type, batch)) {
      for (const PushOp& op : batch) {
        const std::int64_t seq = changed->seq[op.record_id];
        if (!hold || seq < *hold) hold = seq;
      }
    }
    batch.clear();
  };
  for (const std::string& id : changed->ids) {
    auto op = pusher.prepare(id, 0, true);
    if (!op) run.recordError(entity, "", id, op.error());
    else if (op.value()) batch.push_back(std::move(*op.value()));
    if (batch.size() >= batch_size) flush();
  }
  flush();
  // Changes of a failed call are offered again next run (same content, a new key).
  const std::int64_t next = hold ? *hold - 1 : changed->last;
  return run.store.cursors().set(target.connection.id, entity, std::to_string(next),
                                 store::CursorKind::push);
}

}  // namespace

void Pusher::settle(model::EntityType type, std::vector<PushOp>& ops, const std::string& key,
                    const std::vector<sdk::WriteOutcome>& outcomes) {
  const std::string entity(model::toString(type));
  auto tx = run_.store.transaction();
  Result<void> done = tx ? Result<void>() : Result<void>(tx.error());
  for (std::size_t i = 0; i < ops.size() && done; ++i) {
    const PushOp& op = ops[i];
    const sdk::WriteOutcome& outcome = outcomes[i];
    if (!outcome.ok()) {
      done = run_.store.pushIntents().fail(key, op.record_id, outcome.error->message);
      recordProblem(op.record_id, type, *outcome.error);
      continue;
    }
    std::string external_id = outcome.id.empty() ? model::metaOf(op.op.record).id : outcome.id;
    const store::ExternalKey link{target_.connection.id, entity, external_id};
    if (op.op.kind == sdk::WriteKind::create) {
      auto linked = run_.store.idMap().link(link, op.record_id);
      if (!linked) done = linked.error();
    }
    std::vector<std::string> warnings = op.warnings;
    warnings.insert(warnings.end(), outcome.warnings.begin(), outcome.warnings.end());
    std::string text;
    for (const auto& w : warnings) text += (text.empty() ? "" : "; ") + w;
    if (done) done = run_.store.idMap().markPushed(link, op.hash, outcome.updated_at);
    if (done) done = run_.state.setBase(target_.connection.id, op.record_id, op.sent);
    if (done) done = run_.store.idMap().setWarning(link, text.empty() ? std::nullopt
                                                                      : std::optional(text));
    if (done) done = run_.store.idMap().setError(link, std::nullopt);
    if (done) done = run_.store.pushIntents().complete(key, op.record_id, external_id);
    if (done) ++run_.report.counts.pushed;
  }
  if (done) done = tx->commit();
  if (!done) {
    // Left pending: the next run reconciles these with the same key.
    for (const PushOp& op : ops) recordProblem(op.record_id, type, done.error());
  }
}

namespace {

void pushTarget(RunContext& run, Target& target) {
  Pusher pusher(run, target);
  for (model::EntityType type : dependencyOrder()) {
    const auto* capability = run.capability(target, type);
    const std::string entity(model::toString(type));
    if (!target.pushable(type)) break;  // its pull failed this run: so does all after it
    if (!capability || !writable(*capability)) continue;
    if (!target.connection.direction(entity).push) continue;
    if (auto pushed = pushEntity(run, pusher, target, type); !pushed) {
      run.recordError(entity, "", "", pushed.error());
    }
  }
  // Records whose references formed a cycle go again, now that both ends exist in the target.
  std::vector<std::string> again = std::move(pusher.revisit());
  for (const std::string& id : again) {
    pusher.done().erase(id);
    auto op = pusher.prepare(id, run.options.max_reference_depth, false);
    if (!op) run.recordError("", "", id, op.error());
    if (!op || !op.value()) continue;
    std::vector<PushOp> ops;
    ops.push_back(std::move(*op.value()));
    pusher.flush(model::typeOf(ops.front().sent), ops);
  }
}

// The target's push as a preview would see it: recorded writes, inside a transaction rolled
// back, the run's report restored. Returns the errors it found.
std::int64_t dryRunErrors(RunContext& run, const Target& target) {
  RecordingConnector recorder(*target.handle.connector);
  Target dry = target;
  dry.handle.connector = &recorder;
  const RunReport saved = run.report;
  PushObserver* observer = std::exchange(run.observer, nullptr);
  run.dry = true;
  {
    auto tx = run.store.transaction();  // never committed
    if (!tx) {
      run.recordError("", "", "", tx.error());
      return 1;
    }
    pushTarget(run, dry);
  }
  const std::int64_t errors = run.report.counts.errors - saved.counts.errors;
  run.report = saved;
  run.observer = observer;
  run.dry = false;
  return errors;
}

}  // namespace

void pushConnection(RunContext& run, Target& target) {
  if (target.settings.block_on_preview_errors && !run.dry) {
    if (const std::int64_t errors = dryRunErrors(run, target); errors > 0) {
      run.report.blocked.push_back(target.connection.label());
      run.recordError("", "", "", sdk::makeError(
          ErrorKind::permanent,
          "connection '" + target.connection.label() + "': not pushed to: its preview shows " +
              std::to_string(errors) + " error(s) and its settings block its sync on errors "
              "(see accord preview " + target.connection.org_slug + " --connection " +
              target.connection.name + ")"));
      return;
    }
  }
  pushTarget(run, target);
}

}  // namespace accord::sync
