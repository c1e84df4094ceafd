#include "connector.h"

#include "descriptor.h"
#include "mapping.h"
#include "mapping_util.h"
#include "suppliers.h"

namespace accord::plugins::vtiger {
namespace {

using sdk::ErrorKind;
using sdk::makeError;
using sdk::model::EntityType;
using detail::textOf;

sdk::Error unsupported(EntityType entity) {
  return makeError(ErrorKind::not_supported,
                   "vtiger does not carry " + std::string(sdk::model::toString(entity)));
}

// Errors the hub should act on for the whole batch (log in again, wait, retry) rather than
// report against one record.
bool failsTheCall(const sdk::Error& error) {
  return error.kind != ErrorKind::permanent && error.kind != ErrorKind::not_supported;
}

// What a document's street reads when neither it nor its customer has one: vtiger requires
// both streets on invoices and orders (MANDATORY_FIELDS_MISSING) but takes any text, and the
// canonical documents carry no address, so the placeholder never reads back as a change.
constexpr const char* kNoStreet = "-";

// Fills a street vtiger requires but the element lacks: from the other street, else the
// placeholder, with a warning naming the field so nothing is invented silently.
void requireStreets(Poco::JSON::Object& element, std::vector<std::string>& warnings) {
  const std::string bill = textOf(element, "bill_street"), ship = textOf(element, "ship_street");
  if (bill.empty() && !ship.empty()) element.set("bill_street", ship);
  if (ship.empty() && !bill.empty()) element.set("ship_street", bill);
  if (!bill.empty() || !ship.empty()) return;
  for (const char* key : {"bill_street", "ship_street"}) {
    element.set(key, std::string(kNoStreet));
    warnings.push_back(std::string(key) + ": vtiger requires it and no address is known; sent \"" +
                       kNoStreet + "\"");
  }
}

// vtiger requires billing and shipping streets on invoices; a new one takes its customer's.
sdk::Result<void> fillInvoiceAddresses(Client& client, Poco::JSON::Object& element) {
  if (!textOf(element, "bill_street").empty() && !textOf(element, "ship_street").empty()) return {};
  const std::string account = textOf(element, "account_id");
  if (account.empty()) return {};  // vtiger names the missing organization itself
  auto row = client.retrieve(account);
  if (!row.ok()) return row.error();
  for (const char* prefix : {"bill_", "ship_"}) {
    for (const char* part : {"street", "city", "state", "code", "country"}) {
      std::string key = std::string(prefix) + part;
      if (textOf(element, key).empty()) element.set(key, textOf(*row.value(), key));
    }
  }
  return {};
}

struct WriteSession {
  Client& client;
  const VtigerConfig& config;
  std::optional<std::map<std::string, std::string>> taxes;  // fetched once, when needed
};

sdk::Result<sdk::WriteOutcome> upsert(WriteSession& session, EntityType entity,
                                      const sdk::WriteOp& op,
                                      const sdk::EntityCapability& capability) {
  WriteOptions options;
  options.owner_id = session.config.owner_id;
  options.create = op.kind == sdk::WriteKind::create;
  if (entity != EntityType::organization && entity != EntityType::person && !session.taxes) {
    auto taxes = session.client.productTaxes();
    if (!taxes.ok()) return taxes.error();
    session.taxes = std::move(taxes).value();
  }
  if (session.taxes) options.tax_percents = *session.taxes;
  auto element = toVtiger(op.record, options);
  if (!element.ok()) return element.error();
  sdk::WriteOutcome outcome;
  outcome.warnings = unsupportedFieldWarnings(op.record, capability);
  outcome.warnings.insert(outcome.warnings.end(), element->warnings.begin(),
                          element->warnings.end());
  if (options.create && entity == EntityType::invoice) {
    auto filled = fillInvoiceAddresses(session.client, *element->fields);
    if (!filled.ok()) return filled.error();
  }
  if (entity == EntityType::purchase_order) {
    auto linked = supplierToVendor(session.client, session.config.owner_id, *element->fields,
                                   outcome.warnings);
    if (!linked.ok()) return linked.error();
  }
  if (options.create && (entity == EntityType::invoice || entity == EntityType::purchase_order)) {
    requireStreets(*element->fields, outcome.warnings);
  }
  auto written = options.create ? session.client.create(moduleFor(entity), *element->fields)
                                : session.client.revise(*element->fields);
  if (!written.ok()) return written.error();
  outcome.id = written.value()->optValue<std::string>("id", "");
  outcome.updated_at =
      parseVtigerTime(written.value()->optValue<std::string>("modifiedtime", ""));
  return outcome;
}

sdk::Result<sdk::WriteOutcome> applyOp(WriteSession& session, EntityType entity,
                                       const sdk::WriteOp& op,
                                       const sdk::EntityCapability& capability) {
  if (sdk::model::typeOf(op.record) != entity) {
    return makeError(ErrorKind::permanent, "a " +
                                               std::string(sdk::model::toString(
                                                   sdk::model::typeOf(op.record))) +
                                               " record in a batch of " +
                                               std::string(sdk::model::toString(entity)));
  }
  const std::string& id = sdk::model::metaOf(op.record).id;
  switch (op.kind) {
    case sdk::WriteKind::create:
    case sdk::WriteKind::update:
      return upsert(session, entity, op, capability);
    case sdk::WriteKind::remove: {
      if (id.empty()) return makeError(ErrorKind::permanent, "a delete needs the vtiger id", "id");
      auto removed = session.client.remove(id);
      if (!removed.ok()) return removed.error();
      return sdk::WriteOutcome{id, std::nullopt, {}, std::nullopt};
    }
    case sdk::WriteKind::archive:
      break;
  }
  return makeError(ErrorKind::not_supported, "vtiger has no archive; delete the record instead");
}

}  // namespace

std::vector<sdk::FieldError> VtigerConnector::validateConfig(const sdk::Config& config) const {
  return vtiger::validateConfig(config);
}

sdk::Result<sdk::Session> VtigerConnector::login(sdk::HostContext& ctx) {
  auto config = loadConfig(ctx.config());
  if (!config.ok()) return config.error();
  Client client(ctx, config.value());
  return client.login();
}

sdk::Result<sdk::Page> VtigerConnector::read(sdk::HostContext& ctx,
                                             const sdk::ReadRequest& request) {
  if (moduleFor(request.entity) == nullptr) return unsupported(request.entity);
  auto config = loadConfig(ctx.config());
  if (!config.ok()) return config.error();
  Client client(ctx, config.value());
  return readPage(client, ctx.clock(), request);
}

sdk::Result<std::vector<sdk::WriteOutcome>> VtigerConnector::write(sdk::HostContext& ctx,
                                                                   const sdk::WriteBatch& batch) {
  if (moduleFor(batch.entity) == nullptr) return unsupported(batch.entity);
  auto config = loadConfig(ctx.config());
  if (!config.ok()) return config.error();
  Client client(ctx, config.value());
  WriteSession session{client, config.value(), std::nullopt};
  static const sdk::Manifest kManifest = describe();
  const sdk::EntityCapability& capability = *kManifest.entity(batch.entity);
  std::vector<sdk::WriteOutcome> outcomes;
  for (const sdk::WriteOp& op : batch.ops) {
    auto outcome = applyOp(session, batch.entity, op, capability);
    if (outcome.ok()) {
      outcomes.push_back(std::move(outcome).value());
      continue;
    }
    // Why the whole call: the ops before this one are done, and vtiger writes are not
    // idempotent, so the hub must not replay them; batches are declared one op long.
    if (failsTheCall(outcome.error()) && outcomes.empty()) return outcome.error();
    sdk::WriteOutcome failed;
    failed.id = sdk::model::metaOf(op.record).id;
    failed.error = outcome.error();
    outcomes.push_back(std::move(failed));
  }
  return outcomes;
}

}  // namespace accord::plugins::vtiger
