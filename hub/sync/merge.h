// The field-by-field merge of a pulled record into the canonical one.
//
// Which fields did the app change? Those where the pulled record differs from the link's base
// (the last body the app and the hub agreed on, see sync_state.h); with no base (a record the
// link has never exchanged) every field that differs from the canonical record counts. A field
// the app changed is applied when the app's modified time (meta.updated_at) is not older than
// the time of the change that last set that field; otherwise the canonical value stays and the
// field counts as a conflict. An authoritative connection's changes always apply. Fields the app
// did not change keep their canonical value, so an app that lags behind never rolls back a
// newer change made elsewhere.
#pragma once

#include <optional>

#include "sync/common.h"
#include "sync/sync_state.h"

namespace accord::sync {

struct MergeInput {
  const sdk::model::Record* current = nullptr;  // canonical, nullptr for a new record
  const sdk::model::Record* base = nullptr;     // the link's base, nullptr when none
  const sdk::model::Record* incoming = nullptr; // pulled, Refs already canonical
  FieldTimes field_times;                       // of the canonical record
  std::int64_t incoming_at_ms = 0;              // the app's modified time of incoming
  bool authoritative = false;
};

struct MergeResult {
  sdk::model::Record merged;
  FieldTimes field_times;
  int conflicts = 0;  // fields the app changed whose newer canonical value was kept
};

MergeResult mergeRecord(const MergeInput& input);

}  // namespace accord::sync
