// The body of `accord serve`, callable without the CLI: blocks SIGTERM/SIGINT, opens the
// RuntimeBackend, starts the Service, waits for a signal, shuts down. Returns the exit code
// (0 after a clean shutdown, 1 when the service could not start; the reason is logged).
#pragma once

#include <functional>
#include <iosfwd>

#include "service/config.h"
#include "service/api.h"
#include "service/runtime_backend.h"

namespace accord::service {

class Service;
// Makes the admin API's handler for the service about to start (empty: no /api/v1).
using ApiFactory = std::function<ApiHandler(Service&)>;

int serve(const ServiceConfig& config, const BackendPaths& paths, std::ostream& log_stream,
          const ApiFactory& make_api = {});

// Waits for SIGTERM or SIGINT (blocked beforehand with blockTerminationSignals()), then shuts
// the started service down: running syncs end after the page in hand and are saved. Returns 0.
int runUntilTerminated(Service& service);

}  // namespace accord::service
