#include "sandbox/common/fault.h"

#include <string>

namespace accord::sandbox {

namespace {

// splitmix64: a tiny, well-mixed hash so request N's fault depends only on (seed, N, salt).
std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::uint64_t draw(std::uint64_t seed, std::uint64_t sequence, std::uint64_t salt) {
  return mix(mix(seed ^ (salt * 0x632be59bd9b4e019ULL)) ^ sequence);
}

double unit(std::uint64_t bits) {
  return static_cast<double>(bits >> 11) * (1.0 / 9007199254740992.0);  // [0, 1)
}

constexpr std::uint64_t kSaltKind = 1, kSaltStatus = 2, kSaltBurst = 3, kSaltBurstLength = 4;

}  // namespace

bool FaultOptions::any() const {
  return error_rate > 0 || malformed_rate > 0 || truncate_rate > 0 || hang_rate > 0 ||
         latency.count() > 0 || burst429_rate > 0 || token_expiry_rate > 0;
}

bool FaultInjector::burstCovers(std::uint64_t sequence) const {
  if (options_.burst429_rate <= 0) return false;
  std::uint64_t first = sequence >= kMaxBurst ? sequence - kMaxBurst + 1 : 0;
  for (std::uint64_t start = first; start <= sequence; ++start) {
    if (unit(draw(options_.seed, start, kSaltBurst)) >= options_.burst429_rate) continue;
    std::uint64_t length = 2 + draw(options_.seed, start, kSaltBurstLength) % (kMaxBurst - 1);
    if (sequence - start < length) return true;
  }
  return false;
}

FaultPlan FaultInjector::planFor(std::uint64_t sequence) const {
  if (burstCovers(sequence)) return {FaultKind::kBurst429, 429};
  double u = unit(draw(options_.seed, sequence, kSaltKind));
  const std::pair<double, FaultKind> shares[] = {
      {options_.error_rate, FaultKind::kError},
      {options_.malformed_rate, FaultKind::kMalformed},
      {options_.truncate_rate, FaultKind::kTruncate},
      {options_.hang_rate, FaultKind::kHang},
      {options_.token_expiry_rate, FaultKind::kTokenExpiry},
  };
  double edge = 0;
  for (const auto& [share, kind] : shares) {
    edge += share;
    if (u < edge) {
      FaultPlan plan{kind, 0};
      if (kind == FaultKind::kError) {
        static constexpr int kStatuses[] = {500, 502, 503};
        plan.status = kStatuses[draw(options_.seed, sequence, kSaltStatus) % 3];
      }
      return plan;
    }
  }
  return {};
}

std::string malformBody(const std::string& body) {
  // What a misbehaving gateway does: an HTML error page where JSON was promised.
  std::string cut = body.substr(0, body.size() / 3);
  return cut + "<html><body>Bad Gateway</body></html>";
}

std::string truncateBody(const std::string& body) {
  if (body.size() < 2) return "{";
  return body.substr(0, body.size() / 2);
}

}  // namespace accord::sandbox
