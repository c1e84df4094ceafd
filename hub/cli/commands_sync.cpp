// accord sync run ORG: one sync through the runtime (real plugins), with a summary per
// connection and entity. accord sync runs ORG | status ORG: what the sync engine did and where
// each connection stands, read from the store only.
#include <map>
#include <ostream>

#include "cli/cli.h"
#include "cli/context.h"
#include "cli/output.h"
#include "net/host_context.h"
#include "net/waiter.h"
#include "runtime/runtime.h"
#include "store/store.h"

namespace accord::cli {
namespace {

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
      " WHERE c.org_id = ?2 AND m.last_warning IS NOT NULL"
      " AND m.last_warning_at BETWEEN ?3 AND ?4)",
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
  view.health = orFail(ctx.store().connectionStatuses().get(c.id)).describe();
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
  // Health last: in recovery it carries the error and the next attempt, the longest cell.
  Table table{{"Connection", "Plugin", "Enabled", "Last run", "Records with warnings",
               "Records with errors", "Health"},
              {}};
  for (const auto& v : views) {
    table.rows.push_back({v.connection.name, v.connection.plugin,
                          v.connection.enabled ? "yes" : "no", runText(v.last_run),
                          std::to_string(v.warnings), std::to_string(v.errors), v.health});
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
  Table cursors{{"Connection", "Entity", "Kind", "Cursor", "Updated"}, {}};
  for (const auto& v : views) {
    const Table own = cursorsTable(v);
    cursors.rows.insert(cursors.rows.end(), own.rows.begin(), own.rows.end());
  }
  ctx.out() << "\ncursors (pull: the app's position; push: the change log sent up to):\n";
  printTable(ctx.out(), cursors);
  return kExitOk;
}

// What one run did per connection and entity. Why SQL: the engine reports totals only; the
// rest is in what the run wrote — links pulled or warned while it ran, the versions it wrote with
// their source, its push intents.
struct EntityLine {
  std::int64_t pulled = 0, created = 0, updated = 0, pushed = 0, warnings = 0, failed = 0;
};
using Breakdown = std::map<std::pair<store::ConnectionId, std::string>, EntityLine>;

void addCounts(Breakdown& lines, std::int64_t EntityLine::*field,
               sdk::Result<store::Statement> prepared) {
  auto st = orFail(std::move(prepared));
  while (orFail(st.step())) {
    if (st.isNull(0)) continue;  // a version written by a person, not pulled from an app
    lines[{st.columnInt(0), st.columnText(1)}].*field += st.columnInt(2);
  }
}

Breakdown breakdownOf(Context& ctx, const store::SyncRun& run) {
  auto& db = ctx.store().db();
  const std::int64_t from = run.started_at.epochMillis();
  const std::int64_t to =
      run.finished_at ? run.finished_at->epochMillis() : store::nowMillis(ctx.store().clock());
  const std::string links =
      "SELECT m.connection_id, m.entity, count(*) FROM id_map m JOIN connections c ON "
      "c.id = m.connection_id WHERE c.org_id = ?1 AND m.";
  const std::string versions =
      "SELECT source_connection_id, entity, count(*) FROM change_log WHERE run_id = ?1 AND ";
  const std::string intents =
      "SELECT connection_id, entity, count(*) FROM push_intents WHERE run_id = ?1 AND ";
  Breakdown lines;
  const std::string window = " BETWEEN ?2 AND ?3 GROUP BY 1, 2";
  addCounts(lines, &EntityLine::pulled,
            db.prepare(links + "last_pulled_at" + window, run.org_id, from, to));
  addCounts(lines, &EntityLine::warnings,
            db.prepare(links + "last_warning_at" + window, run.org_id, from, to));
  const std::string by = " GROUP BY 1, 2";
  addCounts(lines, &EntityLine::created, db.prepare(versions + "version = 1" + by, run.id));
  addCounts(lines, &EntityLine::updated, db.prepare(versions + "version > 1" + by, run.id));
  addCounts(lines, &EntityLine::pushed, db.prepare(intents + "state = 'done'" + by, run.id));
  addCounts(lines, &EntityLine::failed, db.prepare(intents + "state = 'failed'" + by, run.id));
  return lines;
}

store::SecretBox secretBoxFor(Context& ctx, const std::vector<store::Connection>& connections) {
  bool sealed = false;
  for (const auto& c : connections) sealed = sealed || c.has_secrets;
  // Why: a key is only created when nothing sealed exists yet; with sealed secrets a missing
  // key is an error, never a fresh key that cannot open them.
  return ctx.secretBox(!sealed);
}

// --full: forget the pull cursors, so the next pull reads everything again. The push cursors
// stay: what was sent stays sent, and echo suppression makes the re-read a no-op.
void forgetPullCursors(Context& ctx, const std::vector<store::Connection>& connections) {
  for (const auto& c : connections) {
    orFail(ctx.store().db().run("DELETE FROM cursors WHERE connection_id = ?1 AND kind = 'pull'",
                                c.id));
  }
}

Table entitiesTable(const std::map<store::ConnectionId, store::Connection>& connections,
                    const Breakdown& lines) {
  Table table{{"Connection", "Entity", "Pulled", "Created", "Updated", "Pushed", "Warnings",
               "Errors"},
              {}};
  for (const auto& [key, l] : lines) {
    auto c = connections.find(key.first);
    if (c == connections.end()) continue;
    table.rows.push_back({c->second.name, key.second, std::to_string(l.pulled),
                          std::to_string(l.created), std::to_string(l.updated),
                          std::to_string(l.pushed), std::to_string(l.warnings),
                          std::to_string(l.failed)});
  }
  return table;
}

Table callsTable(runtime::Runtime& rt,
                 const std::map<store::ConnectionId, store::Connection>& connections) {
  Table table{{"Connection", "API calls", "Throttled", "Waited ms", "Retries", "Renewals"}, {}};
  for (const auto& [id, c] : connections) {
    const auto m = rt.metrics(id);
    table.rows.push_back({c.name, std::to_string(m.http.requests), std::to_string(m.http.throttled),
                          std::to_string(m.http.waited.count()), std::to_string(m.retries),
                          std::to_string(m.renewals)});
  }
  return table;
}

Table errorsTable(const std::vector<store::RunError>& errors) {
  Table table{{"Entity", "External id", "Record", "Kind", "Message"}, {}};
  for (const auto& e : errors) {
    table.rows.push_back({e.entity, e.external_id, e.record_id, e.kind, e.message});
  }
  return table;
}

struct RunSummary {
  store::Organisation org;
  store::SyncRun run;
  Table entities, calls, errors;
};

void printRunSummary(Context& ctx, const RunSummary& s, bool json) {
  if (json) {
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    out->set("run", s.run.id);
    out->set("org", s.org.slug);
    out->set("status", std::string(store::toString(s.run.status)));
    out->set("entities", tableToJson(s.entities));
    out->set("api_calls", tableToJson(s.calls));
    out->set("errors", tableToJson(s.errors));
    printJson(ctx.out(), out);
    return;
  }
  const auto& c = s.run.counts;
  ctx.out() << "sync run #" << s.run.id << " of " << s.org.slug << ": "
            << store::toString(s.run.status) << " — pulled " << c.pulled << ", created "
            << c.created << ", updated " << c.updated << ", echoes skipped " << c.unchanged
            << ", pushed " << c.pushed << ", errors " << c.errors << "\n\n";
  printTable(ctx.out(), s.entities);
  ctx.out() << "\n";
  printTable(ctx.out(), s.calls);
  if (!s.errors.rows.empty()) {
    ctx.out() << "\nerrors:\n";
    printTable(ctx.out(), s.errors);
  }
}

int runSync(Context& ctx, const Invocation& inv) {
  const auto org = orFail(ctx.store().organisations().get(inv.args[0]));
  auto connections = orFail(ctx.store().connections().list(org.id));
  if (auto only = inv.value("connection")) {
    const auto found = orFail(ctx.store().connections().find(org.id, *only));
    if (!found) throw Failure("organisation '" + org.slug + "' has no connection '" + *only + "'");
    connections = {*found};
  }
  if (inv.has("full")) forgetPullCursors(ctx, connections);
  std::map<store::ConnectionId, store::Connection> shown;
  for (const auto& c : connections) shown[c.id] = c;

  store::SystemClock clock;
  net::StderrLogger log(sdk::LogLevel::warn);
  net::SleepingWaiter waiter;
  runtime::Runtime rt(ctx.store(), ctx.plugins(), secretBoxFor(ctx, connections),
                      clock, log, waiter);
  // A human asked for this run: connections that are backing off are tried too.
  const auto report = runtime::runSync(rt, org.id, {}, /*manual=*/true);
  if (!report) {
    throw Failure("the sync of " + org.slug + " could not run: " + report.error().message);
  }
  RunSummary summary{org, orFail(ctx.store().syncRuns().get(report->run)), {}, {}, {}};
  summary.entities = entitiesTable(shown, breakdownOf(ctx, summary.run));
  summary.calls = callsTable(rt, shown);
  summary.errors = errorsTable(report->errors);
  printRunSummary(ctx, summary, inv.json);
  if (summary.run.status == store::RunStatus::failed) {
    throw Failure("sync run #" + std::to_string(report->run) + " failed" +
                  (summary.run.error ? ": " + *summary.run.error : ""));
  }
  if (summary.run.status != store::RunStatus::succeeded) {
    ctx.err() << "warning: sync run #" << report->run << " of " << org.slug << " was "
              << store::toString(summary.run.status) << ": " << report->counts.errors
              << " error(s); `accord sync runs " << org.slug << "` and `accord record show` "
              << "have the details\n";
  }
  return kExitOk;
}

}  // namespace

std::vector<Command> syncCommands() {
  return {
      {{"sync", "run"}, "ORG", "sync the organisation now through its apps and print what each "
       "connection and entity did; exit 1 when the run failed",
       {{"connection", "NAME", "show (and with --full, re-read) only this connection; the run "
                               "itself covers the whole organisation"},
        {"full", "", "forget the pull cursors first: read everything again"}},
       1, 1, runSync},
      {{"sync", "runs"}, "ORG", "sync history, newest first: counts, status and errors of each run",
       {{"limit", "N", "show at most N runs (default 20)"}}, 1, 1, listRuns},
      {{"sync", "status"}, "ORG", "per connection: enabled, last run, health, problems, cursors",
       {}, 1, 1, showStatus},
  };
}

}  // namespace accord::cli
