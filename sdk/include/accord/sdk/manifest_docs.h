// A manifest rendered as the Markdown tables of a plugin's README, so the README says what the
// manifest declares: a plugin's README test compares its text with these (and prints the table
// to paste when they differ). Pipes in descriptions are escaped.
#pragma once

#include <string>

#include "accord/sdk/config.h"
#include "accord/sdk/manifest.h"

namespace accord::sdk {

// | key | type | default | required | secret | description |, one row per option in schema
// order; a string_list default is its words joined by spaces, choices are listed after the
// description.
std::string configTable(const ConfigSchema& schema);

// | limit | value |: calls per minute/hour/day and concurrent (those declared), page and batch
// size, the rate-limit headers read, and, with profiles, a second table
// | <profile_key> | per minute | per hour | per day | concurrent | ("—" where there is none).
std::string limitsTable(const RateLimits& limits);

// | entity | field | rule | why |: every field rule, then every unsupported field, in manifest
// order.
std::string fieldRulesTable(const Manifest& manifest);

}  // namespace accord::sdk
