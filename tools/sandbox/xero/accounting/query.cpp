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

bool isArchived(const Resource& resource, const std::string& status) {
  return std::find(resource.archived_states.begin(), resource.archived_states.end(), status) !=
         resource.archived_states.end();
}

// The filters of a list request, checked in order of cost, on the collection's columns and
// stored text (no record is parsed).
struct Filters {
  std::optional<std::unordered_set<std::string>> ids;
  std::optional<std::int64_t> modified_since;
  std::optional<WhereFilter> where;
  bool include_archived = false;

  bool accepts(const Resource& resource, const Collection& collection, std::size_t pos) const {
    if (!include_archived && !resource.archived_states.empty()) {
      // The status column holds the resource's status field (ContactStatus for contacts).
      bool column = collection.statusField() == resource.status_field;  // no copy, no lookup
      if (isArchived(resource, column ? collection.statusAt(pos) : collection.text(pos, resource.status_field))) {
        return false;
      }
    }
    if (modified_since && !collection.modifiedAfter(pos, *modified_since)) return false;
    return !where || where->matches([&](std::string_view path) { return collection.field(pos, path); });
  }
};

// Positions a `where` can only match, from an index (ContactID==, Name==, Contact.ContactID==
// ...), in creation order; nullopt when no indexed equality constrains it.
std::optional<std::vector<std::size_t>> indexedCandidates(const Collection& collection,
                                                          const WhereFilter& where) {
  for (const auto& [path, value] : where.requiredEqualities()) {
    if (path == collection.idField()) {
      auto pos = collection.position(value);
      return pos ? std::vector<std::size_t>{*pos} : std::vector<std::size_t>{};
    }
    if (auto positions = collection.positionsOf(path, value)) return positions;
  }
  return std::nullopt;
}

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
    auto found = id.empty() ? std::nullopt : collection.positionsOf("ContactNumber", id);
    return found && !found->empty() ? collection.at(found->front()) : nullptr;
  }
  if (collection.keyField().empty() || collection.keyField() == "Name") return nullptr;
  auto found = collection.findByKey(id);
  return found.empty() ? nullptr : found.front();
}

namespace {

std::string listById(const Filters& filters, const Resource& resource, const Collection& collection) {
  std::vector<std::size_t> picked;
  for (const auto& id : *filters.ids) {
    if (auto pos = collection.position(id); pos && filters.accepts(resource, collection, *pos)) {
      picked.push_back(*pos);
    }
  }
  std::sort(picked.begin(), picked.end(), [&](std::size_t a, std::size_t b) {
    return collection.idAt(a) < collection.idAt(b);
  });
  std::string out = "[";
  for (std::size_t i = 0; i < picked.size(); ++i) out += (i ? "," : "") + collection.jsonAt(picked[i]);
  return out + "]";
}

std::vector<std::size_t> matching(const Filters& filters, const Resource& resource,
                                  const Collection& collection) {
  std::vector<std::size_t> matched;
  auto candidates = filters.where ? indexedCandidates(collection, *filters.where) : std::nullopt;
  if (candidates) {
    for (std::size_t pos : *candidates) {
      if (filters.accepts(resource, collection, pos)) matched.push_back(pos);
    }
    return matched;
  }
  matched.reserve(collection.size());
  for (std::size_t i = 0; i < collection.size(); ++i) {
    if (filters.accepts(resource, collection, i)) matched.push_back(i);
  }
  return matched;
}

}  // namespace

Response listRecords(const Request& request, Ctx& ctx, const Resource& resource) {
  Filters filters;
  if (auto error = buildFilters(request, resource, filters)) return *error;
  const Collection& collection = ctx.state.*(resource.collection);
  if (filters.ids) {  // IDs: resolve through the index instead of scanning
    return Response::json(200, envelope(ctx.ids.next(), ctx.now_ms, resource.name,
                                        listById(filters, resource, collection), nullptr));
  }
  std::vector<std::size_t> matched = matching(filters, resource, collection);
  if (auto order = request.param("order"); order && !order->empty()) {
    auto keys = parseOrder(*order);
    std::stable_sort(matched.begin(), matched.end(), [&](std::size_t a, std::size_t b) {
      for (const auto& key : keys) {
        int c = compareFieldValues(collection.field(a, key.field), collection.field(b, key.field));
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
  std::string out = "[";
  std::size_t count = 0;
  // Journal numbers are 1..n in creation order, so the offset is a position.
  for (std::size_t i = static_cast<std::size_t>(offset); i < journals.size() && count < 100; ++i) {
    auto created = parseXeroDate(journals.text(i, "CreatedDateUTC"));
    if (since && created && *created <= *since) continue;
    out += (count++ ? "," : "") + journals.jsonAt(i);
  }
  return Response::json(200, envelope(ctx.ids.next(), ctx.now_ms, "Journals", out + "]", nullptr));
}

}  // namespace accord::sandbox::xero
