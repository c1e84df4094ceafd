// The admin API's seam: the service hands every /api/v1 request, read whole, to one handler and
// sends back what it answers. The handler (cli::AdminApi, hub/cli/admin_api.h) lives above the
// service because it runs the CLI's own commands; the service only carries requests.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace accord::service {

struct ApiRequest {
  std::string method;                         // "GET"
  std::vector<std::string> path;              // {"api", "v1", "orgs", "acme"}
  std::map<std::string, std::string> query;   // decoded
  std::string authorization;                  // the Authorization header, as sent
  std::string body;
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::map<std::string, std::string> headers;  // extra response headers
};

using ApiHandler = std::function<ApiResponse(const ApiRequest&)>;

}  // namespace accord::service
