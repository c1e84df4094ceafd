#include "descriptor.h"

#include "accord/sdk/manifest_builders.h"
#include "config.h"
#include "mapping.h"

namespace accord::plugins::xero {
namespace {

using sdk::maxItemsRule;
using sdk::maxPerRefRule;
using sdk::readOnlyRule;
using sdk::requiredRule;
using sdk::Operation;
using sdk::SyncMode;
using sdk::model::EntityType;

sdk::EntityCapability capability(EntityType entity, std::vector<Operation> operations,
                                 std::vector<sdk::FieldRule> rules = {}, bool webhooks = false) {
  std::vector<SyncMode> modes{SyncMode::full, SyncMode::incremental, SyncMode::deletions};
  if (webhooks) modes.push_back(SyncMode::webhooks);
  return sdk::capability(entity, std::move(operations), std::move(modes), std::move(rules));
}

// Xero computes a document's totals from its lines and never takes them from a client.
std::vector<sdk::FieldRule> withTotals(std::vector<sdk::FieldRule> rules) {
  for (const char* field : {"sub_total", "total_tax", "total"}) {
    rules.push_back(readOnlyRule(field, "computed by Xero from the lines"));
  }
  return rules;
}

std::vector<sdk::EntityCapability> entities() {
  const auto R = Operation::read, C = Operation::create, U = Operation::update,
             A = Operation::archive, D = Operation::remove;
  auto organizations = capability(
      EntityType::organization, {R, C, U, A},
      {maxItemsRule("people", static_cast<int>(kMaxContactPersons) + 1,
                    "the contact's own name plus at most 5 ContactPersons"),
       readOnlyRule("is_customer", "Xero sets IsCustomer from sales invoices"),
       readOnlyRule("is_supplier", "Xero sets IsSupplier from bills")},
      true);
  // One rule per field: the organization is both required and capped.
  sdk::FieldRule contact = maxPerRefRule(
      "organization", static_cast<int>(kMaxContactPersons) + 1,
      "a Xero person is one of a contact's people: its own name plus at most 5 ContactPersons");
  contact.required = true;
  auto people = capability(EntityType::person, {R, C, U, D}, {contact}, true);
  people.unsupported_fields = {"title", "addresses", "phones"};
  auto items =
      capability(EntityType::item, {R, C, U},
                 {maxItemsRule("taxes", 1, "one tax per item (sales and purchase tax type)"),
                  readOnlyRule("quantity_on_hand", "Xero computes stock from transactions")});
  auto invoices = capability(
      EntityType::invoice, {R, C, U, A, D},
      withTotals({requiredRule("organization", "a Xero invoice needs a contact"),
                  sdk::immutableRecordRule({"paid", "voided"},
                                           "Xero refuses any edit to a PAID or VOIDED invoice"),
                  readOnlyRule("amount_due", "computed by Xero from the total and payments"),
                  readOnlyRule("amount_paid", "computed by Xero from payments"),
                  readOnlyRule("amount_credited", "computed by Xero from credit notes")}),
      true);
  invoices.unsupported_fields = {"person"};
  auto credit_notes = capability(
      EntityType::credit_note, {R, C, U, A, D},
      withTotals({requiredRule("organization", "a Xero credit note needs a contact"),
                  sdk::immutableRecordRule({"paid", "voided"},
                                           "Xero refuses any edit to a PAID or VOIDED credit note"),
                  readOnlyRule("remaining_credit", "computed by Xero from allocations")}),
      true);
  credit_notes.unsupported_fields = {"person"};
  auto orders = capability(
      EntityType::purchase_order, {R, C, U, D},
      withTotals({requiredRule("organization", "a Xero purchase order needs a supplier")}));
  orders.unsupported_fields = {"person"};
  // Xero never edits a payment: it is created, or deleted (reversed) with Status DELETED.
  auto payments = capability(
      EntityType::payment, {R, C, D},
      {requiredRule("bank_account", "a Xero payment goes through a bank account")});
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
  m.limits.headers = sdk::RateHeaderNames{"X-MinLimit-Remaining", "", "X-DayLimit-Remaining",
                                          "X-AppMinLimit-Remaining", "Retry-After",
                                          "X-Rate-Limit-Problem"};
  m.config = configSchema();
  return m;
}

}  // namespace accord::plugins::xero
