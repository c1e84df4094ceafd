// After a crash: push intents still pending are writes whose outcome is unknown (the app may
// or may not have applied them). Each pending batch is sent again with its original
// idempotency key, which the plugin passes to the app (Xero's Idempotency-Key); an app that
// already applied it answers with the first outcomes instead of writing twice, and the answer
// settles the intents as a normal push does.
#include <map>

#include "sync/pusher.h"

namespace accord::sync {

void reconcilePending(RunContext& run, Target& target) {
  auto pending = run.store.pushIntents().pending(target.connection.id);
  if (!pending) {
    run.recordError("", "", "", pending.error());
    return;
  }
  std::vector<std::string> keys;
  std::map<std::string, std::vector<store::PushIntent>> batches;
  for (store::PushIntent& intent : pending.value()) {
    if (!batches.count(intent.idempotency_key)) keys.push_back(intent.idempotency_key);
    batches[intent.idempotency_key].push_back(std::move(intent));
  }
  Pusher pusher(run, target);
  for (const std::string& key : keys) {
    auto type = model::entityTypeFromString(batches[key].front().entity);
    if (!type) continue;
    std::vector<PushOp> ops;
    for (const store::PushIntent& intent : batches[key]) {
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
