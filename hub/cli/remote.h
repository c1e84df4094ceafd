// `accord --server URL COMMAND ...`: the command runs on a running hub through its admin API
// (api_routes.h says where each command goes) and prints what the hub answered, so the same
// commands work on the local store and on a server. The token comes from --token-file FILE or
// $ACCORD_TOKEN; $ACCORD_CA_FILE names a CA to trust for an https:// hub with its own
// certificate.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

#include "cli/command.h"

namespace accord::cli {

struct Remote {
  std::string url;    // "http://127.0.0.1:8080"
  std::string token;  // never printed
};

// The server to run on: --server, else $ACCORD_SERVER; nullopt for the local store. Failure
// when a server is given without a token.
std::optional<Remote> remoteFor(const Invocation& inv);

// Sends the command to its route and prints the answer: the body on `out` when it succeeded,
// "accord COMMAND: error: MESSAGE" on `err` when not. Exit codes as locally (2 for a 400).
int runRemote(const Command& command, const Invocation& inv, const Remote& remote,
              std::ostream& out, std::ostream& err);

}  // namespace accord::cli
