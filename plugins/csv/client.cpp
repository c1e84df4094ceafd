#include "client.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace accord::plugins::csv {
namespace {

using sdk::ErrorKind;
using sdk::makeError;

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// A one-pass RFC 4180 reader that tracks lines and characters for error messages.
class Parser {
 public:
  Parser(std::string_view text, char delimiter) : text_(text), delimiter_(delimiter) {}

  bool atEnd() const { return pos_ >= text_.size(); }

  // Skips blank lines, then reads one row (possibly spanning lines through quoted fields).
  std::optional<Row> next() {
    while (!atEnd() && isLineBreak(text_[pos_])) consumeLineBreak();
    if (atEnd()) return std::nullopt;
    Row row;
    row.line = line_;
    row_start_ = pos_;
    for (;;) {
      std::string field;
      bool ok = peek() == '"' ? readQuoted(field, row) : readPlain(field);
      if (!ok) return row;
      row.fields.push_back(std::move(field));
      if (atEnd()) return row;
      if (isLineBreak(text_[pos_])) {
        consumeLineBreak();
        return row;
      }
      ++pos_;  // the delimiter
    }
  }

 private:
  static bool isLineBreak(char c) { return c == '\n' || c == '\r'; }
  char peek() const { return atEnd() ? '\0' : text_[pos_]; }
  int character() const { return static_cast<int>(pos_ - line_start_) + 1; }

  void consumeLineBreak() {
    if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++line_;
    line_start_ = pos_;
  }

  bool readPlain(std::string& field) {
    std::size_t start = pos_;
    while (!atEnd() && text_[pos_] != delimiter_ && !isLineBreak(text_[pos_])) ++pos_;
    field.assign(text_.substr(start, pos_ - start));
    return true;
  }

  bool readQuoted(std::string& field, Row& row) {
    const int open_line = line_;
    const int open_char = character();
    const std::size_t open_pos = pos_;
    ++pos_;
    for (;;) {
      if (atEnd()) return fail(row, open_line, open_char, "quote opened here is never closed",
                               open_pos);
      char c = text_[pos_];
      if (c == '"') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          field.push_back('"');
          pos_ += 2;
          continue;
        }
        ++pos_;
        break;
      }
      if (isLineBreak(c)) {
        std::size_t before = pos_;
        consumeLineBreak();
        field.append(text_.substr(before, pos_ - before));
        continue;
      }
      field.push_back(c);
      ++pos_;
    }
    if (atEnd() || text_[pos_] == delimiter_ || isLineBreak(text_[pos_])) return true;
    return fail(row, line_, character(), "unexpected character after a closing quote", pos_);
  }

  // Records the error and resumes at the line after the one where the trouble began, so the
  // rows that follow are read normally.
  bool fail(Row& row, int line, int character, std::string message, std::size_t from) {
    row.error = SyntaxError{line, character, row.fields.size(), std::move(message)};
    std::size_t eol = text_.find_first_of("\r\n", from);
    pos_ = eol == std::string_view::npos ? text_.size() : eol;
    row.raw.assign(text_.substr(row_start_, pos_ - row_start_));
    line_ = line;
    if (!atEnd()) consumeLineBreak();
    return false;
  }

  std::string_view text_;
  char delimiter_;
  std::size_t pos_ = 0;
  std::size_t line_start_ = 0;
  std::size_t row_start_ = 0;
  int line_ = 1;
};

bool needsQuotes(std::string_view field, char delimiter) {
  for (char c : field) {
    if (c == delimiter || c == '"' || c == '\n' || c == '\r') return true;
  }
  return false;
}

void appendField(std::string& out, std::string_view field, char delimiter) {
  if (!needsQuotes(field, delimiter)) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void appendRow(std::string& out, const std::vector<std::string>& fields, std::size_t width,
               char delimiter, std::string_view eol) {
  for (std::size_t i = 0; i < std::max(fields.size(), width); ++i) {
    if (i > 0) out.push_back(delimiter);
    if (i < fields.size()) appendField(out, fields[i], delimiter);
  }
  out.append(eol);
}

std::string systemError(const std::string& what, const std::filesystem::path& path) {
  return what + " " + path.string() + ": " + std::strerror(errno);
}

bool setModified(int fd, std::optional<std::chrono::system_clock::time_point> modified) {
  if (!modified) return true;
  auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(modified->time_since_epoch());
  struct timespec times[2];
  times[0].tv_sec = 0;
  times[0].tv_nsec = UTIME_OMIT;
  times[1].tv_sec = static_cast<time_t>(ns.count() / 1000000000);
  times[1].tv_nsec = static_cast<long>(ns.count() % 1000000000);
  if (times[1].tv_nsec < 0) {
    times[1].tv_nsec += 1000000000;
    times[1].tv_sec -= 1;
  }
  return ::futimens(fd, times) == 0;
}

}  // namespace

sdk::Result<Table> parseTable(std::string_view text, char delimiter) {
  Table table;
  if (text.substr(0, kBom.size()) == kBom) {
    table.bom = true;
    text.remove_prefix(kBom.size());
  }
  std::size_t first_break = text.find_first_of("\r\n");
  table.crlf = first_break == std::string_view::npos ||
               text.substr(first_break, 2) == "\r\n";
  Parser parser(text, delimiter);
  std::optional<Row> header = parser.next();
  if (!header) return table;
  if (header->error) {
    return makeError(ErrorKind::permanent,
                     "header row, line " + std::to_string(header->error->line) + " character " +
                         std::to_string(header->error->character) + ": " +
                         header->error->message);
  }
  table.header = std::move(header->fields);
  while (std::optional<Row> row = parser.next()) table.rows.push_back(std::move(*row));
  return table;
}

std::string formatTable(const Table& table, char delimiter) {
  const std::string_view eol = table.crlf ? "\r\n" : "\n";
  std::string out;
  if (table.bom) out.append(kBom);
  appendRow(out, table.header, 0, delimiter, eol);
  for (const Row& row : table.rows) {
    if (row.error) {
      out.append(row.raw).append(eol);
    } else {
      appendRow(out, row.fields, table.header.size(), delimiter, eol);
    }
  }
  return out;
}

sdk::Result<std::optional<FileSnapshot>> readFile(const std::filesystem::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    if (errno == ENOENT) return std::optional<FileSnapshot>{};
    return makeError(ErrorKind::retryable, systemError("cannot stat", path));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return makeError(ErrorKind::retryable, systemError("cannot open", path));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return makeError(ErrorKind::retryable, systemError("cannot read", path));
  auto since_epoch = std::chrono::seconds(info.st_mtim.tv_sec) +
                     std::chrono::nanoseconds(info.st_mtim.tv_nsec);
  FileSnapshot snapshot{text.str(), std::chrono::system_clock::time_point(
                                        std::chrono::duration_cast<
                                            std::chrono::system_clock::duration>(since_epoch))};
  return std::optional<FileSnapshot>(std::move(snapshot));
}

sdk::Result<void> writeFileAtomically(
    const std::filesystem::path& path, std::string_view text,
    std::optional<std::chrono::system_clock::time_point> modified) {
  static std::atomic<unsigned> counter{0};
  std::filesystem::path temp = path;
  temp += ".accord-tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  struct stat info {};
  mode_t mode = ::stat(path.c_str(), &info) == 0 ? (info.st_mode & 07777) : 0644;
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) return makeError(ErrorKind::retryable, systemError("cannot create", temp));
  std::size_t written = 0;
  while (written < text.size()) {
    ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
  bool ok = written == text.size() && setModified(fd, modified) && ::fsync(fd) == 0;
  std::string failure = ok ? std::string() : systemError("cannot write", temp);
  if (::close(fd) != 0 && ok) {
    ok = false;
    failure = systemError("cannot close", temp);
  }
  if (ok && ::rename(temp.c_str(), path.c_str()) != 0) {
    ok = false;
    failure = systemError("cannot replace", path);
  }
  if (!ok) {
    ::unlink(temp.c_str());
    return makeError(ErrorKind::retryable, failure);
  }
  // Why: the rename is durable only once the directory entry is on disk too.
  std::filesystem::path dir = path.parent_path().empty() ? "." : path.parent_path();
  int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  return {};
}

}  // namespace accord::plugins::csv
