// accord record show ORG ENTITY ID [--connection C]: one canonical record as the hub holds it —
// its body, its id in every connected app with what each last said about it, and its history.
#include <map>
#include <ostream>

#include <Poco/JSON/Parser.h>

#include "accord/sdk/model/entity.h"
#include "cli/cli.h"
#include "cli/context.h"
#include "cli/output.h"
#include "store/store.h"

namespace accord::cli {
namespace {

std::string timeText(const std::optional<sdk::Timestamp>& t) { return t ? t->toString() : "-"; }

std::string knownEntities() {
  std::string list;
  for (auto type : sdk::model::allEntityTypes()) {
    list += (list.empty() ? "" : ", ") + std::string(sdk::model::toString(type));
  }
  return list;
}

struct RecordView {
  store::Organisation org;
  store::StoredRecord record;
  std::map<store::ConnectionId, store::Connection> connections;  // the org's, by id
  std::vector<store::IdMapEntry> links;
  std::vector<store::ChangeEntry> history;
  std::vector<store::RunError> run_errors;  // newest first: also those with no link to hold them
};

std::string connectionName(const RecordView& view, std::optional<store::ConnectionId> id) {
  if (!id) return "person (CLI or review)";
  auto it = view.connections.find(*id);
  return it == view.connections.end() ? "connection " + std::to_string(*id) : it->second.name;
}

// The canonical id named on the command line: itself, or through the app's id with --connection.
std::string canonicalId(Context& ctx, const RecordView& view, const std::string& entity,
                        const std::string& id, const std::optional<std::string>& connection) {
  if (!connection) return id;
  const auto found = orFail(ctx.store().connections().find(view.org.id, *connection));
  if (!found) {
    throw Failure("organisation '" + view.org.slug + "' has no connection '" + *connection + "'");
  }
  const auto link = orFail(ctx.store().idMap().byExternal({found->id, entity, id}));
  if (!link) {
    throw Failure("no " + entity + " '" + id + "' from " + found->label() +
                  " is linked to a canonical record (has it been synced?)");
  }
  return link->record_id;
}

std::vector<store::RunError> runErrorsOf(Context& ctx, const std::string& record_id) {
  // Why SQL here: the store lists errors per run only, and a record that could not be pushed
  // has no link to carry its error, so the run history is the one place that names it.
  auto st = orFail(ctx.store().db().prepare(
      "SELECT entity, external_id, record_id, kind, message, at FROM sync_run_errors "
      "WHERE record_id = ?1 ORDER BY id DESC LIMIT 20",
      record_id));
  std::vector<store::RunError> errors;
  while (orFail(st.step())) {
    errors.push_back({st.columnText(0), st.columnText(1), st.columnText(2), st.columnText(3),
                      st.columnText(4), store::fromMillis(st.columnInt(5))});
  }
  return errors;
}

RecordView loadView(Context& ctx, const Invocation& inv) {
  RecordView view;
  view.org = orFail(ctx.store().organisations().get(inv.args[0]));
  const std::string& entity = inv.args[1];
  if (!sdk::model::entityTypeFromString(entity)) {
    throw Failure("unknown entity '" + entity + "' (one of: " + knownEntities() + ")");
  }
  const std::string id = canonicalId(ctx, view, entity, inv.args[2], inv.value("connection"));
  const auto record = orFail(ctx.store().records().find(id));
  if (!record || record->org_id != view.org.id || record->entity != entity) {
    throw Failure("organisation '" + view.org.slug + "' has no " + entity + " record '" + id + "'" +
                  (record ? " (that id is a " + record->entity + " record" +
                                (record->org_id != view.org.id ? " of another organisation" : "") +
                                ")"
                          : ""));
  }
  view.record = *record;
  for (auto& c : orFail(ctx.store().connections().list(view.org.id))) view.connections[c.id] = c;
  view.links = orFail(ctx.store().idMap().forRecord(id));
  view.history = orFail(ctx.store().records().history(id));
  view.run_errors = runErrorsOf(ctx, id);
  return view;
}

Table linksTable(const RecordView& view) {
  Table table{{"Connection", "Plugin", "External id", "Last pulled", "Last pushed", "Warning",
               "Error"},
              {}};
  for (const auto& l : view.links) {
    auto c = view.connections.find(l.key.connection_id);
    table.rows.push_back({connectionName(view, l.key.connection_id),
                          c == view.connections.end() ? "-" : c->second.plugin, l.key.external_id,
                          timeText(l.last_pulled_at), timeText(l.last_pushed_at),
                          l.last_warning.value_or(""), l.last_error.value_or("")});
  }
  return table;
}

Table historyTable(const RecordView& view) {
  Table table{{"Version", "At", "Source", "Run", "Status", "Hash"}, {}};
  for (const auto& h : view.history) {
    table.rows.push_back({std::to_string(h.version), h.at.toString(),
                          connectionName(view, h.source), h.run ? std::to_string(*h.run) : "-",
                          h.status, h.content_hash.substr(0, 12)});
  }
  return table;
}

Table runErrorsTable(const RecordView& view) {
  Table table{{"At", "Kind", "Message"}, {}};
  for (const auto& e : view.run_errors) table.rows.push_back({e.at.toString(), e.kind, e.message});
  return table;
}

Poco::Dynamic::Var parsedBody(const std::string& body) {
  try {
    return Poco::JSON::Parser().parse(body);
  } catch (const Poco::Exception&) {
    return body;  // shown as text: the store treats bodies as opaque
  }
}

void printText(std::ostream& out, const RecordView& view) {
  const auto& r = view.record;
  out << r.entity << " " << r.id << " in " << view.org.slug << ": version " << r.version << ", "
      << r.status << ", written " << r.updated_at.toString() << "\n";
  printJson(out, parsedBody(r.body));
  out << "\nids in apps:\n";
  printTable(out, linksTable(view));
  out << "\nhistory (oldest first):\n";
  printTable(out, historyTable(view));
  if (!view.run_errors.empty()) {
    out << "\nerrors from sync runs (newest first):\n";
    printTable(out, runErrorsTable(view));
  }
}

void printJsonView(std::ostream& out, const RecordView& view) {
  Poco::JSON::Object::Ptr json = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  json->set("org", view.org.slug);
  json->set("entity", view.record.entity);
  json->set("id", view.record.id);
  json->set("version", view.record.version);
  json->set("status", view.record.status);
  json->set("updated_at", view.record.updated_at.toString());
  json->set("body", parsedBody(view.record.body));
  json->set("links", tableToJson(linksTable(view)));
  json->set("history", tableToJson(historyTable(view)));
  json->set("run_errors", tableToJson(runErrorsTable(view)));
  printJson(out, json);
}

int showRecord(Context& ctx, const Invocation& inv) {
  const RecordView view = loadView(ctx, inv);
  if (inv.json) {
    printJsonView(ctx.out(), view);
  } else {
    printText(ctx.out(), view);
  }
  return kExitOk;
}

}  // namespace

std::vector<Command> recordCommands() {
  return {
      {{"record", "show"}, "ORG ENTITY ID", "a canonical record: its body, its id in every app "
       "with their warnings and errors, its history",
       {{"connection", "NAME", "ID is this connection's own id for the record, not the hub's"}},
       3, 3, showRecord},
  };
}

}  // namespace accord::cli
