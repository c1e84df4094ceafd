#include "sandbox/xero/accounting/json_text.h"

#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>
#include <Poco/UTF8Encoding.h>

namespace accord::sandbox::xero {
namespace {

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  // Positions the scanner on the value of `path` inside the object at the cursor.
  bool seek(std::string_view path) {
    while (true) {
      std::size_t dot = path.find('.');
      std::string_view name = path.substr(0, dot);
      if (!seekMember(name)) return false;
      if (dot == std::string_view::npos) return true;
      path.remove_prefix(dot + 1);
    }
  }

  Poco::Dynamic::Var value() {
    space();
    if (pos_ >= text_.size()) return {};
    char c = text_[pos_];
    if (c == '"') {
      std::string out;
      return readString(out) ? Poco::Dynamic::Var(out) : Poco::Dynamic::Var();
    }
    if (c == '{' || c == '[') return parseNested();
    if (text_.compare(pos_, 4, "true") == 0) return true;
    if (text_.compare(pos_, 5, "false") == 0) return false;
    if (text_.compare(pos_, 4, "null") == 0) return {};
    return number();
  }

 private:
  void space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }

  bool seekMember(std::string_view name) {
    space();
    if (pos_ >= text_.size() || text_[pos_] != '{') return false;
    ++pos_;
    std::string key;
    while (true) {
      space();
      if (pos_ >= text_.size() || text_[pos_] == '}') return false;
      key.clear();
      if (!readString(key)) return false;
      space();
      if (pos_ >= text_.size() || text_[pos_] != ':') return false;
      ++pos_;
      if (key == name) return true;
      if (!skipValue()) return false;
      space();
      if (pos_ < text_.size() && text_[pos_] == ',') ++pos_;
    }
  }

  static void appendUtf8(std::string& out, int code) {
    unsigned char bytes[4];
    int n = Poco::UTF8Encoding().convert(code, bytes, 4);
    out.append(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(n));
  }

  int hex4() {
    if (pos_ + 4 > text_.size()) return -1;
    int code = 0;
    auto [end, ec] = std::from_chars(text_.data() + pos_, text_.data() + pos_ + 4, code, 16);
    if (ec != std::errc() || end != text_.data() + pos_ + 4) return -1;
    pos_ += 4;
    return code;
  }

  bool readEscape(std::string& out) {
    char e = text_[pos_++];
    switch (e) {
      case 'b': out += '\b'; return true;
      case 'f': out += '\f'; return true;
      case 'n': out += '\n'; return true;
      case 'r': out += '\r'; return true;
      case 't': out += '\t'; return true;
      case 'u': {
        int code = hex4();
        if (code < 0) return false;
        if (code >= 0xD800 && code < 0xDC00 && text_.compare(pos_, 2, "\\u") == 0) {
          pos_ += 2;
          int low = hex4();
          if (low < 0) return false;
          code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        }
        appendUtf8(out, code);
        return true;
      }
      default: out += e; return true;  // \" \\ \/
    }
  }

  bool readString(std::string& out) {
    if (pos_ >= text_.size() || text_[pos_] != '"') return false;
    ++pos_;
    while (pos_ < text_.size()) {
      char c = text_[pos_++];
      if (c == '"') return true;
      if (c != '\\') {
        out += c;
      } else if (pos_ >= text_.size() || !readEscape(out)) {
        return false;
      }
    }
    return false;
  }

  bool skipValue() {
    space();
    int depth = 0;
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        while (pos_ < text_.size() && text_[pos_] != '"') pos_ += text_[pos_] == '\\' ? 2 : 1;
        ++pos_;
        if (depth == 0) return true;
        continue;
      }
      if (c == '{' || c == '[') ++depth;
      if (c == '}' || c == ']') {
        if (depth == 0) return true;  // the end of the enclosing object: a scalar ended
        if (--depth == 0) {
          ++pos_;
          return true;
        }
      }
      if (c == ',' && depth == 0) return true;
      ++pos_;
    }
    return depth == 0;
  }

  Poco::Dynamic::Var parseNested() {
    std::size_t start = pos_;
    if (!skipValue()) return {};
    try {
      Poco::JSON::Parser parser;
      return parser.parse(std::string(text_.substr(start, pos_ - start)));
    } catch (const Poco::Exception&) {
      return {};
    }
  }

  // Integers as Int64 and anything with a fraction or exponent as double, as Poco's parser.
  Poco::Dynamic::Var number() {
    std::size_t start = pos_;
    bool real = false;
    while (pos_ < text_.size() && (std::isdigit(static_cast<unsigned char>(text_[pos_])) ||
                                   std::string_view("+-.eE").find(text_[pos_]) != std::string_view::npos)) {
      real = real || std::string_view(".eE").find(text_[pos_]) != std::string_view::npos;
      ++pos_;
    }
    std::string digits(text_.substr(start, pos_ - start));
    if (digits.empty()) return {};
    if (!real) {
      std::int64_t v = 0;
      auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
      if (ec == std::errc() && end == digits.data() + digits.size()) return v;
    }
    return std::strtod(digits.c_str(), nullptr);
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

Poco::Dynamic::Var jsonTextField(std::string_view json, std::string_view path) {
  Scanner scanner(json);
  if (!scanner.seek(path)) return {};
  return scanner.value();
}

}  // namespace accord::sandbox::xero
