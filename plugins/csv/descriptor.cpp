#include "descriptor.h"

#include "accord/sdk/manifest_builders.h"
#include "config.h"

namespace accord::plugins::csv {
namespace {

using sdk::Operation;
using sdk::SyncMode;

sdk::EntityCapability capability(sdk::model::EntityType entity) {
  return sdk::capability(entity,
                         {Operation::read, Operation::create, Operation::update,
                          Operation::archive, Operation::remove},
                         {SyncMode::full, SyncMode::incremental, SyncMode::deletions},
                         {sdk::maxItemsRule("phones", 2, "one `phone` and one `mobile` column"),
                          sdk::maxItemsRule("addresses", 1, "one set of address columns")});
}

}  // namespace

sdk::Manifest describe() {
  sdk::Manifest m;
  m.name = "csv";
  m.version = "0.1.0";
  m.display_name = "CSV files";
  m.description =
      "Organizations and people as CSV files in a folder: import a spreadsheet, or keep one "
      "in step with the other apps.";
  m.auth = sdk::AuthKind::none;
  sdk::EntityCapability organizations = capability(sdk::model::EntityType::organization);
  // Why: the link is kept once, on the person's row (organization_id), as a sheet would.
  organizations.unsupported_fields = {"people"};
  m.entities = {organizations, capability(sdk::model::EntityType::person)};
  m.limits.max_page_size = kMaxPageSize;
  m.limits.max_batch_size = kMaxBatchSize;
  m.config = configSchema();
  return m;
}

}  // namespace accord::plugins::csv
