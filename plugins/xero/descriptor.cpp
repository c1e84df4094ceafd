#include "descriptor.h"

#include "config.h"
#include "mapping.h"

namespace accord::plugins::xero {
namespace {

using sdk::FieldRule;
using sdk::Operation;
using sdk::SyncMode;
using sdk::model::EntityType;

const std::vector<SyncMode> kChangeModes{SyncMode::full, SyncMode::incremental,
                                         SyncMode::deletions};

sdk::EntityCapability capability(EntityType entity, std::vector<Operation> operations,
                                 std::vector<FieldRule> rules = {}, bool webhooks = false) {
  sdk::EntityCapability cap;
  cap.entity = entity;
  cap.operations = std::move(operations);
  cap.sync_modes = kChangeModes;
  if (webhooks) cap.sync_modes.push_back(SyncMode::webhooks);
  cap.field_rules = std::move(rules);
  return cap;
}

FieldRule readOnly(std::string field, std::string note) {
  FieldRule rule;
  rule.field = std::move(field);
  rule.read_only = true;
  rule.note = std::move(note);
  return rule;
}

FieldRule required(std::string field, std::string note) {
  FieldRule rule;
  rule.field = std::move(field);
  rule.required = true;
  rule.note = std::move(note);
  return rule;
}

FieldRule maxItems(std::string field, int max, std::string note) {
  FieldRule rule;
  rule.field = std::move(field);
  rule.max_items = max;
  rule.note = std::move(note);
  return rule;
}

std::vector<sdk::EntityCapability> entities() {
  const auto R = Operation::read, C = Operation::create, U = Operation::update,
             A = Operation::archive, D = Operation::remove;
  FieldRule paid_lines;
  paid_lines.field = "lines";
  paid_lines.immutable_when_status = {"paid"};
  paid_lines.note = "Xero refuses any edit to a PAID invoice";
  auto organizations = capability(
      EntityType::organization, {R, C, U, A},
      {maxItems("people", static_cast<int>(kMaxContactPersons) + 1,
                "the contact's own name plus at most 5 ContactPersons"),
       readOnly("is_customer", "Xero sets IsCustomer from sales invoices"),
       readOnly("is_supplier", "Xero sets IsSupplier from bills")},
      true);
  auto people = capability(EntityType::person, {R, C, U, D}, {}, true);
  people.unsupported_fields = {"title", "addresses", "phones"};
  auto items = capability(EntityType::item, {R, C, U},
                          {maxItems("taxes", 1, "one tax per item (sales and purchase tax type)"),
                           readOnly("quantity_on_hand", "Xero computes stock from transactions")});
  auto invoices = capability(
      EntityType::invoice, {R, C, U, A, D},
      {required("organization", "a Xero invoice needs a contact"), paid_lines}, true);
  invoices.field_rules.push_back(readOnly("amount_paid", "computed by Xero from payments"));
  auto credit_notes = capability(EntityType::credit_note, {R, C, U, A, D},
                                 {required("organization", "a Xero credit note needs a contact")},
                                 true);
  auto orders = capability(EntityType::purchase_order, {R, C, U, D},
                           {required("organization", "a Xero purchase order needs a supplier")});
  auto payments = capability(
      EntityType::payment, {R, C},
      {required("bank_account", "a Xero payment goes through a bank account")});
  auto accounts = capability(EntityType::account, {R, C, U, A});
  auto taxes = capability(EntityType::tax_code, {R, C, U, A, D});
  auto journals = capability(EntityType::journal, {R, C, U, A, D});
  journals.unsupported_fields = {"reference"};
  return {organizations, people, items, invoices, credit_notes, orders, payments, accounts,
          taxes, journals};
}

}  // namespace

sdk::Manifest describe() {
  sdk::Manifest m;
  m.name = "xero";
  m.version = "0.1.0";
  m.display_name = "Xero";
  m.description =
      "Xero accounting: contacts and their people, items, invoices and bills, credit notes, "
      "purchase orders, payments, the chart of accounts, tax rates and journals.";
  m.auth = sdk::AuthKind::oauth2;
  m.oauth_scopes = {"offline_access", "accounting.transactions", "accounting.contacts",
                    "accounting.settings", "accounting.journals.read"};
  m.entities = entities();
  m.limits.per_minute = 60;
  m.limits.per_day = 5000;
  m.limits.concurrent = 5;
  m.limits.max_page_size = kMaxPageSize;
  m.limits.max_batch_size = kMaxBatchSize;
  m.config = configSchema();
  return m;
}

}  // namespace accord::plugins::xero
