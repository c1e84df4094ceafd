// accord matches list|confirm|separate|ignore|unsync|unsynced|resync|rules|log, and accord push:
// the review queue of the matcher (docs/matching.md). Every decision names who made it (--by,
// default $USER) and is logged with the time.
#include <cstdlib>
#include <map>
#include <ostream>
#include <set>
#include <sstream>

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include "accord/sdk/model/codec.h"
#include "cli/cli.h"
#include "cli/context.h"
#include "cli/output.h"
#include "matching/review.h"
#include "store/record_codec.h"
#include "store/store.h"

namespace accord::cli {
namespace {

namespace model = sdk::model;
using matching::KeyComparison;

std::string decider(const Invocation& inv) {
  if (auto by = inv.value("by"); by && !by->empty()) return *by;
  if (const char* user = std::getenv("USER"); user && *user) return user;
  throw UsageError("name who decides with --by (or set $USER)");
}

store::IssueId issueId(const std::string& text) {
  try {
    std::size_t used = 0;
    const auto id = std::stoll(text, &used);
    if (used == text.size() && id > 0) return id;
  } catch (const std::exception&) {
  }
  throw UsageError("'" + text + "' is not a match issue id (a number from `accord matches list`)");
}

bool isIssueId(const std::string& text) {
  return !text.empty() && text.size() < 19 &&
         text.find_first_not_of("0123456789") == std::string::npos;
}

// The record's top-level fields as display text (lists and nested values as compact JSON).
std::map<std::string, std::string> fieldTexts(const model::Record& record) {
  std::map<std::string, std::string> out;
  Poco::JSON::Parser parser;
  auto root = parser.parse(model::toJson(record)).extract<Poco::JSON::Object::Ptr>();
  auto fields = root->getObject("fields");
  for (const auto& [name, value] : *fields) {
    if (value.isEmpty()) continue;
    std::string text;
    if (value.isString()) {
      text = value.extract<std::string>();
    } else {
      std::ostringstream json;
      Poco::JSON::Stringifier::stringify(value, json);
      text = json.str();
    }
    if (text != "" && text != "[]" && text != "false") out[name] = text;
  }
  return out;
}

std::string stateText(KeyComparison::State state) {
  switch (state) {
    case KeyComparison::State::agreed: return "agrees";
    case KeyComparison::State::disagreed: return "differs";
    case KeyComparison::State::not_compared: return "not compared";
  }
  return "";
}

struct IssueView {
  store::MatchIssue issue;
  std::string connection;
  model::Record incoming;
  struct Side {
    store::MatchCandidate candidate;
    model::Record existing;
    std::vector<KeyComparison> keys;
  };
  std::vector<Side> candidates;
};

IssueView viewOf(store::Store& store, const matching::MatchSettings& settings,
                 store::MatchIssue issue) {
  IssueView view{std::move(issue), {}, {}, {}};
  view.connection = orFail(store.connections().get(view.issue.connection_id)).name;
  view.incoming = orFail(model::fromJson(view.issue.incoming_json));
  for (const auto& candidate : view.issue.candidates) {
    auto existing = orFail(store::toModelRecord(orFail(store.records().get(candidate.record_id))));
    auto keys = matching::compareKeys(view.incoming, existing, settings);
    view.candidates.push_back({candidate, std::move(existing), std::move(keys)});
  }
  return view;
}

void printIssue(std::ostream& out, const IssueView& view) {
  const auto& issue = view.issue;
  out << "issue " << issue.id << ": " << view.connection << " " << issue.entity << " '"
      << issue.external_id << "' — " << issue.reason << " (held since "
      << issue.created_at.toString() << ")\n";
  const auto incoming = fieldTexts(view.incoming);
  for (const auto& side : view.candidates) {
    out << "\n  candidate " << side.candidate.record_id << " (score " << side.candidate.score
        << "): " << side.candidate.reasons << "\n";
    const auto existing = fieldTexts(side.existing);
    Table table{{"Field", "Incoming (" + view.connection + ")", "Existing (hub)", "Key"}, {}};
    std::map<std::string, std::string> key_state;
    for (const auto& key : side.keys) key_state[key.key] = stateText(key.state);
    std::set<std::string> names;
    for (const auto& [name, text] : incoming) names.insert(name);
    for (const auto& [name, text] : existing) names.insert(name);
    for (const auto& name : names) {
      auto in = incoming.find(name), ex = existing.find(name);
      table.rows.push_back({name, in == incoming.end() ? "" : in->second,
                            ex == existing.end() ? "" : ex->second,
                            key_state.count(name) ? key_state[name] : ""});
    }
    printTable(out, table);
  }
  out << "\n";
}

Poco::JSON::Object::Ptr issueJson(const IssueView& view) {
  Poco::JSON::Parser parser;
  auto fieldsOf = [&](const model::Record& record) {
    return parser.parse(model::toJson(record)).extract<Poco::JSON::Object::Ptr>()->get("fields");
  };
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("id", view.issue.id);
  o->set("connection", view.connection);
  o->set("entity", view.issue.entity);
  o->set("external_id", view.issue.external_id);
  o->set("reason", view.issue.reason);
  o->set("open", view.issue.open);
  o->set("created_at", view.issue.created_at.toString());
  if (view.issue.decision) o->set("decision", *view.issue.decision);
  if (view.issue.decided_by) o->set("decided_by", *view.issue.decided_by);
  o->set("incoming", fieldsOf(view.incoming));
  Poco::JSON::Array::Ptr candidates = new Poco::JSON::Array;
  for (const auto& side : view.candidates) {
    Poco::JSON::Object::Ptr c = new Poco::JSON::Object;
    c->set("record_id", side.candidate.record_id);
    c->set("score", side.candidate.score);
    c->set("reasons", side.candidate.reasons);
    c->set("existing", fieldsOf(side.existing));
    Poco::JSON::Array::Ptr keys = new Poco::JSON::Array;
    for (const auto& key : side.keys) {
      Poco::JSON::Object::Ptr k = new Poco::JSON::Object;
      k->set("key", key.key);
      k->set("incoming", key.incoming);
      k->set("existing", key.existing);
      k->set("state", stateText(key.state));
      keys->add(k);
    }
    c->set("keys", keys);
    candidates->add(c);
  }
  o->set("candidates", candidates);
  return o;
}

int listIssues(Context& ctx, const Invocation& inv) {
  auto& store = ctx.store();
  const auto org = orFail(store.organisations().get(inv.args[0]));
  const auto settings = orFail(matching::MatchTables(store).settings(org.id));
  const auto issues = orFail(store.matchIssues().list(org.id, inv.has("all")));
  Poco::JSON::Array::Ptr json = new Poco::JSON::Array;
  for (const auto& issue : issues) {
    const IssueView view = viewOf(store, settings, issue);
    if (inv.json) json->add(issueJson(view));
    else printIssue(ctx.out(), view);
  }
  if (inv.json) printJson(ctx.out(), json);
  else if (issues.empty()) ctx.out() << "no match issues waiting in " << org.slug << "\n";
  return kExitOk;
}

int confirmIssue(Context& ctx, const Invocation& inv) {
  const auto side = matching::sideFromString(inv.value("keep").value_or(""));
  if (!side) throw UsageError("--keep must be 'incoming' (the app's record) or 'existing' (the hub's)");
  matching::Review review(ctx.store(), decider(inv));
  const auto id = issueId(inv.args[0]);
  const auto record = orFail(review.confirm(id, *side, inv.value("record").value_or("")));
  ctx.out() << "issue " << id << ": linked to record " << record << " (kept "
            << inv.value("keep").value_or("") << ")\n";
  return kExitOk;
}

int separateIssue(Context& ctx, const Invocation& inv) {
  matching::Review review(ctx.store(), decider(inv));
  const auto id = issueId(inv.args[0]);
  ctx.out() << "issue " << id << ": new record " << orFail(review.separate(id)) << "\n";
  return kExitOk;
}

int ignoreIssue(Context& ctx, const Invocation& inv) {
  matching::Review review(ctx.store(), decider(inv));
  const auto id = issueId(inv.args[0]);
  orFail(review.ignore(id));
  ctx.out() << "issue " << id << ": ignored (its record is matched again when it changes)\n";
  return kExitOk;
}

int unsyncRecord(Context& ctx, const Invocation& inv) {
  const auto org = orFail(ctx.store().organisations().get(inv.args[0]));
  matching::Review review(ctx.store(), decider(inv));
  orFail(review.unsync(org.id, inv.args[1], inv.value("note").value_or("")));
  ctx.out() << "record " << inv.args[1] << ": no longer synced with any app\n";
  return kExitOk;
}

int listUnsynced(Context& ctx, const Invocation& inv) {
  const auto org = orFail(ctx.store().organisations().get(inv.args[0]));
  Table table{{"Record", "Entity", "By", "At", "Note"}, {}};
  for (const auto& r : orFail(matching::MatchTables(ctx.store()).unsynced(org.id))) {
    table.rows.push_back({r.record_id, r.entity, r.by, r.at.toString(), r.note});
  }
  if (inv.json) printJson(ctx.out(), tableToJson(table));
  else printTable(ctx.out(), table);
  return kExitOk;
}

int resync(Context& ctx, const Invocation& inv) {
  matching::Review review(ctx.store(), decider(inv));
  const std::string& id = inv.args[0];
  if (!isIssueId(id)) {
    const auto record = orFail(ctx.store().records().find(id));
    if (!record) throw Failure("no match issue or record '" + id + "'");
    orFail(review.resyncRecord(record->org_id, id));
    ctx.out() << "record " << id << ": synced both ways again\n";
    return kExitOk;
  }
  const auto outcome = orFail(review.resyncIssue(issueId(id)));
  switch (outcome.kind) {
    case matching::MatchKind::full:
      ctx.out() << "issue " << id << ": matched, linked to record " << outcome.record_id << "\n";
      break;
    case matching::MatchKind::none:
      ctx.out() << "issue " << id << ": no match, new record " << outcome.record_id << "\n";
      break;
    case matching::MatchKind::conflict:
      ctx.out() << "issue " << id << ": still a conflict, held as issue " << *outcome.issue_id
                << "\n";
      break;
  }
  return kExitOk;
}

int rules(Context& ctx, const Invocation& inv) {
  const auto org = orFail(ctx.store().organisations().get(inv.args[0]));
  matching::MatchTables tables(ctx.store());
  if (auto set = inv.value("set")) {
    const auto eq = set->find('=');
    if (eq == std::string::npos) throw UsageError("--set takes NAME=VALUE");
    orFail(tables.setSetting(org.id, set->substr(0, eq), set->substr(eq + 1), decider(inv)));
  }
  Table table{{"Setting", "Value"}, {}};
  for (const auto& [name, value] : orFail(tables.settings(org.id)).describe()) {
    table.rows.push_back({name, value});
  }
  if (inv.json) printJson(ctx.out(), tableToJson(table));
  else printTable(ctx.out(), table);
  return kExitOk;
}

int decisionLog(Context& ctx, const Invocation& inv) {
  const auto org = orFail(ctx.store().organisations().get(inv.args[0]));
  const int limit = std::stoi(inv.value("limit").value_or("50"));
  Table table{{"At", "By", "Action", "Issue", "Record", "Detail"}, {}};
  for (const auto& d : orFail(matching::MatchTables(ctx.store()).decisions(org.id, limit))) {
    table.rows.push_back({d.decided_at.toString(), d.decided_by, d.action,
                          d.issue_id ? std::to_string(*d.issue_id) : "",
                          d.record_id.value_or(""), d.detail});
  }
  if (inv.json) printJson(ctx.out(), tableToJson(table));
  else printTable(ctx.out(), table);
  return kExitOk;
}

int pushRecord(Context& ctx, const Invocation& inv) {
  auto& store = ctx.store();
  const auto org = orFail(store.organisations().get(inv.args[0]));
  const auto to = inv.value("to");
  if (!to) throw UsageError("--to CONNECTION is required");
  const auto connection = orFail(store.connections().get(org.id, *to));
  matching::Review review(store, decider(inv));
  orFail(review.pushTo(org.id, inv.args[1], connection.id));
  ctx.out() << "record " << inv.args[1] << ": will be created in " << connection.label()
            << " by the next sync\n";
  return kExitOk;
}

const OptionSpec kBy{"by", "WHO", "who decides (default: $USER)"};

}  // namespace

std::vector<Command> matchCommands() {
  return {
      {{"matches", "list"}, "ORG", "match issues held for review: both records side by side",
       {{"all", "", "also the decided ones"}}, 1, 1, listIssues},
      {{"matches", "confirm"}, "ID", "link the held record to its candidate; SIDE's values win",
       {{"keep", "SIDE", "incoming (the app's record) or existing (the hub's)"},
        {"record", "RECORD", "the candidate, when there are several"}, kBy}, 1, 1, confirmIssue},
      {{"matches", "separate"}, "ID", "make the held record a new record instead", {kBy}, 1, 1,
       separateIssue},
      {{"matches", "ignore"}, "ID", "close an issue without syncing its record", {kBy}, 1, 1,
       ignoreIssue},
      {{"matches", "unsync"}, "ORG RECORD", "stop syncing a record with every app, both ways",
       {{"note", "TEXT", "why, for the unsynced list"}, kBy}, 2, 2, unsyncRecord},
      {{"matches", "unsynced"}, "ORG", "records taken out of syncing", {}, 1, 1, listUnsynced},
      {{"matches", "resync"}, "ID",
       "an issue: match its record again; a record: sync it both ways again", {kBy}, 1, 1, resync},
      {{"matches", "rules"}, "ORG", "the organisation's match settings",
       {{"set", "NAME=VALUE", "change one (organization.keys=name,email; email.plus_tags=strip)"},
        kBy}, 1, 1, rules},
      {{"matches", "log"}, "ORG", "every match decision, newest first",
       {{"limit", "N", "at most N (default 50)"}}, 1, 1, decisionLog},
      {{"push"}, "ORG RECORD", "create a record in an app that lacks it, on the next sync",
       {{"to", "CONNECTION", "the app to create it in"}, kBy}, 2, 2, pushRecord},
  };
}

}  // namespace accord::cli
