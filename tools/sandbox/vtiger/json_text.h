// Writing webservice results straight to JSON text. Records are written this way rather than
// through Poco::JSON objects because query and sync pages of 100 wide records are the
// sandbox's hot path (docs/sandboxes-vtiger.md, Performance).
#pragma once

#include <sstream>
#include <string>
#include <string_view>

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Stringifier.h>

#include "sandbox/common/http.h"
#include "sandbox/vtiger/record_store.h"

namespace accord::sandbox::vtiger {

// Appends `"key":"value"` to an object being written, with a comma unless it is the first.
inline void appendMember(std::string& out, bool& first, std::string_view key,
                         std::string_view value) {
  if (!first) out += ',';
  first = false;
  out += jsonQuote(key);
  out += ':';
  out += jsonQuote(value);
}

inline std::string objectText(const NameValues& members) {
  std::string out = "{";
  bool first = true;
  for (const auto& [k, v] : members) appendMember(out, first, k, v);
  out += '}';
  return out;
}

inline std::string stringify(const Poco::Dynamic::Var& value) {
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(value, out);
  return out.str();
}

}  // namespace accord::sandbox::vtiger
