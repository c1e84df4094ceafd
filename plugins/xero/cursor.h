// The read cursor, opaque to the hub: "v1:<since>:<high>:<page>:<phase>:<journal offset>"
// and ":<served>" when part of a Xero page is served (people: a contact yields up to six).
// A pass pages through everything modified since `since` (Xero's If-Modified-Since); the next
// pass starts from the newest modified time the last one saw (`high`).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace accord::plugins::xero {

struct Cursor {
  std::int64_t since_ms = 0;  // 0: no If-Modified-Since (everything)
  std::int64_t high_ms = 0;   // newest UpdatedDateUTC seen in this pass
  std::int64_t page = 1;      // Xero page (paged endpoints) or offset (unpaged ones)
  int phase = 0;              // journals: 0 ManualJournals, 1 generated Journals
  std::int64_t journal_offset = 0;  // generated journals: the last JournalNumber returned
  std::int64_t served = 0;  // entries of Xero page `page` already served (a page cut short)

  std::string toString() const;
  static std::optional<Cursor> parse(const std::string& text);  // "" is the start
  // The cursor of the next pass, once this one has seen everything.
  Cursor nextPass() const;
};

}  // namespace accord::plugins::xero
