// Contacts and Items.
#include "sandbox/xero/accounting/line_items.h"
#include "sandbox/xero/accounting/resource.h"

namespace accord::sandbox::xero {
namespace {

constexpr std::size_t kMaxContactPersons = 5;

// What a client may write; IsCustomer/IsSupplier, Balances and dates are the server's.
const char* kContactFields[] = {
    "ContactNumber", "AccountNumber", "ContactStatus", "Name", "FirstName", "LastName",
    "CompanyNumber", "EmailAddress", "BankAccountDetails", "TaxNumber", "TaxNumberType",
    "AccountsReceivableTaxType", "AccountsPayableTaxType", "Addresses", "Phones",
    "SalesDefaultLineAmountType", "PurchasesDefaultLineAmountType", "DefaultCurrency",
    "XeroNetworkKey", "SalesDefaultAccountCode", "PurchasesDefaultAccountCode",
    "SalesTrackingCategories", "PurchasesTrackingCategories", "TrackingCategoryName",
    "TrackingCategoryOption", "PaymentTerms", "ContactGroups", "ContactPersons"};

void checkTaxType(Ctx& ctx, const Poco::JSON::Object& record, const std::string& field,
                  Outcome& out) {
  std::string tax_type = str(record, field);
  if (!tax_type.empty() && !ctx.state.taxRate(tax_type)) {
    out.errors.push_back("The TaxType code '" + tax_type +
                         "' does not exist or cannot be used for this type of transaction.");
  }
}

void validateContact(Ctx& ctx, const Json& existing, const Poco::JSON::Object& record, Outcome& out) {
  std::string name = str(record, "Name");
  if (name.empty()) {
    out.errors.push_back("The Contact must contain at least 1 of the following elements to "
                         "identify the contact: Name, ContactID, ContactNumber");
  } else if (name.size() > 255) {
    out.errors.push_back("The Name must be 255 characters or less");
  }
  std::string status = str(record, "ContactStatus");
  if (status != "ACTIVE" && status != "ARCHIVED" && status != "GDPRREQUEST") {
    out.errors.push_back("ContactStatus '" + status + "' is not valid");
  }
  if (status == "ACTIVE" && !name.empty()) {
    Json other = ctx.state.findActiveByKey(ctx.state.contacts, name, "ContactStatus");
    if (other && (!existing || str(*other, "ContactID") != str(*existing, "ContactID"))) {
      out.errors.push_back("The contact name " + name +
                           " is already assigned to another contact. The contact name must be "
                           "unique across all active contacts.");
    }
  }
  std::string email = str(record, "EmailAddress");
  if (!email.empty() && email.find('@') == std::string::npos) {
    out.errors.push_back("Email address must be valid.");
  }
  auto persons = record.getArray("ContactPersons");
  if (persons && persons->size() > kMaxContactPersons) {
    out.errors.push_back("A Contact can have a maximum of 5 ContactPersons");
  }
  checkTaxType(ctx, record, "AccountsReceivableTaxType", out);
  checkTaxType(ctx, record, "AccountsPayableTaxType", out);
}

const char* kItemFields[] = {"Code", "InventoryAssetAccountCode", "Name", "IsSold",
                             "IsPurchased", "Description", "PurchaseDescription",
                             "PurchaseDetails", "SalesDetails"};

void validateItem(Ctx& ctx, const Json& existing, const Poco::JSON::Object& record, Outcome& out) {
  std::string code = str(record, "Code");
  if (code.empty()) out.errors.push_back("Item Code must be specified");
  if (code.size() > 30) out.errors.push_back("Item Code must be 30 characters or less");
  if (str(record, "Name").size() > 50) out.errors.push_back("Item Name must be 50 characters or less");
  for (const Json& other : ctx.state.items.findByKey(code)) {
    if (!existing || str(*other, "ItemID") != str(*existing, "ItemID")) {
      out.errors.push_back("Price List Item with Code ''" + code + "'' already exists");
    }
  }
  for (const char* details : {"SalesDetails", "PurchaseDetails"}) {
    if (Json d = record.getObject(details)) checkTaxType(ctx, *d, "TaxType", out);
  }
}

}  // namespace

Outcome upsertContact(Ctx& ctx, const Poco::JSON::Object& input, const Json& existing) {
  Outcome out;
  Json record = existing ? copyObject(*existing) : newObject();
  if (!existing) {
    record->set("ContactID", ctx.ids.next());
    record->set("ContactStatus", "ACTIVE");
    record->set("IsSupplier", false);
    record->set("IsCustomer", false);
    for (const char* list : {"Addresses", "Phones", "ContactGroups", "ContactPersons"}) {
      record->set(list, Poco::JSON::Array::Ptr(new Poco::JSON::Array()));
    }
    record->set("HasAttachments", false);
  }
  // Members present replace the stored ones whole, arrays included (ContactPersons).
  for (const char* field : kContactFields) {
    if (input.has(field)) record->set(field, input.get(field));
  }
  validateContact(ctx, existing, *record, out);
  record->set("UpdatedDateUTC", msDate(ctx.now_ms));
  if (!out.errors.empty() && !existing) record->set("ContactID", std::string(kEmptyGuid));
  out.record = record;
  out.commit = [&ctx, record, created = !existing] {
    ctx.state.contacts.put(record);
    ctx.emit("CONTACT", str(*record, "ContactID"), created);
  };
  return out;
}

Outcome upsertItem(Ctx& ctx, const Poco::JSON::Object& input, const Json& existing) {
  Outcome out;
  Json record = existing ? copyObject(*existing) : newObject();
  if (!existing) {
    record->set("ItemID", ctx.ids.next());
    record->set("IsSold", true);
    record->set("IsPurchased", true);
  }
  for (const char* field : kItemFields) {
    if (input.has(field)) record->set(field, input.get(field));
  }
  // Tracked inventory: QuantityOnHand and TotalCostPool come from documents, never from input.
  bool tracked = has(*record, "InventoryAssetAccountCode");
  record->set("IsTrackedAsInventory", tracked);
  if (tracked && !record->has("QuantityOnHand")) {
    record->set("QuantityOnHand", 0.0);
    record->set("TotalCostPool", 0.0);
  }
  validateItem(ctx, existing, *record, out);
  record->set("UpdatedDateUTC", msDate(ctx.now_ms));
  if (!out.errors.empty() && !existing) record->set("ItemID", std::string(kEmptyGuid));
  out.record = record;
  out.commit = [&ctx, record] { ctx.state.items.put(record); };
  return out;
}

}  // namespace accord::sandbox::xero
