// The CLI's command table. Each command is data (words, usage, options) plus a handler, so
// `--help` at every level, usage errors and option parsing are handled once, for all commands.
#pragma once

#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "accord/sdk/result.h"

namespace accord::cli {

// Exit codes, as documented in `accord --help`.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// Thrown by handlers for a wrong invocation (exit 2); any other failure is reported with
// exit 1 by the handler itself or through Failure.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
struct Failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct OptionSpec {
  std::string name;  // without dashes: "config"
  std::string value_name;  // empty for a flag
  std::string description;
};

class Context;

struct Invocation {
  std::vector<std::string> args;              // positional arguments after the command words
  std::map<std::string, std::string> values;  // options given with a value
  std::vector<std::string> flags;             // flags given
  bool json = false;                          // --json
  bool has(const std::string& flag) const;
  std::optional<std::string> value(const std::string& name) const;
};

struct Command {
  std::vector<std::string> words;  // {"connection", "add"}
  std::string arguments;           // "ORG PLUGIN"
  std::string summary;
  std::vector<OptionSpec> options;
  std::size_t min_args = 0;
  std::size_t max_args = 0;
  std::function<int(Context&, const Invocation&)> run;
};

// A store or runtime result a command cannot go on without: its error becomes the command's
// failure (exit 1) with the message as it is, which already names the org, record or file.
template <typename T>
T orFail(sdk::Result<T> result) {
  if (!result) throw Failure(result.error().message);
  return std::move(result).value();
}
inline void orFail(sdk::Result<void> result) {
  if (!result) throw Failure(result.error().message);
}

// Options every command accepts.
const std::vector<OptionSpec>& globalOptions();

}  // namespace accord::cli
