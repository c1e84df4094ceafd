#include "cli/cli.h"

#include <algorithm>
#include <cstdlib>
#include <ostream>
#include <set>

#include "cli/context.h"
#include "cli/remote.h"

namespace accord::cli {
namespace {

constexpr const char* kDefaultDb = "var/accord.db";

bool isHelp(const std::string& arg) { return arg == "--help" || arg == "-h"; }

std::string joinWords(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::set<std::string> valuedOptionNames() {
  std::set<std::string> names;
  for (const auto& o : globalOptions()) {
    if (!o.value_name.empty()) names.insert(o.name);
  }
  for (const auto& c : commands()) {
    for (const auto& o : c.options) {
      if (!o.value_name.empty()) names.insert(o.name);
    }
  }
  return names;
}

// The words of the invocation that are not options or option values, with their positions.
std::vector<std::pair<std::size_t, std::string>> bareWords(const std::vector<std::string>& args) {
  const auto valued = valuedOptionNames();
  std::vector<std::pair<std::size_t, std::string>> words;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.rfind("--", 0) == 0) {
      if (a.find('=') == std::string::npos && valued.count(a.substr(2))) ++i;
      continue;
    }
    words.emplace_back(i, a);
  }
  return words;
}

// The command whose words are the longest prefix of the invocation's bare words.
const Command* findCommand(const std::vector<std::pair<std::size_t, std::string>>& words) {
  const Command* best = nullptr;
  for (const auto& c : commands()) {
    if (c.words.size() > words.size()) continue;
    bool match = true;
    for (std::size_t i = 0; i < c.words.size() && match; ++i) match = words[i].second == c.words[i];
    if (match && (!best || c.words.size() > best->words.size())) best = &c;
  }
  return best;
}

void printOptions(std::ostream& out, const std::vector<OptionSpec>& options) {
  for (const auto& o : options) {
    std::string left = "  --" + o.name + (o.value_name.empty() ? "" : " " + o.value_name);
    if (left.size() < 26) left.resize(26, ' ');
    out << left << " " << o.description << '\n';
  }
}

void printCommandHelp(std::ostream& out, const Command& c) {
  out << "usage: accord " << joinWords(c.words) << (c.arguments.empty() ? "" : " " + c.arguments)
      << " [options]\n\n"
      << c.summary << "\n\noptions:\n";
  printOptions(out, c.options);
  printOptions(out, globalOptions());
}

void printOverview(std::ostream& out, const std::string& group) {
  out << "usage: accord " << (group.empty() ? "COMMAND" : group + " COMMAND") << " [options]\n\n"
      << "Accord keeps a business's records in agreement across the apps it uses.\n\n"
      << "commands:\n";
  for (const auto& c : commands()) {
    if (!group.empty() && c.words.front() != group) continue;
    std::string left = "  " + joinWords(c.words) + (c.arguments.empty() ? "" : " " + c.arguments);
    if (left.size() < 40) left.resize(40, ' ');
    out << left << " " << c.summary << '\n';
  }
  out << "\nglobal options:\n";
  printOptions(out, globalOptions());
  out << "\nexit codes: 0 ok, 1 failure, 2 usage error. `accord COMMAND --help` for details.\n";
}

bool isKnownOption(const Command& c, const std::string& name) {
  for (const auto* list : {&c.options, &globalOptions()}) {
    for (const auto& o : *list) {
      if (o.name == name) return true;
    }
  }
  return false;
}

const OptionSpec* findOption(const Command& c, const std::string& name) {
  for (const auto* list : {&c.options, &globalOptions()}) {
    for (const auto& o : *list) {
      if (o.name == name) return &o;
    }
  }
  return nullptr;
}

// Parses the invocation's options and positional arguments against the command's spec.
Invocation parseInvocation(const Command& c, const std::vector<std::string>& args,
                           std::size_t first_arg_word) {
  Invocation inv;
  const auto words = bareWords(args);
  for (std::size_t i = first_arg_word; i < words.size(); ++i) inv.args.push_back(words[i].second);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.rfind("--", 0) != 0) continue;
    std::string name = a.substr(2);
    std::optional<std::string> inline_value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    const OptionSpec* spec = findOption(c, name);
    if (!spec || !isKnownOption(c, name)) throw UsageError("unknown option --" + name);
    if (spec->value_name.empty()) {
      if (inline_value) throw UsageError("option --" + name + " takes no value");
      inv.flags.push_back(name);
      continue;
    }
    if (inline_value) {
      inv.values[name] = *inline_value;
    } else if (i + 1 < args.size()) {
      inv.values[name] = args[++i];
    } else {
      throw UsageError("option --" + name + " needs a value (" + spec->value_name + ")");
    }
  }
  inv.json = inv.has("json");
  if (inv.args.size() < c.min_args) {
    throw UsageError("missing arguments: expected " + c.arguments);
  }
  if (inv.args.size() > c.max_args) {
    throw UsageError("unexpected argument '" + inv.args[c.max_args] + "'");
  }
  return inv;
}

Paths resolvePaths(const Invocation& inv) {
  Paths paths;
  if (auto db = inv.value("db")) {
    paths.db = *db;
  } else if (const char* env = std::getenv("ACCORD_DB"); env && *env) {
    paths.db = env;
  } else {
    paths.db = kDefaultDb;
  }
  if (auto dir = inv.value("plugins")) {
    paths.plugins = *dir;
  } else if (const char* env = std::getenv("ACCORD_PLUGIN_DIR"); env && *env) {
    paths.plugins = env;
  } else {
    paths.plugins = ACCORD_DEFAULT_PLUGIN_DIR;
  }
  if (auto key = inv.value("key-file")) paths.key_file = *key;
  return paths;
}

}  // namespace

bool Invocation::has(const std::string& flag) const {
  for (const auto& f : flags) {
    if (f == flag) return true;
  }
  return false;
}

std::optional<std::string> Invocation::value(const std::string& name) const {
  auto it = values.find(name);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

const std::vector<OptionSpec>& globalOptions() {
  static const std::vector<OptionSpec> options{
      {"db", "PATH", "the store (default: $ACCORD_DB, else ./var/accord.db)"},
      {"plugins", "DIR", "where plugins are found (default: $ACCORD_PLUGIN_DIR, else built-in)"},
      {"key-file", "PATH", "the key sealing secrets (default: $ACCORD_KEY, $ACCORD_KEY_FILE)"},
      {"server", "URL", "run the command on a running hub (default: $ACCORD_SERVER)"},
      {"token-file", "FILE", "the admin API token for --server (default: $ACCORD_TOKEN)"},
      {"json", "", "print JSON instead of a table"},
      {"help", "", "show help for this command"},
  };
  return options;
}

const std::vector<Command>& commands() {
  static const std::vector<Command> all = [] {
    std::vector<Command> list;
    for (auto group : {pluginCommands(), orgCommands(), connectionCommands(),
                        syncCommands(), recordCommands(), matchCommands(),
                        previewCommands(), serviceCommands(), tokenCommands(), keyCommands()}) {
      list.insert(list.end(), group.begin(), group.end());
    }
    return list;
  }();
  return all;
}

const Command* commandNamed(const std::vector<std::string>& words) {
  for (const auto& c : commands()) {
    if (c.words == words) return &c;
  }
  return nullptr;
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const auto words = bareWords(args);
  const bool help = std::any_of(args.begin(), args.end(), isHelp);
  const Command* command = findCommand(words);
  if (!command) {
    if (words.empty() && help) {
      printOverview(out, "");
      return kExitOk;
    }
    const std::string group = words.empty() ? "" : words.front().second;
    bool known_group = false;
    for (const auto& c : commands()) known_group = known_group || c.words.front() == group;
    if (known_group && (help || words.size() == 1)) {
      printOverview(help ? out : err, group);
      return help ? kExitOk : kExitUsage;
    }
    err << "accord: " << (words.empty() ? "no command given" : "unknown command '" +
                                                                   joinWords({group}) + "'")
        << "\n\n";
    printOverview(err, "");
    return kExitUsage;
  }
  if (help) {
    printCommandHelp(out, *command);
    return kExitOk;
  }
  try {
    const Invocation inv = parseInvocation(*command, args, command->words.size());
    if (auto remote = remoteFor(inv)) return runRemote(*command, inv, *remote, out, err);
    Context context(resolvePaths(inv), out, err);
    return command->run(context, inv);
  } catch (const UsageError& e) {
    err << "accord " << joinWords(command->words) << ": " << e.what() << "\n";
    err << "usage: accord " << joinWords(command->words) << " " << command->arguments
        << " [options]  (--help for more)\n";
    return kExitUsage;
  } catch (const Failure& e) {
    err << "accord " << joinWords(command->words) << ": error: " << e.what() << "\n";
    return kExitFailure;
  }
}

}  // namespace accord::cli
