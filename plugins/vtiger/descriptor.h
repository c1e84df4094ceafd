// What the vtiger plugin declares about itself: entities, operations, sync modes, limits, the
// fields vtiger cannot hold and the config schema, as data the hub enforces.
#pragma once

#include "accord/sdk/manifest.h"

namespace accord::plugins::vtiger {

sdk::Manifest describe();

}  // namespace accord::plugins::vtiger
