#include "matching/matcher.h"

#include <algorithm>

namespace accord::matching {
namespace {

std::string joinKeys(const std::vector<std::string>& keys) {
  std::string out;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    out += (i == 0 ? "" : (i + 1 == keys.size() ? " and " : ", ")) + keys[i];
  }
  return out;
}

std::string conflictReason(const std::vector<Candidate>& candidates, std::size_t full) {
  if (full > 1) {
    return std::to_string(full) + " records match on every key (" +
           joinKeys(candidates.front().agreed) + "): a tie";
  }
  const Candidate& best = candidates.front();
  std::string out = joinKeys(best.agreed) + (best.agreed.size() == 1 ? " agrees" : " agree") +
                    ", " + joinKeys(best.disagreed) +
                    (best.disagreed.size() == 1 ? " differs" : " differ");
  if (candidates.size() > 1) out += " (" + std::to_string(candidates.size()) + " candidates)";
  return out;
}

}  // namespace

std::string_view toString(MatchKind kind) noexcept {
  switch (kind) {
    case MatchKind::none: return "none";
    case MatchKind::full: return "full";
    case MatchKind::conflict: return "conflict";
  }
  return "none";
}

std::string Candidate::reasons() const {
  std::string out;
  for (const auto& key : agreed) out += (out.empty() ? "" : "; ") + key + " agrees";
  for (const auto& key : disagreed) out += (out.empty() ? "" : "; ") + key + " differs";
  return out;
}

std::vector<KeyComparison> compareKeys(const model::Record& incoming,
                                       const model::Record& existing,
                                       const MatchSettings& settings) {
  std::vector<KeyComparison> out;
  for (const KeyDefinition* key : settings.keysFor(model::typeOf(incoming))) {
    KeyComparison c{std::string(key->name), key->read(incoming, settings),
                    key->read(existing, settings)};
    if (!c.incoming.empty() && !c.existing.empty()) {
      c.state = c.incoming == c.existing ? KeyComparison::State::agreed
                                         : KeyComparison::State::disagreed;
    }
    out.push_back(std::move(c));
  }
  return out;
}

Matcher::Matcher(model::EntityType entity, const MatchSettings& settings)
    : entity_(entity), settings_(settings), keys_(settings.keysFor(entity)),
      indexes_(keys_.size()) {}

std::vector<std::string> Matcher::valuesOf(const model::Record& record) const {
  std::vector<std::string> values;
  values.reserve(keys_.size());
  for (const KeyDefinition* key : keys_) values.push_back(key->read(record, settings_));
  return values;
}

void Matcher::add(std::string record_id, const model::Record& record) {
  if (!enabled() || model::typeOf(record) != entity_ || by_id_.count(record_id)) return;
  std::vector<std::string> values = valuesOf(record);
  bool findable = false;
  const auto slot = static_cast<std::uint32_t>(entries_.size());
  for (std::size_t k = 0; k < keys_.size(); ++k) {
    if (!keys_[k]->indexed || values[k].empty()) continue;
    indexes_[k][values[k]].push_back(slot);
    findable = true;
  }
  if (!findable) return;
  by_id_.emplace(record_id, slot);
  entries_.push_back(Entry{std::move(record_id), std::move(values), false});
  ++live_;
}

void Matcher::remove(std::string_view record_id) {
  auto it = by_id_.find(std::string(record_id));
  if (it == by_id_.end() || entries_[it->second].removed) return;
  entries_[it->second].removed = true;
  --live_;
}

Candidate Matcher::compare(const std::vector<std::string>& incoming, const Entry& entry) const {
  Candidate c;
  c.record_id = entry.record_id;
  for (std::size_t k = 0; k < keys_.size(); ++k) {
    if (incoming[k].empty() || entry.values[k].empty()) continue;
    (incoming[k] == entry.values[k] ? c.agreed : c.disagreed).emplace_back(keys_[k]->name);
  }
  const auto compared = c.agreed.size() + c.disagreed.size();
  c.score = compared == 0 ? 0.0 : static_cast<double>(c.agreed.size()) / compared;
  return c;
}

MatchResult Matcher::match(const model::Record& incoming) const {
  MatchResult result;
  if (!enabled() || model::typeOf(incoming) != entity_) return result;
  const std::vector<std::string> values = valuesOf(incoming);
  std::vector<std::uint32_t> found;
  for (std::size_t k = 0; k < keys_.size(); ++k) {
    if (!keys_[k]->indexed || values[k].empty()) continue;
    auto bucket = indexes_[k].find(values[k]);
    if (bucket == indexes_[k].end()) continue;
    found.insert(found.end(), bucket->second.begin(), bucket->second.end());
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  std::size_t full = 0;
  for (std::uint32_t slot : found) {
    if (entries_[slot].removed) continue;
    Candidate c = compare(values, entries_[slot]);
    if (c.disagreed.empty()) ++full;
    result.candidates.push_back(std::move(c));
  }
  if (result.candidates.empty()) return result;
  std::stable_sort(result.candidates.begin(), result.candidates.end(),
                   [](const Candidate& a, const Candidate& b) {
                     if (a.score != b.score) return a.score > b.score;
                     return a.agreed.size() > b.agreed.size();
                   });
  if (full == 1) {
    result.kind = MatchKind::full;
    result.record_id = result.candidates.front().record_id;
    result.candidates.resize(1);
    return result;
  }
  // A full match among partial ones is still the one record every key points at; several full
  // matches, or only partial ones, are for a person to decide.
  result.kind = MatchKind::conflict;
  if (full > 1) {
    std::erase_if(result.candidates, [](const Candidate& c) { return !c.disagreed.empty(); });
  }
  result.reason = conflictReason(result.candidates, full);
  if (result.candidates.size() > kMaxCandidates) result.candidates.resize(kMaxCandidates);
  return result;
}

}  // namespace accord::matching
