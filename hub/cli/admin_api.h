// The admin API under /api/v1 (docs/api/openapi.yaml): each route runs its CLI command
// (api_routes.h) against the service's store, so the API answers exactly what the command
// prints — its --json output by default, its text with ?format=text.
//
//   AdminApi api(paths, [&](org, connection) { return scheduler.trigger(...); });
//   service.setApi([&](const service::ApiRequest& r) { return api.handle(r); });
//
// Every route but the OAuth2 callback takes `Authorization: Bearer TOKEN` (accord token
// create). Errors are one shape: {"error": {"code": "...", "message": "...", "field": "..."}}
// with 400 bad_request (a field or argument is wrong; `field` names it), 401 unauthorized,
// 403 forbidden (a token for another organisation), 404 not_found, 405 method_not_allowed,
// 409 not_queued, 422 failed (the command refused: the message says why and where).
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>

#include "cli/context.h"
#include "service/api.h"

namespace accord::service {
class Service;
}

namespace accord::cli {

class AdminApi {
 public:
  // `sync run` through the API asks the service's scheduler for a run (one at a time per
  // organisation, as every run of the service); false when it was not taken.
  using SyncNow = std::function<bool(std::int64_t org, std::optional<std::int64_t> connection)>;

  AdminApi(Paths paths, SyncNow sync_now);

  // Thread-safe: requests are answered one at a time (each on its own store connection).
  service::ApiResponse handle(const service::ApiRequest& request);

 private:
  Paths paths_;
  SyncNow sync_now_;
  std::mutex mutex_;
};

// The service's SyncNow: a manual trigger of its scheduler (commands_serve.cpp).
AdminApi::SyncNow syncNowFor(service::Service& service);

}  // namespace accord::cli
