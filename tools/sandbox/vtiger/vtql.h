// VTQL, the SQL subset of vtiger's `query` operation:
//   SELECT * | count(*) | f1, f2 FROM Module [WHERE c1 (AND|OR) c2 ...]
//   [ORDER BY f1, f2 [ASC|DESC]] [LIMIT [offset,] n];
// with conditions `f = | != | <> | < | > | <= | >= 'v'`, `f LIKE '%v%'`, `f IN ('a','b')`.
// A real tokenizer and a recursive-descent parser; errors carry vtiger's
// "Syntax Error on line 1: token 'x' Unexpected ...(x), expected one of: ..." text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sandbox/vtiger/errors.h"

namespace accord::sandbox::vtiger {

enum class CompareOp { kEq, kNe, kLt, kGt, kLe, kGe, kLike, kIn };

struct Condition {
  std::string field;
  CompareOp op = CompareOp::kEq;
  std::vector<std::string> values;  // unquoted; one unless kIn
};

struct VtqlQuery {
  std::string module;
  bool select_all = false;
  bool count = false;
  std::vector<std::string> columns;
  std::vector<Condition> conditions;
  std::vector<bool> joined_by_or;  // between conditions[i] and [i+1]; AND binds tighter
  std::vector<std::string> order_by;
  bool descending = false;         // like vtiger's SQL, applies to the last ORDER BY column
  std::int64_t offset = 0;
  std::int64_t limit = 100;        // absent: 100; larger values are capped at kMaxRows
};

inline constexpr std::int64_t kMaxRows = 100;

// Parses one statement (the trailing ';' is required, as in vtiger). Errors are
// QUERY_SYNTAX_ERROR.
WsResult<VtqlQuery> parseVtql(std::string_view text);

// The module named after FROM, found the way vtiger does before it parses anything, so an
// unknown module is ACCESS_DENIED even in a malformed query. nullopt when there is no FROM.
std::optional<std::string> moduleOfQuery(std::string_view text);

// SQL LIKE with % and _, case-insensitive like MySQL's default collation.
bool likeMatch(std::string_view value, std::string_view pattern);

}  // namespace accord::sandbox::vtiger
