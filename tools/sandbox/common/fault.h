// Deterministic fault injection. The plan for request number N depends only on the seed, the
// rates and N, so a given seed replays the same faults in the same order.
#pragma once

#include <chrono>
#include <cstdint>

namespace accord::sandbox {

struct FaultOptions {
  std::uint64_t seed = 1;
  double error_rate = 0;      // share of 500/502/503 answers
  double malformed_rate = 0;  // share of bodies replaced by invalid JSON (status kept)
  double truncate_rate = 0;   // share of bodies cut in half (status kept)
  double hang_rate = 0;       // share of requests that never answer (until hang_time / stop)
  std::chrono::milliseconds latency{0};  // added to every request
  double burst429_rate = 0;   // share of requests that start a burst of 429s
  double token_expiry_rate = 0;  // share of requests whose credential expires early
  // No fault that loses an answer after the server acted on it (malformed, truncated, hung) on
  // requests that spend a single-use grant (App::spendsSingleUseGrant); errors and 429s, which
  // come before the server acts, still apply.
  bool spare_token_answers = false;

  bool any() const;
};

enum class FaultKind { kNone, kError, kMalformed, kTruncate, kHang, kBurst429, kTokenExpiry };

struct FaultPlan {
  FaultKind kind = FaultKind::kNone;
  int status = 0;  // for kError: 500, 502 or 503
};

class FaultInjector {
 public:
  explicit FaultInjector(FaultOptions options = {}) : options_(options) {}
  const FaultOptions& options() const { return options_; }
  // The fault for the request with this sequence number (0-based).
  FaultPlan planFor(std::uint64_t sequence) const;

  static constexpr std::uint64_t kMaxBurst = 8;  // a burst is 2..kMaxBurst consecutive 429s

 private:
  bool burstCovers(std::uint64_t sequence) const;
  FaultOptions options_;
};

// Damages a JSON body the way a broken proxy or a cut connection would.
std::string malformBody(const std::string& body);
std::string truncateBody(const std::string& body);

}  // namespace accord::sandbox
