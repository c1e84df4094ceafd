// accord sync runs ORG | status ORG: what the sync engine did and where each connection stands,
// read from the store only.
#include <ostream>

#include "cli/cli.h"
#include "cli/context.h"
#include "cli/output.h"
#include "store/store.h"

namespace accord::cli {
namespace {

template <typename T>
T orFail(sdk::Result<T> result) {
  if (!result) throw Failure(result.error().message);
  return std::move(result).value();
}

std::string timeText(const std::optional<sdk::Timestamp>& t) { return t ? t->toString() : "-"; }

// What a run's row does not count itself, derived from what the run wrote.
struct RunExtras {
  std::int64_t archived = 0;  // canonical versions written archived or deleted
  std::int64_t warnings = 0;  // links whose warning was set while the run ran
};

RunExtras runExtras(Context& ctx, const store::SyncRun& run) {
  // Why SQL here: the store's run row has no such counters; the change log and the id map know.
  const std::int64_t end =
      run.finished_at ? run.finished_at->epochMillis() : store::nowMillis(ctx.store().clock());
  auto st = orFail(ctx.store().db().prepare(
      "SELECT (SELECT count(*) FROM change_log WHERE run_id = ?1 AND status != 'active'), "
      "(SELECT count(*) FROM id_map m JOIN connections c ON c.id = m.connection_id "
      " WHERE c.org_id = ?2 AND m.last_warning IS NOT NULL AND m.last_warning_at BETWEEN ?3 AND ?4)",
      run.id, run.org_id, run.started_at.epochMillis(), end));
  RunExtras extras;
  if (orFail(st.step())) extras = {st.columnInt(0), st.columnInt(1)};
  return extras;
}

int listRuns(Context& ctx, const Invocation& inv) {
  const auto org = orFail(ctx.store().organisations().get(inv.args[0]));
  int limit = 20;
  if (auto text = inv.value("limit")) {
    try {
      std::size_t used = 0;
      limit = std::stoi(*text, &used);
      if (used != text->size() || limit <= 0) throw std::invalid_argument(*text);
    } catch (const std::exception&) {
      throw UsageError("--limit takes a positive number, got '" + *text + "'");
    }
  }
  Table table{{"Run", "Started", "Finished", "Trigger", "Status", "Pulled", "Created", "Updated",
               "Archived", "Echoes skipped", "Pushed", "Warnings", "Errors", "Error"},
              {}};
  for (const auto& run : orFail(ctx.store().syncRuns().list(org.id, std::nullopt, limit))) {
    const RunExtras extras = runExtras(ctx, run);
    const auto& c = run.counts;
    table.rows.push_back({std::to_string(run.id), run.started_at.toString(),
                          timeText(run.finished_at), run.trigger,
                          std::string(store::toString(run.status)), std::to_string(c.pulled),
                          std::to_string(c.created), std::to_string(c.updated),
                          std::to_string(extras.archived), std::to_string(c.unchanged),
                          std::to_string(c.pushed), std::to_string(extras.warnings),
                          std::to_string(c.errors), run.error.value_or("")});
  }
  if (inv.json) {
    printJson(ctx.out(), tableToJson(table));
  } else {
    printTable(ctx.out(), table);
  }
  return kExitOk;
}

struct CursorRow {
  std::string entity;
  std::string kind;
  std::string value;
  sdk::Timestamp updated_at;
};

std::vector<CursorRow> cursorsOf(Context& ctx, store::ConnectionId connection) {
  // Why SQL here: the store's Cursors reads one (entity, kind) at a time; status shows them all.
  auto st = orFail(ctx.store().db().prepare(
      "SELECT entity, kind, value, updated_at FROM cursors WHERE connection_id = ?1 "
      "ORDER BY entity, kind",
      connection));
  std::vector<CursorRow> rows;
  while (orFail(st.step())) {
    rows.push_back({st.columnText(0), st.columnText(1), st.columnText(2),
                    store::fromMillis(st.columnInt(3))});
  }
  return rows;
}

// The newest run that covered the connection: its own, or one of the whole organisation.
std::optional<store::SyncRun> lastRunOf(Context& ctx, const store::Connection& c) {
  std::optional<store::SyncRun> last;
  for (const auto& run : orFail(ctx.store().syncRuns().list(c.org_id, std::nullopt, 200))) {
    if (!run.connection_id || *run.connection_id == c.id) return run;
  }
  return last;
}

struct ConnectionView {
  store::Connection connection;
  std::optional<store::SyncRun> last_run;
  int warnings = 0;
  int errors = 0;
  std::string health = "healthy";
  std::vector<CursorRow> cursors;
};

ConnectionView viewOf(Context& ctx, const store::Connection& c) {
  ConnectionView view{c, lastRunOf(ctx, c), 0, 0, "healthy", cursorsOf(ctx, c.id)};
  for (const auto& link : orFail(ctx.store().idMap().problems(c.id))) {
    view.warnings += link.last_warning ? 1 : 0;
    view.errors += link.last_error ? 1 : 0;
  }
  return view;
}

std::string runText(const std::optional<store::SyncRun>& run) {
  if (!run) return "never";
  return "#" + std::to_string(run->id) + " " + std::string(store::toString(run->status)) + " " +
         timeText(run->finished_at ? run->finished_at : run->started_at);
}

Table connectionsTable(const std::vector<ConnectionView>& views) {
  Table table{{"Connection", "Plugin", "Enabled", "Last run", "Health", "Records with warnings",
               "Records with errors"},
              {}};
  for (const auto& v : views) {
    table.rows.push_back({v.connection.name, v.connection.plugin,
                          v.connection.enabled ? "yes" : "no", runText(v.last_run), v.health,
                          std::to_string(v.warnings), std::to_string(v.errors)});
  }
  return table;
}

Table cursorsTable(const ConnectionView& v) {
  Table table{{"Connection", "Entity", "Kind", "Cursor", "Updated"}, {}};
  for (const auto& c : v.cursors) {
    table.rows.push_back({v.connection.name, c.entity, c.kind, c.value, c.updated_at.toString()});
  }
  return table;
}

void printStatusJson(std::ostream& out, const store::Organisation& org,
                     const std::vector<ConnectionView>& views) {
  const Table rows = connectionsTable(views);
  auto connections = tableToJson(rows);
  for (std::size_t i = 0; i < views.size(); ++i) {
    auto object = connections->getObject(static_cast<unsigned>(i));
    object->set("cursors", tableToJson(cursorsTable(views[i])));
  }
  Poco::JSON::Object::Ptr json = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  json->set("org", org.slug);
  json->set("connections", connections);
  printJson(out, json);
}

int showStatus(Context& ctx, const Invocation& inv) {
  const auto org = orFail(ctx.store().organisations().get(inv.args[0]));
  std::vector<ConnectionView> views;
  for (const auto& c : orFail(ctx.store().connections().list(org.id))) {
    views.push_back(viewOf(ctx, c));
  }
  if (inv.json) {
    printStatusJson(ctx.out(), org, views);
    return kExitOk;
  }
  ctx.out() << "organisation " << org.slug << "\n";
  printTable(ctx.out(), connectionsTable(views));
  for (const auto& v : views) {
    if (v.health != "healthy") ctx.out() << v.connection.name << ": " << v.health << "\n";
  }
  Table cursors{{"Connection", "Entity", "Kind", "Cursor", "Updated"}, {}};
  for (const auto& v : views) {
    const Table own = cursorsTable(v);
    cursors.rows.insert(cursors.rows.end(), own.rows.begin(), own.rows.end());
  }
  ctx.out() << "\ncursors (pull: the app's position; push: the change log sent up to):\n";
  printTable(ctx.out(), cursors);
  return kExitOk;
}

}  // namespace

std::vector<Command> syncCommands() {
  return {
      {{"sync", "runs"}, "ORG", "sync history, newest first: counts, status and errors of each run",
       {{"limit", "N", "show at most N runs (default 20)"}}, 1, 1, listRuns},
      {{"sync", "status"}, "ORG", "per connection: enabled, last run, health, problems, cursors",
       {}, 1, 1, showStatus},
  };
}

}  // namespace accord::cli
