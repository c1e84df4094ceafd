#include "json_util.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Timestamp.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <sstream>

namespace accord::plugins::xero {
namespace {

std::optional<std::int64_t> msFromXeroDate(const std::string& text) {
  // /Date(1573755038314+0000)/ : the instant is the number; the offset only says how to show it.
  if (text.rfind("/Date(", 0) != 0) return std::nullopt;
  std::size_t pos = 6;
  std::size_t end = pos + (pos < text.size() && text[pos] == '-' ? 1 : 0);
  while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
  std::int64_t ms = 0;
  auto [ptr, ec] = std::from_chars(text.data() + pos, text.data() + end, ms);
  if (ec != std::errc() || ptr == text.data() + pos) return std::nullopt;
  std::string rest = text.substr(end);
  bool tail_ok = rest == ")/" || (rest.size() == 7 && (rest[0] == '+' || rest[0] == '-') &&
                                  rest.substr(5) == ")/");
  if (!tail_ok) return std::nullopt;
  return ms;
}

sdk::Date dateFromMs(std::int64_t ms) {
  using namespace std::chrono;
  sys_days day = floor<days>(sys_time<milliseconds>(milliseconds(ms)));
  year_month_day ymd(day);
  return sdk::Date{static_cast<int>(ymd.year()), static_cast<int>(unsigned(ymd.month())),
                   static_cast<int>(unsigned(ymd.day()))};
}

std::optional<sdk::Decimal> decimalFromVar(const Poco::Dynamic::Var& value) {
  if (value.isString()) return sdk::Decimal::parse(value.extract<std::string>());
  if (value.isBoolean() || !value.isNumeric()) return std::nullopt;
  if (value.isInteger()) return sdk::Decimal::parse(std::to_string(value.convert<std::int64_t>()));
  char buffer[64];
  // Shortest text that reads back as the same double: 231.6 stays "231.6".
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value.convert<double>(),
                                 std::chars_format::fixed);
  if (ec != std::errc()) return std::nullopt;
  return sdk::Decimal::parse(std::string(buffer, end));
}

}  // namespace

Reader::Reader(const Poco::JSON::Object& object, std::string record)
    : Reader(object, std::make_shared<std::optional<sdk::Error>>(), std::move(record), "") {}

Reader::Reader(const Poco::JSON::Object& object, std::shared_ptr<std::optional<sdk::Error>> error,
               std::string record, std::string path)
    : object_(object), error_(std::move(error)), record_(std::move(record)), path_(std::move(path)) {}

Reader Reader::child(const Poco::JSON::Object& object, const std::string& path) const {
  return Reader(object, error_, record_, path_ + path + ".");
}

void Reader::fail(const std::string& key, const std::string& problem) {
  if (error_->has_value()) return;  // the first problem is the one to fix first
  std::string field = path_ + key;
  *error_ = sdk::makeError(sdk::ErrorKind::permanent, record_ + ": field " + field + ": " + problem,
                           field);
}

std::string Reader::str(const std::string& key) {
  used_.insert(key);
  if (!object_.has(key) || object_.isNull(key)) return {};
  Poco::Dynamic::Var value = object_.get(key);
  if (value.isString()) return value.extract<std::string>();
  if (value.isNumeric() && !value.isBoolean()) return value.convert<std::string>();
  fail(key, "expected a string, got " + value.toString());
  return {};
}

bool Reader::boolean(const std::string& key, bool fallback) {
  used_.insert(key);
  if (!object_.has(key) || object_.isNull(key)) return fallback;
  Poco::Dynamic::Var value = object_.get(key);
  if (value.isBoolean()) return value.extract<bool>();
  if (value.isString()) {
    std::string text = toLower(value.extract<std::string>());
    if (text == "true" || text == "false") return text == "true";
  }
  fail(key, "expected true or false, got " + value.toString());
  return fallback;
}

std::optional<sdk::Decimal> Reader::decimal(const std::string& key) {
  used_.insert(key);
  if (!object_.has(key) || object_.isNull(key)) return std::nullopt;
  Poco::Dynamic::Var value = object_.get(key);
  auto parsed = decimalFromVar(value);
  if (!parsed) fail(key, "expected a number, got " + value.toString());
  return parsed;
}

sdk::Decimal Reader::amount(const std::string& key) {
  return decimal(key).value_or(sdk::Decimal());
}

std::optional<sdk::Date> Reader::date(const std::string& key) {
  std::string text = str(key);
  if (text.empty()) return std::nullopt;
  auto parsed = parseXeroDate(text);
  if (!parsed) fail(key, "expected a date, got \"" + text + "\"");
  return parsed;
}

std::optional<sdk::Timestamp> Reader::timestamp(const std::string& key) {
  std::string text = str(key);
  if (text.empty()) return std::nullopt;
  auto parsed = parseXeroTimestamp(text);
  if (!parsed) fail(key, "expected a Xero date-time, got \"" + text + "\"");
  return parsed;
}

JsonArray Reader::array(const std::string& key) {
  used_.insert(key);
  if (!object_.has(key) || object_.isNull(key)) return new Poco::JSON::Array();
  if (!object_.isArray(key)) {
    fail(key, "expected an array");
    return new Poco::JSON::Array();
  }
  return object_.getArray(key);
}

JsonObject Reader::object(const std::string& key) {
  used_.insert(key);
  if (!object_.has(key) || object_.isNull(key)) return nullptr;
  if (!object_.isObject(key)) {
    fail(key, "expected an object");
    return nullptr;
  }
  return object_.getObject(key);
}

std::string Reader::remoteData() const {
  Poco::JSON::Object rest;
  for (const auto& [key, value] : object_) {
    if (!used_.count(key)) rest.set(key, value);
  }
  return rest.size() == 0 ? std::string() : stringify(rest);
}

std::optional<sdk::Timestamp> parseXeroTimestamp(const std::string& text) {
  if (auto ms = msFromXeroDate(text)) return sdk::Timestamp(*ms, 0);
  if (auto with_offset = sdk::Timestamp::parse(text)) return with_offset;
  return sdk::Timestamp::parse(text + "Z");  // Xero's ISO times are UTC without saying so
}

std::optional<sdk::Date> parseXeroDate(const std::string& text) {
  if (auto ms = msFromXeroDate(text)) return dateFromMs(*ms);
  if (text.size() >= 10 && (text.size() == 10 || text[10] == 'T')) {
    return sdk::Date::parse(text.substr(0, 10));
  }
  return std::nullopt;
}

std::string httpDate(const sdk::Timestamp& at) {
  Poco::Timestamp ts(at.epochMillis() * 1000);
  return Poco::DateTimeFormatter::format(ts, Poco::DateTimeFormat::HTTP_FORMAT);
}

void setDecimal(Poco::JSON::Object& object, const std::string& key, const sdk::Decimal& value) {
  if (value.scale() == 0) {
    object.set(key, value.units());
  } else {
    object.set(key, std::stod(value.toString()));
  }
}

std::string textField(const Poco::JSON::Object& object, const std::string& key) {
  if (!object.has(key)) return {};
  const Poco::Dynamic::Var& value = object.get(key);
  return value.isString() ? value.extract<std::string>() : std::string();
}

void setIfNotEmpty(Poco::JSON::Object& object, const std::string& key, const std::string& value) {
  if (!value.empty()) object.set(key, value);
}

JsonObject parseObject(const std::string& text, std::string* error) {
  try {
    Poco::JSON::Parser parser;
    Poco::Dynamic::Var parsed = parser.parse(text);
    if (parsed.type() == typeid(Poco::JSON::Object::Ptr)) {
      return parsed.extract<Poco::JSON::Object::Ptr>();
    }
    if (error) *error = "expected a JSON object";
  } catch (const Poco::Exception& e) {
    if (error) *error = "not JSON: " + e.message();
  }
  return nullptr;
}

std::string stringify(const Poco::JSON::Object& object) {
  std::ostringstream out;
  object.stringify(out);
  return out.str();
}

std::string stringify(const Poco::JSON::Array& array) {
  std::ostringstream out;
  array.stringify(out);
  return out.str();
}

std::string toUpper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

std::string toLower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool looksLikeGuid(const std::string& text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

}  // namespace accord::plugins::xero
