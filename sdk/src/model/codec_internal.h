// Pieces the codec's translation units share. Not installed.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "accord/sdk/model/record.h"

namespace accord::sdk::model::detail {

// Appends `text` as a JSON string literal.
void appendJsonString(std::string& out, std::string_view text);

// Appends the record's "fields" object: {"name":...} in describe() order. exact: as stored;
// otherwise one spelling per value as operator== sees it (decimals without trailing zeros,
// times in UTC), for hashing.
void appendFields(std::string& out, const Record& record, bool exact);

// True when `text` parses as one JSON object.
bool isJsonObject(std::string_view text);

// The exact text of a top-level member's value in a JSON object (already known to be valid
// JSON), so that remote_data keeps its bytes (number spelling, key order) through a round trip.
std::optional<std::string_view> rawMemberValue(std::string_view json, std::string_view key);

}  // namespace accord::sdk::model::detail
