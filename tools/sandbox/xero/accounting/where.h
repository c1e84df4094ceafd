// Xero's `where` query parameter: a small C#-like expression language over a record's fields.
//   Name=="Acme"  Status!="PAID"  AmountDue>100  Contact.ContactID==guid("…")
//   Date>=DateTime(2024,01,01)  IsCustomer==true  Name.Contains("ac")  Name.StartsWith("A")
//   a AND b, a OR b, a && b, a || b, NOT a, parentheses.
// String comparisons ignore case as Xero's do. Fields are read by dotted path.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

namespace accord::sandbox::xero {

struct WhereNode;

class WhereFilter {
 public:
  // Either a filter or a message naming the position and what was expected.
  static std::variant<WhereFilter, std::string> parse(std::string_view text);
  bool matches(const Poco::JSON::Object& record) const;
  // The same over any source of field values by dotted path (a stored record's columns/text).
  using FieldReader = std::function<Poco::Dynamic::Var(std::string_view path)>;
  bool matches(const FieldReader& field) const;
  // (path, lower-cased text) of the `path == "text"` terms every match must satisfy (joined by
  // AND at the top), so an index can pick the candidates; empty when there are none.
  std::vector<std::pair<std::string, std::string>> requiredEqualities() const;

 private:
  explicit WhereFilter(std::shared_ptr<const WhereNode> root) : root_(std::move(root)) {}
  std::shared_ptr<const WhereNode> root_;
};

// Reads "Contact.ContactID" from a record; empty Var when absent.
Poco::Dynamic::Var fieldAt(const Poco::JSON::Object& record, std::string_view path);
// Orders two field values the way `order=` sorts: numbers numerically, /Date()/ by instant,
// strings case-insensitively; missing values first.
int compareFieldValues(const Poco::Dynamic::Var& a, const Poco::Dynamic::Var& b);

}  // namespace accord::sandbox::xero
