// The matcher: hash indexes on normalised keys over the records an incoming record may be, so
// matching N incoming against M existing costs about N + M hash look-ups, never N x M
// comparisons.
//
//   Matcher matcher(EntityType::organization, settings);
//   matcher.add(record_id, existing);           // every candidate, once
//   MatchResult r = matcher.match(incoming);    // full / conflict / none
//   matcher.remove(record_id);                  // linked now: no longer a candidate
//
// Outcomes, per candidate found through an indexed key: a key agrees when both records have it
// and the normalised values are equal, differs when both have it and they are not; a key one
// side lacks is not compared. A candidate is a full match when no compared key differs. One
// full match links; two or more full matches tie (a conflict, never a guess); candidates that
// agree on some keys and differ on others are a conflict; no candidate is no match.
//
// Threading: match() is const and may run on several threads at once; add/remove may not.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "matching/rules.h"

namespace accord::matching {

enum class MatchKind { none, full, conflict };
std::string_view toString(MatchKind kind) noexcept;

struct Candidate {
  std::string record_id;
  std::vector<std::string> agreed;     // key names
  std::vector<std::string> disagreed;
  double score = 0;                    // agreed / compared
  std::string reasons() const;         // "name agrees; email differs"
};

struct MatchResult {
  MatchKind kind = MatchKind::none;
  std::string record_id;               // the full match
  std::vector<Candidate> candidates;   // best first, at most kMaxCandidates
  std::string reason;                  // why a conflict is one, for the review queue
};

inline constexpr std::size_t kMaxCandidates = 10;

// How two records compare key by key (what `accord matches list` shows).
struct KeyComparison {
  std::string key;
  std::string incoming;  // normalised
  std::string existing;
  enum class State { agreed, disagreed, not_compared } state = State::not_compared;
};
std::vector<KeyComparison> compareKeys(const model::Record& incoming,
                                       const model::Record& existing,
                                       const MatchSettings& settings);

class Matcher {
 public:
  Matcher(model::EntityType entity, const MatchSettings& settings);

  // False when the organisation turned matching off for this entity (or it has no keys).
  bool enabled() const { return !keys_.empty(); }
  model::EntityType entity() const { return entity_; }
  // A record without any indexed key value is not added (nothing could find it).
  void add(std::string record_id, const model::Record& record);
  void remove(std::string_view record_id);
  std::size_t size() const { return live_; }

  MatchResult match(const model::Record& incoming) const;

 private:
  struct Entry {
    std::string record_id;
    std::vector<std::string> values;  // per key, in keys_ order
    bool removed = false;
  };
  std::vector<std::string> valuesOf(const model::Record& record) const;
  Candidate compare(const std::vector<std::string>& incoming, const Entry& entry) const;

  model::EntityType entity_;
  MatchSettings settings_;
  std::vector<const KeyDefinition*> keys_;
  std::vector<Entry> entries_;
  std::unordered_map<std::string, std::uint32_t> by_id_;
  // One index per key (empty maps for compared-only keys): value -> entries.
  std::vector<std::unordered_map<std::string, std::vector<std::uint32_t>>> indexes_;
  std::size_t live_ = 0;
};

}  // namespace accord::matching
