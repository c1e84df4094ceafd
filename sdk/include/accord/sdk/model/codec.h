// The JSON form of canonical records and its JSON Schema, both derived from each entity's
// describe(). The JSON form round-trips exactly: fromJson(toJson(r)) == r, and toJson of that
// is byte-identical. Decimals are JSON strings ("12.50") so no reader turns money into floats;
// Timestamps are ISO 8601 strings with offsets; Dates "YYYY-MM-DD"; Refs are id strings.
#pragma once

#include <string>
#include <string_view>

#include "accord/sdk/model/record.h"
#include "accord/sdk/result.h"

namespace accord::sdk::model {

// {"type":"person","id":...,"created_at":...,"updated_at":...,"status":"active",
//  "remote_data":{...},"fields":{...}} with keys in a fixed order.
std::string toJson(const Record& record);

// Strict: an unknown key, a wrong type or a malformed value is a permanent Error naming the
// JSON path ("fields.addresses[1].city"). Missing fields take their defaults.
// remote_data keeps the exact text of its object (key order, number spelling); an empty
// object reads as "" (no remote data).
Result<Record> fromJson(std::string_view json);

// The checks fromJson makes, on a record built in C++: enumerations, currency codes and
// remote_data being an object's text. A permanent Error naming the field, as fromJson would.
Result<void> validate(const Record& record);

// JSON Schema (draft 2020-12) of one entity's JSON form, as published in docs/schema/.
std::string jsonSchema(EntityType type);

// SHA-256 (hex) of the record's type, fields and status, excluding id, times and remote_data: two
// records with the same business content hash equal. Values are spelled as operator== sees
// them ("10.0000" hashes as "10", times as UTC), so an app's echo of what we wrote matches.
// The sync engine's echo suppression uses it.
std::string contentHash(const Record& record);

}  // namespace accord::sdk::model
