#include "sandbox/xero/accounting/where.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <vector>

#include "sandbox/xero/accounting/amount.h"
#include "sandbox/xero/accounting/xero_format.h"

namespace accord::sandbox::xero {

struct Literal {
  enum class Kind { kString, kNumber, kBool, kNull, kDate } kind = Kind::kNull;
  std::string text;  // strings and guids, lower-cased
  Amount number;
  bool flag = false;
  std::int64_t ms = 0;
};

struct WhereNode {
  enum class Op { kAnd, kOr, kNot, kCompare, kMethod, kTruthy } op = Op::kTruthy;
  std::shared_ptr<const WhereNode> left, right;
  std::string path;
  std::string comparator;  // "==", "!=", ">", ">=", "<", "<=" or a method name
  Literal value;
};

namespace {

using NodePtr = std::shared_ptr<const WhereNode>;

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  std::variant<NodePtr, std::string> run() {
    NodePtr root = parseOr();
    skipSpace();
    if (error_.empty() && pos_ < text_.size()) fail("unexpected '" + std::string(1, text_[pos_]) + "'");
    if (!error_.empty()) return error_;
    return root;
  }

 private:
  void fail(const std::string& what) {
    if (error_.empty()) error_ = "where: " + what + " at position " + std::to_string(pos_ + 1);
  }
  void skipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool eatWord(std::string_view word) {
    skipSpace();
    if (text_.size() - pos_ < word.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
      if (std::toupper(static_cast<unsigned char>(text_[pos_ + i])) != word[i]) return false;
    }
    std::size_t end = pos_ + word.size();
    if (std::isalpha(static_cast<unsigned char>(word[0])) && end < text_.size() &&
        (std::isalnum(static_cast<unsigned char>(text_[end])) || text_[end] == '_')) {
      return false;
    }
    pos_ = end;
    return true;
  }
  bool eat(char c) {
    skipSpace();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  NodePtr binary(WhereNode::Op op, NodePtr l, NodePtr r) {
    auto node = std::make_shared<WhereNode>();
    node->op = op;
    node->left = std::move(l);
    node->right = std::move(r);
    return node;
  }
  NodePtr parseOr() {
    NodePtr left = parseAnd();
    while (error_.empty() && (eatWord("OR") || eatWord("||"))) left = binary(WhereNode::Op::kOr, left, parseAnd());
    return left;
  }
  NodePtr parseAnd() {
    NodePtr left = parseUnary();
    while (error_.empty() && (eatWord("AND") || eatWord("&&"))) left = binary(WhereNode::Op::kAnd, left, parseUnary());
    return left;
  }
  NodePtr parseUnary() {
    skipSpace();
    if (eatWord("NOT") || (pos_ + 1 < text_.size() && text_[pos_] == '!' && text_[pos_ + 1] != '=' && eat('!'))) {
      return binary(WhereNode::Op::kNot, parseUnary(), nullptr);
    }
    if (eat('(')) {
      NodePtr inner = parseOr();
      if (!eat(')')) fail("expected ')'");
      return inner;
    }
    return parseComparison();
  }

  std::string identifier() {
    skipSpace();
    std::size_t start = pos_;
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) {
      ++pos_;
    }
    return std::string(text_.substr(start, pos_ - start));
  }

  NodePtr parseComparison() {
    auto node = std::make_shared<WhereNode>();
    std::vector<std::string> parts{identifier()};
    if (parts[0].empty()) {
      fail("expected a field name");
      return node;
    }
    while (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      parts.push_back(identifier());
      if (parts.back().empty()) fail("expected a name after '.'");
    }
    if (eat('(')) {  // a method call: Name.Contains("x")
      node->op = WhereNode::Op::kMethod;
      node->comparator = toLower(parts.back());
      parts.pop_back();
      if (node->comparator != "contains" && node->comparator != "startswith" &&
          node->comparator != "endswith") {
        fail("unknown method '" + node->comparator + "'");
      }
      node->value = parseLiteral();
      if (!eat(')')) fail("expected ')'");
    } else {
      node->comparator = parseOperator();
      node->op = node->comparator.empty() ? WhereNode::Op::kTruthy : WhereNode::Op::kCompare;
      if (!node->comparator.empty()) node->value = parseLiteral();
    }
    for (std::size_t i = 0; i < parts.size(); ++i) node->path += (i ? "." : "") + parts[i];
    return node;
  }

  std::string parseOperator() {
    skipSpace();
    static const char* kOps[] = {"==", "!=", ">=", "<=", ">", "<", "="};
    for (const char* op : kOps) {
      std::string_view v(op);
      if (text_.substr(pos_, v.size()) == v) {
        pos_ += v.size();
        return v == "=" ? "==" : std::string(v);
      }
    }
    return {};
  }

  std::string quoted() {
    skipSpace();
    if (pos_ >= text_.size() || (text_[pos_] != '"' && text_[pos_] != '\'')) {
      fail("expected a quoted string");
      return {};
    }
    char quote = text_[pos_++];
    std::string out;
    while (pos_ < text_.size() && text_[pos_] != quote) {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) ++pos_;
      out += text_[pos_++];
    }
    if (pos_ >= text_.size()) fail("unterminated string");
    ++pos_;
    return out;
  }

  Literal parseDateTime() {
    Literal lit;
    lit.kind = Literal::Kind::kDate;
    if (!eat('(')) fail("expected '(' after DateTime");
    int parts[6] = {0, 1, 1, 0, 0, 0};
    for (int i = 0; i < 6 && error_.empty(); ++i) {
      skipSpace();
      std::size_t start = pos_;
      while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
      if (start == pos_) {
        fail("expected a number in DateTime(...)");
        break;
      }
      parts[i] = std::stoi(std::string(text_.substr(start, pos_ - start)));
      if (!eat(',')) break;
    }
    if (!eat(')')) fail("expected ')' to close DateTime");
    if (parts[1] < 1 || parts[1] > 12 || parts[2] < 1 || parts[2] > 31) fail("invalid DateTime");
    lit.ms = daysFromCivil(parts[0], parts[1], parts[2]) * 86400000LL +
             ((parts[3] * 60 + parts[4]) * 60 + parts[5]) * 1000LL;
    return lit;
  }

  Literal parseLiteral() {
    skipSpace();
    Literal lit;
    if (pos_ >= text_.size()) {
      fail("expected a value");
    } else if (text_[pos_] == '"' || text_[pos_] == '\'') {
      lit.kind = Literal::Kind::kString;
      lit.text = toLower(quoted());
    } else if (eatWord("GUID")) {
      if (!eat('(')) fail("expected '(' after guid");
      lit.kind = Literal::Kind::kString;
      lit.text = toLower(quoted());
      if (!eat(')')) fail("expected ')' to close guid");
    } else if (eatWord("DATETIME")) {
      lit = parseDateTime();
    } else if (eatWord("TRUE")) {
      lit.kind = Literal::Kind::kBool;
      lit.flag = true;
    } else if (eatWord("FALSE")) {
      lit.kind = Literal::Kind::kBool;
    } else if (eatWord("NULL")) {
      lit.kind = Literal::Kind::kNull;
    } else {
      std::size_t start = pos_;
      while (pos_ < text_.size() && (std::isdigit(static_cast<unsigned char>(text_[pos_])) ||
                                     text_[pos_] == '.' || text_[pos_] == '-')) {
        ++pos_;
      }
      auto number = Amount::parse(text_.substr(start, pos_ - start));
      if (!number) {
        fail("expected a value");
      } else {
        lit.kind = Literal::Kind::kNumber;
        lit.number = *number;
      }
    }
    return lit;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::string error_;
};

std::string varText(const Poco::Dynamic::Var& v) {
  if (v.isEmpty()) return {};
  try {
    return toLower(v.convert<std::string>());
  } catch (const Poco::Exception&) {
    return {};
  }
}

int sign(std::int64_t diff) { return diff < 0 ? -1 : (diff > 0 ? 1 : 0); }

// Comparison of a record value with a literal; nullopt when they cannot be compared.
std::optional<int> compareWith(const Poco::Dynamic::Var& v, const Literal& lit) {
  switch (lit.kind) {
    case Literal::Kind::kNull:
      return (v.isEmpty() || varText(v).empty()) ? 0 : 1;
    case Literal::Kind::kBool:
      if (!v.isBoolean()) return std::nullopt;
      return v.extract<bool>() == lit.flag ? 0 : 1;
    case Literal::Kind::kNumber: {
      auto a = Amount::fromVar(v);
      if (!a) return std::nullopt;
      return *a < lit.number ? -1 : (lit.number < *a ? 1 : 0);
    }
    case Literal::Kind::kDate: {
      auto ms = v.isString() ? parseXeroDate(v.extract<std::string>()) : std::nullopt;
      if (!ms) return std::nullopt;
      return sign(*ms - lit.ms);
    }
    case Literal::Kind::kString: {
      if (v.isEmpty()) return std::nullopt;
      if (v.type() == typeid(std::string)) {  // the hot path of list scans: no copies
        const auto& text = v.extract<std::string>();
        std::size_t n = std::min(text.size(), lit.text.size());
        for (std::size_t i = 0; i < n; ++i) {
          int a = std::tolower(static_cast<unsigned char>(text[i]));
          int b = static_cast<unsigned char>(lit.text[i]);
          if (a != b) return a < b ? -1 : 1;
        }
        return text.size() == lit.text.size() ? 0 : (text.size() < lit.text.size() ? -1 : 1);
      }
      int c = varText(v).compare(lit.text);
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
  }
  return std::nullopt;
}

bool evalCompare(const WhereNode& node, const Poco::Dynamic::Var& v) {
  auto c = compareWith(v, node.value);
  const std::string& op = node.comparator;
  if (!c) return op == "!=";
  if (op == "==") return *c == 0;
  if (op == "!=") return *c != 0;
  if (node.value.kind == Literal::Kind::kBool || node.value.kind == Literal::Kind::kNull) return false;
  if (op == ">") return *c > 0;
  if (op == ">=") return *c >= 0;
  if (op == "<") return *c < 0;
  return *c <= 0;
}

using FieldReader = WhereFilter::FieldReader;

bool evaluate(const WhereNode& node, const FieldReader& record) {
  switch (node.op) {
    case WhereNode::Op::kAnd:
      return evaluate(*node.left, record) && evaluate(*node.right, record);
    case WhereNode::Op::kOr:
      return evaluate(*node.left, record) || evaluate(*node.right, record);
    case WhereNode::Op::kNot:
      return !evaluate(*node.left, record);
    case WhereNode::Op::kTruthy: {
      auto v = record(node.path);
      return v.isBoolean() && v.extract<bool>();
    }
    case WhereNode::Op::kMethod: {
      std::string text = varText(record(node.path));
      const std::string& needle = node.value.text;
      if (node.comparator == "contains") return text.find(needle) != std::string::npos;
      if (node.comparator == "startswith") return text.rfind(needle, 0) == 0;
      return text.size() >= needle.size() && text.compare(text.size() - needle.size(), needle.size(), needle) == 0;
    }
    case WhereNode::Op::kCompare:
      return evalCompare(node, record(node.path));
  }
  return false;
}

void collectEqualities(const WhereNode& node, std::vector<std::pair<std::string, std::string>>& out) {
  if (node.op == WhereNode::Op::kAnd) {
    collectEqualities(*node.left, out);
    collectEqualities(*node.right, out);
  } else if (node.op == WhereNode::Op::kCompare && node.comparator == "==" &&
             node.value.kind == Literal::Kind::kString) {
    out.emplace_back(node.path, node.value.text);
  }
}

}  // namespace

std::variant<WhereFilter, std::string> WhereFilter::parse(std::string_view text) {
  auto result = Parser(text).run();
  if (auto* error = std::get_if<std::string>(&result)) return *error;
  return WhereFilter(std::get<NodePtr>(result));
}

bool WhereFilter::matches(const Poco::JSON::Object& record) const {
  return evaluate(*root_, [&record](std::string_view path) { return fieldAt(record, path); });
}

bool WhereFilter::matches(const FieldReader& field) const { return evaluate(*root_, field); }

std::vector<std::pair<std::string, std::string>> WhereFilter::requiredEqualities() const {
  std::vector<std::pair<std::string, std::string>> out;
  collectEqualities(*root_, out);
  return out;
}

Poco::Dynamic::Var fieldAt(const Poco::JSON::Object& record, std::string_view path) {
  const Poco::JSON::Object* current = &record;
  Poco::JSON::Object::Ptr holder;
  while (true) {
    std::size_t dot = path.find('.');
    std::string key(path.substr(0, dot));
    Poco::Dynamic::Var value = current->get(key);  // one lookup; empty when absent
    if (dot == std::string_view::npos || value.isEmpty()) return value;
    if (value.type() != typeid(Poco::JSON::Object::Ptr)) return {};
    holder = value.extract<Poco::JSON::Object::Ptr>();
    current = holder.get();
    path.remove_prefix(dot + 1);
  }
}

int compareFieldValues(const Poco::Dynamic::Var& a, const Poco::Dynamic::Var& b) {
  if (a.isEmpty() || b.isEmpty()) return (a.isEmpty() ? 0 : 1) - (b.isEmpty() ? 0 : 1);
  if (a.isNumeric() && b.isNumeric() && !a.isBoolean()) {
    auto x = Amount::fromVar(a), y = Amount::fromVar(b);
    if (x && y) return *x < *y ? -1 : (*y < *x ? 1 : 0);
  }
  if (a.isString() && b.isString()) {
    const auto& sa = a.extract<std::string>();
    const auto& sb = b.extract<std::string>();
    if (sa.rfind("/Date(", 0) == 0 && sb.rfind("/Date(", 0) == 0) {
      auto x = parseXeroDate(sa), y = parseXeroDate(sb);
      if (x && y) return sign(*x - *y);
    }
  }
  int c = varText(a).compare(varText(b));
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

}  // namespace accord::sandbox::xero
