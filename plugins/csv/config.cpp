#include "config.h"

#include <system_error>

namespace accord::plugins::csv {
namespace {

using sdk::ConfigOption;
using sdk::ConfigType;
using sdk::FieldError;

void checkFileName(const sdk::Config& config, const char* key, std::vector<FieldError>& errors) {
  std::string name = config.getString(key);
  if (name.empty()) {
    errors.push_back({key, "must name a file, got an empty string"});
  } else if (name.find('/') != std::string::npos || name == "." || name == "..") {
    errors.push_back({key, "must be a plain file name inside the folder, got \"" + name + "\""});
  }
}

}  // namespace

sdk::ConfigSchema configSchema() {
  return {
      ConfigOption{kFolderKey, ConfigType::string, std::nullopt, true, false,
                   "Folder holding the CSV files; must exist and be a directory."},
      ConfigOption{kDelimiterKey, ConfigType::string, sdk::ConfigValue(std::string(",")), false,
                   false, "Field delimiter, one character (\",\", \";\" or a tab)."},
      ConfigOption{kOrganizationsFileKey, ConfigType::string,
                   sdk::ConfigValue(std::string("organizations.csv")), false, false,
                   "File name, inside the folder, of the organizations table."},
      ConfigOption{kPeopleFileKey, ConfigType::string,
                   sdk::ConfigValue(std::string("people.csv")), false, false,
                   "File name, inside the folder, of the people table."},
  };
}

std::filesystem::path CsvConfig::fileFor(sdk::model::EntityType entity) const {
  switch (entity) {
    case sdk::model::EntityType::organization:
      return folder / organizations_file;
    case sdk::model::EntityType::person:
      return folder / people_file;
    default:
      return {};
  }
}

std::vector<FieldError> validateConfig(const sdk::Config& given) {
  sdk::Config config = sdk::withDefaults(configSchema(), given);
  std::vector<FieldError> errors;
  std::string folder = config.getString(kFolderKey);
  std::error_code ec;
  if (folder.empty()) {
    errors.push_back({kFolderKey, "is required: the folder holding the CSV files"});
  } else if (!std::filesystem::exists(folder, ec)) {
    errors.push_back({kFolderKey, "folder \"" + folder + "\" does not exist"});
  } else if (!std::filesystem::is_directory(folder, ec)) {
    errors.push_back({kFolderKey, "\"" + folder + "\" is not a directory"});
  }
  std::string delimiter = config.getString(kDelimiterKey);
  if (delimiter.size() != 1) {
    errors.push_back({kDelimiterKey, "must be exactly one character, got \"" + delimiter + "\""});
  } else if (delimiter == "\"" || delimiter == "\r" || delimiter == "\n") {
    errors.push_back({kDelimiterKey, "cannot be a quote or a line break"});
  }
  checkFileName(config, kOrganizationsFileKey, errors);
  checkFileName(config, kPeopleFileKey, errors);
  if (errors.empty() &&
      config.getString(kOrganizationsFileKey) == config.getString(kPeopleFileKey)) {
    errors.push_back({kPeopleFileKey, "must differ from organizations_file"});
  }
  return errors;
}

sdk::Result<CsvConfig> loadConfig(const sdk::Config& given) {
  std::vector<FieldError> errors = validateConfig(given);
  if (!errors.empty()) return sdk::configError("csv", errors);
  sdk::Config config = sdk::withDefaults(configSchema(), given);
  CsvConfig typed;
  typed.folder = config.getString(kFolderKey);
  typed.delimiter = config.getString(kDelimiterKey).front();
  typed.organizations_file = config.getString(kOrganizationsFileKey);
  typed.people_file = config.getString(kPeopleFileKey);
  return typed;
}

}  // namespace accord::plugins::csv
