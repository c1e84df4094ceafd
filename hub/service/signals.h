// SIGTERM and SIGINT for `accord serve`: blocked in every thread (call before starting any) and
// taken synchronously by waitForTermination(), so shutdown runs as ordinary code rather than in
// a signal handler.
#pragma once

namespace accord::service {

void blockTerminationSignals();
int waitForTermination();  // returns the signal number

}  // namespace accord::service
