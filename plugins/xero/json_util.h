// Reading Xero's JSON into canonical values and writing canonical values back, with every
// problem named by record and field. A Reader never throws: the first problem is kept and the
// caller turns it into a per-record error, so one bad element never costs the rest of a page.
#pragma once

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <memory>
#include <optional>
#include <set>
#include <string>

#include "accord/sdk/decimal.h"
#include "accord/sdk/result.h"
#include "accord/sdk/timestamp.h"

namespace accord::plugins::xero {

using JsonObject = Poco::JSON::Object::Ptr;
using JsonArray = Poco::JSON::Array::Ptr;

// Typed access to one Xero object. `path` prefixes field names in messages ("LineItems[2].");
// children share the parent's error slot so nested problems surface on the record.
class Reader {
 public:
  Reader(const Poco::JSON::Object& object, std::string record);
  Reader child(const Poco::JSON::Object& object, const std::string& path) const;

  std::string str(const std::string& key);  // absent or null: ""
  bool boolean(const std::string& key, bool fallback = false);
  std::optional<sdk::Decimal> decimal(const std::string& key);
  sdk::Decimal amount(const std::string& key);  // absent: 0
  std::optional<sdk::Date> date(const std::string& key);
  std::optional<sdk::Timestamp> timestamp(const std::string& key);
  JsonArray array(const std::string& key);    // absent: empty array
  JsonObject object(const std::string& key);  // absent: null
  void fail(const std::string& key, const std::string& problem);
  // Leaves a consumed key in remote_data too (line arrays: their ids and tracking stay).
  void keep(const std::string& key) { used_.erase(key); }

  const std::optional<sdk::Error>& error() const { return *error_; }
  // The object without the keys this reader consumed: the record's remote_data ("" when none).
  std::string remoteData() const;

 private:
  Reader(const Poco::JSON::Object& object, std::shared_ptr<std::optional<sdk::Error>> error,
         std::string record, std::string path);
  const Poco::JSON::Object& object_;
  std::shared_ptr<std::optional<sdk::Error>> error_;
  std::string record_;
  std::string path_;
  std::set<std::string> used_;
};

// Xero's "/Date(1573755038314+0000)/" or an ISO time without offset (Xero means UTC).
std::optional<sdk::Timestamp> parseXeroTimestamp(const std::string& text);
// "/Date(...)/" or "2019-11-14T00:00:00" or "2019-11-14".
std::optional<sdk::Date> parseXeroDate(const std::string& text);
// RFC 1123 for If-Modified-Since.
std::string httpDate(const sdk::Timestamp& at);

// Decimals go out as JSON numbers (Xero's type); a double holds the 15 significant digits any
// amount has exactly enough to print back the same text.
void setDecimal(Poco::JSON::Object& object, const std::string& key, const sdk::Decimal& value);
// The string at key, or "" when absent or not a string (never throws).
std::string textField(const Poco::JSON::Object& object, const std::string& key);
void setIfNotEmpty(Poco::JSON::Object& object, const std::string& key, const std::string& value);
JsonObject parseObject(const std::string& text, std::string* error);
std::string stringify(const Poco::JSON::Object& object);
std::string stringify(const Poco::JSON::Array& array);

std::string toUpper(std::string text);
std::string toLower(std::string text);
// Xero GUIDs (36 chars, dashes at 8/13/18/23): account and item refs may be a GUID or a code.
bool looksLikeGuid(const std::string& text);

}  // namespace accord::plugins::xero
