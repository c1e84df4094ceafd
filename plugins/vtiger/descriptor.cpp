#include "descriptor.h"

#include <utility>

#include "accord/sdk/manifest_builders.h"
#include "config.h"

namespace accord::plugins::vtiger {
namespace {

using sdk::noteRule;
using sdk::readOnlyRule;
using sdk::requiredRule;
using sdk::Operation;
using sdk::SyncMode;
using sdk::model::EntityType;

sdk::FieldRule capped(std::string field, int max_items, std::string note) {
  return sdk::maxItemsRule(std::move(field), max_items, std::move(note));
}

sdk::EntityCapability capability(EntityType entity, std::vector<sdk::FieldRule> rules,
                                 std::vector<std::string> unsupported) {
  return sdk::capability(
      entity, {Operation::read, Operation::create, Operation::update, Operation::remove},
      {SyncMode::full, SyncMode::incremental, SyncMode::deletions}, std::move(rules),
      std::move(unsupported));
}

std::vector<sdk::FieldRule> inventoryRules(const char* partner) {
  const std::string computed = "computed by vtiger from the lines";
  return {requiredRule("number", "vtiger's mandatory subject holds the document number"),
          requiredRule("organization", std::string("vtiger requires the ") + partner),
          readOnlyRule("sub_total", computed), readOnlyRule("total_tax", computed),
          readOnlyRule("total", computed),
          noteRule("line_amount_types",
                   "vtiger prices exclude tax: only \"exclusive\" can be written")};
}

}  // namespace

sdk::Manifest describe() {
  sdk::Manifest m;
  m.name = "vtiger";
  m.version = "0.1.0";
  m.display_name = "vtiger CRM";
  m.description =
      "Organizations, contacts, products, invoices and purchase orders in vtiger CRM 7 and "
      "vtiger Cloud, through its webservice API (webservice.php).";
  m.auth = sdk::AuthKind::session;
  m.entities = {
      capability(EntityType::organization,
                 {requiredRule("name", "vtiger's accountname is mandatory"),
                  capped("addresses", 2, "one billing and one shipping address"),
                  capped("phones", 3, "phone (work), otherphone (other) and fax")},
                 {"account_number", "tax_number", "currency", "is_supplier", "people"}),
      capability(EntityType::person,
                 {requiredRule("last_name", "vtiger's lastname is mandatory"),
                  capped("addresses", 2, "a mailing (postal) and an other address"),
                  capped("phones", 5, "one each of work, mobile, home, fax and other")},
                 {"is_primary"}),
      capability(EntityType::item,
                 {requiredRule("name", "vtiger's productname is mandatory"),
                  noteRule("taxes", "vtiger's tax table (tax1, tax2, ...): several per product")},
                 {"purchase_description", "is_purchased", "is_tracked", "sale_account",
                  "sale_tax_code", "purchase_account", "purchase_tax_code", "inventory_account",
                  "currency"}),
      capability(EntityType::invoice, inventoryRules("organization (account_id)"),
                 {"currency", "amount_credited"}),
      capability(EntityType::purchase_order,
                 inventoryRules("supplier; written to the Vendor of its name"),
                 {"date", "currency", "attention_to", "delivery_instructions"}),
  };
  // Invoices: vtiger computes the balance; only the amount received can be written.
  m.entities[3].field_rules.push_back(readOnlyRule("amount_due", "vtiger's balance, computed"));
  m.entities[3].field_rules.push_back(
      sdk::heldValuesRule("kind", {"sales"}, "vtiger invoices are sales invoices only"));
  m.limits.max_page_size = 100;  // VTQL's LIMIT cap and sync's page
  m.limits.max_batch_size = 1;   // create/revise/delete take one record per call
  // Call limits by edition, as data: the hub applies the connection's (sdk::effectiveLimits).
  // The limits themselves are the most conservative edition's, for a hub that has no config.
  m.limits.profile_key = kEditionKey;
  m.limits.profiles = editionProfiles();
  const sdk::LimitProfile& standard = m.limits.profiles.front();
  m.limits.per_minute = standard.per_minute;
  m.limits.per_hour = standard.per_hour;
  m.limits.per_day = standard.per_day;
  m.limits.headers = sdk::RateHeaderNames{"", "", "", "", "Retry-After", ""};
  m.config = configSchema();
  return m;
}

}  // namespace accord::plugins::vtiger
