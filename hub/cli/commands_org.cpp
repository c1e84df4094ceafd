// accord org add NAME [--slug S] | list | remove ORG [--force]
#include <ostream>

#include "cli/cli.h"
#include "cli/context.h"
#include "cli/output.h"
#include "store/store.h"

namespace accord::cli {
namespace {

int addOrg(Context& ctx, const Invocation& inv) {
  const auto org = orFail(ctx.store().organisations().add(inv.args[0], inv.value("slug").value_or("")));
  ctx.out() << "added organisation " << org.slug << " (" << org.name << ")\n";
  return kExitOk;
}

int listOrgs(Context& ctx, const Invocation& inv) {
  Table table{{"Slug", "Name", "Created"}, {}};
  for (const auto& org : orFail(ctx.store().organisations().list())) {
    if (ctx.visibleOrg() && *ctx.visibleOrg() != org.id) continue;
    table.rows.push_back({org.slug, org.name, org.created_at.toString()});
  }
  if (inv.json) {
    printJson(ctx.out(), tableToJson(table));
  } else {
    printTable(ctx.out(), table);
  }
  return kExitOk;
}

int removeOrg(Context& ctx, const Invocation& inv) {
  const auto removed = ctx.store().organisations().remove(inv.args[0], inv.has("force"));
  if (!removed) throw Failure(removed.error().message);
  ctx.out() << "removed organisation " << inv.args[0] << "\n";
  return kExitOk;
}

}  // namespace

std::vector<Command> orgCommands() {
  return {
      {{"org", "add"}, "NAME", "add an organisation (its slug is derived from the name)",
       {{"slug", "SLUG", "use this slug instead of one derived from the name"}}, 1, 1, addOrg},
      {{"org", "list"}, "", "list organisations", {}, 0, 0, listOrgs},
      {{"org", "remove"}, "ORG", "remove an organisation (refused while it has connections)",
       {{"force", "", "also remove its connections, records and history"}}, 1, 1, removeOrg},
  };
}

}  // namespace accord::cli
