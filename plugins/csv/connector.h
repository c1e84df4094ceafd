// The csv connector: reads pages of rows as records and applies write batches to the files.
// Stateless: the folder is the app's state; every call re-reads what it needs.
#pragma once

#include "accord/sdk/connector.h"

namespace accord::plugins::csv {

// Cursor: "<updated_at epoch ms>:<id>" of the last row returned. Rows are served in
// (updated_at, id) order, so a cursor survives rows being added, edited or reordered; a row's
// updated_at is its column when set, else the file's modification time.
class CsvConnector final : public sdk::Connector {
 public:
  std::vector<sdk::FieldError> validateConfig(const sdk::Config& config) const override;
  sdk::Result<sdk::Page> read(sdk::HostContext& ctx, const sdk::ReadRequest& request) override;
  sdk::Result<std::vector<sdk::WriteOutcome>> write(sdk::HostContext& ctx,
                                                    const sdk::WriteBatch& batch) override;
};

}  // namespace accord::plugins::csv
