// fromJson: Poco parses, then one reader walks describe() and checks every value strictly.
#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

#include <limits>
#include <set>
#include <sstream>

#include "accord/sdk/model/codec.h"
#include "codec_internal.h"
#include "traits.h"

namespace accord::sdk::model {
namespace detail {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

std::string_view jsonTypeName(const Var& v) {
  if (v.isEmpty()) return "null";
  if (v.type() == typeid(std::string)) return "string";
  if (v.type() == typeid(bool)) return "boolean";
  if (v.type() == typeid(Object::Ptr)) return "object";
  if (v.type() == typeid(Array::Ptr)) return "array";
  return "number";
}

// Collects the first problem; once set, the rest of the walk is skipped.
struct Problem {
  std::optional<Error> error;
  void set(const std::string& path, const std::string& what) {
    if (!error) error = makeError(ErrorKind::permanent, path + ": " + what, path);
  }
  void expected(const std::string& path, std::string_view what, const Var& got) {
    set(path, "expected " + std::string(what) + ", got " + std::string(jsonTypeName(got)));
  }
};

std::string quoted(const std::string& text) {
  std::string out;
  appendJsonString(out, text);
  return out;
}

std::string allowedList(const StringRule& rule) {
  std::string out;
  for (std::string_view v : rule.one_of) {
    if (!out.empty()) out += ", ";
    out += v.empty() ? "\"\"" : std::string(v);
  }
  return out;
}

template <typename T>
void readValue(const Var& v, T& value, const std::string& path, const StringRule& rule, Problem& p);

class FieldReader {
 public:
  FieldReader(const Object& object, std::string path, Problem& problem)
      : object_(object), path_(std::move(path)), problem_(problem) {}

  template <typename T>
  void operator()(std::string_view key, T& value, const StringRule& rule = {}) {
    known_.emplace(key);
    if (problem_.error || !object_.has(std::string(key))) return;  // missing: keep the default
    readValue(object_.get(std::string(key)), value, path_ + "." + std::string(key), rule, problem_);
  }

  // Called after describe(): any key it did not list is refused.
  void refuseUnknownKeys() {
    if (problem_.error) return;
    for (const std::string& name : object_.getNames()) {
      if (!known_.count(name)) problem_.set(path_ + "." + name, "unknown field");
    }
  }

 private:
  const Object& object_;
  std::string path_;
  Problem& problem_;
  std::set<std::string, std::less<>> known_;
};

// How the types written as JSON strings are named in messages.
template <typename T>
struct TextForm {
  static constexpr std::string_view kExpected = "string";
};
template <>
struct TextForm<Decimal> {
  static constexpr std::string_view kExpected = "decimal string";
  static constexpr std::string_view kMalformed = "malformed decimal ";
  static constexpr std::string_view kForm = " (expected like \"-12.50\")";
};
template <>
struct TextForm<Date> {
  static constexpr std::string_view kExpected = "date string";
  static constexpr std::string_view kMalformed = "malformed date ";
  static constexpr std::string_view kForm = " (expected YYYY-MM-DD)";
};
template <>
struct TextForm<Timestamp> {
  static constexpr std::string_view kExpected = "timestamp string";
  static constexpr std::string_view kMalformed = "malformed timestamp ";
  static constexpr std::string_view kForm = " (expected ISO 8601 with offset)";
};

template <typename T>
void readText(const Var& v, T& value, const std::string& path, const StringRule& rule, Problem& p) {
  if (v.type() != typeid(std::string)) return p.expected(path, TextForm<T>::kExpected, v);
  const std::string& text = v.extract<std::string>();
  if constexpr (std::is_same_v<T, std::string>) {
    value = text;
    if (rule.matches(text)) return;
    p.set(path, quoted(text) + (rule.one_of.empty() ? " is not " + std::string(rule.what)
                                                    : " is not one of " + allowedList(rule)));
  } else if constexpr (std::is_same_v<T, Ref>) {
    value.id = text;
  } else {
    auto parsed = T::parse(text);
    if (parsed) {
      value = *parsed;
    } else {
      p.set(path,
            std::string(TextForm<T>::kMalformed) + quoted(text) + std::string(TextForm<T>::kForm));
    }
  }
}

template <typename T>
void readScalar(const Var& v, T& value, const std::string& path, const StringRule& rule,
                Problem& p) {
  if constexpr (std::is_same_v<T, bool>) {
    if (v.type() != typeid(bool)) return p.expected(path, "boolean", v);
    value = v.extract<bool>();
  } else if constexpr (std::is_same_v<T, std::int64_t>) {
    if (v.type() == typeid(Poco::Int64)) {
      value = v.extract<Poco::Int64>();
    } else if (v.type() == typeid(Poco::UInt64) &&
               v.extract<Poco::UInt64>() <= std::numeric_limits<std::int64_t>::max()) {
      value = static_cast<std::int64_t>(v.extract<Poco::UInt64>());
    } else {
      p.expected(path, "integer", v);  // also a fraction or one beyond 64 bits
    }
  } else {
    readText(v, value, path, rule, p);
  }
}

template <typename T>
void readValue(const Var& v, T& value, const std::string& path, const StringRule& rule,
               Problem& p) {
  if constexpr (IsOptional<T>::value) {
    if (v.isEmpty()) {
      value.reset();
      return;
    }
    typename T::value_type inner{};
    readValue(v, inner, path, rule, p);
    value = std::move(inner);
  } else if constexpr (IsVector<T>::value) {
    if (v.type() != typeid(Array::Ptr)) return p.expected(path, "array", v);
    const Array& array = *v.extract<Array::Ptr>();
    value.clear();
    value.resize(array.size());
    for (size_t i = 0; i < array.size() && !p.error; ++i) {
      readValue(array.get(static_cast<unsigned>(i)), value[i], path + "[" + std::to_string(i) + "]",
                rule, p);
    }
  } else if constexpr (Described<T>) {
    if (v.type() != typeid(Object::Ptr)) return p.expected(path, "object", v);
    FieldReader reader(*v.extract<Object::Ptr>(), path, p);
    T::describe(value, reader);
    reader.refuseUnknownKeys();
  } else {
    readScalar(v, value, path, rule, p);
  }
}

}  // namespace
}  // namespace detail

namespace detail {
namespace {

size_t skipSpace(std::string_view s, size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  return i;
}

// `i` at an opening quote; returns the index just past the closing quote.
size_t skipString(std::string_view s, size_t i) {
  for (++i; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '"') {
      return i + 1;
    }
  }
  return s.size();
}

// `i` at the start of a value; returns the index just past it.
size_t skipValue(std::string_view s, size_t i) {
  if (i < s.size() && s[i] == '"') return skipString(s, i);
  int depth = 0;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '"') {
      i = skipString(s, i) - 1;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (depth == 0) return i;
      if (--depth == 0) return i + 1;
    } else if (depth == 0 && (c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
      return i;
    }
  }
  return i;
}

Poco::Dynamic::Var parseJson(std::string_view text) {
  Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
  return parser.parse(std::string(text));
}

}  // namespace

bool isJsonObject(std::string_view text) {
  try {
    return parseJson(text).type() == typeid(Object::Ptr);
  } catch (const std::exception&) {
    return false;
  }
}

std::optional<std::string_view> rawMemberValue(std::string_view json, std::string_view key) {
  size_t i = skipSpace(json, 0);
  if (i >= json.size() || json[i] != '{') return std::nullopt;
  std::optional<std::string_view> found;  // the last one wins, as in Poco's parse
  i = skipSpace(json, i + 1);
  while (i < json.size() && json[i] == '"') {
    const size_t key_end = skipString(json, i);
    const std::string_view name = json.substr(i + 1, key_end - i - 2);
    i = skipSpace(json, key_end);
    if (i >= json.size() || json[i] != ':') return std::nullopt;
    const size_t value_start = skipSpace(json, i + 1);
    const size_t value_end = skipValue(json, value_start);
    if (name == key) found = json.substr(value_start, value_end - value_start);
    i = skipSpace(json, value_end);
    if (i < json.size() && json[i] == ',') i = skipSpace(json, i + 1);
  }
  return found;
}

namespace {

constexpr std::string_view kEnvelopeKeys[] = {"type",   "id",          "created_at", "updated_at",
                                              "status", "remote_data", "fields"};
constexpr std::string_view kRecordStatuses[] = {"active", "archived", "deleted"};

std::optional<EntityType> readType(const Object& root, Problem& p) {
  if (!root.has("type")) {
    p.set("type", "missing (one of the entity names, e.g. \"invoice\")");
    return std::nullopt;
  }
  std::string name;
  readValue(root.get("type"), name, "type", {}, p);
  if (p.error) return std::nullopt;
  auto type = entityTypeFromString(name);
  if (!type) p.set("type", quoted(name) + " is not an entity type");
  return type;
}

void readRemoteData(std::string_view json, const Object& root, RecordMeta& meta, Problem& p) {
  if (!root.has("remote_data") || root.get("remote_data").isEmpty()) return;
  const Var v = root.get("remote_data");
  if (v.type() != typeid(Object::Ptr)) return p.expected("remote_data", "object", v);
  const Object::Ptr object = v.extract<Object::Ptr>();
  if (object->size() == 0) return;  // {} and no remote data are the same thing
  const auto raw = rawMemberValue(json, "remote_data");
  if (raw && raw->front() == '{') {
    meta.remote_data = std::string(*raw);
  } else {  // the key was written with escapes: fall back to Poco's own spelling
    std::ostringstream out;
    object->stringify(out);
    meta.remote_data = out.str();
  }
}

void readEnvelope(std::string_view json, const Object& root, Record& record, Problem& p) {
  RecordMeta& meta = metaOf(record);
  for (const std::string& name : root.getNames()) {
    bool known = false;
    for (std::string_view k : kEnvelopeKeys) known = known || k == name;
    if (!known) p.set(name, "unknown key");
  }
  if (root.has("id")) readValue(root.get("id"), meta.id, "id", {}, p);
  if (root.has("created_at"))
    readValue(root.get("created_at"), meta.created_at, "created_at", {}, p);
  if (root.has("updated_at"))
    readValue(root.get("updated_at"), meta.updated_at, "updated_at", {}, p);
  if (root.has("status")) {
    std::string status;
    readValue(root.get("status"), status, "status", oneOf(kRecordStatuses), p);
    if (!p.error) meta.status = *recordStatusFromString(status);
  }
  readRemoteData(json, root, meta, p);
}

}  // namespace
}  // namespace detail

Result<Record> fromJson(std::string_view json) {
  using namespace detail;
  Var root;
  try {
    root = parseJson(json);
  } catch (const Poco::Exception& e) {
    return makeError(ErrorKind::permanent, "invalid JSON: " + e.message());
  } catch (const std::exception& e) {
    return makeError(ErrorKind::permanent, std::string("invalid JSON: ") + e.what());
  }
  if (root.type() != typeid(Object::Ptr)) {
    return makeError(ErrorKind::permanent,
                     "record: expected object, got " + std::string(jsonTypeName(root)));
  }
  const Object& object = *root.extract<Object::Ptr>();
  Problem problem;
  const auto type = readType(object, problem);
  if (!type) return *problem.error;
  Record record = makeRecord(*type);
  readEnvelope(json, object, record, problem);
  if (!problem.error && object.has("fields")) {
    std::visit(
        [&](auto& entity) { readValue(object.get("fields"), entity, "fields", {}, problem); },
        record);
  }
  if (problem.error) return *problem.error;
  return record;
}

}  // namespace accord::sdk::model
