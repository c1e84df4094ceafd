// The body of `accord serve`, callable without the CLI: blocks SIGTERM/SIGINT, opens the
// RuntimeBackend, starts the Service, waits for a signal, shuts down. Returns the exit code
// (0 after a clean shutdown, 1 when the service could not start; the reason is logged).
#pragma once

#include <iosfwd>

#include "service/config.h"
#include "service/runtime_backend.h"

namespace accord::service {

int serve(const ServiceConfig& config, const BackendPaths& paths, std::ostream& log_stream);

class Service;
// Waits for SIGTERM or SIGINT (blocked beforehand with blockTerminationSignals()), then shuts
// the started service down: running syncs end after the page in hand and are saved. Returns 0.
int runUntilTerminated(Service& service);

}  // namespace accord::service
