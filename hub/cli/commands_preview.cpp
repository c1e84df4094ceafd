// accord preview ORG [--connection C] | connection explain ORG CONN RECORD | connection settings
// ORG CONN [--file FILE]: what the next sync would send, why a record is or is not shared, and
// the hub's own settings of a connection (filters, required fields, blocking on errors).
#include <sqlite3.h>

#include <fstream>
#include <ostream>
#include <sstream>

#include <Poco/JSON/Parser.h>
#include <Poco/TemporaryFile.h>

#include "cli/cli.h"
#include "cli/context.h"
#include "cli/output.h"
#include "net/host_context.h"
#include "net/waiter.h"
#include "runtime/runtime.h"
#include "store/record_codec.h"
#include "store/store.h"
#include "sync/fields.h"
#include "sync/filters.h"
#include "sync/preview.h"
#include "sync/sync_state.h"

namespace accord::cli {
namespace {

namespace model = sdk::model;

// The runtime's credentials: the key that opened the sealed secrets, or a throwaway one when
// nothing is sealed (a preview creates no key file).
store::SecretBox boxFor(Context& ctx, const std::vector<store::Connection>& connections) {
  for (const auto& c : connections) {
    if (c.has_secrets) return ctx.secretBox(false);
  }
  return store::SecretBox(store::SecretKey::generate());
}

struct Services {
  store::SystemClock clock;
  net::StderrLogger log{sdk::LogLevel::warn};
  net::SleepingWaiter waiter;
  std::unique_ptr<runtime::Runtime> runtime;

  Services(Context& ctx, const std::vector<store::Connection>& connections) {
    runtime::RuntimeOptions options;
    options.respect_backoff = false;  // a human asked: reach the app even while it backs off
    runtime = std::make_unique<runtime::Runtime>(ctx.store(), ctx.plugins(), boxFor(ctx, connections),
                                                 clock, log, waiter, options);
  }
};

// The engine runs on a copy of the database: the runtime persists refreshed tokens in the real
// one as they happen, which a rolled-back transaction on the same file would lose.
std::unique_ptr<store::Store> snapshot(store::Store& from, const std::string& path) {
  sqlite3* to = nullptr;
  if (sqlite3_open(path.c_str(), &to) != SQLITE_OK) {
    sqlite3_close(to);
    throw Failure("cannot create a snapshot for the preview at " + path);
  }
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from.db().handle(), "main");
  const int rc = backup ? sqlite3_backup_step(backup, -1) : sqlite3_errcode(to);
  if (backup) sqlite3_backup_finish(backup);
  sqlite3_close(to);
  if (rc != SQLITE_DONE) throw Failure("cannot copy the database for the preview: " + std::string(sqlite3_errstr(rc)));
  store::StoreOptions options;
  options.database.synchronous_full = false;
  return orFail(store::Store::open(path, options));
}

std::string totalsText(const std::map<std::string, sdk::Decimal>& totals) {
  std::string out;
  for (const auto& [currency, total] : totals) {
    out += (out.empty() ? "" : ", ") + (currency.empty() ? "(base)" : currency) + " " + total.toString();
  }
  return out;
}

void printRecord(std::ostream& out, const sync::PreviewRecord& r) {
  out << r.connection_label << " " << r.group << " " << r.operation << " '"
      << (r.name.empty() ? "(unnamed)" : r.name) << "' (record " << r.record_id << ")\n";
  for (const auto& c : r.changes) {
    out << "    " << c.field << ": " << (c.before.empty() ? "" : c.before + " -> ") << c.after << "\n";
  }
  for (const auto& w : r.warnings) out << "    warning: " << w << "\n";
  for (const auto& e : r.errors) out << "    ERROR (not sent): " << e << "\n";
}

void printPreview(std::ostream& out, const std::string& org, const sync::Preview& p) {
  out << "Preview of " << org << ": what the next sync would send (nothing was written)\n"
      << "pull: " << p.counts.pulled << " read, " << p.counts.created << " new, "
      << p.counts.updated << " changed, " << p.filtered << " not shared (filters)\n\n";
  Table table{{"Connection", "Entity", "Operation", "Records", "With errors", "Total"}, {}};
  for (const auto& g : p.groups) {
    table.rows.push_back({g.connection_label, g.group, g.operation, std::to_string(g.records),
                          std::to_string(g.with_errors), totalsText(g.totals)});
  }
  if (table.rows.empty()) out << "nothing to send\n";
  else printTable(out, table);
  if (!p.records.empty()) out << "\n";
  for (const auto& r : p.records) printRecord(out, r);
  if (!p.errors.empty()) out << "\nerrors:\n";
  for (const auto& e : p.errors) out << "  " << e << "\n";
  for (const auto& b : p.blocking) {
    out << "\n" << b << " is blocked: its settings block its sync while its preview shows errors\n";
  }
}

int runPreview(Context& ctx, const Invocation& inv) {
  const auto org = orFail(ctx.store().organisations().get(inv.args[0]));
  const auto connections = orFail(ctx.store().connections().list(org.id));
  sync::PreviewOptions options;
  if (auto only = inv.value("connection")) {
    const auto found = orFail(ctx.store().connections().find(org.id, *only));
    if (!found) throw Failure("organisation '" + org.slug + "' has no connection '" + *only + "'");
    options.connection = found->id;
  }
  Services services(ctx, connections);
  Poco::TemporaryFile file;  // removed when the preview is done
  auto copy = snapshot(ctx.store(), file.path());
  const auto preview = orFail(sync::preview(*copy, *services.runtime, org.id, options));
  if (inv.json) {
    ctx.out() << sync::previewToJson(preview) << "\n";
  } else {
    printPreview(ctx.out(), org.slug, preview);
  }
  // Why: a script can gate a sync on a clean preview.
  return preview.errorCount() == 0 ? kExitOk : kExitFailure;
}

store::Connection connectionOf(Context& ctx, const Invocation& inv) {
  const auto org = orFail(ctx.store().organisations().get(inv.args[0]));
  return orFail(ctx.store().connections().get(org.id, inv.args[1]));
}

int settings(Context& ctx, const Invocation& inv) {
  const auto connection = connectionOf(ctx, inv);
  sync::SettingsStore settings(ctx.store().db());
  if (auto file = inv.value("file")) {
    std::ifstream in(*file);
    if (!in) throw Failure("cannot read " + *file);
    std::stringstream text;
    text << in.rdbuf();
    const auto saved = orFail(settings.set(connection, text.str(), *file));
    ctx.out() << "saved the sync settings of " << connection.label() << "\n"
              << sync::settingsToJson(saved) << "\n"
              << "filters apply to what is read from now on; `accord sync run "
              << connection.org_slug << " --connection " << connection.name
              << " --full` reads everything again\n";
    return kExitOk;
  }
  ctx.out() << sync::settingsToJson(orFail(settings.get(connection))) << "\n";
  return kExitOk;
}

struct Subject {
  model::EntityType type = model::EntityType::organization;
  std::string record_id;    // in the hub, when it is there
  std::string external_id;  // in the app, when known
};

// RECORD is a hub record id, or an id in the connection's app (linked, or read with --entity).
Subject resolve(Context& ctx, const store::Connection& c, const std::string& arg,
                const std::optional<std::string>& entity) {
  std::optional<model::EntityType> given;
  if (entity && !(given = model::entityTypeFromString(*entity)))
    throw UsageError("--entity: unknown entity '" + *entity + "'");
  if (auto found = orFail(ctx.store().records().find(arg)); found && found->org_id == c.org_id) {
    Subject s{*model::entityTypeFromString(found->entity), arg, ""};
    if (auto link = orFail(ctx.store().idMap().byRecord(c.id, arg))) s.external_id = link->key.external_id;
    return s;
  }
  for (model::EntityType type : model::allEntityTypes()) {
    if (given && type != *given) continue;
    const store::ExternalKey key{c.id, std::string(model::toString(type)), arg};
    if (auto link = orFail(ctx.store().idMap().byExternal(key))) return {type, link->record_id, arg};
  }
  if (given) return {*given, "", arg};
  throw Failure("'" + arg + "' is neither a record of " + c.org_slug + " nor an id linked in " +
                c.label() + "; give --entity ENTITY to read it from the app");
}

// The record as the app holds it now; nullopt (with why in `note`) when it cannot be read.
std::optional<model::Record> fromApp(Services& services, const store::Connection& c,
                                     const Subject& s, std::string& note) {
  auto handle = services.runtime->connect(c);
  if (!handle) {
    note = "cannot reach " + c.label() + ": " + handle.error().message;
    return std::nullopt;
  }
  sdk::ReadRequest request{s.type, "", 1, false, {s.external_id}};
  auto page = handle->connector->read(*handle->context, request);
  if (!page) {
    note = "cannot read it from " + c.label() + ": " + page.error().message;
    return std::nullopt;
  }
  for (auto& record : page->records) {
    if (model::metaOf(record).id == s.external_id) return std::move(record);
  }
  note = c.label() + " did not return " + std::string(model::toString(s.type)) + " '" +
         s.external_id + "'";
  return std::nullopt;
}

// What the hub last agreed with the app (the link's base), else the hub's own record.
std::optional<model::Record> fromHub(Context& ctx, const store::Connection& c, const Subject& s) {
  if (s.record_id.empty()) return std::nullopt;
  sync::SyncState state(ctx.store().db());
  orFail(state.ensureSchema());
  if (auto base = orFail(state.base(c.id, s.record_id))) return base;
  return orFail(store::toModelRecord(orFail(ctx.store().records().get(s.record_id))));
}

void printExplanation(std::ostream& out, const sync::Explanation& e) {
  out << e.summary << "\n";
  for (std::size_t i = 0; i < e.rules.size(); ++i) {
    const auto& r = e.rules[i];
    std::string values;
    for (const auto& v : r.values) values += (values.empty() ? "" : ", ") + (v.empty() ? "\"\"" : v);
    out << "  rule " << i + 1 << ": " << r.rule.text() << "  (value: "
        << (values.empty() ? "none" : values) << ")  " << (r.passed ? "passes" : "fails") << "\n";
  }
}

int explainRecord(Context& ctx, const Invocation& inv) {
  const auto c = connectionOf(ctx, inv);
  sync::SettingsStore settings_store(ctx.store().db());
  orFail(settings_store.ensureSchema());
  const auto settings = orFail(settings_store.get(c));
  const Subject s = resolve(ctx, c, inv.args[2], inv.value("entity"));
  Services services(ctx, {c});
  std::string note;
  std::optional<model::Record> record;
  if (!s.external_id.empty()) record = fromApp(services, c, s, note);
  std::string source = record ? "as read from " + c.label() + " just now" : "";
  if (!record && (record = fromHub(ctx, c, s))) {
    source = "as the hub last had it" + (note.empty() ? "" : " (" + note + ")");
  }
  if (!record) throw Failure(note.empty() ? "nothing to explain: '" + inv.args[2] + "' is not in " + c.label() : note);
  const auto e = sync::explain(settings.filter(s.type), *record,
                               sdk::Timestamp::fromTimePoint(services.clock.now()));
  std::optional<std::string> filtered;
  if (!s.record_id.empty()) filtered = orFail(sync::FilteredLinks(ctx.store().db()).reason(c.id, s.record_id));
  if (inv.json) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("connection", c.label());
    o->set("entity", std::string(model::toString(s.type)));
    o->set("record_id", s.record_id);
    o->set("app_id", s.external_id);
    o->set("shared", e.shared);
    o->set("summary", e.summary);
    Poco::JSON::Array::Ptr rules = new Poco::JSON::Array;
    for (const auto& r : e.rules) {
      Poco::JSON::Object::Ptr rule = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
      rule->set("rule", r.rule.text());
      rule->set("passed", r.passed);
      Poco::JSON::Array::Ptr values = new Poco::JSON::Array;
      for (const auto& v : r.values) values->add(v);
      rule->set("values", values);
      rules->add(rule);
    }
    o->set("rules", rules);
    o->set("source", source);
    o->set("filtered_since_last_pull", filtered ? Poco::Dynamic::Var(*filtered) : Poco::Dynamic::Var());
    printJson(ctx.out(), o);
    return kExitOk;
  }
  const std::string name = sync::displayName(*record);
  ctx.out() << c.label() << " " << model::toString(s.type) << " '" << name << "'"
            << (s.external_id.empty() ? "" : " (app id " + s.external_id + ")")
            << (s.record_id.empty() ? ", not in the hub" : ", record " + s.record_id) << ":\n";
  printExplanation(ctx.out(), e);
  ctx.out() << source << "\n";
  if (filtered) {
    ctx.out() << "its link is filtered since the last pull: the hub takes no change from "
              << c.label() << " and sends it nothing until it matches again\n";
  }
  return kExitOk;
}

}  // namespace

std::vector<Command> previewCommands() {
  return {
      {{"preview"}, "ORG", "what the next sync would send, grouped, with each record's changes, "
       "warnings and errors; writes nothing (exit 1 when it shows errors)",
       {{"connection", "NAME", "only what would be sent to this connection"}}, 1, 1, runPreview},
      {{"connection", "explain"}, "ORG CONNECTION RECORD", "why a record is or is not shared by "
       "the connection's sync filters (RECORD: a hub record id, or the app's id with --entity)",
       {{"entity", "ENTITY", "the entity of an app id (organization, person, invoice...)"}}, 3, 3,
       explainRecord},
      {{"connection", "settings"}, "ORG CONNECTION", "show, or set from a JSON file, the "
       "connection's sync settings: filters, required fields, blocking on preview errors",
       {{"file", "FILE", "the settings to save (docs/preview-and-filters.md)"}}, 2, 2, settings},
  };
}

}  // namespace accord::cli
