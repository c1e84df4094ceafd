#include "store/organisations.h"

#include <cctype>

namespace accord::store {
namespace {

constexpr std::string_view kColumns = "id, slug, name, created_at";

Organisation readOrg(const Statement& st) {
  return Organisation{st.columnInt(0), st.columnText(1), st.columnText(2),
                      fromMillis(st.columnInt(3))};
}

bool validSlug(std::string_view slug) {
  if (slug.empty() || slug.size() > 64 || slug.front() == '-' || slug.back() == '-') return false;
  for (char c : slug) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return true;
}

Result<std::optional<Organisation>> findWhere(Database& db, std::string_view where,
                                              const auto& key) {
  auto st = db.prepare("SELECT " + std::string(kColumns) + " FROM organisations WHERE " +
                           std::string(where),
                       key);
  if (!st) return st.error();
  auto row = st->step();
  if (!row) return row.error();
  if (!row.value()) return std::optional<Organisation>{};
  return std::optional<Organisation>(readOrg(st.value()));
}

}  // namespace

std::string slugFromName(std::string_view name) {
  std::string slug;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) && u < 0x80) {
      slug += static_cast<char>(std::tolower(u));
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug.substr(0, 64);
}

Result<Organisation> Organisations::add(std::string_view name, std::string_view slug_in) {
  if (name.empty()) {
    return sdk::makeError(ErrorKind::permanent, "organisation name must not be empty", "name");
  }
  const std::string slug = slug_in.empty() ? slugFromName(name) : std::string(slug_in);
  if (!validSlug(slug)) {
    return sdk::makeError(ErrorKind::permanent,
                          "organisation slug '" + slug +
                              "' must be 1-64 lowercase letters, digits and '-'",
                          "slug");
  }
  auto tx = Transaction::begin(ctx_.db);
  if (!tx) return tx.error();
  auto existing = find(slug);
  if (!existing) return existing.error();
  if (existing.value()) {
    return sdk::makeError(ErrorKind::permanent, "organisation '" + slug + "' already exists",
                          "slug");
  }
  const std::int64_t now = ctx_.now();
  ACCORD_STORE_TRY(ctx_.db.run(
      "INSERT INTO organisations (slug, name, created_at) VALUES (?1, ?2, ?3)", slug, name, now));
  Organisation org{ctx_.db.lastInsertId(), slug, std::string(name), fromMillis(now)};
  ACCORD_STORE_TRY(tx->commit());
  return org;
}

Result<std::vector<Organisation>> Organisations::list() {
  auto st = ctx_.db.prepare("SELECT " + std::string(kColumns) + " FROM organisations ORDER BY slug");
  if (!st) return st.error();
  std::vector<Organisation> out;
  for (;;) {
    auto row = st->step();
    if (!row) return row.error();
    if (!row.value()) return out;
    out.push_back(readOrg(st.value()));
  }
}

Result<std::optional<Organisation>> Organisations::find(std::string_view slug) {
  return findWhere(ctx_.db, "slug = ?1", slug);
}

Result<Organisation> Organisations::get(std::string_view slug) {
  auto found = find(slug);
  if (!found) return found.error();
  if (!found.value()) return notFound("no organisation '" + std::string(slug) + "'");
  return *found.value();
}

Result<Organisation> Organisations::get(OrgId id) {
  auto found = findWhere(ctx_.db, "id = ?1", id);
  if (!found) return found.error();
  if (!found.value()) return notFound("no organisation with id " + std::to_string(id));
  return *found.value();
}

Result<void> Organisations::remove(std::string_view slug, bool force) {
  auto tx = Transaction::begin(ctx_.db);
  if (!tx) return tx.error();
  auto org = get(slug);
  if (!org) return org.error();
  auto st = ctx_.db.prepare("SELECT name FROM connections WHERE org_id = ?1 ORDER BY name",
                            org->id);
  if (!st) return st.error();
  std::string names;
  for (;;) {
    auto row = st->step();
    if (!row) return row.error();
    if (!row.value()) break;
    names += (names.empty() ? "" : ", ") + st->columnText(0);
  }
  if (!names.empty() && !force) {
    return sdk::makeError(ErrorKind::permanent,
                          "organisation '" + std::string(slug) + "' still has connections (" +
                              names + "); remove them first or force the removal");
  }
  ACCORD_STORE_TRY(ctx_.db.run("DELETE FROM organisations WHERE id = ?1", org->id));
  return tx->commit();
}

}  // namespace accord::store
