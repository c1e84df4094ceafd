// The error codes the sandbox answers with are the ones the vendor notes list.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "sandbox/vtiger/errors.h"

namespace accord::sandbox::vtiger {
namespace {

TEST(VtigerSpecTest, EveryErrorCodeComesFromTheNotes) {
  std::ifstream in(VTIGER_NOTES_PATH);
  ASSERT_TRUE(in) << VTIGER_NOTES_PATH;
  std::stringstream notes;
  notes << in.rdbuf();
  for (const char* c : {code::kAccessDenied, code::kAuthRequired, code::kInvalidSession,
                        code::kInvalidCredentials, code::kInvalidToken, code::kMandatoryMissing,
                        code::kInvalidId, code::kQuerySyntax, code::kReferenceInvalid,
                        code::kRecordNotFound, code::kUnknownOperation, code::kInternal,
                        code::kDatabaseError}) {
    EXPECT_NE(notes.str().find(c), std::string::npos) << c << " is not in the vendor notes";
  }
  // The one code of the sandbox's own (cloud call limits) must not pretend to be from them.
  EXPECT_EQ(notes.str().find(code::kTooManyRequests), std::string::npos);
}

}  // namespace
}  // namespace accord::sandbox::vtiger
