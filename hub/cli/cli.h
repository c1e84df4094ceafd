// Entry point of the `accord` command line, callable in-process (tests) and from main().
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "cli/command.h"

namespace accord::cli {

// Runs one invocation (args exclude the program name). Returns the exit code.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// Every command the CLI knows, in the order `accord --help` lists them.
const std::vector<Command>& commands();

// The command with exactly these words, or nullptr.
const Command* commandNamed(const std::vector<std::string>& words);

// Command groups, one per file.
std::vector<Command> pluginCommands();
std::vector<Command> orgCommands();
std::vector<Command> connectionCommands();
std::vector<Command> syncCommands();
std::vector<Command> recordCommands();
std::vector<Command> previewCommands();
std::vector<Command> serviceCommands();  // accord serve (commands_serve.cpp)
std::vector<Command> tokenCommands();
std::vector<Command> keyCommands();     // accord key init|rotate (commands_key.cpp)
std::vector<Command> matchCommands();

}  // namespace accord::cli
