// `accord token create|list|revoke`: the admin API's bearer tokens. They work on the host's
// store only (never through --server): whoever runs them can read the store anyway.
#include <iostream>

#include "cli/cli.h"
#include "cli/context.h"
#include "cli/output.h"
#include "store/store.h"

namespace accord::cli {
namespace {

int createToken(Context& ctx, const Invocation& inv) {
  std::optional<store::OrgId> org;
  if (auto slug = inv.value("org")) org = orFail(ctx.store().organisations().get(*slug)).id;
  const auto created = orFail(ctx.store().adminTokens().create(inv.args[0], org));
  if (inv.json) {
    Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
    object.set("name", created.token.name);
    object.set("org", created.token.org_slug ? Poco::Dynamic::Var(*created.token.org_slug)
                                             : Poco::Dynamic::Var());
    object.set("token", created.secret);
    printJson(ctx.out(), object);
    return kExitOk;
  }
  ctx.out() << created.secret << "\n";
  ctx.err() << "token '" << created.token.name << "' for "
            << (created.token.org_slug ? "organisation " + *created.token.org_slug
                                       : std::string("every organisation"))
            << ": shown once, only its hash is kept; send it as Authorization: Bearer TOKEN\n";
  return kExitOk;
}

int listTokens(Context& ctx, const Invocation& inv) {
  Table table{{"Name", "Org", "Created", "Last used"}, {}};
  for (const auto& t : orFail(ctx.store().adminTokens().list())) {
    table.rows.push_back({t.name, t.org_slug.value_or("*"), t.created_at.toString(),
                          t.last_used_at ? t.last_used_at->toString() : "-"});
  }
  if (inv.json) {
    printJson(ctx.out(), tableToJson(table));
  } else {
    printTable(ctx.out(), table);
  }
  return kExitOk;
}

int revokeToken(Context& ctx, const Invocation& inv) {
  orFail(ctx.store().adminTokens().revoke(inv.args[0]));
  ctx.out() << "revoked token " << inv.args[0] << "\n";
  return kExitOk;
}

}  // namespace

std::vector<Command> tokenCommands() {
  return {
      {{"token", "create"}, "NAME", "make an admin API token (printed once; only its hash is kept)",
       {{"org", "ORG", "the one organisation it may reach (default: every one)"}}, 1, 1,
       createToken},
      {{"token", "list"}, "", "admin API tokens: name, organisation, last use (never the token)",
       {}, 0, 0, listTokens},
      {{"token", "revoke"}, "NAME", "delete a token: requests with it get 401 from then on", {}, 1,
       1, revokeToken},
  };
}

}  // namespace accord::cli
