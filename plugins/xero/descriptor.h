// What the xero plugin declares about itself: entities, operations, sync modes, Xero's limits
// and field rules, and its config schema, as data the hub enforces.
#pragma once

#include "accord/sdk/manifest.h"

namespace accord::plugins::xero {

inline constexpr int kMaxPageSize = 1000;  // Xero's pageSize ceiling
inline constexpr int kMaxBatchSize = 50;   // elements per POST Xero recommends

sdk::Manifest describe();

}  // namespace accord::plugins::xero
