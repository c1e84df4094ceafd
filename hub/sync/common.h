// Shared vocabulary of accord::sync.
#pragma once

#include "accord/sdk/model/record.h"
#include "accord/sdk/result.h"

namespace accord::sync {

using sdk::Error;
using sdk::ErrorKind;
using sdk::Result;
namespace model = sdk::model;

}  // namespace accord::sync
