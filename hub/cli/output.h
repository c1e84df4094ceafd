// How the CLI prints: aligned tables for people, JSON for scripts (--json on every listing).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

namespace accord::cli {

// A listing: column headers and rows of cells. Printed as a table, or as a JSON array of
// objects keyed by the lowercase snake_case column names.
struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};

void printTable(std::ostream& out, const Table& table);
Poco::JSON::Array::Ptr tableToJson(const Table& table);
void printJson(std::ostream& out, const Poco::Dynamic::Var& value);

}  // namespace accord::cli
