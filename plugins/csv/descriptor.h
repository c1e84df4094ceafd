// What the csv plugin declares about itself: entities, operations, sync modes, limits and
// config schema, as data the hub enforces (plugins never enforce their own limits).
#pragma once

#include "accord/sdk/manifest.h"

namespace accord::plugins::csv {

inline constexpr int kMaxPageSize = 500;
inline constexpr int kMaxBatchSize = 500;

sdk::Manifest describe();

}  // namespace accord::plugins::csv
