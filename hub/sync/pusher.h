// Pushes canonical records to one target connection (internal to accord_sync): the manifest's
// limits, references pushed ahead of what refers to them, batches recorded as push intents
// before the call and settled after it.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sync/limits.h"
#include "sync/run_context.h"

namespace accord::sync {

struct PushOp {
  std::string record_id;
  std::int64_t version = 0;
  std::string hash;            // of `sent`, canonical ids: the echo to expect back
  model::Record sent;          // what is sent, with canonical ids: the link's next base
  sdk::WriteOp op;             // the same with the target's ids
  std::vector<std::string> warnings;
  std::optional<model::Record> base;  // the target's last agreed body: what the op changes
};

// What the push phase decides per record, for the preview (preview.h).
class PushObserver {
 public:
  virtual ~PushObserver() = default;
  // A batch about to be written.
  virtual void sending(const Target& target, model::EntityType type,
                       const std::vector<PushOp>& ops) = 0;
  // A record that will not be sent: with an error (held), or only warnings (skipped, e.g. a
  // change to a paid invoice). `record` is as it would have been sent, canonical ids.
  virtual void notSent(const Target& target, const std::string& record_id, sdk::WriteKind kind,
                       const model::Record& record, const std::vector<std::string>& warnings,
                       const std::optional<std::string>& error) = 0;
};

// A record that flows to the target, and how.
struct Candidate {
  std::int64_t version = 0;
  model::Record record;
  const sdk::EntityCapability* capability = nullptr;
  std::optional<store::IdMapEntry> link;  // in the target
  std::optional<model::Record> base;      // the target's last agreed body
  sdk::WriteKind kind = sdk::WriteKind::create;
};

class Pusher {
 public:
  Pusher(RunContext& run, Target& target) : run_(run), target_(target) {}

  // The op for a record, or nullopt when there is nothing to send (the target has it, the
  // entity does not flow there, an error recorded on the record...). `depth` limits how far
  // references are pushed ahead; allow_refs=false leaves missing references out.
  Result<std::optional<PushOp>> prepare(const std::string& record_id, int depth, bool allow_refs);
  // Records intents, calls write() once, settles the outcomes. Returns false when the call as a
  // whole failed (the ops' changes must be offered again).
  bool flush(model::EntityType type, std::vector<PushOp>& ops,
             const std::optional<std::string>& key = std::nullopt);
  // Prepares and flushes one record at once (a reference needed by another record).
  void pushNow(const std::string& record_id, int depth);

  std::set<std::string>& done() { return done_; }
  std::vector<std::string>& revisit() { return revisit_; }

 private:
  Result<std::optional<Candidate>> candidate(const std::string& record_id);
  Result<void> toTargetIds(PushOp& out, const std::optional<store::IdMapEntry>& link);
  Result<bool> mapRefs(PushOp& out, int depth, bool allow_refs, LimitReport& report);
  Result<void> checkPerRef(const model::Record& sent, const Candidate& c, LimitReport& report);
  Result<std::optional<sdk::WriteKind>> kindFor(const model::Record& record,
                                                const sdk::EntityCapability& capability,
                                                const std::optional<store::IdMapEntry>& link,
                                                const model::Record* base);
  std::string keyFor(model::EntityType type, const std::vector<PushOp>& ops) const;
  bool recordIntents(model::EntityType type, const std::vector<PushOp>& ops, const std::string& key);
  void settle(model::EntityType type, std::vector<PushOp>& ops, const std::string& key,
              const std::vector<sdk::WriteOutcome>& outcomes);
  void fail(model::EntityType type, std::vector<PushOp>& ops, const std::string& key,
            const Error& error);
  void recordProblem(const std::string& record_id, model::EntityType type, const Error& error,
                     const model::Record* record = nullptr);

  RunContext& run_;
  Target& target_;
  std::set<std::string> done_;
  std::set<std::string> in_progress_;
  std::vector<std::string> revisit_;
  // max_per_ref counts, "entity.field" -> referenced canonical id -> records in the target.
  std::map<std::string, std::map<std::string, int>> ref_counts_;
};

}  // namespace accord::sync
