#include "mapping.h"

#include <Poco/JSON/Object.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <sstream>

namespace accord::plugins::csv {
namespace {

using sdk::model::Address;
using sdk::model::EntityType;
using sdk::model::Organization;
using sdk::model::Person;
using sdk::model::Phone;
using sdk::model::Record;

using ParseFn = std::function<std::optional<std::string>(void* record, const std::string& cell)>;
using FormatFn = std::function<std::string(const void* record, std::vector<std::string>& warn)>;

// How one column reads into and writes from an entity. Type-erased so that one list per
// entity serves both directions; the typed helpers below build the entries.
struct Column {
  std::string name;
  ParseFn parse;    // nullopt when the cell was accepted, else why not
  FormatFn format;  // the cell's text
};

template <typename T>
Column text(std::string name, std::string T::*member) {
  return {std::move(name),
          [member](void* r, const std::string& cell) -> std::optional<std::string> {
            static_cast<T*>(r)->*member = cell;
            return std::nullopt;
          },
          [member](const void* r, std::vector<std::string>&) {
            return static_cast<const T*>(r)->*member;
          }};
}

std::optional<bool> parseBool(std::string cell) {
  std::transform(cell.begin(), cell.end(), cell.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (cell.empty() || cell == "false" || cell == "no" || cell == "0") return false;
  if (cell == "true" || cell == "yes" || cell == "1") return true;
  return std::nullopt;
}

template <typename T>
Column flag(std::string name, bool T::*member) {
  return {std::move(name),
          [member](void* r, const std::string& cell) -> std::optional<std::string> {
            std::optional<bool> value = parseBool(cell);
            if (!value) return "expected true or false (or yes/no, 1/0), got \"" + cell + "\"";
            static_cast<T*>(r)->*member = *value;
            return std::nullopt;
          },
          [member](const void* r, std::vector<std::string>&) -> std::string {
            return static_cast<const T*>(r)->*member ? "true" : "false";
          }};
}

// The one phone of a kind: "phone" holds any non-mobile number, "mobile" the mobile one.
template <typename T>
Column phone(std::string name, bool mobile) {
  return {std::move(name),
          [mobile](void* r, const std::string& cell) -> std::optional<std::string> {
            if (!cell.empty()) {
              static_cast<T*>(r)->phones.push_back(Phone{mobile ? "mobile" : "work", cell});
            }
            return std::nullopt;
          },
          [mobile](const void* r, std::vector<std::string>&) -> std::string {
            for (const Phone& p : static_cast<const T*>(r)->phones) {
              if ((p.kind == "mobile") == mobile) return p.number;
            }
            return "";
          }};
}

// The first address's parts; the address exists once any of its cells is non-empty.
template <typename T>
Column address(std::string name, std::string Address::*member) {
  return {std::move(name),
          [member](void* r, const std::string& cell) -> std::optional<std::string> {
            if (cell.empty()) return std::nullopt;
            auto& addresses = static_cast<T*>(r)->addresses;
            if (addresses.empty()) addresses.push_back(Address{"postal", "", "", "", "", "", ""});
            addresses.front().*member = cell;
            return std::nullopt;
          },
          [member](const void* r, std::vector<std::string>&) -> std::string {
            const auto& addresses = static_cast<const T*>(r)->addresses;
            return addresses.empty() ? std::string() : addresses.front().*member;
          }};
}

template <typename T>
void appendContactColumns(std::vector<Column>& columns) {
  columns.push_back(phone<T>("phone", false));
  columns.push_back(phone<T>("mobile", true));
  columns.push_back(address<T>("address_line1", &Address::line1));
  columns.push_back(address<T>("address_line2", &Address::line2));
  columns.push_back(address<T>("city", &Address::city));
  columns.push_back(address<T>("region", &Address::region));
  columns.push_back(address<T>("postal_code", &Address::postal_code));
  columns.push_back(address<T>("country", &Address::country));
}

const std::vector<Column>& organizationColumns() {
  static const std::vector<Column> columns = [] {
    std::vector<Column> c{text<Organization>("name", &Organization::name),
                          text<Organization>("email", &Organization::email),
                          text<Organization>("account_number", &Organization::account_number),
                          text<Organization>("tax_number", &Organization::tax_number),
                          text<Organization>("website", &Organization::website),
                          text<Organization>("currency", &Organization::currency),
                          flag<Organization>("is_customer", &Organization::is_customer),
                          flag<Organization>("is_supplier", &Organization::is_supplier)};
    appendContactColumns<Organization>(c);
    return c;
  }();
  return columns;
}

Column organizationRef() {
  return {"organization_id",
          [](void* r, const std::string& cell) -> std::optional<std::string> {
            static_cast<Person*>(r)->organization.id = cell;
            return std::nullopt;
          },
          [](const void* r, std::vector<std::string>&) {
            return static_cast<const Person*>(r)->organization.id;
          }};
}

const std::vector<Column>& personColumns() {
  static const std::vector<Column> columns = [] {
    std::vector<Column> c{text<Person>("first_name", &Person::first_name),
                          text<Person>("last_name", &Person::last_name),
                          text<Person>("email", &Person::email),
                          text<Person>("title", &Person::title), organizationRef(),
                          flag<Person>("is_primary", &Person::is_primary)};
    appendContactColumns<Person>(c);
    return c;
  }();
  return columns;
}

const std::vector<Column>& columnsOf(EntityType entity) {
  static const std::vector<Column> none;
  if (entity == EntityType::organization) return organizationColumns();
  if (entity == EntityType::person) return personColumns();
  return none;
}

void* fieldsOf(Record& record) {
  return std::visit([](auto& r) -> void* { return &r; }, record);
}
const void* fieldsOf(const Record& record) {
  return std::visit([](const auto& r) -> const void* { return &r; }, record);
}

bool isFormulaStart(char c) {
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

// A phone number or an amount ("+61 2 9999 0000", "-12.50") is data, not a formula.
bool looksNumeric(std::string_view value) {
  return value.size() > 1 && std::all_of(value.begin() + 1, value.end(), [](char c) {
           return std::isdigit(static_cast<unsigned char>(c)) || c == ' ' || c == '(' ||
                  c == ')' || c == '-' || c == '.';
         });
}

}  // namespace

std::string normalizeColumn(std::string_view name) {
  std::string out;
  for (char c : name) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  auto notSpace = [](unsigned char c) { return !std::isspace(c); };
  out.erase(out.begin(), std::find_if(out.begin(), out.end(), notSpace));
  out.erase(std::find_if(out.rbegin(), out.rend(), notSpace).base(), out.end());
  return out;
}

HeaderIndex::HeaderIndex(const std::vector<std::string>& header) : names_(header) {
  for (std::size_t i = 0; i < header.size(); ++i) index_.emplace(normalizeColumn(header[i]), i);
}

std::optional<std::size_t> HeaderIndex::find(std::string_view column) const {
  auto it = index_.find(column);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

std::size_t HeaderIndex::ensure(Table& table, std::string_view column) {
  if (auto found = HeaderIndex(table.header).find(column)) return *found;
  table.header.emplace_back(column);
  return table.header.size() - 1;
}

std::vector<std::string> defaultHeader(EntityType entity) {
  std::vector<std::string> header{std::string(kIdColumn)};
  for (const Column& c : columnsOf(entity)) header.push_back(c.name);
  for (std::string_view meta : {kStatusColumn, kCreatedAtColumn, kUpdatedAtColumn}) {
    header.emplace_back(meta);
  }
  return header;
}

// After any leading apostrophes, a formula character: the cell reads back with one fewer.
bool apostrophesBeforeFormula(std::string_view text) {
  std::size_t first = text.find_first_not_of('\'');
  return first != std::string_view::npos && first > 0 && isFormulaStart(text[first]);
}

std::string encodeCell(std::string_view value) {
  if (value.empty()) return {};
  bool escape = value[0] == '\'' ? apostrophesBeforeFormula(value)
                                 : isFormulaStart(value[0]) && !looksNumeric(value);
  return escape ? "'" + std::string(value) : std::string(value);
}

std::string decodeCell(std::string_view cell) {
  if (apostrophesBeforeFormula(cell)) cell.remove_prefix(1);
  return std::string(cell);
}

std::string cellValue(const HeaderIndex& header, const Row& row, std::string_view column) {
  std::optional<std::size_t> index = header.find(column);
  if (!index || *index >= row.fields.size()) return {};
  return decodeCell(row.fields[*index]);
}

void setCell(Table& table, Row& row, std::string_view column, std::string_view value) {
  std::size_t index = HeaderIndex::ensure(table, column);
  if (row.fields.size() <= index) row.fields.resize(index + 1);
  row.fields[index] = encodeCell(value);
}

namespace {

std::string place(const RowSource& source, int line, std::size_t column, std::string_view name) {
  std::string text = source.file + " line " + std::to_string(line) + ", column " +
                     std::to_string(column + 1);
  if (!name.empty()) text += " (" + std::string(name) + ")";
  return text;
}

sdk::Error rowError(std::string message, std::string field) {
  return sdk::makeError(sdk::ErrorKind::permanent, std::move(message), std::move(field));
}

std::optional<std::string> parseMeta(sdk::model::RecordMeta& meta, std::string_view column,
                                     const std::string& cell) {
  if (column == kStatusColumn) {
    std::string status = normalizeColumn(cell);
    if (status.empty() || status == "active") {
      meta.status = sdk::model::RecordStatus::active;
    } else if (status == "archived") {
      meta.status = sdk::model::RecordStatus::archived;
    } else {
      return "expected active or archived, got \"" + cell + "\"";
    }
    return std::nullopt;
  }
  if (cell.empty()) return std::nullopt;
  std::optional<sdk::Timestamp> time = sdk::Timestamp::parse(cell);
  if (!time) return "expected an ISO 8601 time with an offset (2024-03-01T10:00:00Z), got \"" +
                    cell + "\"";
  (column == kCreatedAtColumn ? meta.created_at : meta.updated_at) = *time;
  return std::nullopt;
}

bool isKnownColumn(EntityType entity, const std::string& normalized) {
  for (std::string_view meta : {kIdColumn, kStatusColumn, kCreatedAtColumn, kUpdatedAtColumn}) {
    if (normalized == meta) return true;
  }
  const auto& columns = columnsOf(entity);
  return std::any_of(columns.begin(), columns.end(),
                     [&](const Column& c) { return c.name == normalized; });
}

// Columns the model has no field for are kept, so nothing in the user's sheet is lost.
std::string unknownColumnsAsJson(EntityType entity, const HeaderIndex& header, const Row& row) {
  Poco::JSON::Object extra(Poco::JSON_PRESERVE_KEY_ORDER);
  for (std::size_t i = 0; i < header.names().size() && i < row.fields.size(); ++i) {
    std::string name = normalizeColumn(header.names()[i]);
    if (name.empty() || isKnownColumn(entity, name) || row.fields[i].empty()) continue;
    extra.set(header.names()[i], decodeCell(row.fields[i]));
  }
  if (extra.size() == 0) return {};
  std::ostringstream out;
  extra.stringify(out);
  return out.str();
}

template <typename T>
void addLossWarnings(const T& record, std::vector<std::string>& warnings) {
  int mobiles = 0;
  int others = 0;
  for (const Phone& p : record.phones) ++(p.kind == "mobile" ? mobiles : others);
  if (mobiles > 1 || others > 1) {
    warnings.push_back("only one phone and one mobile number fit the file; " +
                       std::to_string(record.phones.size()) + " phones given");
  }
  if (record.addresses.size() > 1) {
    warnings.push_back("only the first of " + std::to_string(record.addresses.size()) +
                       " addresses fits the file");
  }
}

}  // namespace

sdk::Result<Record> decodeRow(EntityType entity, const HeaderIndex& header, const Row& row,
                              const RowSource& source) {
  if (row.error) {
    const SyntaxError& e = *row.error;
    std::string name = e.field < header.names().size() ? header.names()[e.field] : "";
    return rowError(place(source, e.line, e.field, name) + ", character " +
                        std::to_string(e.character) + ": " + e.message,
                    name);
  }
  if (row.fields.size() > header.names().size()) {
    return rowError(place(source, row.line, header.names().size(), "") + ": the row has " +
                        std::to_string(row.fields.size()) + " fields but the header has " +
                        std::to_string(header.names().size()) + " columns",
                    "");
  }
  Record record = sdk::model::makeRecord(entity);
  sdk::model::RecordMeta& meta = sdk::model::metaOf(record);
  meta.id = cellValue(header, row, kIdColumn);
  for (std::string_view column : {kStatusColumn, kCreatedAtColumn, kUpdatedAtColumn}) {
    std::optional<std::size_t> index = header.find(column);
    if (!index) continue;
    std::optional<std::string> problem = parseMeta(meta, column, cellValue(header, row, column));
    if (problem) return rowError(place(source, row.line, *index, column) + ": " + *problem,
                                 std::string(column));
  }
  if (!meta.updated_at) meta.updated_at = source.file_modified;
  void* fields = fieldsOf(record);
  for (const Column& column : columnsOf(entity)) {
    std::optional<std::size_t> index = header.find(column.name);
    if (!index) continue;
    std::optional<std::string> problem = column.parse(fields, cellValue(header, row, column.name));
    if (problem) {
      return rowError(place(source, row.line, *index, column.name) + ": " + *problem, column.name);
    }
  }
  meta.remote_data = unknownColumnsAsJson(entity, header, row);
  return record;
}

std::vector<std::string> encodeFields(const Record& record, Table& table, Row& row) {
  std::vector<std::string> warnings;
  const void* fields = fieldsOf(record);
  for (const Column& column : columnsOf(sdk::model::typeOf(record))) {
    setCell(table, row, column.name, column.format(fields, warnings));
  }
  std::visit(
      [&](const auto& r) {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, Organization> || std::is_same_v<T, Person>) {
          addLossWarnings(r, warnings);
        }
      },
      record);
  return warnings;
}

}  // namespace accord::plugins::csv
