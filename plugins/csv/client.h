// The csv plugin's "client": RFC 4180 text <-> rows, and the files that hold them. Knows
// nothing about organizations or people; mapping.h gives the rows their meaning.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accord/sdk/result.h"

namespace accord::plugins::csv {

// Where a row could not be read as CSV. line and character are 1-based.
struct SyntaxError {
  int line = 0;
  int character = 0;
  std::size_t field = 0;  // 0-based index of the field being read
  std::string message;
};

struct Row {
  int line = 0;  // 1-based line the row starts on (quoted newlines make rows span lines)
  std::vector<std::string> fields;
  std::optional<SyntaxError> error;  // set: fields is incomplete; the row is unusable
  std::string raw;  // a broken row's text as read, so rewriting the file keeps it verbatim
};

struct Table {
  std::vector<std::string> header;  // the first row, as written
  std::vector<Row> rows;            // the rows after it; blank lines are skipped
  bool bom = false;                 // the file began with a UTF-8 byte order mark
  bool crlf = true;                 // the line ending to write back (RFC 4180 default)
};

// Parses a whole file. A row that breaks the grammar (text after a closing quote, a quote never
// closed) is kept with its error and parsing resumes on the next line, so one bad row costs
// only itself. Fails only when the header row itself is unreadable.
sdk::Result<Table> parseTable(std::string_view text, char delimiter);

// RFC 4180 text: fields with the delimiter, a quote or a line break are quoted, quotes doubled;
// short rows are padded to the header's width; broken rows are written back as they were read.
std::string formatTable(const Table& table, char delimiter);

struct FileSnapshot {
  std::string text;
  std::chrono::system_clock::time_point modified;
};

// The file's content and modification time; nullopt when it does not exist (an empty table).
sdk::Result<std::optional<FileSnapshot>> readFile(const std::filesystem::path& path);

// Replaces the file's content so that a crash leaves either the old file or the new one, never
// half of either: writes a temporary file beside it, flushes it to disk, renames it over.
// With `modified`, the new file carries that modification time instead of the current one.
sdk::Result<void> writeFileAtomically(
    const std::filesystem::path& path, std::string_view text,
    std::optional<std::chrono::system_clock::time_point> modified = std::nullopt);

}  // namespace accord::plugins::csv
