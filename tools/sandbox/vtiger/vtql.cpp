#include "sandbox/vtiger/vtql.h"

#include <cctype>
#include <charconv>

namespace accord::sandbox::vtiger {
namespace {

enum class Tok {
  kWord, kValue, kNumber, kAsterisk, kParenOpen, kParenClose, kComma, kSemicolon,
  kEq, kNe, kLt, kGt, kLe, kGe, kEnd,
};

struct Token {
  Tok kind = Tok::kEnd;
  std::string text;  // as written (quotes stripped for kValue)
};

bool keyword(const Token& t, std::string_view word) {
  if (t.kind != Tok::kWord || t.text.size() != word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(t.text[i])) != word[i]) return false;
  }
  return true;
}

// Splits the statement into tokens; an unterminated quote or a stray character is an error.
WsResult<std::vector<Token>> tokenize(std::string_view s) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c))) { ++i; continue; }
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      std::size_t j = i;
      while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_')) ++j;
      out.push_back({Tok::kWord, std::string(s.substr(i, j - i))});
      i = j;
    } else if (std::isdigit(static_cast<unsigned char>(c)) ||
               (c == '-' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
      std::size_t j = i + 1;
      while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.')) ++j;
      out.push_back({Tok::kNumber, std::string(s.substr(i, j - i))});
      i = j;
    } else if (c == '\'' || c == '"') {
      std::string value;
      std::size_t j = i + 1;
      for (; j < s.size() && s[j] != c; ++j) {
        if (s[j] == '\\' && j + 1 < s.size()) ++j;  // \' keeps a quote inside the value
        value += s[j];
      }
      if (j >= s.size()) {
        return wsError(code::kQuerySyntax, "Syntax Error on line 1: unterminated string " +
                                               std::string(s.substr(i)));
      }
      out.push_back({Tok::kValue, std::move(value)});
      i = j + 1;
    } else {
      const std::string_view two = s.substr(i, 2);
      Tok kind = Tok::kEnd;
      std::size_t len = 1;
      if (two == "<=") { kind = Tok::kLe; len = 2; }
      else if (two == ">=") { kind = Tok::kGe; len = 2; }
      else if (two == "!=" || two == "<>") { kind = Tok::kNe; len = 2; }
      else if (c == '=') kind = Tok::kEq;
      else if (c == '<') kind = Tok::kLt;
      else if (c == '>') kind = Tok::kGt;
      else if (c == '*') kind = Tok::kAsterisk;
      else if (c == '(') kind = Tok::kParenOpen;
      else if (c == ')') kind = Tok::kParenClose;
      else if (c == ',') kind = Tok::kComma;
      else if (c == ';') kind = Tok::kSemicolon;
      else {
        return wsError(code::kQuerySyntax, "Syntax Error on line 1: token '" + std::string(1, c) +
                                               "' is not valid VTQL");
      }
      out.push_back({kind, std::string(s.substr(i, len))});
      i += len;
    }
  }
  out.push_back({Tok::kEnd, ""});
  return out;
}

// The grammar, one function per clause, over the token list.
class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  WsResult<VtqlQuery> parse() {
    VtqlQuery q;
    if (!keyword(peek(), "SELECT")) return fail("SELECT");
    ++pos_;
    if (auto e = selectList(q)) return *e;
    if (!keyword(peek(), "FROM")) return fail("FRM,COMMA");
    ++pos_;
    if (peek().kind != Tok::kWord) return fail("TABLENAME");
    q.module = tokens_[pos_++].text;
    if (keyword(peek(), "WHERE")) {
      ++pos_;
      if (auto e = whereClause(q)) return *e;
    }
    if (keyword(peek(), "ORDER")) {
      if (auto e = orderClause(q)) return *e;
    }
    if (keyword(peek(), "LIMIT")) {
      if (auto e = limitClause(q)) return *e;
    }
    if (peek().kind != Tok::kSemicolon) return fail("WHERE,ORDERBY,LIMIT,SEMICOLON");
    ++pos_;
    if (peek().kind != Tok::kEnd) return fail("$");
    return q;
  }

 private:
  const Token& peek() const { return tokens_[pos_]; }

  static std::string tokenName(const Token& t) {
    switch (t.kind) {
      case Tok::kWord: return "COLUMNNAME";
      case Tok::kValue: case Tok::kNumber: return "VALUE";
      case Tok::kAsterisk: return "ASTERISK";
      case Tok::kParenOpen: return "PARENOPEN";
      case Tok::kParenClose: return "PARENCLOSE";
      case Tok::kComma: return "COMMA";
      case Tok::kSemicolon: return "SEMICOLON";
      case Tok::kEq: return "EQ";
      case Tok::kNe: return "NE";
      case Tok::kLt: return "LT";
      case Tok::kGt: return "GT";
      case Tok::kLe: return "LTE";
      case Tok::kGe: return "GTE";
      case Tok::kEnd: return "$";
    }
    return "?";
  }

  WsError fail(const std::string& expected) const {
    const Token& t = peek();
    return wsError(code::kQuerySyntax, "Syntax Error on line 1: token '" + t.text +
                                           "' Unexpected " + tokenName(t) + "(" + t.text +
                                           "), expected one of: " + expected);
  }

  std::optional<WsError> selectList(VtqlQuery& q) {
    if (peek().kind == Tok::kAsterisk) {
      ++pos_;
      q.select_all = true;
      return std::nullopt;
    }
    if (keyword(peek(), "COUNT") && tokens_[pos_ + 1].kind == Tok::kParenOpen) {
      pos_ += 2;
      if (peek().kind != Tok::kAsterisk) return fail("ASTERISK");
      ++pos_;
      if (peek().kind != Tok::kParenClose) return fail("PARENCLOSE");
      ++pos_;
      q.count = true;
      return std::nullopt;
    }
    while (true) {
      if (peek().kind != Tok::kWord || keyword(peek(), "FROM")) return fail("COLUMNNAME,ASTERISK,COUNT");
      q.columns.push_back(tokens_[pos_++].text);
      if (peek().kind != Tok::kComma) return std::nullopt;
      ++pos_;
    }
  }

  std::optional<WsError> value(std::vector<std::string>& out) {
    if (peek().kind != Tok::kValue && peek().kind != Tok::kNumber) return fail("VALUE");
    out.push_back(tokens_[pos_++].text);
    return std::nullopt;
  }

  std::optional<WsError> condition(VtqlQuery& q) {
    if (peek().kind != Tok::kWord) return fail("COLUMNNAME");
    Condition c;
    c.field = tokens_[pos_++].text;
    const Token& op = peek();
    switch (op.kind) {
      case Tok::kEq: c.op = CompareOp::kEq; break;
      case Tok::kNe: c.op = CompareOp::kNe; break;
      case Tok::kLt: c.op = CompareOp::kLt; break;
      case Tok::kGt: c.op = CompareOp::kGt; break;
      case Tok::kLe: c.op = CompareOp::kLe; break;
      case Tok::kGe: c.op = CompareOp::kGe; break;
      default:
        if (keyword(op, "LIKE")) c.op = CompareOp::kLike;
        else if (keyword(op, "IN")) c.op = CompareOp::kIn;
        else return fail("EQ,LT,GT,LTE,GTE,NE,IN,LIKE");
    }
    ++pos_;
    if (c.op != CompareOp::kIn) {
      if (auto e = value(c.values)) return e;
    } else {
      if (peek().kind != Tok::kParenOpen) return fail("PARENOPEN");
      ++pos_;
      while (true) {
        if (auto e = value(c.values)) return e;
        if (peek().kind == Tok::kParenClose) break;
        if (peek().kind != Tok::kComma) return fail("COMMA,PARENCLOSE");
        ++pos_;
      }
      ++pos_;
    }
    q.conditions.push_back(std::move(c));
    return std::nullopt;
  }

  std::optional<WsError> whereClause(VtqlQuery& q) {
    while (true) {
      if (auto e = condition(q)) return e;
      if (keyword(peek(), "AND")) q.joined_by_or.push_back(false);
      else if (keyword(peek(), "OR")) q.joined_by_or.push_back(true);
      else return std::nullopt;
      ++pos_;
    }
  }

  std::optional<WsError> orderClause(VtqlQuery& q) {
    ++pos_;
    if (!keyword(peek(), "BY")) return fail("ORDERBY");
    ++pos_;
    while (true) {
      if (peek().kind != Tok::kWord) return fail("COLUMNNAME");
      q.order_by.push_back(tokens_[pos_++].text);
      if (peek().kind != Tok::kComma) break;
      ++pos_;
    }
    if (keyword(peek(), "ASC") || keyword(peek(), "DESC")) {
      q.descending = keyword(peek(), "DESC");
      ++pos_;
    }
    return std::nullopt;
  }

  std::optional<WsError> number(std::int64_t& out) {
    const Token& t = peek();
    const char* end = t.text.data() + t.text.size();
    auto [ptr, ec] = std::from_chars(t.text.data(), end, out);
    if ((t.kind != Tok::kNumber && t.kind != Tok::kValue) || ec != std::errc() || ptr != end ||
        out < 0) {
      return fail("VALUE");
    }
    ++pos_;
    return std::nullopt;
  }

  std::optional<WsError> limitClause(VtqlQuery& q) {
    ++pos_;
    std::int64_t first = 0;
    if (auto e = number(first)) return e;
    if (peek().kind == Tok::kComma) {
      ++pos_;
      std::int64_t second = 0;
      if (auto e = number(second)) return e;
      q.offset = first;
      q.limit = second;
    } else {
      q.limit = first;
    }
    if (q.limit > kMaxRows) q.limit = kMaxRows;
    return std::nullopt;
  }

  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
};

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

}  // namespace

WsResult<VtqlQuery> parseVtql(std::string_view text) {
  auto tokens = tokenize(text);
  if (!tokens.ok()) return tokens.error();
  return Parser(std::move(tokens.value())).parse();
}

std::optional<std::string> moduleOfQuery(std::string_view text) {
  for (std::size_t i = 0; i + 4 < text.size(); ++i) {
    if (lower(text[i]) != 'f' || lower(text[i + 1]) != 'r' || lower(text[i + 2]) != 'o' ||
        lower(text[i + 3]) != 'm' || !std::isspace(static_cast<unsigned char>(text[i + 4]))) {
      continue;
    }
    std::size_t j = i + 4;
    while (j < text.size() && std::isspace(static_cast<unsigned char>(text[j]))) ++j;
    std::size_t k = j;
    while (k < text.size() && !std::isspace(static_cast<unsigned char>(text[k])) && text[k] != ';') ++k;
    if (k > j) return std::string(text.substr(j, k - j));
  }
  return std::nullopt;
}

bool likeMatch(std::string_view value, std::string_view pattern) {
  // Iterative wildcard match with backtracking to the last '%'.
  std::size_t v = 0, p = 0, star = std::string_view::npos, mark = 0;
  while (v < value.size()) {
    if (p < pattern.size() && (pattern[p] == '_' || lower(pattern[p]) == lower(value[v]))) {
      ++v;
      ++p;
    } else if (p < pattern.size() && pattern[p] == '%') {
      star = p++;
      mark = v;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      v = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '%') ++p;
  return p == pattern.size();
}

}  // namespace accord::sandbox::vtiger
