// The csv plugin's configuration: its schema as data (descriptor.cpp publishes it in the
// manifest) and the typed view the connector works with.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "accord/sdk/config.h"
#include "accord/sdk/model/entity.h"
#include "accord/sdk/result.h"

namespace accord::plugins::csv {

inline constexpr const char* kFolderKey = "folder";
inline constexpr const char* kDelimiterKey = "delimiter";
inline constexpr const char* kOrganizationsFileKey = "organizations_file";
inline constexpr const char* kPeopleFileKey = "people_file";

// Key, type, default and documentation of every option, in README order.
sdk::ConfigSchema configSchema();

struct CsvConfig {
  std::filesystem::path folder;
  char delimiter = ',';
  std::string organizations_file = "organizations.csv";
  std::string people_file = "people.csv";

  // The file that holds an entity; empty for an entity this plugin does not carry.
  std::filesystem::path fileFor(sdk::model::EntityType entity) const;
};

// Checks beyond the schema: the folder exists and is a directory, the delimiter is a single
// character that can delimit, file names are plain names inside the folder.
std::vector<sdk::FieldError> validateConfig(const sdk::Config& config);

// The typed config, or an invalid_config Error listing every problem (field = first key).
sdk::Result<CsvConfig> loadConfig(const sdk::Config& config);

}  // namespace accord::plugins::csv
