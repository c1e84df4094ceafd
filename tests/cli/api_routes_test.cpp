// The route table against the commands it runs, and docs/api/openapi.yaml against the routes the
// running service really answers: a documented route that the server does not have, or a route
// missing from the document, fails here.
#include <yaml-cpp/yaml.h>

#include <regex>
#include <set>

#include "api_fixture.h"
#include "cli/api_routes.h"

namespace accord::cli::testing {
namespace {

using MethodPath = std::pair<std::string, std::string>;

std::set<MethodPath> documented() {
  const YAML::Node doc = YAML::LoadFile(ACCORD_OPENAPI_FILE);
  std::set<MethodPath> routes;
  for (const auto& path : doc["paths"]) {
    for (const auto& op : path.second) {
      std::string method = op.first.as<std::string>();
      if (method == "parameters") continue;
      for (auto& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      routes.insert({method, path.first.as<std::string>()});
    }
  }
  return routes;
}

TEST(ApiRoutes, EachRunsAKnownCommandWithItsArgumentsAndOptions) {
  for (const auto& route : apiRoutes()) {
    const Command* command = commandNamed(route.command);
    ASSERT_NE(command, nullptr) << route.path;
    if (route.scope != ApiScope::callback) {
      EXPECT_GE(route.args.size(), command->min_args) << route.path;
      EXPECT_LE(route.args.size(), command->max_args) << route.path;
    }
    for (const auto& part : pathSegments(route.path)) {
      if (part.front() != '{') continue;
      const std::string name = part.substr(1, part.size() - 2);
      EXPECT_TRUE(std::count(route.args.begin(), route.args.end(), name)) << route.path;
    }
    std::vector<std::string> options = route.file_options;
    if (!route.when_option.empty()) options.push_back(route.when_option);
    for (const auto& name : options) {
      EXPECT_TRUE(std::any_of(command->options.begin(), command->options.end(),
                              [&](const OptionSpec& o) { return o.name == name; }))
          << route.path << " --" << name;
    }
  }
}

TEST(ApiRoutes, EveryRouteIsInTheOpenApiDocument) {
  const auto doc = documented();
  for (const auto& route : apiRoutes()) {
    EXPECT_TRUE(doc.count({route.method, route.path})) << route.method << " " << route.path;
  }
}

TEST(ApiRoutes, EveryCommandButTheHostOnesHasARoute) {
  const std::set<std::vector<std::string>> host_only{
      {"serve"}, {"token", "create"}, {"token", "list"}, {"token", "revoke"},
      {"key", "init"}, {"key", "rotate"}};  // the key never travels
  for (const auto& command : commands()) {
    if (host_only.count(command.words)) continue;
    const bool routed = std::any_of(apiRoutes().begin(), apiRoutes().end(),
                                    [&](const ApiRoute& r) { return r.command == command.words; });
    EXPECT_TRUE(routed) << command.words.front();
  }
}

TEST_F(ApiTest, EveryDocumentedRouteIsOneTheServerHas) {
  for (const auto& [method, path] : documented()) {
    std::string concrete = std::regex_replace(path, std::regex("\\{[A-Za-z]+\\}"), "acme");
    const auto reply = call(method, concrete, admin_);
    EXPECT_EQ(reply.body.find("no route for"), std::string::npos) << method << " " << path;
    EXPECT_NE(reply.status, 405) << method << " " << path;
  }
}

}  // namespace
}  // namespace accord::cli::testing
