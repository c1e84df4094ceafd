// A connection's next status after a run: healthy after a good run; after a failed one, backing
// off (doubling from RecoveryOptions::base up to cap), and after failures_before_recovery failed
// runs in a row, recovery mode (recovery_delay between attempts). Delays are jittered in their
// upper half so connections that failed together do not retry in lockstep, and never shrink
// below half the nominal delay. Internal to accord_runtime.
#pragma once

#include <optional>
#include <random>

#include "accord/sdk/result.h"
#include "runtime/runtime.h"
#include "store/connection_status.h"

namespace accord::runtime {

store::ConnectionStatus nextStatus(const store::ConnectionStatus& previous,
                                   const std::optional<sdk::Error>& failure,
                                   const sdk::Timestamp& now, const RecoveryOptions& options,
                                   std::mt19937_64& rng);

}  // namespace accord::runtime
