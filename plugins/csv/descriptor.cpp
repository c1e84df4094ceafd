#include "descriptor.h"

#include "config.h"

namespace accord::plugins::csv {
namespace {

using sdk::Operation;
using sdk::SyncMode;

sdk::EntityCapability capability(sdk::model::EntityType entity) {
  sdk::EntityCapability cap;
  cap.entity = entity;
  cap.operations = {Operation::read, Operation::create, Operation::update, Operation::archive,
                    Operation::remove};
  cap.sync_modes = {SyncMode::full, SyncMode::incremental, SyncMode::deletions};
  sdk::FieldRule phones;
  phones.field = "phones";
  phones.max_items = 2;
  phones.note = "one `phone` and one `mobile` column";
  sdk::FieldRule addresses;
  addresses.field = "addresses";
  addresses.max_items = 1;
  addresses.note = "one set of address columns";
  cap.field_rules = {phones, addresses};
  return cap;
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
