#include "sync/filters.h"

#include <chrono>
#include <regex>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/String.h>

#include "accord/sdk/model/codec.h"
#include "sync/run_context.h"

namespace accord::sync {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;
using Var = Poco::Dynamic::Var;

std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const auto dot = path.find('.', start);
    out.push_back(path.substr(start, dot - start));
    if (dot == std::string::npos) return out;
    start = dot + 1;
  }
}

void collect(const Var& node, const std::vector<std::string>& path, std::size_t at,
             std::vector<std::string>& out) {
  if (node.isEmpty()) return;
  if (node.type() == typeid(Array::Ptr)) {
    auto array = node.extract<Array::Ptr>();
    for (std::size_t i = 0; i < array->size(); ++i) collect(array->get(i), path, at, out);
    return;
  }
  if (node.type() == typeid(Object::Ptr)) {
    auto object = node.extract<Object::Ptr>();
    if (at < path.size() && object->has(path[at])) collect(object->get(path[at]), path, at + 1, out);
    return;
  }
  if (at != path.size()) return;
  out.push_back(node.isBoolean() ? (node.extract<bool>() ? "true" : "false")
                                 : node.convert<std::string>());
}

// "today", "today-365d", "today+7d" -> YYYY-MM-DD in UTC; other values unchanged.
std::string resolved(const std::string& value, sdk::Timestamp now) {
  static const std::regex relative("^today(([+-])([0-9]+)d)?$");
  std::smatch m;
  if (!std::regex_match(value, m, relative)) return value;
  using namespace std::chrono;
  auto day = floor<days>(sys_time<milliseconds>(milliseconds(now.epochMillis())));
  if (m[1].matched) {
    const days by(std::stoll(m[3].str()));
    day = m[2].str() == "-" ? day - by : day + by;
  }
  const year_month_day ymd(day);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return text;
}

// Numbers compare as numbers (decimals are strings in the JSON form), the rest as text without
// regard to case (an app's "ACTIVE" is the rule's "active").
int compare(const std::string& a, const std::string& b) {
  auto da = sdk::Decimal::parse(a), db = sdk::Decimal::parse(b);
  if (da && db) return da->compare(*db);
  return Poco::icompare(a, b);
}

bool present(const std::string& value) { return !value.empty(); }

bool passes(const FilterRule& rule, const std::vector<std::string>& values, sdk::Timestamp now) {
  std::vector<std::string> wanted;
  for (const auto& v : rule.values) wanted.push_back(resolved(v, now));
  auto any = [&](auto predicate) {
    for (const auto& value : values) {
      if (predicate(value)) return true;
    }
    return false;
  };
  auto in = [&](const std::string& value) {
    for (const auto& w : wanted) {
      if (compare(value, w) == 0) return true;
    }
    return false;
  };
  const std::string first = wanted.empty() ? "" : wanted.front();
  switch (rule.op) {
    case FilterOp::eq: return any([&](auto& v) { return compare(v, first) == 0; });
    case FilterOp::ne: return !any([&](auto& v) { return compare(v, first) == 0; });
    case FilterOp::in: return any(in);
    case FilterOp::not_in: return !any(in);
    case FilterOp::gt: return any([&](auto& v) { return present(v) && compare(v, first) > 0; });
    case FilterOp::gte: return any([&](auto& v) { return present(v) && compare(v, first) >= 0; });
    case FilterOp::lt: return any([&](auto& v) { return present(v) && compare(v, first) < 0; });
    case FilterOp::lte: return any([&](auto& v) { return present(v) && compare(v, first) <= 0; });
    case FilterOp::contains:
      return any([&](auto& v) { return Poco::toLower(v).find(Poco::toLower(first)) != std::string::npos; });
    case FilterOp::starts_with:
      return any([&](auto& v) { return Poco::toLower(v).rfind(Poco::toLower(first), 0) == 0; });
    case FilterOp::exists: return any(present);
    case FilterOp::missing: return !any(present);
  }
  return false;
}

std::string shown(const std::vector<std::string>& values) {
  if (values.empty()) return "(no value)";
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + (v.empty() ? "\"\"" : v);
  return out;
}

std::string summarize(const EntityFilter& filter, const Explanation& e) {
  const std::size_t n = e.rules.size();
  for (std::size_t i = 0; i < n; ++i) {
    const RuleOutcome& r = e.rules[i];
    const std::string which = "rule " + std::to_string(i + 1) + " (" + r.rule.text() + ")";
    if (filter.match_all && !r.passed)
      return "not shared: " + which + " fails: " + r.rule.field + " is " + shown(r.values);
    if (!filter.match_all && r.passed) return "shared: " + which + " passes";
  }
  if (filter.match_all) return "shared: all " + std::to_string(n) + " rules pass";
  return "not shared: none of the " + std::to_string(n) + " rules passes";
}

}  // namespace

namespace {

Object::Ptr parsed(const model::Record& record) {
  Poco::JSON::Parser parser;
  return parser.parse(model::toJson(record)).extract<Object::Ptr>();
}

std::vector<std::string> valuesAt(const Object::Ptr& root, const std::string& field) {
  std::vector<std::string> out;
  if (field == "$status" || field == "$created_at" || field == "$updated_at") {
    collect(root->get(field.substr(1)), {}, 0, out);
  } else if (field.rfind("remote.", 0) == 0) {
    collect(root->get("remote_data"), split(field.substr(7)), 0, out);
  } else {
    collect(root->get("fields"), split(field), 0, out);
  }
  return out;
}

}  // namespace

std::vector<std::string> fieldValues(const model::Record& record, const std::string& field) {
  return valuesAt(parsed(record), field);
}

Explanation explain(const EntityFilter* filter, const model::Record& record, sdk::Timestamp now) {
  Explanation out;
  if (!filter || filter->rules.empty()) {
    out.summary = "shared: no filter for " + std::string(model::toString(model::typeOf(record)));
    return out;
  }
  out.filtered = true;
  bool all = true, some = false;
  const Object::Ptr root = parsed(record);  // once: filters run on every record pulled
  for (const FilterRule& rule : filter->rules) {
    RuleOutcome outcome{rule, false, valuesAt(root, rule.field)};
    outcome.passed = passes(rule, outcome.values, now);
    all = all && outcome.passed;
    some = some || outcome.passed;
    out.rules.push_back(std::move(outcome));
  }
  out.shared = filter->match_all ? all : some;
  out.summary = summarize(*filter, out);
  return out;
}

Result<std::optional<std::string>> FilteredLinks::reason(store::ConnectionId connection,
                                                         const std::string& record_id) {
  return store::firstRow<std::string>(
      db_.prepare("SELECT reason FROM sync_filtered_links WHERE connection_id = ?1 AND record_id = ?2",
                  connection, record_id),
      [](const store::Statement& st) { return st.columnText(0); });
}

Result<void> FilteredLinks::mark(store::ConnectionId connection, const std::string& record_id,
                                 const std::string& reason, std::int64_t at_ms) {
  return db_.run(
      "INSERT INTO sync_filtered_links (connection_id, record_id, reason, at_ms) "
      "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (connection_id, record_id) DO UPDATE SET "
      "reason = excluded.reason, at_ms = excluded.at_ms",
      connection, record_id, reason, at_ms);
}

Result<void> FilteredLinks::clear(store::ConnectionId connection, const std::string& record_id) {
  return db_.run("DELETE FROM sync_filtered_links WHERE connection_id = ?1 AND record_id = ?2",
                 connection, record_id);
}

Result<std::int64_t> FilteredLinks::count(store::ConnectionId connection) {
  auto n = store::firstRow<std::int64_t>(
      db_.prepare("SELECT COUNT(*) FROM sync_filtered_links WHERE connection_id = ?1", connection),
      [](const store::Statement& st) { return st.columnInt(0); });
  if (!n) return n.error();
  return n.value().value_or(0);
}

namespace {

Result<bool> applyFilters(RunContext& run, const Target& target, const std::string& entity,
                          const model::Record& record) {
  const auto type = model::typeOf(record);
  const EntityFilter* filter = target.settings.filter(type);
  if (!filter && !target.has_filtered) return true;
  const auto now = sdk::Timestamp::fromTimePoint(run.store.clock().now());
  const Explanation e = explain(filter, record, now);
  auto link = run.store.idMap().byExternal({target.connection.id, entity, model::metaOf(record).id});
  if (!link) return link.error();
  FilteredLinks links(run.store.db());
  // The end of a shared record (archived, deleted) is always passed on, as removals are.
  const bool ending = link.value() && model::metaOf(record).status != model::RecordStatus::active;
  if (e.shared || ending) {
    if (link.value()) ACCORD_STORE_TRY(links.clear(target.connection.id, link.value()->record_id));
    return true;
  }
  ++run.report.filtered;
  if (link.value()) {
    target.has_filtered = true;
    ACCORD_STORE_TRY(links.mark(target.connection.id, link.value()->record_id, e.summary,
                                now.epochMillis()));
  }
  return false;
}

}  // namespace

bool sharedByFilters(RunContext& run, const Target& target, const std::string& entity,
                     const model::Record& record) {
  auto shared = applyFilters(run, target, entity, record);
  if (shared) return shared.value();
  Error error = shared.error();
  error.message = "connection '" + target.connection.label() + "' " + entity + " '" +
                  model::metaOf(record).id + "': sync filter: " + error.message;
  run.recordError(entity, model::metaOf(record).id, "", error);
  return false;
}

}  // namespace accord::sync
