// After a crash: push intents still pending are writes whose outcome is unknown (the app may
// or may not have applied them). Each pending batch is sent again with its original
// idempotency key, which the plugin passes to the app (Xero's Idempotency-Key); an app that
// already applied it answers with the first outcomes instead of writing twice, and the answer
// settles the intents as a normal push does.
//
// Not every app honours the key (vTiger creates whatever it is sent), so pending creates wait
// until the target has been pulled: a copy the app did make is then linked by the pull's
// matcher (docs/matching.md), and the intent is settled with that link instead of replayed.
// Only a create with no copy in the app is sent again. Other writes are replayed before the
// pull, while the record is still as it was sent (a replay with another body is refused).
#include <map>

#include "sync/pusher.h"

namespace accord::sync {
namespace {

bool isCreate(const store::PushIntent& intent) { return intent.operation == "create"; }

// A pending create whose record the pull linked to the app's copy: the app applied it.
Result<bool> settledByPull(RunContext& run, const Target& target, const store::PushIntent& intent) {
  auto link = run.store.idMap().byRecord(target.connection.id, intent.record_id);
  if (!link) return link.error();
  if (!link.value()) return false;
  ACCORD_STORE_TRY(run.store.pushIntents().complete(intent.idempotency_key, intent.record_id,
                                                    link.value()->key.external_id));
  return true;
}

// The pending intents of this stage, batch by batch (by key, oldest first).
Result<std::vector<std::vector<store::PushIntent>>> pendingBatches(RunContext& run,
                                                                   const Target& target,
                                                                   ReconcileStage stage) {
  auto pending = run.store.pushIntents().pending(target.connection.id);
  if (!pending) return pending.error();
  std::vector<std::vector<store::PushIntent>> out;
  std::map<std::string, std::size_t> index;
  for (store::PushIntent& intent : pending.value()) {
    if (isCreate(intent) != (stage == ReconcileStage::creates_after_pull)) continue;
    if (stage == ReconcileStage::creates_after_pull) {
      auto type = model::entityTypeFromString(intent.entity);
      if (type && !target.pushable(*type)) continue;  // its pull failed: next run
      auto settled = settledByPull(run, target, intent);
      if (!settled) return settled.error();
      if (settled.value()) continue;
    }
    auto [at, added] = index.emplace(intent.idempotency_key, out.size());
    if (added) out.emplace_back();
    out[at->second].push_back(std::move(intent));
  }
  return out;
}

}  // namespace

void reconcilePending(RunContext& run, Target& target, ReconcileStage stage) {
  auto batches = pendingBatches(run, target, stage);
  if (!batches) {
    run.recordError("", "", "", batches.error());
    return;
  }
  Pusher pusher(run, target);
  for (const std::vector<store::PushIntent>& batch : batches.value()) {
    const std::string& key = batch.front().idempotency_key;
    auto type = model::entityTypeFromString(batch.front().entity);
    if (!type) continue;
    std::vector<PushOp> ops;
    for (const store::PushIntent& intent : batch) {
      auto op = pusher.prepare(intent.record_id, run.options.max_reference_depth, false);
      if (op && op.value()) {
        ops.push_back(std::move(*op.value()));
      } else {
        // Nothing left to send (the target already holds it, or it no longer flows there).
        const std::string why = op ? "reconciled: nothing left to send" : op.error().message;
        (void)run.store.pushIntents().fail(key, intent.record_id, why);
      }
    }
    pusher.flush(*type, ops, key);
    pusher.done().clear();  // the push phase may still send later changes of these records
  }
}

}  // namespace accord::sync
