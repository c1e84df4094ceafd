// FakeApp: an in-memory app behind the Connector interface, for the sync engine's tests. It
// keeps records by entity with its own ids ("X-1"), stamps each change with a FakeClock, reads
// incrementally with a cursor of whole seconds that overlaps the last second (as real apps'
// If-Modified-Since does), refuses what its manifest forbids, honours idempotency keys, and
// fails or "crashes" on demand.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "accord/sdk/connector.h"
#include "accord/sdk/manifest.h"
#include "accord/sdk/testing/fake_clock.h"
#include "sync/common.h"

namespace accord::sync::testing {



// Thrown by write() after the app applied a batch: the process "dies" before the hub hears.
struct SimulatedCrash : std::runtime_error {
  SimulatedCrash() : std::runtime_error("simulated crash") {}
};

// A manifest where every listed entity is read, created, updated and archived.
sdk::Manifest fakeManifest(const std::string& name,
                           const std::vector<model::EntityType>& entities,
                           int max_batch_size = 10);

class FakeApp final : public sdk::Connector {
 public:
  FakeApp(std::string prefix, sdk::Manifest manifest, sdk::testing::FakeClock& clock)
      : prefix_(std::move(prefix)), manifest_(std::move(manifest)), clock_(clock) {}

  const sdk::Manifest& manifest() const { return manifest_; }
  sdk::Manifest& manifest() { return manifest_; }

  Result<sdk::Page> read(sdk::HostContext& ctx, const sdk::ReadRequest& request) override;
  Result<std::vector<sdk::WriteOutcome>> write(sdk::HostContext& ctx,
                                               const sdk::WriteBatch& batch) override;

  // App-side edits, stamped with the clock's current time. Returns the app's id.
  std::string put(model::Record record);
  void archive(model::EntityType type, const std::string& id);
  std::optional<model::Record> get(model::EntityType type, const std::string& id) const;
  std::vector<model::Record> all(model::EntityType type) const;

  // Failure injection.
  bool fail_reads = false;
  int fail_after_reads = -1;  // >= 0: reads after this many succeed fail
  int reads = 0;
  std::set<model::EntityType> fail_reads_of;  // reads of these entities fail
  bool fail_writes = false;
  bool crash_after_accept = false;  // next write applies, then throws SimulatedCrash

  // What the hub did.
  std::vector<sdk::WriteBatch> batches;  // every write() call, replays included
  int creates = 0;                       // records actually created
  int updates = 0;

 private:
  struct Entry {
    model::Record record;
    std::int64_t modified_ms = 0;
  };
  std::int64_t nowMs() const;
  Result<sdk::WriteOutcome> apply(model::EntityType type, const sdk::WriteOp& op);

  std::string prefix_;
  sdk::Manifest manifest_;
  sdk::testing::FakeClock& clock_;
  int next_id_ = 1;
  std::map<model::EntityType, std::map<std::string, Entry>> records_;
  std::map<model::EntityType, std::vector<std::pair<sdk::Removal, std::int64_t>>> removals_;
  std::map<std::string, std::vector<sdk::WriteOutcome>> by_key_;
};

}  // namespace accord::sync::testing
