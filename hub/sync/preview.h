// The preview: what the next sync would send, computed without writing anything anywhere.
//
//   sync::PreviewOptions options;            // options.connection: only what goes to it
//   auto preview = sync::preview(store, provider, org_id, options);
//
// How: the engine runs as usual inside one store transaction that is rolled back at the end,
// with every connection's connector wrapped in a RecordingConnector: reads reach the apps (the
// preview needs their current changes), writes are recorded and answered with synthetic
// outcomes (new ids "preview-N") so records that depend on them are previewed too. The store
// is left exactly as it was; the apps receive no write. While the preview runs it holds the
// store's write lock (other writers wait up to the busy timeout).
//
// Threading: as Engine: one preview per Store at a time, from the calling thread.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "accord/sdk/decimal.h"
#include "sync/engine.h"

namespace accord::sync {

struct FieldChange {
  std::string field;   // top-level canonical field, or "$status"
  std::string before;  // JSON text of the value; "" for a create
  std::string after;
};

struct PreviewRecord {
  store::ConnectionId connection = 0;
  std::string connection_label;  // "acme/xero"
  std::string group;             // entity, or "bill" for a purchase invoice
  std::string operation;         // create, update, archive, remove; "skip" when not sent
  std::string record_id;         // canonical
  std::string name;              // displayName(): "Acme Ltd", "INV-7"
  std::vector<FieldChange> changes;
  std::vector<std::string> warnings;
  std::vector<std::string> errors;  // non-empty: held, not sent
  model::Record record;  // as the app would receive it (its ids; "preview-N" for new records)
  // Currency and total of a document or payment as the hub holds it: a target that computes
  // totals itself (Xero) or holds no currency (vTiger) is not sent them, yet the admin weighs
  // what is at stake.
  std::optional<std::pair<std::string, sdk::Decimal>> value;
};

struct PreviewGroup {
  std::string connection_label;
  std::string group;
  std::string operation;
  int records = 0;
  int with_errors = 0;
  // Invoices, bills and credit notes: sum of totals; payments: of amounts. By currency ("" is
  // the organisation's base currency). Records with errors included.
  std::map<std::string, sdk::Decimal> totals;
};

struct Preview {
  std::vector<PreviewGroup> groups;    // by connection, dependency order, operation
  std::vector<PreviewRecord> records;  // in the order the sync would send them
  std::vector<std::string> errors;     // not tied to one record: a failed read, a connection
  std::vector<std::string> blocking;   // connections whose sync is blocked by these errors
  store::RunCounts counts;             // what the pull would do (pulled, created, updated...)
  std::int64_t filtered = 0;           // records read but not shared (sync filters)
  int errorCount() const;              // records held plus general errors
};

struct PreviewOptions {
  EngineOptions engine;
  std::optional<store::ConnectionId> connection;  // only what would be sent to this one
};

// Errors only when the preview could not run (the store failed); everything else is in it.
Result<Preview> preview(store::Store& store, ConnectorProvider& provider, store::OrgId org,
                        const PreviewOptions& options = {});

// The preview as JSON (what `accord preview --json` prints).
std::string previewToJson(const Preview& preview);

// Reads go to the wrapped connector; writes are recorded, never sent, and answered with
// synthetic outcomes. The push phase uses it to test a connection that blocks on errors.
class RecordingConnector final : public sdk::Connector {
 public:
  explicit RecordingConnector(sdk::Connector& inner) : inner_(inner) {}
  Result<sdk::Page> read(sdk::HostContext& ctx, const sdk::ReadRequest& request) override {
    return inner_.read(ctx, request);
  }
  Result<std::vector<sdk::WriteOutcome>> write(sdk::HostContext& ctx,
                                               const sdk::WriteBatch& batch) override;
  const std::vector<sdk::WriteBatch>& batches() const { return batches_; }

 private:
  sdk::Connector& inner_;
  std::vector<sdk::WriteBatch> batches_;
  int next_id_ = 1;
};

}  // namespace accord::sync
