// Connection config files: a JSON object whose keys are the plugin's config keys (dotted keys
// may also be written as nested objects: {"auth": {"client_id": ...}}).
#pragma once

#include <filesystem>
#include <string>

#include "accord/sdk/config.h"
#include "accord/sdk/result.h"

namespace accord::cli {

// Reads and checks a config file against the plugin's declared schema. On any problem the
// Error's message has one line per problem, each naming the file and the key:
//   "conn.json: key 'delimiter': expected string, got integer 5"
// Defaults are applied to the returned Config.
sdk::Result<sdk::Config> loadConfigFile(const std::filesystem::path& file,
                                        const sdk::ConfigSchema& schema);

// The same checks for a JSON text already in memory; `origin` names it in messages.
sdk::Result<sdk::Config> parseConfigJson(const std::string& json, const std::string& origin,
                                         const sdk::ConfigSchema& schema);

}  // namespace accord::cli
