// The conformance checks themselves; registerSuite() makes each one a test. They use GoogleTest
// assertions, so a failure names the check and what was expected. Call them directly to run one
// check inside a test of your own (the suite's own tests do, under EXPECT_FATAL_FAILURE).
#pragma once

#include "accord/sdk/conformance/suite.h"

namespace accord::sdk::conformance::checks {

void manifestIsConsistent(const PluginUnderTest& plugin);
void configOptionsAreDocumented(const PluginUnderTest& plugin);
void emptyConfigNamesRequiredKeys(const PluginUnderTest& plugin);
void invalidConfigIsRefused(const PluginUnderTest& plugin);
void validConfigIsAccepted(const PluginUnderTest& plugin);
void unsupportedEntityIsRefused(const PluginUnderTest& plugin, model::EntityType entity);
void readHonoursPageSize(const PluginUnderTest& plugin, model::EntityType entity);
void createBatchGivesOneOutcomePerOp(const PluginUnderTest& plugin, model::EntityType entity);

}  // namespace accord::sdk::conformance::checks
