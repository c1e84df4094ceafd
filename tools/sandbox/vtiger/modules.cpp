#include "sandbox/vtiger/modules.h"

#include <initializer_list>
#include <utility>

namespace accord::sandbox::vtiger {
namespace {

using T = FieldType;

// Builds a module's field list in the order vtiger 7's describe reports it.
class Builder {
 public:
  explicit Builder(ModuleDef& module) : module_(module) {}

  Builder& add(std::string name, std::string label, T type = T::kString) {
    FieldDef field;
    field.name = std::move(name);
    field.label = std::move(label);
    field.type = type;
    if (type == T::kCurrency) field.scale = 8;
    if (type == T::kDouble) field.scale = 3;
    module_.fields.push_back(std::move(field));
    return *this;
  }
  Builder& mandatory() { last().mandatory = true; return *this; }
  Builder& readOnly() { last().editable = false; return *this; }
  Builder& refers(std::initializer_list<const char*> modules) {
    for (const char* m : modules) last().refers_to.emplace_back(m);
    return *this;
  }
  Builder& values(std::initializer_list<const char*> picklist) {
    for (const char* v : picklist) last().picklist.emplace_back(v);
    return *this;
  }
  Builder& byDefault(std::string value) { last().default_value = std::move(value); return *this; }
  Builder& scale(int digits) { last().scale = digits; return *this; }

  // The bookkeeping fields every CRM entity carries.
  Builder& owner() { return add("assigned_user_id", "Assigned To", T::kOwner).mandatory(); }
  Builder& times() {
    add("createdtime", "Created Time", T::kDatetime).readOnly();
    add("modifiedtime", "Modified Time", T::kDatetime).readOnly();
    return add("modifiedby", "Last Modified By", T::kReference).refers({"Users"}).readOnly();
  }
  Builder& tail() {
    add("description", "Description", T::kText);
    add("source", "Source").readOnly();
    add("starred", "starred", T::kBoolean);
    return add("tags", "tags");
  }
  Builder& address(const char* prefix, const char* label, bool street_mandatory) {
    const std::string p = prefix;
    add(p + "_street", std::string(label) + " Address", T::kText);
    if (street_mandatory) mandatory();
    add(p + "_city", std::string(label) + " City");
    add(p + "_state", std::string(label) + " State");
    add(p + "_code", std::string(label) + " Postal Code");
    add(p + "_country", std::string(label) + " Country");
    return add(p + "_pobox", std::string(label) + " PO Box");
  }
  // Header totals and tax settings shared by Invoice, SalesOrder and PurchaseOrder.
  Builder& inventoryTotals() {
    add("txtAdjustment", "Adjustment", T::kCurrency);
    add("hdnSubTotal", "Sub Total", T::kCurrency).readOnly();
    add("hdnGrandTotal", "Total", T::kCurrency).readOnly();
    add("hdnTaxType", "Tax Type", T::kPicklist).values({"group", "individual"})
        .byDefault("group");
    add("hdnDiscountPercent", "Discount Percent", T::kDouble);
    add("hdnDiscountAmount", "Discount Amount", T::kCurrency);
    add("hdnS_H_Amount", "S&H Amount", T::kCurrency);
    add("pre_tax_total", "Pre Tax Total", T::kCurrency).readOnly();
    add("currency_id", "Currency", T::kReference).refers({"Currency"}).byDefault("21x1");
    return add("conversion_rate", "Conversion Rate", T::kDouble).byDefault("1.000");
  }

 private:
  FieldDef& last() { return module_.fields.back(); }
  ModuleDef& module_;
};

ModuleDef makeModule(const char* name, const char* label, const char* singular, int entity_id) {
  ModuleDef m;
  m.name = name;
  m.label = label;
  m.singular = singular;
  m.entity_id = entity_id;
  return m;
}

ModuleDef accounts() {
  ModuleDef m = makeModule("Accounts", "Organizations", "Organization", 11);
  m.label_fields = "accountname";
  m.number_field = "account_no";
  m.number_prefix = "ACC";
  Builder b(m);
  b.add("accountname", "Organization Name").mandatory()
      .add("account_no", "Organization No", T::kNumbering).readOnly()
      .add("website", "Website", T::kUrl).add("phone", "Phone", T::kPhone)
      .add("tickersymbol", "Ticker Symbol").add("fax", "Fax", T::kPhone)
      .add("account_id", "Member Of", T::kReference).refers({"Accounts"})
      .add("otherphone", "Other Phone", T::kPhone).add("employees", "Employees", T::kInteger)
      .add("email1", "Email", T::kEmail).add("email2", "Other Email", T::kEmail)
      .add("ownership", "Ownership")
      .add("industry", "Industry", T::kPicklist)
      .values({"Apparel", "Banking", "Communications", "Consulting", "Education", "Finance",
               "Manufacturing", "Retail", "Technology", "Other"})
      .add("rating", "Rating", T::kPicklist).values({"Acquired", "Active", "Market Failed",
                                                     "Project Cancelled", "Shutdown"})
      .add("accounttype", "Type", T::kPicklist)
      .values({"Analyst", "Competitor", "Customer", "Integrator", "Investor", "Partner",
               "Press", "Prospect", "Reseller", "Other"})
      .add("siccode", "SIC Code").add("emailoptout", "Email Opt Out", T::kBoolean)
      .byDefault("0")
      .add("annual_revenue", "Annual Revenue", T::kCurrency)
      .owner().add("notify_owner", "Notify Owner", T::kBoolean).byDefault("0").times()
      .address("bill", "Billing", false).address("ship", "Shipping", false)
      .add("isconvertedfromlead", "Is Converted From Lead", T::kBoolean).readOnly()
      .tail();
  return m;
}

ModuleDef contacts() {
  ModuleDef m = makeModule("Contacts", "Contacts", "Contact", 12);
  m.label_fields = "firstname,lastname";
  m.number_field = "contact_no";
  m.number_prefix = "CON";
  Builder b(m);
  b.add("salutationtype", "Salutation", T::kPicklist)
      .values({"Mr.", "Ms.", "Mrs.", "Dr.", "Prof."})
      .add("firstname", "First Name")
      .add("contact_no", "Contact Id", T::kNumbering).readOnly()
      .add("phone", "Office Phone", T::kPhone).add("lastname", "Last Name").mandatory()
      .add("mobile", "Mobile Phone", T::kPhone)
      .add("account_id", "Organization Name", T::kReference).refers({"Accounts"})
      .add("homephone", "Home Phone", T::kPhone)
      .add("leadsource", "Lead Source", T::kPicklist)
      .values({"Cold Call", "Existing Customer", "Self Generated", "Employee", "Partner",
               "Web Site", "Word of mouth", "Other"})
      .add("otherphone", "Other Phone", T::kPhone).add("title", "Title")
      .add("fax", "Fax", T::kPhone).add("department", "Department")
      .add("birthday", "Birthdate", T::kDate).add("email", "Email", T::kEmail)
      .add("contact_id", "Reports To", T::kReference).refers({"Contacts"})
      .add("assistant", "Assistant").add("secondaryemail", "Secondary Email", T::kEmail)
      .add("assistantphone", "Assistant Phone", T::kPhone)
      .add("donotcall", "Do Not Call", T::kBoolean).byDefault("0")
      .add("emailoptout", "Email Opt Out", T::kBoolean).byDefault("0")
      .owner().add("reference", "Reference", T::kBoolean).byDefault("0")
      .add("notify_owner", "Notify Owner", T::kBoolean).byDefault("0").times()
      .add("portal", "Portal User", T::kBoolean).byDefault("0")
      .add("support_start_date", "Support Start Date", T::kDate)
      .add("support_end_date", "Support End Date", T::kDate)
      .add("mailingstreet", "Mailing Street", T::kText).add("otherstreet", "Other Street", T::kText)
      .add("mailingcity", "Mailing City").add("othercity", "Other City")
      .add("mailingstate", "Mailing State").add("otherstate", "Other State")
      .add("mailingzip", "Mailing Zip").add("otherzip", "Other Zip")
      .add("mailingcountry", "Mailing Country").add("othercountry", "Other Country")
      .add("mailingpobox", "Mailing PO Box").add("otherpobox", "Other PO Box")
      .add("isconvertedfromlead", "Is Converted From Lead", T::kBoolean).readOnly()
      .tail();
  return m;
}

ModuleDef products() {
  ModuleDef m = makeModule("Products", "Products", "Product", 14);
  m.label_fields = "productname";
  m.number_field = "product_no";
  m.number_prefix = "PRO";
  Builder b(m);
  b.add("productname", "Product Name").mandatory()
      .add("product_no", "Product No", T::kNumbering).readOnly()
      .add("productcode", "Part Number")
      .add("discontinued", "Product Active", T::kBoolean).byDefault("1")
      .add("manufacturer", "Manufacturer", T::kPicklist)
      .values({"AltvetPet Inc.", "LexPon Inc.", "MetBeat Corp"})
      .add("productcategory", "Product Category", T::kPicklist)
      .values({"Hardware", "Software", "CRM Applications"})
      .add("sales_start_date", "Sales Start Date", T::kDate)
      .add("sales_end_date", "Sales End Date", T::kDate)
      .add("start_date", "Support Start Date", T::kDate)
      .add("expiry_date", "Support Expiry Date", T::kDate)
      .add("vendor_id", "Vendor Name", T::kReference).refers({"Vendors"})
      .add("website", "Website", T::kUrl).add("vendor_part_no", "Vendor PartNo")
      .add("mfr_part_no", "Mfr PartNo").add("productsheet", "Product Sheet")
      .add("serial_no", "Serial No")
      .add("glacct", "GL Account", T::kPicklist)
      .values({"300-Sales-Software", "301-Sales-Hardware", "302-Rental-Income"})
      .times().add("unit_price", "Unit Price", T::kCurrency)
      .add("commissionrate", "Commission Rate", T::kDouble)
      .add("usageunit", "Usage Unit", T::kPicklist)
      .values({"Box", "Carton", "Dozen", "Each", "Hours", "Impressions", "Lb", "M", "Pack",
               "Pages", "Pieces", "Quantity", "Reams", "Sheet", "Spiral Binder", "Sq Ft"})
      .add("qty_per_unit", "Qty/Unit", T::kDouble)
      .add("qtyinstock", "Qty In Stock", T::kDouble)
      .add("reorderlevel", "Reorder Level", T::kInteger).owner()
      .add("qtyindemand", "Qty In Demand", T::kInteger)
      .add("currency_id", "Currency", T::kReference).refers({"Currency"}).byDefault("21x1")
      .add("purchase_cost", "Purchase Cost", T::kCurrency).tail();
  return m;
}

ModuleDef vendors() {
  ModuleDef m = makeModule("Vendors", "Vendors", "Vendor", 2);
  m.label_fields = "vendorname";
  m.number_field = "vendor_no";
  m.number_prefix = "VEN";
  Builder b(m);
  b.add("vendorname", "Vendor Name").mandatory()
      .add("vendor_no", "Vendor No", T::kNumbering).readOnly()
      .add("email", "Email", T::kEmail).add("phone", "Phone", T::kPhone)
      .add("website", "Website", T::kUrl)
      .add("glacct", "GL Account", T::kPicklist)
      .values({"300-Sales-Software", "301-Sales-Hardware", "302-Rental-Income"})
      .add("category", "Category").owner().times()
      .add("street", "Street", T::kText).add("pobox", "Po Box").add("city", "City")
      .add("state", "State").add("postalcode", "Postal Code").add("country", "Country")
      .tail();
  return m;
}

ModuleDef inventory(const char* name, const char* label, int entity_id, const char* number_field,
                    const char* prefix) {
  ModuleDef m = makeModule(name, label, label, entity_id);
  m.is_inventory = true;
  m.label_fields = "subject";
  m.number_field = number_field;
  m.number_prefix = prefix;
  return m;
}

ModuleDef invoice() {
  ModuleDef m = inventory("Invoice", "Invoice", 7, "invoice_no", "INV");
  Builder b(m);
  b.add("subject", "Subject").mandatory()
      .add("salesorder_id", "Sales Order", T::kReference).refers({"SalesOrder"})
      .add("customerno", "Customer No")
      .add("contact_id", "Contact Name", T::kReference).refers({"Contacts"})
      .add("invoicedate", "Invoice Date", T::kDate).add("duedate", "Due Date", T::kDate)
      .add("vtiger_purchaseorder", "Purchase Order")
      .add("salescommission", "Sales Commission", T::kDouble)
      .add("exciseduty", "Excise Duty", T::kCurrency)
      .add("account_id", "Organization Name", T::kReference).refers({"Accounts"}).mandatory()
      .add("invoicestatus", "Status", T::kPicklist)
      .values({"AutoCreated", "Created", "Approved", "Sent", "Credit Invoice", "Paid",
               "Cancel"})
      .byDefault("Created")
      .owner().times().inventoryTotals()
      .address("bill", "Billing", true).address("ship", "Shipping", true)
      .add("terms_conditions", "Terms & Conditions", T::kText)
      .add("invoice_no", "Invoice No", T::kNumbering).readOnly()
      .add("received", "Received", T::kCurrency).add("balance", "Balance", T::kCurrency)
      .readOnly()
      .tail();
  return m;
}

ModuleDef salesOrder() {
  ModuleDef m = inventory("SalesOrder", "Sales Order", 6, "salesorder_no", "SO");
  Builder b(m);
  b.add("subject", "Subject").mandatory()
      .add("salesorder_no", "SalesOrder No", T::kNumbering).readOnly()
      .add("customerno", "Customer No").add("vtiger_purchaseorder", "Purchase Order")
      .add("contact_id", "Contact Name", T::kReference).refers({"Contacts"})
      .add("duedate", "Due Date", T::kDate)
      .add("carrier", "Carrier", T::kPicklist).values({"FedEx", "UPS", "USPS", "DHL", "BlueDart"})
      .add("pending", "Pending")
      .add("sostatus", "Status", T::kPicklist).mandatory()
      .values({"Created", "Approved", "Delivered", "Cancelled"}).byDefault("Created")
      .add("salescommission", "Sales Commission", T::kDouble)
      .add("exciseduty", "Excise Duty", T::kCurrency)
      .add("account_id", "Organization Name", T::kReference).refers({"Accounts"}).mandatory()
      .owner().times().inventoryTotals()
      .address("bill", "Billing", true).address("ship", "Shipping", true)
      .add("terms_conditions", "Terms & Conditions", T::kText)
      .add("invoicestatus", "Invoice Status", T::kPicklist)
      .values({"AutoCreated", "Created", "Approved", "Sent", "Credit Invoice", "Paid", "Cancel"})
      .tail();
  return m;
}

ModuleDef purchaseOrder() {
  ModuleDef m = inventory("PurchaseOrder", "Purchase Order", 5, "purchaseorder_no", "PO");
  Builder b(m);
  b.add("subject", "Subject").mandatory()
      .add("purchaseorder_no", "PurchaseOrder No", T::kNumbering).readOnly()
      .add("vendor_id", "Vendor Name", T::kReference).refers({"Vendors"}).mandatory()
      .add("requisition_no", "Requisition No").add("tracking_no", "Tracking Number")
      .add("contact_id", "Contact Name", T::kReference).refers({"Contacts"})
      .add("duedate", "Due Date", T::kDate)
      .add("carrier", "Carrier", T::kPicklist).values({"FedEx", "UPS", "USPS", "DHL", "BlueDart"})
      .add("salescommission", "Sales Commission", T::kDouble)
      .add("exciseduty", "Excise Duty", T::kCurrency)
      .add("postatus", "Status", T::kPicklist).mandatory()
      .values({"Created", "Approved", "Delivered", "Cancelled", "Received Shipment"})
      .byDefault("Created")
      .owner().times().inventoryTotals()
      .address("bill", "Billing", true).address("ship", "Shipping", true)
      .add("terms_conditions", "Terms & Conditions", T::kText)
      .add("paid", "Paid", T::kCurrency).add("balance", "Balance", T::kCurrency).readOnly()
      .tail();
  return m;
}

ModuleDef users() {
  ModuleDef m = makeModule("Users", "Users", "User", ModuleRegistry::kUsersEntityId);
  m.label_fields = "first_name,last_name";
  Builder b(m);
  b.add("user_name", "User Name").mandatory().add("first_name", "First Name")
      .add("last_name", "Last Name").mandatory().add("email1", "Email", T::kEmail).mandatory()
      .add("status", "Status", T::kPicklist).values({"Active", "Inactive"})
      .add("is_admin", "Admin", T::kBoolean).add("time_zone", "Time Zone")
      .add("date_format", "Date Format").add("hour_format", "Hour Format")
      .add("currency_id", "Currency", T::kReference).refers({"Currency"});
  return m;
}

ModuleDef currency() {
  ModuleDef m = makeModule("Currency", "Currency", "Currency", ModuleRegistry::kCurrencyEntityId);
  m.is_entity = false;
  m.label_fields = "currency_name";
  Builder b(m);
  b.add("currency_name", "Currency Name").add("currency_code", "Currency Code")
      .add("currency_symbol", "Symbol").add("conversion_rate", "Conversion Rate", T::kDouble)
      .add("currency_status", "Status").add("defaultid", "Default").add("deleted", "Deleted");
  return m;
}

}  // namespace

std::string_view typeName(FieldType type) {
  switch (type) {
    case T::kString: return "string";
    case T::kText: return "text";
    case T::kEmail: return "email";
    case T::kPhone: return "phone";
    case T::kUrl: return "url";
    case T::kPicklist: return "picklist";
    case T::kMultiPicklist: return "multipicklist";
    case T::kReference: return "reference";
    case T::kOwner: return "owner";
    case T::kCurrency: return "currency";
    case T::kDouble: return "double";
    case T::kInteger: return "integer";
    case T::kBoolean: return "boolean";
    case T::kDate: return "date";
    case T::kDatetime: return "datetime";
    case T::kAutoGenerated: return "autogenerated";
    case T::kNumbering: return "string";
  }
  return "string";
}

bool isNumeric(FieldType type) {
  return type == T::kCurrency || type == T::kDouble || type == T::kInteger;
}

std::optional<std::size_t> ModuleDef::fieldIndex(std::string_view field_name) const {
  auto it = index_.find(std::string(field_name));
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

const FieldDef* ModuleDef::field(std::string_view field_name) const {
  auto index = fieldIndex(field_name);
  return index ? &fields[*index] : nullptr;
}

ModuleRegistry::ModuleRegistry() {
  modules_ = {accounts(), contacts(), products(), vendors(), invoice(), salesOrder(),
              purchaseOrder(), users(), currency()};
  for (ModuleDef& m : modules_) {
    for (std::size_t i = 0; i < m.fields.size(); ++i) m.index_.emplace(m.fields[i].name, i);
  }
}

const ModuleRegistry& ModuleRegistry::instance() {
  static const ModuleRegistry registry;
  return registry;
}

const ModuleDef* ModuleRegistry::byName(std::string_view name) const {
  for (const ModuleDef& m : modules_) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

const ModuleDef* ModuleRegistry::byEntityId(int entity_id) const {
  for (const ModuleDef& m : modules_) {
    if (m.entity_id == entity_id) return &m;
  }
  return nullptr;
}

const std::vector<std::string>& ModuleRegistry::lineItemFields() {
  static const std::vector<std::string> fields = {
      "parent_id", "productid", "sequence_no", "quantity", "listprice", "discount_percent",
      "discount_amount", "comment", "description", "incrementondel", "tax1", "tax2", "tax3",
      "image", "purchase_cost", "margin", "id"};
  return fields;
}

}  // namespace accord::sandbox::vtiger
