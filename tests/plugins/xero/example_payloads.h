// The vendor's own example responses (shared/specs/xero/examples), for mapping tests.
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "json_util.h"

namespace accord::plugins::xero::testing {

// The 200 response body of one example operation, e.g. example("getContacts").
inline JsonObject example(const std::string& operation) {
  std::string path = std::string(XERO_SPECS_DIR) + "/examples/accounting/" + operation + ".json";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  std::string error;
  JsonObject file = parseObject(text.str(), &error);
  if (!file) throw std::runtime_error(path + ": " + error);
  return file->getObject("response_examples")->getObject("200");
}

inline JsonObject element(const std::string& operation, const std::string& key, unsigned i) {
  return example(operation)->getArray(key)->getObject(i);
}

}  // namespace accord::plugins::xero::testing
