// Generic access to a canonical record's fields, driven by each entity's describe(): the merge,
// the limits and the id translation all work on every entity without naming one.
//
// Top-level fields are the unit of merging and of manifest FieldRules ("people", "lines"):
// a list or nested struct is one field, compared and copied as a whole.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/common.h"

namespace accord::sync {

// Names of the top-level fields of an entity, in describe() order.
std::vector<std::string> fieldNames(model::EntityType type);

// Whether field `name` holds the same value in a and b (records of one type).
bool sameField(const model::Record& a, const model::Record& b, std::string_view name);
// Copies field `name` from `from` into `to` (records of one type).
void copyField(const model::Record& from, model::Record& to, std::string_view name);
// Sets field `name` back to the entity's default value.
void resetField(model::Record& record, std::string_view name);
bool isDefaultField(const model::Record& record, std::string_view name);
// Length of a list field (nullopt when the field is not a list).
std::optional<std::size_t> listSize(const model::Record& record, std::string_view name);
// Keeps the first `keep` elements of a list field; returns how many were dropped.
std::size_t truncateList(model::Record& record, std::string_view name, std::size_t keep);
// The value of a string field ("status"), nullopt when there is no such string field.
std::optional<std::string> stringField(const model::Record& record, std::string_view name);

// A short human name for messages: "Ann Smith", "Acme Ltd", "INV-7", "" when it has none.
std::string displayName(const model::Record& record);

// Calls fn(key, ref) for every Ref in the record, nested ones included (lines[].item); key is
// the Ref's own field name ("item", "people").
void forEachRef(model::Record& record, const std::function<void(std::string_view, model::Ref&)>& fn);

// The entity a Ref field points at, by its name; nullopt when it can point at any entity
// (journal "source").
std::optional<model::EntityType> refEntity(std::string_view key);

}  // namespace accord::sync
