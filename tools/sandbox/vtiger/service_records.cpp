// create / retrieve / update / revise / delete and how records are written as JSON.
#include <algorithm>
#include <cctype>
#include <chrono>

#include <Poco/JSON/Array.h>

#include "sandbox/vtiger/inventory.h"
#include "sandbox/vtiger/json_text.h"
#include "sandbox/vtiger/service.h"

namespace accord::sandbox::vtiger {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

constexpr const char* kUserWsId = "19x1";

// webservice values arrive as JSON strings, numbers, booleans or null; vtiger stores text.
std::string text(const Poco::Dynamic::Var& value) {
  if (value.isEmpty()) return "";
  if (value.isBoolean()) return value.extract<bool>() ? "1" : "0";
  if (value.isString()) return value.extract<std::string>();
  if (value.isNumeric()) return value.convert<std::string>();
  return stringify(value);  // an object or array where text was expected: kept as its JSON
}

std::string normalizeValue(const FieldDef& field, const std::string& raw) {
  if (raw.empty()) return raw;
  if (field.type == FieldType::kCurrency || field.type == FieldType::kDouble) {
    auto normalized = normalizeDecimal(raw, field.scale);
    return normalized ? *normalized : raw;
  }
  if (field.type == FieldType::kBoolean) {
    std::string lower = raw;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return (lower == "1" || lower == "true" || lower == "on" || lower == "yes") ? "1" : "0";
  }
  return raw;
}

WsError operationDenied() { return wsError(code::kAccessDenied, message::kOperationDenied); }

}  // namespace

struct WebService::Element {
  std::string id;
  std::vector<std::pair<std::size_t, std::string>> fields;  // given fields, raw text
  NameValues taxes;                                        // Products: tax fields given
  bool has_lines = false;
  std::vector<NameValues> lines;                           // raw LineItems

  const std::string* value(std::size_t index) const {
    for (const auto& [i, v] : fields) {
      if (i == index) return &v;
    }
    return nullptr;
  }
};

WebService::WebService(const Clock& clock) : clock_(clock) {
  // A fresh vtiger's inventory tax table.
  taxes_ = {{"tax1", "VAT", "4.500"}, {"tax2", "Sales", "10.000"}, {"tax3", "Service", "12.500"}};
}

std::int64_t WebService::now() const {
  return std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch()).count();
}

std::string WebService::taxNameForLabel(std::string_view label) const {
  for (const TaxDef& tax : taxes_) {
    if (tax.label == label) return tax.name;
  }
  return "";
}

WsResult<WebService::Element> WebService::parseElement(const ModuleDef& module,
                                                       const Object& json) const {
  Element element;
  for (const auto& [key, value] : json) {
    if (key == "id") {
      element.id = text(value);
    } else if (key == "LineItems" || key == "lineItems") {
      element.has_lines = true;
      if (value.type() != typeid(Array::Ptr)) continue;
      for (const auto& line : *value.extract<Array::Ptr>()) {
        if (line.type() != typeid(Object::Ptr)) {
          return wsError(code::kMandatoryMissing, "Mandatory Fields Missing..");
        }
        NameValues raw;
        for (const auto& [k, v] : *line.extract<Object::Ptr>()) raw.emplace_back(k, text(v));
        element.lines.push_back(std::move(raw));
      }
    } else if (auto index = module.fieldIndex(key)) {
      element.fields.emplace_back(*index, text(value));
    } else if (module.name == "Products" &&
               std::any_of(taxes_.begin(), taxes_.end(),
                           [&](const TaxDef& t) { return t.name == key; })) {
      element.taxes.emplace_back(key, text(value));
    }
    // Anything else is ignored, as vtiger's DataTransform drops unknown keys.
  }
  return element;
}

WsResult<bool> WebService::checkReferences(const ModuleDef& module,
                                           const Element& element) const {
  const ModuleRegistry& registry = ModuleRegistry::instance();
  for (const auto& [index, value] : element.fields) {
    const FieldDef& field = module.fields[index];
    if (value.empty() || !field.editable) continue;
    if (field.type == FieldType::kOwner) {
      if (value != kUserWsId) {
        return wsError(code::kAccessDenied, "Cannot assign record to the given user");
      }
      continue;
    }
    if (field.type != FieldType::kReference) continue;
    auto id = parseWsId(value);
    const ModuleDef* target = id ? registry.byEntityId(id->first) : nullptr;
    if (!target) {
      return wsError(code::kAccessDenied, std::string(message::kOperationDenied) + " for id");
    }
    const bool allowed = std::find(field.refers_to.begin(), field.refers_to.end(),
                                   target->name) != field.refers_to.end();
    // vtiger only checks the module; the sandbox also wants the record to exist.
    const bool exists = target->entity_id == ModuleRegistry::kCurrencyEntityId
                            ? id->second == 1
                            : store_.findLive(*target, id->second) != nullptr;
    if (!allowed || !exists) {
      return wsError(code::kReferenceInvalid, "Invalid reference specified for " + field.name);
    }
  }
  return true;
}

WsResult<bool> WebService::checkMandatory(const ModuleDef& module, const Element& element,
                                          bool only_given) const {
  for (std::size_t i = 0; i < module.fields.size(); ++i) {
    const FieldDef& field = module.fields[i];
    if (!field.mandatory) continue;
    const std::string* value = element.value(i);
    if ((value == nullptr && !only_given) || (value != nullptr && value->empty())) {
      return wsError(code::kMandatoryMissing, field.name + " does not have a value");
    }
  }
  return true;
}

void WebService::applyFields(Record& record, const Element& element, bool full_replace) const {
  const ModuleDef& module = *record.module;
  for (std::size_t i = 0; i < module.fields.size(); ++i) {
    const FieldDef& field = module.fields[i];
    if (!field.editable) continue;
    if (const std::string* value = element.value(i)) {
      record.set(i, normalizeValue(field, *value));
    } else if (full_replace) {
      record.set(i, "");
    }
  }
}

void WebService::applyProductTaxes(Record& record, const Element& element,
                                   bool full_replace) const {
  if (full_replace) record.taxes.clear();
  for (const auto& [name, value] : element.taxes) {
    auto it = std::find_if(record.taxes.begin(), record.taxes.end(),
                           [&](const auto& t) { return t.first == name; });
    if (it != record.taxes.end()) record.taxes.erase(it);
    if (value.empty()) continue;  // "" removes the tax from the product
    auto percent = normalizeDecimal(value, 3);
    record.taxes.emplace_back(name, percent ? *percent : value);
  }
  // Keep the tax table's order so output is stable.
  std::sort(record.taxes.begin(), record.taxes.end());
}

WsResult<bool> WebService::applyLines(Record& record, Element& element) {
  const ModuleDef* products = ModuleRegistry::instance().byName("Products");
  const bool individual = record.get("hdnTaxType") == "individual";
  std::vector<LineItem> lines;
  for (const NameValues& raw : element.lines) {
    auto get = [&](std::string_view key) -> std::string {
      for (const auto& [k, v] : raw) {
        if (k == key) return v;
      }
      return "";
    };
    for (const char* required : {"productid", "quantity", "listprice"}) {
      if (get(required).empty()) {
        return wsError(code::kMandatoryMissing, std::string(required) + " does not have a value");
      }
    }
    auto product_id = parseWsId(get("productid"));
    const Record* product =
        (product_id && product_id->first == products->entity_id)
            ? store_.findLive(*products, product_id->second) : nullptr;
    if (!product) return wsError(code::kReferenceInvalid, "Invalid reference specified for productid");
    LineItem line;
    line.productid = get("productid");
    line.quantity = normalizeDecimal(get("quantity"), 3).value_or("0.000");
    line.listprice = normalizeDecimal(get("listprice"), 8).value_or("0.00000000");
    line.discount_percent = normalizeDecimal(get("discount_percent"), 3).value_or("");
    line.discount_amount = normalizeDecimal(get("discount_amount"), 8).value_or("");
    line.comment = get("comment");
    line.description = get("description");
    if (individual) {
      // A line's own taxN wins; otherwise the product's taxes apply, as in vtiger's editor.
      for (const TaxDef& tax : taxes_) {
        std::string percent = get(tax.name);
        if (percent.empty()) {
          for (const auto& [name, p] : product->taxes) {
            if (name == tax.name) percent = p;
          }
        }
        if (!percent.empty()) line.taxes.emplace_back(tax.name, normalizeDecimal(percent, 3).value_or(percent));
      }
    }
    lines.push_back(std::move(line));
  }
  for (LineItem& line : lines) line.id = store_.allocateLineItemId();
  record.lines = std::move(lines);
  return true;
}

void WebService::recomputeTotals(Record& record) const {
  if (!record.module->is_inventory) return;
  const InventoryTotals totals = computeTotals(record, record.lines, taxes_);
  record.set("hdnSubTotal", totals.sub_total);
  record.set("pre_tax_total", totals.pre_tax_total);
  record.set("hdnGrandTotal", totals.grand_total);
  // What is still owed: total less what was received (Invoice) or paid (PurchaseOrder).
  const char* settled = record.module->name == "Invoice" ? "received" : "paid";
  if (record.module->fieldIndex("balance")) {
    record.set("balance", moneyDifference(totals.grand_total, record.get(settled)));
  }
}

WsResult<JsonText> WebService::create(std::string_view module_name, const Object& json) {
  const ModuleDef* module = ModuleRegistry::instance().byName(module_name);
  if (!module || !module->is_entity || module->entity_id == ModuleRegistry::kUsersEntityId) {
    return operationDenied();
  }
  auto element = parseElement(*module, json);
  if (!element.ok()) return element.error();
  if (auto r = checkReferences(*module, element.value()); !r.ok()) return r.error();
  if (auto r = checkMandatory(*module, element.value(), false); !r.ok()) return r.error();
  if (module->is_inventory && element.value().lines.empty()) {
    return wsError(code::kMandatoryMissing, "Mandatory Fields Missing..");
  }
  Record draft;
  draft.module = module;
  for (std::size_t i = 0; i < module->fields.size(); ++i) {
    if (!module->fields[i].default_value.empty()) draft.set(i, module->fields[i].default_value);
  }
  applyFields(draft, element.value(), false);
  applyProductTaxes(draft, element.value(), false);
  if (module->is_inventory) {
    if (auto r = applyLines(draft, element.value()); !r.ok()) return r.error();
    recomputeTotals(draft);
  }
  draft.crmid = store_.allocateCrmId();
  draft.created = draft.modified = now();
  if (!module->number_field.empty()) draft.set(module->number_field, store_.nextNumber(*module));
  draft.set("modifiedby", kUserWsId);
  draft.set("source", "WEBSERVICE");
  std::string out;
  writeRecord(out, store_.insert(std::move(draft)), true);
  return out;
}

WsResult<Record*> WebService::findForWrite(const Object& json) {
  const std::string id = json.has("id") ? text(json.get("id")) : "";
  const auto x = id.find('x');
  auto parsed = parseWsId(id);
  const ModuleDef* module = nullptr;
  if (x != std::string::npos) {
    auto prefix = parseWsId(id.substr(0, x) + "x0");
    if (prefix) module = ModuleRegistry::instance().byEntityId(prefix->first);
  }
  if (!module) return wsError(code::kAccessDenied, std::string(message::kOperationDenied) + " for id");
  Record* record = parsed ? store_.find(parsed->second) : nullptr;
  if (!module->is_entity || module->entity_id == ModuleRegistry::kUsersEntityId || !record ||
      record->deleted) {
    return operationDenied();
  }
  if (record->module != module) return wsError(code::kInvalidId, message::kIdIncorrect);
  return record;
}

WsResult<JsonText> WebService::write(const Object& json, bool full_replace) {
  auto found = findForWrite(json);
  if (!found.ok()) return found.error();
  Record& record = *found.value();
  auto element = parseElement(*record.module, json);
  if (!element.ok()) return element.error();
  if (auto r = checkReferences(*record.module, element.value()); !r.ok()) return r.error();
  // An inventory update without LineItems behaves as a revise in vtiger 7.
  const bool replace = full_replace && !(record.module->is_inventory && element.value().lines.empty());
  if (auto r = checkMandatory(*record.module, element.value(), !replace); !r.ok()) return r.error();
  Record draft = record;
  applyFields(draft, element.value(), replace);
  if (record.module->name == "Products") applyProductTaxes(draft, element.value(), replace);
  if (record.module->is_inventory) {
    if (!element.value().lines.empty()) {
      if (auto r = applyLines(draft, element.value()); !r.ok()) return r.error();
    }
    recomputeTotals(draft);
  }
  draft.set("modifiedby", kUserWsId);
  record = std::move(draft);
  store_.touch(record, now());
  std::string out;
  writeRecord(out, record, true);
  return out;
}

WsResult<JsonText> WebService::update(const Object& element) { return write(element, true); }
WsResult<JsonText> WebService::revise(const Object& element) { return write(element, false); }

WsResult<JsonText> WebService::retrieve(std::string_view id) const {
  const auto x = id.find('x');
  const ModuleDef* module = nullptr;
  if (x != std::string_view::npos) {
    auto prefix = parseWsId(std::string(id.substr(0, x)) + "x0");
    if (prefix) module = ModuleRegistry::instance().byEntityId(prefix->first);
  }
  if (!module) return wsError(code::kAccessDenied, std::string(message::kOperationDenied) + " for id");
  auto parsed = parseWsId(id);
  if (module->entity_id == ModuleRegistry::kUsersEntityId) {
    if (parsed && parsed->second == 1) return objectText(userValues());
    return operationDenied();
  }
  if (module->entity_id == ModuleRegistry::kCurrencyEntityId) {
    if (parsed && parsed->second == 1) return objectText(currencyValues());
    return operationDenied();
  }
  const Record* record = parsed ? store_.find(parsed->second) : nullptr;
  // vtiger 7 looks the record's module up among live records first, so a deleted or unknown
  // record is "Permission to perform the operation is denied", not RECORD_NOT_FOUND.
  if (!record || record->deleted) return operationDenied();
  if (record->module != module) return wsError(code::kInvalidId, message::kIdIncorrect);
  std::string out;
  writeRecord(out, *record, true);
  return out;
}

WsResult<JsonText> WebService::remove(std::string_view id) {
  Object json;
  json.set("id", std::string(id));
  auto found = findForWrite(json);
  if (!found.ok()) return found.error();
  store_.remove(*found.value(), now());
  return objectText({{"status", "successful"}});
}

void WebService::writeRecord(std::string& out, const Record& record, bool full) const {
  const ModuleDef& module = *record.module;
  bool first = true;
  out += '{';
  for (std::size_t i = 0; i < module.fields.size(); ++i) {
    const std::string& name = module.fields[i].name;
    if (name == "createdtime") appendMember(out, first, name, formatDateTime(record.created));
    else if (name == "modifiedtime") appendMember(out, first, name, formatDateTime(record.modified));
    else appendMember(out, first, name, record.get(i));
  }
  if (full && module.name == "Products") {
    for (const auto& [name, percent] : record.taxes) appendMember(out, first, name, percent);
  }
  if (full && module.is_inventory) {
    out += ",\"LineItems\":[";
    for (std::size_t i = 0; i < record.lines.size(); ++i) {
      if (i > 0) out += ',';
      writeLine(out, record, record.lines[i], i + 1);
    }
    out += ']';
    appendMember(out, first, "productid",
                 record.lines.empty() ? std::string() : record.lines.front().productid);
  }
  appendMember(out, first, "id", record.wsId());
  out += '}';
}

void WebService::writeLine(std::string& out, const Record& parent, const LineItem& line,
                           std::size_t sequence) const {
  NameValues values = {{"parent_id", parent.wsId()},
                       {"productid", line.productid},
                       {"sequence_no", std::to_string(sequence)},
                       {"quantity", line.quantity},
                       {"listprice", line.listprice},
                       {"discount_percent", line.discount_percent},
                       {"discount_amount", line.discount_amount},
                       {"comment", line.comment},
                       {"description", line.description},
                       {"incrementondel", "0"}};
  for (const TaxDef& tax : taxes_) {
    std::string percent;
    for (const auto& [name, p] : line.taxes) {
      if (name == tax.name) percent = p;
    }
    values.emplace_back(tax.name, percent);
  }
  values.emplace_back("id", std::to_string(ModuleRegistry::kLineItemEntityId) + "x" +
                                std::to_string(line.id));
  out += objectText(values);
}

NameValues WebService::userValues() const {
  return {{"user_name", user_.user_name}, {"first_name", user_.first_name},
          {"last_name", user_.last_name}, {"email1", user_.email},
          {"status", "Active"}, {"is_admin", "on"},
          {"time_zone", "UTC"}, {"date_format", "yyyy-mm-dd"},
          {"hour_format", "24"}, {"currency_id", "21x1"},
          {"id", kUserWsId}};
}

NameValues WebService::currencyValues() const {
  return {{"currency_name", "USA, Dollars"}, {"currency_code", "USD"},
          {"currency_symbol", "$"}, {"conversion_rate", "1.00000"},
          {"currency_status", "Active"}, {"defaultid", "-11"},
          {"deleted", "0"}, {"id", "21x1"}};
}

}  // namespace accord::sandbox::vtiger
