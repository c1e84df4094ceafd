// A strict reader of Prometheus text exposition (0.0.4) for the tests: every sample line must
// be `name{label="value",...} number` of a family announced by # HELP and # TYPE lines.
#pragma once

#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace accord::service::testing {

struct Scrape {
  std::map<std::string, std::string> types;  // family -> counter/gauge
  std::map<std::string, double> samples;     // "name{labels}" as written -> value
  std::string problem;                       // first line that does not parse, if any

  std::optional<double> sample(const std::string& key) const {
    auto it = samples.find(key);
    if (it == samples.end()) return std::nullopt;
    return it->second;
  }
};

inline Scrape parsePrometheus(const std::string& text) {
  static const std::regex help(R"(# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .+)");
  static const std::regex type(R"(# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|untyped))");
  static const std::regex sample(
      R"(([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*"(?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*")*\})? (-?[0-9.eE+-]+|NaN|\+Inf|-Inf))");
  Scrape scrape;
  std::set<std::string> helped;
  std::istringstream in(text);
  std::string line;
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_match(line, m, help)) {
      helped.insert(m[1]);
    } else if (std::regex_match(line, m, type)) {
      scrape.types[m[1]] = m[2];
    } else if (std::regex_match(line, m, sample) && scrape.types.count(m[1]) && helped.count(m[1])) {
      scrape.samples[m[1].str() + m[2].str()] = std::stod(m[3]);
    } else if (scrape.problem.empty()) {
      scrape.problem = line.empty() ? "(empty line)" : line;
    }
  }
  return scrape;
}

}  // namespace accord::service::testing
