#include "suppliers.h"

#include "mapping_util.h"

namespace accord::plugins::vtiger {
namespace {

using detail::textOf;

// The id of the only row of `module` whose `field` equals value; "" for none or several.
sdk::Result<std::string> uniqueByName(Client& client, const std::string& module,
                                      const std::string& field, const std::string& value) {
  auto rows = client.query("SELECT id FROM " + module + " WHERE " + field + " = " +
                           vtqlQuote(value) + " LIMIT 2;");
  if (!rows.ok()) return rows.error();
  if (rows.value()->size() != 1) return std::string();
  auto row = rows.value()->getObject(0);
  return row ? textOf(*row, "id") : std::string();
}

sdk::Result<std::string> createVendor(Client& client, const std::string& owner_id,
                                      const Poco::JSON::Object& account) {
  Poco::JSON::Object vendor(Poco::JSON_PRESERVE_KEY_ORDER);
  vendor.set("vendorname", textOf(account, "accountname"));
  vendor.set("email", textOf(account, "email1"));
  vendor.set("phone", textOf(account, "phone"));
  vendor.set("website", textOf(account, "website"));
  vendor.set("street", textOf(account, "bill_street"));
  vendor.set("city", textOf(account, "bill_city"));
  vendor.set("state", textOf(account, "bill_state"));
  vendor.set("postalcode", textOf(account, "bill_code"));
  vendor.set("country", textOf(account, "bill_country"));
  vendor.set("assigned_user_id", owner_id);
  auto created = client.create("Vendors", vendor);
  if (!created.ok()) return created.error();
  return textOf(*created.value(), "id");
}

}  // namespace

sdk::Result<void> supplierToVendor(Client& client, const std::string& owner_id,
                                   Poco::JSON::Object& element,
                                   std::vector<std::string>& warnings) {
  const std::string id = textOf(element, "vendor_id");
  if (id.empty()) return {};  // vtiger names the missing supplier itself
  auto record = client.retrieve(id);
  if (!record.ok()) return record.error();
  const std::string name = textOf(*record.value(), "accountname");
  if (name.empty()) return {};  // not an Account: a Vendor already
  auto vendor = uniqueByName(client, "Vendors", "vendorname", name);
  if (!vendor.ok()) return vendor.error();
  std::string vendor_id = vendor.value();
  if (vendor_id.empty()) {
    auto created = createVendor(client, owner_id, *record.value());
    if (!created.ok()) return created.error();
    vendor_id = created.value();
    warnings.push_back("organization: created vtiger Vendor " + vendor_id + " \"" + name +
                       "\" for supplier " + id + "; vtiger purchase orders name a Vendor");
  }
  element.set("vendor_id", vendor_id);
  return {};
}

sdk::Result<void> vendorToSupplier(Client& client, sdk::model::PurchaseOrder& order,
                                   SupplierCache& cache) {
  const std::string vendor_id = order.organization.id;
  if (vendor_id.empty()) return {};
  auto cached = cache.find(vendor_id);
  if (cached == cache.end()) {
    auto vendor = client.retrieve(vendor_id);
    if (!vendor.ok()) return vendor.error();
    const std::string name = textOf(*vendor.value(), "vendorname");
    std::string account;
    if (!name.empty()) {
      auto found = uniqueByName(client, "Accounts", "accountname", name);
      if (!found.ok()) return found.error();
      account = found.value();
    }
    cached = cache.emplace(vendor_id, account).first;
  }
  if (!cached->second.empty()) order.organization.id = cached->second;
  return {};
}

}  // namespace accord::plugins::vtiger
