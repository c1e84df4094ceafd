#include "descriptor.h"

#include <utility>

#include "config.h"

namespace accord::plugins::vtiger {
namespace {

using sdk::FieldRule;
using sdk::Operation;
using sdk::SyncMode;
using sdk::model::EntityType;

FieldRule required(std::string field, std::string note) {
  FieldRule rule;
  rule.field = std::move(field);
  rule.required = true;
  rule.note = std::move(note);
  return rule;
}

FieldRule readOnly(std::string field, std::string note) {
  FieldRule rule;
  rule.field = std::move(field);
  rule.read_only = true;
  rule.note = std::move(note);
  return rule;
}

FieldRule capped(std::string field, int max_items, std::string note) {
  FieldRule rule;
  rule.field = std::move(field);
  rule.max_items = max_items;
  rule.note = std::move(note);
  return rule;
}

sdk::EntityCapability capability(EntityType entity, std::vector<FieldRule> rules,
                                 std::vector<std::string> unsupported) {
  sdk::EntityCapability cap;
  cap.entity = entity;
  cap.operations = {Operation::read, Operation::create, Operation::update, Operation::remove};
  cap.sync_modes = {SyncMode::full, SyncMode::incremental, SyncMode::deletions};
  cap.field_rules = std::move(rules);
  cap.unsupported_fields = std::move(unsupported);
  return cap;
}

std::vector<FieldRule> inventoryRules(const char* partner) {
  const std::string computed = "computed by vtiger from the lines";
  return {required("number", "vtiger's mandatory subject holds the document number"),
          required("organization", std::string("vtiger requires the ") + partner),
          readOnly("sub_total", computed), readOnly("total_tax", computed),
          readOnly("total", computed),
          FieldRule{"line_amount_types", false, false, std::nullopt, {},
                    "vtiger prices exclude tax: only \"exclusive\" can be written"}};
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
                 {required("name", "vtiger's accountname is mandatory"),
                  capped("addresses", 2, "one billing and one shipping address"),
                  capped("phones", 3, "phone (work), otherphone (other) and fax")},
                 {"account_number", "tax_number", "currency", "is_supplier", "people"}),
      capability(EntityType::person,
                 {required("last_name", "vtiger's lastname is mandatory"),
                  capped("addresses", 2, "a mailing (postal) and an other address"),
                  capped("phones", 5, "one each of work, mobile, home, fax and other")},
                 {"is_primary"}),
      capability(EntityType::item,
                 {required("name", "vtiger's productname is mandatory"),
                  FieldRule{"taxes", false, false, std::nullopt, {},
                            "vtiger's tax table (tax1, tax2, ...): several per product"}},
                 {"purchase_description", "is_purchased", "is_tracked", "sale_account",
                  "sale_tax_code", "purchase_account", "purchase_tax_code", "inventory_account",
                  "currency"}),
      capability(EntityType::invoice, inventoryRules("organization (account_id)"),
                 {"currency", "amount_credited"}),
      capability(EntityType::purchase_order, inventoryRules("supplier; written to the Vendor of its name"),
                 {"date", "currency", "attention_to", "delivery_instructions"}),
  };
  // Invoices: vtiger computes the balance; only the amount received can be written.
  m.entities[3].field_rules.push_back(readOnly("amount_due", "vtiger's balance, computed"));
  m.entities[3].field_rules.push_back(FieldRule{
      "kind", false, false, std::nullopt, {}, "vtiger invoices are sales invoices only"});
  // The most conservative edition; an edition or limits.* keys raise it (README).
  m.limits = *editionLimits("standard");
  m.config = configSchema();
  return m;
}

}  // namespace accord::plugins::vtiger
