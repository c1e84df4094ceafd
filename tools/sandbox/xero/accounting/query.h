// GET handling shared by every resource: where, order, IDs, includeArchived,
// If-Modified-Since, page/pageSize, and the Journals offset paging.
#pragma once

#include "sandbox/common/http.h"
#include "sandbox/xero/accounting/resource.h"

namespace accord::sandbox::xero {

Response listRecords(const Request& request, Ctx& ctx, const Resource& resource);
Response listJournals(const Request& request, Ctx& ctx);
// By id, or by the resource's number/code (ContactNumber, InvoiceNumber, Item Code...).
Json lookupRecord(const XeroAccounting& state, const Resource& resource, const std::string& id);

}  // namespace accord::sandbox::xero
