#include "cli/output.h"

#include <algorithm>
#include <cctype>

#include <Poco/JSON/Stringifier.h>

namespace accord::cli {
namespace {

std::string jsonKey(const std::string& column) {
  std::string key;
  for (char c : column) {
    key += c == ' ' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return key;
}

}  // namespace

void printTable(std::ostream& out, const Table& table) {
  std::vector<std::size_t> widths;
  for (const auto& c : table.columns) widths.push_back(c.size());
  for (const auto& row : table.rows) {
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], row[i].size());
    }
  }
  auto printRow = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t i = 0; i < widths.size(); ++i) {
      const std::string cell = i < cells.size() ? cells[i] : "";
      line += cell;
      if (i + 1 < widths.size()) line += std::string(widths[i] - cell.size() + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  };
  printRow(table.columns);
  for (const auto& row : table.rows) printRow(row);
  if (table.rows.empty()) out << "(none)\n";
}

Poco::JSON::Array::Ptr tableToJson(const Table& table) {
  Poco::JSON::Array::Ptr array = new Poco::JSON::Array;
  for (const auto& row : table.rows) {
    Poco::JSON::Object::Ptr object = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (std::size_t i = 0; i < table.columns.size() && i < row.size(); ++i) {
      object->set(jsonKey(table.columns[i]), row[i]);
    }
    array->add(object);
  }
  return array;
}

void printJson(std::ostream& out, const Poco::Dynamic::Var& value) {
  Poco::JSON::Stringifier::stringify(value, out, 2);
  out << '\n';
}

}  // namespace accord::cli
