#include "read.h"

#include <algorithm>
#include <set>
#include <variant>

#include "cursor.h"
#include "mapping.h"

namespace accord::plugins::xero {
namespace {

using sdk::model::EntityType;

constexpr std::int64_t kJournalsPerCall = 100;  // Xero's fixed page of generated journals

std::int64_t updatedMs(const Poco::JSON::Object& element) {
  auto at = parseXeroTimestamp(textField(element, "UpdatedDateUTC"));
  return at ? at->epochMillis() : 0;
}

std::string elementId(const Poco::JSON::Object& element, const Resource& resource) {
  return textField(element, resource.id_field);
}

// One entry of a page: a record, a removal, or an element that could not be read.
using Entry = std::variant<sdk::model::Record, sdk::Removal, sdk::RecordError>;

// Decodes elements in order; a bad element becomes a RecordError, never a lost page. `high`
// becomes the newest modified time among them.
std::vector<Entry> decodeEntries(EntityType entity, const Resource& resource,
                                 const std::vector<JsonObject>& elements, std::int64_t& high) {
  std::vector<Entry> entries;
  for (const JsonObject& element : elements) {
    high = std::max(high, updatedMs(*element));
    auto decoded = decode(entity, resource, *element);
    if (!decoded.ok()) {
      entries.emplace_back(sdk::RecordError{elementId(*element, resource), decoded.error()});
      continue;
    }
    for (auto& record : decoded->records) entries.emplace_back(std::move(record));
    for (auto& removal : decoded->removals) entries.emplace_back(std::move(removal));
  }
  return entries;
}

void add(sdk::Page& page, Entry entry) {
  if (auto* record = std::get_if<sdk::model::Record>(&entry)) page.records.push_back(*record);
  if (auto* removal = std::get_if<sdk::Removal>(&entry)) page.removals.push_back(*removal);
  if (auto* error = std::get_if<sdk::RecordError>(&entry)) page.errors.push_back(*error);
}

// Returns the newest modified time among the elements.
std::int64_t decodeInto(sdk::Page& page, EntityType entity, const Resource& resource,
                        const std::vector<JsonObject>& elements) {
  std::int64_t high = 0;
  for (Entry& entry : decodeEntries(entity, resource, elements, high)) add(page, std::move(entry));
  return high;
}

// The objects of an envelope's array; a non-object is reported and skipped.
std::vector<JsonObject> objects(sdk::Page& page, const Poco::JSON::Object& envelope,
                                const Resource& resource) {
  std::vector<JsonObject> out;
  JsonArray array = envelopeArray(envelope, resource.path);
  for (std::size_t i = 0; i < array->size(); ++i) {
    JsonObject element = array->getObject(static_cast<unsigned>(i));
    if (element) {
      out.push_back(element);
    } else {
      page.errors.push_back(sdk::RecordError{
          "", sdk::makeError(sdk::ErrorKind::permanent,
                             resource.path + "[" + std::to_string(i) + "] is not an object",
                             resource.path)});
    }
  }
  return out;
}

std::optional<sdk::Timestamp> sinceOf(const Cursor& cursor) {
  if (cursor.since_ms == 0) return std::nullopt;
  return sdk::Timestamp(cursor.since_ms, 0);
}

sdk::Result<sdk::Page> readPaged(XeroClient& client, const Resource& resource, EntityType entity,
                                 Cursor cursor, int page_size) {
  // A contact yields up to six people: fetch fewer contacts so a page of people mostly fits.
  int fetch = entity == EntityType::person ? std::max(1, page_size / 6) : page_size;
  Query query{{"page", std::to_string(cursor.page)},
              {"pageSize", std::to_string(fetch)},
              {"order", "UpdatedDateUTC ASC"}};
  if (resource.path == "Contacts") query.push_back({"includeArchived", "true"});
  auto envelope = client.get(resource.path, query, sinceOf(cursor));
  if (!envelope.ok()) return envelope.error();
  sdk::Page page;
  std::vector<JsonObject> elements = objects(page, *envelope.value(), resource);
  const std::size_t fetched = elements.size() + page.errors.size();
  std::vector<Entry> entries(page.errors.begin(), page.errors.end());
  page.errors.clear();
  for (Entry& entry : decodeEntries(entity, resource, elements, cursor.high_ms)) {
    entries.push_back(std::move(entry));
  }
  // Never more than page_size entries: a Xero page that gives more (one contact's six people
  // on a page of two) is served in parts, the cursor counting what was served.
  const auto first = std::min(static_cast<std::size_t>(cursor.served), entries.size());
  const auto end = std::min(entries.size(), first + static_cast<std::size_t>(page_size));
  for (std::size_t i = first; i < end; ++i) add(page, std::move(entries[i]));
  if (end < entries.size()) {
    cursor.served = static_cast<std::int64_t>(end);
    page.more = true;
    page.next_cursor = cursor.toString();
    return page;
  }
  cursor.served = 0;
  page.more = static_cast<int>(fetched) >= fetch;
  if (page.more) {
    ++cursor.page;
    page.next_cursor = cursor.toString();
  } else {
    page.next_cursor = cursor.nextPass().toString();
  }
  return page;
}

// Endpoints without paging return everything: sort by (modified, id) and serve a slice.
sdk::Result<sdk::Page> readSliced(XeroClient& client, const Resource& resource, EntityType entity,
                                  Cursor cursor, int page_size) {
  auto envelope = client.get(resource.path, {}, sinceOf(cursor));
  if (!envelope.ok()) return envelope.error();
  sdk::Page page;
  std::vector<JsonObject> elements = objects(page, *envelope.value(), resource);
  std::stable_sort(elements.begin(), elements.end(), [&](const JsonObject& a, const JsonObject& b) {
    auto ka = std::make_pair(updatedMs(*a), elementId(*a, resource));
    auto kb = std::make_pair(updatedMs(*b), elementId(*b, resource));
    return ka < kb;
  });
  std::size_t first = std::min(static_cast<std::size_t>(cursor.page - 1), elements.size());
  // Elements that are not objects are reported once, on the first slice, within its size.
  if (first != 0) page.errors.clear();
  std::size_t room = static_cast<std::size_t>(
      std::max<std::int64_t>(1, page_size - static_cast<std::int64_t>(page.errors.size())));
  std::size_t end = std::min(elements.size(), first + room);
  std::vector<JsonObject> slice(elements.begin() + first, elements.begin() + end);
  cursor.high_ms = std::max(cursor.high_ms, decodeInto(page, entity, resource, slice));
  page.more = end < elements.size();
  if (page.more) {
    cursor.page = static_cast<std::int64_t>(end) + 1;
    page.next_cursor = cursor.toString();
  } else {
    page.next_cursor = cursor.nextPass().toString();
  }
  return page;
}

sdk::Result<sdk::Page> readGeneratedJournals(XeroClient& client, Cursor cursor, int page_size) {
  const Resource& resource = generatedJournals();
  auto envelope = client.get(resource.path, {{"offset", std::to_string(cursor.journal_offset)}});
  if (!envelope.ok()) return envelope.error();
  sdk::Page page;
  std::vector<JsonObject> elements = objects(page, *envelope.value(), resource);
  std::size_t take = std::min(elements.size(), static_cast<std::size_t>(page_size));
  std::vector<JsonObject> slice(elements.begin(), elements.begin() + take);
  decodeInto(page, EntityType::journal, resource, slice);
  for (const JsonObject& element : slice) {
    if (element->has("JournalNumber") && element->get("JournalNumber").isNumeric()) {
      cursor.journal_offset = element->getValue<std::int64_t>("JournalNumber");
    }
  }
  page.more = take < elements.size() || static_cast<std::int64_t>(elements.size()) == kJournalsPerCall;
  page.next_cursor = page.more ? cursor.toString() : cursor.nextPass().toString();
  return page;
}

sdk::Result<sdk::Page> readJournals(XeroClient& client, Cursor cursor, int page_size) {
  if (cursor.phase == 1) return readGeneratedJournals(client, cursor, page_size);
  auto page = readPaged(client, *resourceFor(EntityType::journal), EntityType::journal, cursor,
                        page_size);
  if (!page.ok() || page->more) return page;
  // Manual journals are done for this pass: the generated ones follow.
  Cursor next = *Cursor::parse(page->next_cursor);
  next.since_ms = cursor.since_ms;
  next.phase = 1;
  page->next_cursor = next.toString();
  page->more = true;
  return page;
}

// After a webhook: exactly these records, in one call (IDs=a,b,c) where Xero allows it.
sdk::Result<sdk::Page> readIds(XeroClient& client, const Resource& resource,
                               const sdk::ReadRequest& request) {
  std::set<std::string> ids;
  for (const std::string& id : request.ids) {
    std::string contact = contactOfPerson(id);
    ids.insert(request.entity == EntityType::person && !contact.empty() ? contact : id);
  }
  sdk::Page page;
  page.next_cursor = request.cursor;  // a targeted read does not move the pass
  std::vector<JsonObject> elements;
  if (resource.paged) {
    std::string joined;
    for (const std::string& id : ids) joined += (joined.empty() ? "" : ",") + id;
    Query query{{"IDs", joined}};
    if (resource.path == "Contacts") query.push_back({"includeArchived", "true"});
    auto envelope = client.get(resource.path, query);
    if (!envelope.ok()) return envelope.error();
    elements = objects(page, *envelope.value(), resource);
  } else {
    auto envelope = client.get(resource.path, {});
    if (!envelope.ok()) return envelope.error();
    for (const JsonObject& element : objects(page, *envelope.value(), resource)) {
      // Accounts are known by their Code (their AccountID when they have none).
      bool wanted = ids.count(elementId(*element, resource)) ||
                    (resource.path == "Accounts" && ids.count(textField(*element, "Code")));
      if (wanted) elements.push_back(element);
    }
  }
  decodeInto(page, request.entity, resource, elements);
  return page;
}

}  // namespace

sdk::Result<sdk::Page> readPage(XeroClient& client, const sdk::ReadRequest& request) {
  const Resource* resource = resourceFor(request.entity);
  if (!resource) {
    return sdk::makeError(sdk::ErrorKind::not_supported,
                          "xero does not read " + std::string(sdk::model::toString(request.entity)));
  }
  if (!request.ids.empty()) return readIds(client, *resource, request);
  auto cursor = Cursor::parse(request.cursor);
  if (!cursor) {
    return sdk::makeError(sdk::ErrorKind::permanent,
                          "cursor \"" + request.cursor + "\" was not written by the xero plugin");
  }
  int page_size = std::max(1, request.page_size);
  if (request.entity == EntityType::journal) return readJournals(client, *cursor, page_size);
  if (resource->paged) return readPaged(client, *resource, request.entity, *cursor, page_size);
  return readSliced(client, *resource, request.entity, *cursor, page_size);
}

}  // namespace accord::plugins::xero
