#include "cli/api_routes.h"

#include <algorithm>
#include <cctype>

namespace accord::cli {

const std::vector<ApiRoute>& apiRoutes() {
  using S = ApiScope;
  static const std::vector<ApiRoute> routes{
      {{"plugins", "list"}, "GET", "/api/v1/plugins", {}, S::any},
      {{"plugins", "inspect"}, "GET", "/api/v1/plugins/{NAME}", {"NAME"}, S::any},
      {{"org", "list"}, "GET", "/api/v1/orgs", {}, S::any},
      {{"org", "add"}, "POST", "/api/v1/orgs", {"NAME"}, S::global},
      {{"org", "remove"}, "DELETE", "/api/v1/orgs/{ORG}", {"ORG"}, S::global},
      {{"connection", "list"}, "GET", "/api/v1/connections", {}, S::any},
      {{"connection", "list"}, "GET", "/api/v1/orgs/{ORG}/connections", {"ORG"}},
      {{"connection", "add"}, "POST", "/api/v1/orgs/{ORG}/connections", {"ORG", "PLUGIN"},
       S::org, "", {"config"}},
      {{"connection", "enable"}, "POST", "/api/v1/orgs/{ORG}/connections/{CONNECTION}/enable",
       {"ORG", "CONNECTION"}},
      {{"connection", "disable"}, "POST", "/api/v1/orgs/{ORG}/connections/{CONNECTION}/disable",
       {"ORG", "CONNECTION"}},
      {{"connection", "remove"}, "DELETE", "/api/v1/orgs/{ORG}/connections/{CONNECTION}",
       {"ORG", "CONNECTION"}},
      {{"connection", "authorize"}, "POST",
       "/api/v1/orgs/{ORG}/connections/{CONNECTION}/authorize", {"ORG", "CONNECTION"}},
      {{"connection", "complete"}, "POST",
       "/api/v1/orgs/{ORG}/connections/{CONNECTION}/complete", {"ORG", "CONNECTION"}},
      {{"connection", "explain"}, "GET",
       "/api/v1/orgs/{ORG}/connections/{CONNECTION}/explain/{RECORD}",
       {"ORG", "CONNECTION", "RECORD"}},
      {{"connection", "settings"}, "PUT", "/api/v1/orgs/{ORG}/connections/{CONNECTION}/settings",
       {"ORG", "CONNECTION"}, S::org, "file", {"file"}},
      {{"connection", "settings"}, "GET", "/api/v1/orgs/{ORG}/connections/{CONNECTION}/settings",
       {"ORG", "CONNECTION"}},
      {{"sync", "run"}, "POST", "/api/v1/orgs/{ORG}/sync", {"ORG"}},
      {{"sync", "runs"}, "GET", "/api/v1/orgs/{ORG}/runs", {"ORG"}},
      {{"sync", "status"}, "GET", "/api/v1/orgs/{ORG}/status", {"ORG"}},
      {{"record", "show"}, "GET", "/api/v1/orgs/{ORG}/records/{ENTITY}/{ID}",
       {"ORG", "ENTITY", "ID"}},
      {{"preview"}, "GET", "/api/v1/orgs/{ORG}/preview", {"ORG"}},
      {{"matches", "list"}, "GET", "/api/v1/orgs/{ORG}/matches", {"ORG"}},
      {{"matches", "confirm"}, "POST", "/api/v1/matches/{ID}/confirm", {"ID"}, S::issue},
      {{"matches", "separate"}, "POST", "/api/v1/matches/{ID}/separate", {"ID"}, S::issue},
      {{"matches", "ignore"}, "POST", "/api/v1/matches/{ID}/ignore", {"ID"}, S::issue},
      {{"matches", "resync"}, "POST", "/api/v1/resync/{ID}", {"ID"}, S::issue},
      {{"matches", "unsync"}, "POST", "/api/v1/orgs/{ORG}/records/{RECORD}/unsync",
       {"ORG", "RECORD"}},
      {{"matches", "unsynced"}, "GET", "/api/v1/orgs/{ORG}/unsynced", {"ORG"}},
      {{"matches", "rules"}, "PUT", "/api/v1/orgs/{ORG}/match-rules", {"ORG"}, S::org, "set"},
      {{"matches", "rules"}, "GET", "/api/v1/orgs/{ORG}/match-rules", {"ORG"}},
      {{"matches", "log"}, "GET", "/api/v1/orgs/{ORG}/decisions", {"ORG"}},
      {{"push"}, "POST", "/api/v1/orgs/{ORG}/records/{RECORD}/push", {"ORG", "RECORD"}},
      {{"connection", "complete"}, "GET", "/api/v1/oauth/callback", {}, S::callback},
  };
  return routes;
}

const ApiRoute* routeFor(const std::vector<std::string>& command, std::size_t arg_count,
                         const std::vector<std::string>& given_options) {
  for (const auto& route : apiRoutes()) {
    if (route.command != command || route.scope == ApiScope::callback) continue;
    if (route.args.size() != arg_count) continue;
    if (!route.when_option.empty() &&
        std::find(given_options.begin(), given_options.end(), route.when_option) ==
            given_options.end()) {
      continue;
    }
    return &route;
  }
  return nullptr;
}

std::vector<std::string> pathSegments(const std::string& path) {
  std::vector<std::string> out;
  std::string part;
  for (char c : path + "/") {
    if (c != '/') {
      part += c;
    } else if (!part.empty()) {
      out.push_back(std::move(part));
      part.clear();
    }
  }
  return out;
}

bool matchPath(const ApiRoute& route, const std::vector<std::string>& segments,
               std::vector<std::pair<std::string, std::string>>& params) {
  const auto pattern = pathSegments(route.path);
  if (pattern.size() != segments.size()) return false;
  std::vector<std::pair<std::string, std::string>> found;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const std::string& p = pattern[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      found.emplace_back(p.substr(1, p.size() - 2), segments[i]);
    } else if (p != segments[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

std::string argField(const std::string& arg) {
  std::string out;
  for (char c : arg) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace accord::cli
