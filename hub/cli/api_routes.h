// The admin API is the CLI's commands over HTTP: this table says, for each command, its
// method and path under /api/v1. The service answers a route by running the command
// (admin_api.h); `accord --server URL ...` sends a command to its route (remote.h). One table
// for both sides, so the API and the CLI cannot drift apart, and docs/api/openapi.yaml is
// checked against it (tests/cli/api_routes_test.cpp).
//
// A command's positional arguments are path parameters ({ORG}) or, when not in the path,
// fields named in lowercase ("plugin"); its options are fields by their names ("config",
// "limit"); flags are true/false fields. Fields come from the query string, or for POST and
// PUT also from a JSON object body. A file option (connection add --config FILE) is sent as the
// file's JSON content in the field.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace accord::cli {

// Which tokens may call a route.
enum class ApiScope {
  any,       // every token; listings across organisations show an org token's own only
  global,    // tokens for every organisation only (org add, org remove)
  org,       // the {ORG} in the path must be the token's organisation
  issue,     // the match issue (or record) {ID} must belong to the token's organisation
  callback,  // no token: the OAuth2 redirect, authenticated by its single-use state
};

struct ApiRoute {
  std::vector<std::string> command;   // {"connection", "add"}
  std::string method;                 // "POST"
  std::string path;                   // "/api/v1/orgs/{ORG}/connections"
  std::vector<std::string> args;      // the command's positional arguments, in order
  ApiScope scope = ApiScope::org;
  // Set when this route serves the command only with this option given (connection settings
  // --file is a PUT, without it a GET); such routes come before their option-less sibling.
  std::string when_option;
  std::vector<std::string> file_options;  // options whose value is a file's JSON content
};

const std::vector<ApiRoute>& apiRoutes();

// The route for a command given with these arguments and options; nullptr when the command has
// no route (accord serve, accord token, accord key: they work on the host's store only).
const ApiRoute* routeFor(const std::vector<std::string>& command, std::size_t arg_count,
                         const std::vector<std::string>& given_options);

// "/api/v1/orgs/{ORG}" split into segments: {"api", "v1", "orgs", "{ORG}"}.
std::vector<std::string> pathSegments(const std::string& path);

// Matches a request path against a route's; fills the parameters ({"ORG": "acme"}).
bool matchPath(const ApiRoute& route, const std::vector<std::string>& segments,
               std::vector<std::pair<std::string, std::string>>& params);

// "ORG" -> "org": the field name of a positional argument that is not in the path.
std::string argField(const std::string& arg);

}  // namespace accord::cli
