// The vtiger connector: session login, paged reads (full through VTQL `query`, incremental
// through `sync`, with deletions) and one-record writes (create, revise, delete).
// Stateless: the session comes back from the hub as secrets().get("session_id") on each call.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "accord/sdk/connector.h"
#include "client.h"

namespace accord::plugins::vtiger {

// Cursors (opaque to the hub, documented for operators):
//   full:<since>:<last id>        a full read in id order; <since> is the unix time it began,
//                                  from which `sync` continues once the last page is served
//   sync:<t>                       changes after unix time t
//   sync:<t>:u:<modified>:<id>     part way through the changes of one `sync` answer
//   sync:<t>:d:<id>                ... in its deleted ids
struct Cursor {
  enum class Mode { full, sync } mode = Mode::sync;
  std::int64_t time = 0;  // full: since; sync: t
  std::string phase;      // sync: "" (start), "u" or "d"
  std::int64_t modified = 0;
  std::string id;  // the last id served
};
sdk::Result<Cursor> parseCursor(const std::string& text);
std::string formatCursor(const Cursor& cursor);

class VtigerConnector final : public sdk::Connector {
 public:
  std::vector<sdk::FieldError> validateConfig(const sdk::Config& config) const override;
  sdk::Result<sdk::Page> read(sdk::HostContext& ctx, const sdk::ReadRequest& request) override;
  sdk::Result<std::vector<sdk::WriteOutcome>> write(sdk::HostContext& ctx,
                                                    const sdk::WriteBatch& batch) override;
  sdk::Result<sdk::Session> login(sdk::HostContext& ctx) override;
};

// The reading half (connector_read.cpp).
sdk::Result<sdk::Page> readPage(Client& client, const sdk::Clock& clock,
                                const sdk::ReadRequest& request);

}  // namespace accord::plugins::vtiger
