// listtypes, describe, query (VTQL) and sync.
#include <algorithm>
#include <cctype>

#include <Poco/JSON/Array.h>

#include "accord/sdk/decimal.h"
#include "sandbox/vtiger/json_text.h"
#include "sandbox/vtiger/service.h"
#include "sandbox/vtiger/vtql.h"

namespace accord::sandbox::vtiger {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr orderedObject() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

bool isIdLike(const FieldDef* field) {
  return field == nullptr || field->type == FieldType::kReference ||
         field->type == FieldType::kOwner;
}

std::int64_t crmidOf(std::string_view value) {
  auto id = parseWsId(value);
  return id ? id->second : 0;
}

int compareText(std::string_view a, std::string_view b) {
  // MySQL's default collation compares case-insensitively.
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const int ca = std::tolower(static_cast<unsigned char>(a[i]));
    const int cb = std::tolower(static_cast<unsigned char>(b[i]));
    if (ca != cb) return ca < cb ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

// `field` is null for "id".
int compareValues(const FieldDef* field, std::string_view a, std::string_view b) {
  if (isIdLike(field)) {
    const std::int64_t x = crmidOf(a), y = crmidOf(b);
    return x == y ? 0 : (x < y ? -1 : 1);
  }
  if (isNumeric(field->type)) {
    auto x = accord::sdk::Decimal::parse(a.empty() ? "0" : a);
    auto y = accord::sdk::Decimal::parse(b.empty() ? "0" : b);
    if (x && y) return x->compare(*y);
  }
  return compareText(a, b);
}

std::string valueOf(const Record& record, const FieldDef* field) {
  if (field == nullptr) return record.wsId();
  if (field->name == "createdtime") return formatDateTime(record.created);
  if (field->name == "modifiedtime") return formatDateTime(record.modified);
  // The field belongs to the record's module, so its position is its index.
  return record.get(static_cast<std::size_t>(field - record.module->fields.data()));
}

struct BoundCondition {
  const Condition* condition;
  const FieldDef* field;  // null for id
};

bool matches(const Record& record, const BoundCondition& bound) {
  const std::string value = valueOf(record, bound.field);
  const Condition& c = *bound.condition;
  if (c.op == CompareOp::kLike) {
    if (isIdLike(bound.field)) {
      return likeMatch(std::to_string(crmidOf(value)), std::to_string(crmidOf(c.values[0])));
    }
    return likeMatch(value, c.values[0]);
  }
  if (c.op == CompareOp::kIn) {
    return std::any_of(c.values.begin(), c.values.end(), [&](const std::string& v) {
      return compareValues(bound.field, value, v) == 0;
    });
  }
  const int cmp = compareValues(bound.field, value, c.values[0]);
  switch (c.op) {
    case CompareOp::kEq: return cmp == 0;
    case CompareOp::kNe: return cmp != 0;
    case CompareOp::kLt: return cmp < 0;
    case CompareOp::kGt: return cmp > 0;
    case CompareOp::kLe: return cmp <= 0;
    case CompareOp::kGe: return cmp >= 0;
    default: return false;
  }
}

// AND binds tighter than OR, as in the SQL vtiger generates.
bool matchesAll(const Record& record, const std::vector<BoundCondition>& conditions,
                const std::vector<bool>& joined_by_or) {
  if (conditions.empty()) return true;
  bool group = true;
  for (std::size_t i = 0; i < conditions.size(); ++i) {
    group = group && matches(record, conditions[i]);
    if (i + 1 == conditions.size() || joined_by_or[i]) {
      if (group) return true;
      group = true;
    }
  }
  return false;
}

struct BoundQuery {
  std::vector<BoundCondition> conditions;
  std::vector<const FieldDef*> order;  // null entries for "id"
};

// Resolves field names against the module, with the errors vtiger gives for unknown ones.
WsResult<BoundQuery> bindQuery(const ModuleDef& module, const VtqlQuery& q) {
  BoundQuery b;
  for (const std::string& column : q.columns) {
    if (column != "id" && !module.fieldIndex(column)) {
      return wsError(code::kAccessDenied, "Permission to access '." + column + ".' attribute denied.");
    }
  }
  for (const Condition& c : q.conditions) {
    const FieldDef* field = c.field == "id" ? nullptr : module.field(c.field);
    if (c.field != "id" && !field) {
      return wsError(code::kAccessDenied, "Permission to access " + c.field + " attribute denied.");
    }
    if (isIdLike(field)) {
      for (const std::string& v : c.values) {
        if (v.find('x') == std::string::npos) return wsError(code::kInvalidId, message::kIdIncorrect);
      }
    }
    b.conditions.push_back({&c, field});
  }
  for (const std::string& name : q.order_by) {
    const FieldDef* field = name == "id" ? nullptr : module.field(name);
    if (name != "id" && !field) {  // vtiger builds SQL with an empty column: a database error
      return wsError(code::kDatabaseError, "Database error while performing required operation");
    }
    b.order.push_back(field);
  }
  return b;
}

// ORDER BY: like vtiger's SQL, ASC/DESC applies to the last column only.
void sortRows(std::vector<const Record*>& rows, const std::vector<const FieldDef*>& order,
              bool descending) {
  std::stable_sort(rows.begin(), rows.end(), [&](const Record* a, const Record* b) {
    for (std::size_t i = 0; i < order.size(); ++i) {
      int cmp = compareValues(order[i], valueOf(*a, order[i]), valueOf(*b, order[i]));
      if (i + 1 == order.size() && descending) cmp = -cmp;
      if (cmp != 0) return cmp < 0;
    }
    return false;
  });
}

Object::Ptr describeType(const FieldDef& field) {
  Object::Ptr type = orderedObject();
  type->set("name", std::string(typeName(field.type)));
  if (field.type == FieldType::kPicklist || field.type == FieldType::kMultiPicklist) {
    Array::Ptr values = new Array;
    for (const std::string& v : field.picklist) {
      Object::Ptr entry = orderedObject();
      entry->set("label", v);
      entry->set("value", v);
      values->add(entry);
    }
    type->set("picklistValues", values);
    type->set("defaultValue", field.default_value.empty() && !field.picklist.empty()
                                  ? field.picklist.front() : field.default_value);
  } else if (field.type == FieldType::kReference) {
    Array::Ptr refers = new Array;
    for (const std::string& m : field.refers_to) refers->add(m);
    type->set("refersTo", refers);
  } else if (field.type == FieldType::kDate) {
    type->set("format", "yyyy-mm-dd");
  }
  return type;
}

}  // namespace

JsonText WebService::listTypes(const std::vector<std::string>& field_types) const {
  Array::Ptr types = new Array;
  Object::Ptr information = orderedObject();
  for (const ModuleDef& module : ModuleRegistry::instance().modules()) {
    if (!field_types.empty()) {
      const bool wanted = std::any_of(module.fields.begin(), module.fields.end(), [&](const FieldDef& f) {
        return std::find(field_types.begin(), field_types.end(), typeName(f.type)) != field_types.end();
      });
      if (!wanted) continue;
    }
    types->add(module.name);
    Object::Ptr info = orderedObject();
    info->set("isEntity", module.is_entity);
    info->set("label", module.label);
    info->set("singular", module.singular);
    information->set(module.name, info);
  }
  Object::Ptr result = orderedObject();
  result->set("types", types);
  result->set("information", information);
  return stringify(result);
}

WsResult<JsonText> WebService::describe(std::string_view module_name) const {
  const ModuleDef* module = ModuleRegistry::instance().byName(module_name);
  if (!module) return wsError(code::kAccessDenied, message::kOperationDenied);
  const bool writable = module->is_entity && module->entity_id != ModuleRegistry::kUsersEntityId;
  Array::Ptr fields = new Array;
  for (const FieldDef& field : module->fields) {
    Object::Ptr f = orderedObject();
    f->set("name", field.name);
    f->set("label", field.label);
    f->set("mandatory", field.mandatory);
    f->set("type", describeType(field));
    f->set("isunique", false);
    f->set("nullable", !field.mandatory);
    f->set("editable", field.editable);
    if (!field.default_value.empty()) f->set("default", field.default_value);
    fields->add(f);
  }
  if (module->name == "Products") {
    // vtiger's product describe appends one field per tax, with these string flags.
    for (const TaxDef& tax : taxes_) {
      Object::Ptr f = orderedObject();
      f->set("name", tax.name);
      f->set("label", tax.label);
      Object::Ptr type = orderedObject();
      type->set("name", "double");
      f->set("type", type);
      f->set("nullable", "1");
      f->set("editable", "1");
      f->set("mandatory", "");
      f->set("default", tax.percentage);
      fields->add(f);
    }
  }
  Object::Ptr id = orderedObject();
  id->set("name", "id");
  id->set("label", "id");
  id->set("mandatory", false);
  Object::Ptr id_type = orderedObject();
  id_type->set("name", "autogenerated");
  id->set("type", id_type);
  id->set("editable", false);
  id->set("nullable", false);
  id->set("default", "");
  fields->add(id);

  Object::Ptr result = orderedObject();
  result->set("label", module->label);
  result->set("name", module->name);
  result->set("createable", writable);
  result->set("updateable", writable);
  result->set("deleteable", writable);
  result->set("retrieveable", true);
  result->set("fields", fields);
  result->set("idPrefix", std::to_string(module->entity_id));
  result->set("isEntity", module->is_entity);
  result->set("allowDuplicates", true);
  result->set("labelFields", module->label_fields);
  return stringify(result);
}

WsResult<const ModuleDef*> WebService::queryModule(std::string_view text) const {
  auto name = moduleOfQuery(text);
  if (!name) return wsError(code::kAccessDenied, std::string(message::kOperationDenied) + " for query");
  const ModuleDef* module = ModuleRegistry::instance().byName(*name);
  if (!module) {
    return wsError(code::kAccessDenied,
                   std::string(message::kOperationDenied) + " for name : " + *name);
  }
  return module;
}

WsResult<JsonText> WebService::query(std::string_view text) const {
  auto module_result = queryModule(text);
  if (!module_result.ok()) return module_result.error();
  const ModuleDef& module = *module_result.value();
  auto parsed = parseVtql(text);
  if (!parsed.ok()) return parsed.error();
  const VtqlQuery& q = parsed.value();
  auto bound = bindQuery(module, q);
  if (!bound.ok()) return bound.error();
  const BoundQuery& b = bound.value();

  // Users and Currency hold one fixed row each; the rest live in the store.
  std::vector<Record> fixed;
  if (!module.is_entity || module.entity_id == ModuleRegistry::kUsersEntityId) {
    Record row;
    row.module = &module;
    row.crmid = 1;
    const NameValues values = module.entity_id == ModuleRegistry::kUsersEntityId
                                  ? userValues() : currencyValues();
    for (const auto& [k, v] : values) row.set(k, v);
    fixed.push_back(std::move(row));
  }
  const bool sorted = !b.order.empty();
  const std::size_t wanted = static_cast<std::size_t>(q.offset + q.limit);
  // Without conditions or ordering the page starts at the offset: no need to walk to it.
  const bool direct = fixed.empty() && b.conditions.empty() && !sorted && !q.count;
  const std::size_t skipped = direct ? static_cast<std::size_t>(q.offset) : 0;
  std::vector<const Record*> rows;
  auto visit = [&](const Record& record) {
    if (matchesAll(record, b.conditions, q.joined_by_or)) rows.push_back(&record);
    return q.count || sorted || rows.size() + skipped < wanted;
  };
  if (!fixed.empty()) {
    for (const Record& r : fixed) visit(r);
  } else {
    store_.forEachLive(module, visit, skipped);
  }
  if (q.count) return "[{\"count\":\"" + std::to_string(rows.size()) + "\"}]";
  if (sorted) sortRows(rows, b.order, q.descending);
  const std::size_t begin = std::min(rows.size(), static_cast<std::size_t>(q.offset) - skipped);
  const std::size_t end = std::min(rows.size(), wanted - skipped);
  return writeRows(std::vector<const Record*>(rows.begin() + static_cast<std::ptrdiff_t>(begin),
                                              rows.begin() + static_cast<std::ptrdiff_t>(end)),
                   module, q);
}

std::string WebService::writeRows(const std::vector<const Record*>& rows, const ModuleDef& module,
                                  const VtqlQuery& q) const {
  std::string out = "[";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i > 0) out += ',';
    if (q.select_all) {
      writeRecord(out, *rows[i], false);
      continue;
    }
    bool first = true;
    out += '{';
    for (const std::string& column : q.columns) {
      appendMember(out, first, column,
                   valueOf(*rows[i], column == "id" ? nullptr : module.field(column)));
    }
    appendMember(out, first, "id", rows[i]->wsId());
    out += '}';
  }
  out += ']';
  return out;
}

WsResult<JsonText> WebService::sync(std::int64_t modified_after, std::string_view module_name) const {
  constexpr std::size_t kPage = 100;
  std::vector<const ModuleDef*> modules;
  for (const ModuleDef& m : ModuleRegistry::instance().modules()) {
    if (!m.is_entity || m.entity_id == ModuleRegistry::kUsersEntityId) continue;
    if (module_name.empty() || m.name == module_name) modules.push_back(&m);
  }
  if (!module_name.empty() && modules.empty()) {
    return wsError(code::kAccessDenied, message::kOperationDenied);
  }
  // Like vtiger: the 100 oldest changes after the cursor fix a boundary time; every change up
  // to and including that second is returned (so a page may pass 100 when times tie).
  std::vector<std::int64_t> times;
  for (const ModuleDef* m : modules) {
    std::size_t taken = 0;
    store_.forEachModifiedAfter(*m, modified_after, [&](const Record& r) {
      times.push_back(r.modified);
      return ++taken < kPage;
    });
  }
  std::sort(times.begin(), times.end());
  const std::int64_t boundary =
      times.empty() ? modified_after : times[std::min(times.size(), kPage) - 1];
  std::string updated = "[", deleted = "[";
  bool more = false;
  for (const ModuleDef* m : modules) {
    store_.forEachModifiedAfter(*m, modified_after, [&](const Record& r) {
      if (r.modified > boundary) {
        more = true;
        return false;
      }
      if (r.deleted) {
        if (deleted.size() > 1) deleted += ',';
        deleted += jsonQuote(r.wsId());
      } else {
        if (updated.size() > 1) updated += ',';
        writeRecord(updated, r, false);
      }
      return true;
    });
  }
  return "{\"updated\":" + updated + "],\"deleted\":" + deleted +
         "],\"lastModifiedTime\":" + std::to_string(boundary) +
         ",\"more\":" + (more ? "true" : "false") + "}";
}

}  // namespace accord::sandbox::vtiger
