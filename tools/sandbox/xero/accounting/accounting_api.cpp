#include "sandbox/xero/accounting/accounting_api.h"

#include <algorithm>
#include <chrono>
#include <exception>

#include <Poco/Exception.h>

#include "sandbox/xero/accounting/query.h"
#include "sandbox/xero/accounting/resource.h"

namespace accord::sandbox::xero {
namespace {

std::vector<std::string> splitPath(std::string path) {
  if (path.rfind(kAccountingPrefix, 0) == 0) path.erase(0, std::string(kAccountingPrefix).size());
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start < path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    if (slash > start) segments.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return segments;
}

const Resource* findResource(const std::string& name) {
  for (const Resource& r : accountingResources()) {
    if (iequals(r.name, name)) return &r;
  }
  return nullptr;
}

// Resources of xero_accounting.yaml the sandbox does not serve (docs/sandboxes.md).
const char* kUnservedResources[] = {
    "BankTransactions", "BankTransfers", "BatchPayments", "BrandingThemes", "Budgets",
    "ContactGroups", "Currencies", "ExpenseClaims", "InvoiceReminders", "LinkedTransactions",
    "Organisation", "Overpayments", "PaymentServices", "Prepayments", "Quotes", "Receipts",
    "RepeatingInvoices", "Reports", "Setup", "TrackingCategories", "Users"};

bool isUnserved(const std::string& name) {
  for (const char* unserved : kUnservedResources) {
    if (iequals(unserved, name)) return true;
  }
  return false;
}

// A spec endpoint the sandbox does not serve: 501 in Xero's error shape, so a client sees
// at once that the sandbox, not its request, is the limit.
Response notImplemented(const Request& request) {
  return xeroError(501, 501, "NotImplementedException",
                   "The Accord sandbox does not serve " + request.method + " " + request.path);
}

std::string fingerprint(const Request& request) {
  std::string text = request.method + " " + request.path + "?";
  for (const auto& [k, v] : request.query) text += k + "=" + v + "&";
  return text + "\n" + request.body;
}

// Which flag the resource's schema uses to mark an element with errors.
const char* errorFlag(const std::string& resource) {
  if (resource == "Invoices" || resource == "CreditNotes" || resource == "PurchaseOrders") {
    return "HasErrors";
  }
  if (resource == "Contacts" || resource == "Payments") return "HasValidationErrors";
  return nullptr;
}

Poco::JSON::Array::Ptr messages(const std::vector<std::string>& texts) {
  Poco::JSON::Array::Ptr out = new Poco::JSON::Array();
  for (const auto& text : texts) {
    Json m = newObject();
    m->set("Message", text);
    out->add(m);
  }
  return out;
}

Json annotate(const Resource& resource, const Outcome& outcome, bool with_status) {
  Json element = copyObject(*outcome.record);
  if (!outcome.errors.empty() || !with_status) {
    element->set("ValidationErrors", messages(outcome.errors));
  }
  if (!outcome.warnings.empty()) element->set("Warnings", messages(outcome.warnings));
  if (const char* flag = errorFlag(resource.name)) element->set(flag, !outcome.errors.empty());
  if (with_status) element->set("StatusAttributeString", outcome.errors.empty() ? "OK" : "ERROR");
  return element;
}

}  // namespace

std::string envelope(const std::string& id, std::int64_t now_ms, const std::string& key,
                     const std::string& records_json, const Json& pagination) {
  // Built by hand so the envelope keeps Xero's member order; records are stringified.
  std::string out = "{\"Id\":" + jsonQuote(id) + ",\"Status\":\"OK\",\"ProviderName\":" +
                    jsonQuote("Accord Sandbox") + ",\"DateTimeUTC\":" +
                    jsonQuote(msDate(now_ms, false));
  if (pagination) out += ",\"pagination\":" + stringify(pagination);
  out += ",\"" + key + "\":" + records_json + "}";
  return out;
}

Response xeroError(int status, int number, const std::string& type, const std::string& message) {
  Json body = newObject();
  body->set("ErrorNumber", number);
  body->set("Type", type);
  body->set("Message", message);
  return Response::json(status, stringify(body));
}

Response validationError(const std::string& message, const Poco::JSON::Array::Ptr& elements) {
  std::string out = "{\"ErrorNumber\":10,\"Type\":\"ValidationException\",\"Message\":" +
                    jsonQuote(message);
  if (elements) out += ",\"Elements\":" + stringify(elements);
  return Response::json(400, out + "}");
}

Response notFound() {
  // Xero answers an unknown id with plain text, not JSON (Xero-OpenAPI issue #163).
  Response response;
  response.status = 404;
  response.body = "The resource you're looking for cannot be found";
  response.setHeader("Content-Type", "text/plain; charset=utf-8");
  return response;
}

AccountingApi::AccountingApi(const Clock& clock, ChangeSink& sink, std::uint64_t id_seed)
    : clock_(clock), sink_(sink), ids_(id_seed) {}

AccountingApi::~AccountingApi() = default;

std::int64_t AccountingApi::nowMs() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock_.now().time_since_epoch())
      .count();
}

XeroAccounting& AccountingApi::state(const std::string& tenant) {
  std::lock_guard lock(tenants_mutex_);
  auto& slot = tenants_[toLower(tenant)];
  if (!slot) slot = std::make_unique<XeroAccounting>();
  return *slot;
}

std::vector<std::string> AccountingApi::tenants() const {
  std::lock_guard lock(tenants_mutex_);
  std::vector<std::string> out;
  for (const auto& [id, state] : tenants_) out.push_back(id);
  return out;
}

Response AccountingApi::handle(const Request& request, const std::string& tenant) {
  XeroAccounting& org = state(tenant);
  std::vector<ChangeEvent> events;
  Response response;
  {
    std::lock_guard lock(org.mutex);
    Ctx ctx{org, nowMs(), ids_, tenant, events};
    auto key = request.header("Idempotency-Key");
    bool is_write = request.method == "PUT" || request.method == "POST" || request.method == "DELETE";
    if (key && is_write) {
      if (key->size() > kMaxIdempotencyKey) {
        return xeroError(400, 10, "ValidationException",
                         "Idempotency-Key must be at most 128 characters");
      }
      auto found = org.idempotency.find(*key);
      if (found != org.idempotency.end()) {
        if (found->second.request_fingerprint != fingerprint(request)) {
          return xeroError(400, 10, "ValidationException",
                           "The Idempotency-Key '" + *key +
                               "' was already used with a different request");
        }
        return Response::json(found->second.status, found->second.body);
      }
    }
    try {
      response = dispatch(request, ctx, splitPath(request.path));
    } catch (const Poco::Exception& e) {  // a member of an unexpected JSON type, say
      response = xeroError(400, 14, "PostDataInvalidException", "Invalid data: " + e.displayText());
    } catch (const std::exception& e) {
      response = xeroError(400, 14, "PostDataInvalidException", std::string("Invalid data: ") + e.what());
    }
    if (key && is_write) {
      org.idempotency[*key] = {fingerprint(request), response.status, response.body};
    }
  }
  for (const auto& event : events) sink_.onChange(event);
  return response;
}

Response AccountingApi::dispatch(const Request& request, Ctx& ctx,
                                 const std::vector<std::string>& segments) {
  if (segments.empty()) return notFound();
  const Resource* resource = findResource(segments[0]);
  if (!resource) return isUnserved(segments[0]) ? notImplemented(request) : notFound();
  // Attachments, History, pdf, Allocations, Email, OnlineInvoice... and DELETE of an item
  // or an account exist in the spec but are not modelled.
  if (segments.size() > 2 || (request.method == "DELETE" && segments.size() == 2 &&
                              (resource->name == "Items" || resource->name == "Accounts"))) {
    return notImplemented(request);
  }
  const std::string path_id = segments.size() == 2 ? segments[1] : "";
  if (resource->name == "Journals") materializeJournals(ctx.state);
  if (request.method == "GET") {
    if (path_id.empty()) {
      return resource->name == "Journals" ? listJournals(request, ctx)
                                          : listRecords(request, ctx, *resource);
    }
    Json record = lookupRecord(ctx.state, *resource, path_id);
    if (!record) return notFound();
    Poco::JSON::Array::Ptr one = new Poco::JSON::Array();
    one->add(record);
    return Response::json(200, envelope(ctx.ids.next(), ctx.now_ms, resource->name, stringify(one), nullptr));
  }
  if ((request.method == "PUT" || request.method == "POST") && resource->upsert) {
    if (request.method == "PUT" && !path_id.empty()) return notFound();
    ctx.is_put = request.method == "PUT";
    return handleWrite(request, ctx, *resource, path_id);
  }
  return xeroError(405, 10, "ValidationException",
                   "The method " + request.method + " is not allowed on " + resource->name);
}

Response AccountingApi::handleWrite(const Request& request, Ctx& ctx, const Resource& resource,
                                    const std::string& path_id) {
  std::string parse_error;
  Json body = parseObject(request.body, &parse_error);
  if (!body) return xeroError(400, 14, "PostDataInvalidException", parse_error);
  std::vector<Json> inputs;
  if (body->has(resource.name)) {
    auto array = body->getArray(resource.name);
    if (!array) return xeroError(400, 14, "PostDataInvalidException", resource.name + " must be an array");
    for (std::size_t i = 0; i < array->size(); ++i) {
      Json element = array->getObject(static_cast<unsigned>(i));
      if (!element) {
        return xeroError(400, 14, "PostDataInvalidException",
                         resource.name + "[" + std::to_string(i) + "] is not an object");
      }
      inputs.push_back(element);
    }
  } else {
    inputs.push_back(body);  // a single element, as PUT /Accounts takes
  }
  Json existing_from_path;
  if (!path_id.empty()) {
    existing_from_path = lookupRecord(ctx.state, resource, path_id);
    if (!existing_from_path) return notFound();
  }
  const Collection& collection = ctx.state.*(resource.collection);
  auto prepare = [&](const Poco::JSON::Object& input) {
    Json existing = existing_from_path;
    std::string id = str(input, collection.idField());
    if (!existing && !id.empty() && resource.name != "TaxRates") {
      existing = collection.find(id);
      if (!existing) return Outcome{copyObject(input), {resource.not_found_message}, {}, {}};
    }
    if (!existing && !ctx.is_put && resource.match_key_on_post && has(input, collection.keyField())) {
      auto found = collection.findByKey(str(input, collection.keyField()));
      if (!found.empty()) existing = found.front();
    }
    if (resource.name == "TaxRates" && !id.empty()) existing = collection.find(id);
    return resource.upsert(ctx, input, existing);
  };
  bool summarize = toLower(request.param("summarizeErrors").value_or("true")) != "false";
  Poco::JSON::Array::Ptr out = new Poco::JSON::Array();
  if (!summarize) {  // each element stands alone: valid ones are saved
    for (const Json& input : inputs) {
      Outcome outcome = prepare(*input);
      if (outcome.errors.empty()) outcome.commit();
      out->add(annotate(resource, outcome, true));
    }
    return Response::json(200, envelope(ctx.ids.next(), ctx.now_ms, resource.name, stringify(out), nullptr));
  }
  // Elements are applied in order, each seeing the ones before it (a second contact of the
  // same name fails, an invoice finds the contact created just before); one failure undoes all.
  std::vector<Outcome> outcomes;
  bool failed = false;
  auto savepoint = ctx.state.beginBatch();
  std::size_t events_before = ctx.events.size();
  for (const Json& input : inputs) {
    outcomes.push_back(prepare(*input));
    if (outcomes.back().errors.empty()) outcomes.back().commit();
    failed = failed || !outcomes.back().errors.empty();
  }
  if (failed) {  // nothing is saved; every element comes back with its errors
    ctx.state.rollbackBatch(savepoint);
    ctx.events.resize(events_before);
    for (const auto& outcome : outcomes) out->add(annotate(resource, outcome, false));
    return validationError("A validation exception occurred", out);
  }
  ctx.state.commitBatch();
  for (auto& outcome : outcomes) {
    Json element = copyObject(*outcome.record);
    if (!outcome.warnings.empty()) element->set("Warnings", messages(outcome.warnings));
    out->add(element);
  }
  return Response::json(200, envelope(ctx.ids.next(), ctx.now_ms, resource.name, stringify(out), nullptr));
}

}  // namespace accord::sandbox::xero
