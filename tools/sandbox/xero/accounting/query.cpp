#include "sandbox/xero/accounting/query.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <sstream>
#include <unordered_set>

#include "sandbox/xero/accounting/accounting_api.h"
#include "sandbox/xero/accounting/where.h"

namespace accord::sandbox::xero {
namespace {

struct OrderKey {
  std::string field;
  bool descending = false;
};

std::vector<OrderKey> parseOrder(const std::string& text) {
  std::vector<OrderKey> keys;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    std::string part = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    std::istringstream words(part);
    OrderKey key;
    std::string direction;
    words >> key.field >> direction;
    key.descending = toLower(direction) == "desc";
    if (!key.field.empty()) keys.push_back(key);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return keys;
}

std::optional<int> parsePositive(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  int value = 0;
  auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || ptr != text->data() + text->size()) return -1;
  return value;
}

bool isArchived(const Resource& resource, const Poco::JSON::Object& record) {
  if (resource.archived_states.empty()) return false;
  std::string status = str(record, resource.status_field);
  return std::find(resource.archived_states.begin(), resource.archived_states.end(), status) !=
         resource.archived_states.end();
}

// Records without UpdatedDateUTC (tax rates) are always "modified".
bool modifiedAfter(const Poco::JSON::Object& record, std::int64_t since) {
  auto ms = parseXeroDate(str(record, "UpdatedDateUTC"));
  return !ms || *ms > since;
}

// The filters of a list request, checked in order of cost.
struct Filters {
  std::optional<std::unordered_set<std::string>> ids;
  std::optional<std::int64_t> modified_since;
  std::optional<WhereFilter> where;
  bool include_archived = false;

  bool accepts(const Resource& resource, const Poco::JSON::Object& record) const {
    if (!include_archived && isArchived(resource, record)) return false;
    if (modified_since && !modifiedAfter(record, *modified_since)) return false;
    return !where || where->matches(record);
  }
};

std::optional<Response> buildFilters(const Request& request, const Resource& resource, Filters& f) {
  f.include_archived = toLower(request.param("includeArchived").value_or("")) == "true";
  if (auto ids = request.param("IDs")) {
    f.ids.emplace();
    std::istringstream list(*ids);
    for (std::string id; std::getline(list, id, ',');) {
      id.erase(0, id.find_first_not_of(' '));
      if (!id.empty()) f.ids->insert(toLower(id));
    }
  }
  if (auto since = request.header("If-Modified-Since")) {
    f.modified_since = parseHttpDate(*since);
    if (!f.modified_since) {
      return xeroError(400, 10, "ValidationException",
                       "If-Modified-Since header is not a valid date: " + *since);
    }
  }
  if (auto where = request.param("where"); where && !where->empty()) {
    auto parsed = WhereFilter::parse(*where);
    if (auto* message = std::get_if<std::string>(&parsed)) {
      return xeroError(400, 16, "QueryParseException", *message);
    }
    f.where = std::get<WhereFilter>(parsed);
  }
  (void)resource;
  return std::nullopt;
}

}  // namespace

Json lookupRecord(const XeroAccounting& state, const Resource& resource, const std::string& id) {
  const Collection& collection = state.*(resource.collection);
  if (Json found = collection.find(id)) return found;
  if (resource.name == "Contacts") {
    for (const Json& record : collection.records()) {
      if (iequals(str(*record, "ContactNumber"), id) && !id.empty()) return record;
    }
    return nullptr;
  }
  if (collection.keyField().empty() || collection.keyField() == "Name") return nullptr;
  auto found = collection.findByKey(id);
  return found.empty() ? nullptr : found.front();
}

Response listRecords(const Request& request, Ctx& ctx, const Resource& resource) {
  Filters filters;
  if (auto error = buildFilters(request, resource, filters)) return *error;
  const Collection& collection = ctx.state.*(resource.collection);
  const std::string id_field = collection.idField();
  if (filters.ids) {  // IDs: resolve through the index instead of scanning
    auto wanted = std::move(*filters.ids);
    filters.ids.reset();
    std::vector<Json> picked;
    for (const auto& id : wanted) {
      if (Json r = collection.find(id); r && filters.accepts(resource, *r)) picked.push_back(r);
    }
    std::sort(picked.begin(), picked.end(), [&](const Json& a, const Json& b) {
      return str(*a, id_field) < str(*b, id_field);
    });
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array();
    for (const Json& r : picked) out->add(r);
    return Response::json(200, envelope(ctx.ids.next(), ctx.now_ms, resource.name, stringify(out), nullptr));
  }
  std::vector<std::size_t> matched;
  const auto& records = collection.records();
  bool hide_archived = !filters.include_archived && !resource.archived_states.empty();
  filters.include_archived = true;  // checked here, from the status index, without map lookups
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (hide_archived && std::find(resource.archived_states.begin(), resource.archived_states.end(),
                                   collection.statusAt(i)) != resource.archived_states.end()) {
      continue;
    }
    if (filters.accepts(resource, *records[i])) matched.push_back(i);
  }
  if (auto order = request.param("order"); order && !order->empty()) {
    auto keys = parseOrder(*order);
    std::stable_sort(matched.begin(), matched.end(), [&](std::size_t a, std::size_t b) {
      for (const auto& key : keys) {
        int c = compareFieldValues(fieldAt(*records[a], key.field), fieldAt(*records[b], key.field));
        if (c != 0) return key.descending ? c > 0 : c < 0;
      }
      return false;
    });
  }
  Json pagination;
  std::size_t first = 0, last = matched.size();
  auto page = parsePositive(request.param("page"));
  if (page && resource.paged) {
    auto size = parsePositive(request.param("pageSize")).value_or(kDefaultPageSize);
    if (*page < 1 || size < 1) {
      return xeroError(400, 10, "ValidationException", "page and pageSize must be positive integers");
    }
    size = std::min(size, kMaxPageSize);
    first = std::min(matched.size(), static_cast<std::size_t>(*page - 1) * size);
    last = std::min(matched.size(), first + size);
    pagination = newObject();
    pagination->set("page", *page);
    pagination->set("pageSize", size);
    pagination->set("pageCount", static_cast<int>((matched.size() + size - 1) / size));
    pagination->set("itemCount", static_cast<int>(matched.size()));
  }
  std::string out = "[";
  for (std::size_t i = first; i < last; ++i) out += (i > first ? "," : "") + collection.jsonAt(matched[i]);
  return Response::json(200, envelope(ctx.ids.next(), ctx.now_ms, resource.name, out + "]", pagination));
}

Response listJournals(const Request& request, Ctx& ctx) {
  // Xero pages journals by number: the 100 journals after `offset`, oldest first.
  auto offset = parsePositive(request.param("offset")).value_or(0);
  if (offset < 0) return xeroError(400, 10, "ValidationException", "offset must be a number");
  std::optional<std::int64_t> since;
  if (auto header = request.header("If-Modified-Since")) since = parseHttpDate(*header);
  const Collection& journals = ctx.state.journals;
  const auto& records = journals.records();
  std::string out = "[";
  std::size_t count = 0;
  // Journal numbers are 1..n in creation order, so the offset is a position.
  for (std::size_t i = static_cast<std::size_t>(offset); i < records.size() && count < 100; ++i) {
    auto created = parseXeroDate(str(*records[i], "CreatedDateUTC"));
    if (since && created && *created <= *since) continue;
    out += (count++ ? "," : "") + journals.jsonAt(i);
  }
  return Response::json(200, envelope(ctx.ids.next(), ctx.now_ms, "Journals", out + "]", nullptr));
}

}  // namespace accord::sandbox::xero
