// The plugin's one exported symbol: the versioned entry point that hands the host our
// descriptor (manifest + factory). Everything else is hidden.
#include "accord/sdk/plugin.h"
#include "connector.h"
#include "descriptor.h"

ACCORD_PLUGIN(accord::plugins::xero::XeroConnector, accord::plugins::xero::describe)
