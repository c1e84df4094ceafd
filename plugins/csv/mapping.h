// Rows <-> canonical records. Each entity is a list of columns (name, how to read a cell into
// the record, how to write it back); README.md documents the same list for users.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accord/sdk/model/record.h"
#include "accord/sdk/result.h"
#include "accord/sdk/timestamp.h"
#include "client.h"

namespace accord::plugins::csv {

// Columns every table has, managed by the connector rather than by the entity's fields.
inline constexpr std::string_view kIdColumn = "id";
inline constexpr std::string_view kStatusColumn = "status";
inline constexpr std::string_view kCreatedAtColumn = "created_at";
inline constexpr std::string_view kUpdatedAtColumn = "updated_at";

// The header a new file gets: id, the entity's columns, status, created_at, updated_at.
std::vector<std::string> defaultHeader(sdk::model::EntityType entity);

// Finds columns by name, ignoring case and surrounding spaces ("  Email" is "email").
class HeaderIndex {
 public:
  explicit HeaderIndex(const std::vector<std::string>& header);
  std::optional<std::size_t> find(std::string_view column) const;
  const std::vector<std::string>& names() const { return names_; }
  // The column's index, appending it to the table's header when it is missing.
  static std::size_t ensure(Table& table, std::string_view column);

 private:
  std::vector<std::string> names_;
  std::map<std::string, std::size_t, std::less<>> index_;
};

std::string normalizeColumn(std::string_view name);

// The cell of a row, decoded ("" when the row is short or the column is missing).
std::string cellValue(const HeaderIndex& header, const Row& row, std::string_view column);
// Sets a cell, encoded for spreadsheets, growing the header and the row as needed.
void setCell(Table& table, Row& row, std::string_view column, std::string_view value);

// Spreadsheet apps run a cell starting with = + - @ as a formula, so a value from another app
// ("=HYPERLINK(...)") is written with a leading apostrophe, which reading removes again.
std::string encodeCell(std::string_view value);
std::string decodeCell(std::string_view cell);

struct RowSource {
  std::string file;                 // file name, for messages
  sdk::Timestamp file_modified;     // the row's updated_at when its column is empty
};

// One row as a record: meta (id, status, times, unknown columns as remote_data) and fields.
// An Error (permanent) names the file, the line, the column number and name, and the value.
sdk::Result<sdk::model::Record> decodeRow(sdk::model::EntityType entity, const HeaderIndex& header,
                                          const Row& row, const RowSource& source);

// Writes the record's fields (not its meta) into the row; other columns keep their cells.
// Returns a warning for each thing the file cannot hold (a third phone, a second address).
std::vector<std::string> encodeFields(const sdk::model::Record& record, Table& table, Row& row);

}  // namespace accord::plugins::csv
