// A journal: one entered by hand (Xero ManualJournal) or one the app generated from another
// transaction (Xero Journal, read-only).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accord/sdk/model/entity.h"
#include "accord/sdk/model/line_item.h"

namespace accord::sdk::model {

inline constexpr std::string_view kJournalKinds[] = {"manual", "generated"};
inline constexpr std::string_view kJournalStatuses[] = {"draft", "posted", "voided"};

struct JournalLine {
  Ref account;
  std::string description;
  Decimal amount;  // positive debits, negative credits; a journal's lines sum to zero
  Ref tax_code;
  Decimal tax_amount;
  template <typename Self, typename V>
  static void describe(Self& s, V& v) {
    v("account", s.account);
    v("description", s.description);
    v("amount", s.amount);
    v("tax_code", s.tax_code);
    v("tax_amount", s.tax_amount);
  }
  friend bool operator==(const JournalLine&, const JournalLine&) = default;
};

struct Journal {
  static constexpr EntityType kType = EntityType::journal;
  RecordMeta meta;
  std::string kind = "manual";  // kJournalKinds
  std::string number;
  std::optional<Date> date;
  std::string narration;
  std::string reference;
  std::string status = "draft";              // kJournalStatuses
  std::string line_amount_types = "no_tax";  // kLineAmountTypes
  std::string source_type;  // generated journals: the app's source kind ("accrec", "cashpaid")
  Ref source;               // generated journals: the record they came from, when modelled
  std::vector<JournalLine> lines;

  template <typename Self, typename V>
  static void describe(Self& s, V& v) {
    v("kind", s.kind, oneOf(kJournalKinds));
    v("number", s.number);
    v("date", s.date);
    v("narration", s.narration);
    v("reference", s.reference);
    v("status", s.status, oneOf(kJournalStatuses));
    v("line_amount_types", s.line_amount_types, oneOf(kLineAmountTypes));
    v("source_type", s.source_type);
    v("source", s.source);
    v("lines", s.lines);
  }
  friend bool operator==(const Journal&, const Journal&) = default;
};

}  // namespace accord::sdk::model
