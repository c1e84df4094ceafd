// The honest descriptor the forged plugins start from. Split from forged_entry.cpp so the heavy
// SDK headers are compiled once for all the forged variants.
#pragma once

#include "accord/sdk/abi.h"

namespace accord::test {
const AccordPluginDescriptor* forgedBaseDescriptor() noexcept;
}
