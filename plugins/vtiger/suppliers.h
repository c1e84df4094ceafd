// Suppliers. The model keeps every company as an organization, which this plugin holds as a
// vtiger Account; vtiger's purchase orders, though, must name a Vendors record. These two
// functions bridge the two by name: a purchase order written for an Account goes to the
// Vendor of the same name (created from the Account when there is none), and a purchase order
// read names the Account of its Vendor's name when exactly one exists.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "accord/sdk/model/purchase_order.h"
#include "client.h"

namespace accord::plugins::vtiger {

// Vendors id -> Accounts id ("" when none matches), for the length of one read.
using SupplierCache = std::map<std::string, std::string>;

// Rewrites element["vendor_id"] from an Accounts id to its Vendor's id; a Vendors id is left
// as it is. A warning says when a Vendor had to be created.
sdk::Result<void> supplierToVendor(Client& client, const std::string& owner_id,
                                   Poco::JSON::Object& element, std::vector<std::string>& warnings);

// Replaces the order's Vendors id with the Account of the same name, when there is exactly one.
sdk::Result<void> vendorToSupplier(Client& client, sdk::model::PurchaseOrder& order,
                                   SupplierCache& cache);

}  // namespace accord::plugins::vtiger
