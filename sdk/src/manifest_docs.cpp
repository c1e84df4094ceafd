#include "accord/sdk/manifest_docs.h"

#include <variant>

namespace accord::sdk {
namespace {

// Markdown cells: a pipe would end the cell.
std::string cell(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

std::string code(const std::string& text) { return "`" + cell(text) + "`"; }

// 5000 -> "5,000", as the READMEs write counts.
std::string count(int value) {
  std::string digits = std::to_string(value);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0 && digits[i - 1] != '-') out += ',';
    out += digits[i];
  }
  return out;
}

std::string countOrNone(const std::optional<int>& value) { return value ? count(*value) : "—"; }

std::string defaultText(const ConfigOption& option) {
  if (!option.default_value) return "—";
  const ConfigValue& value = *option.default_value;
  if (const auto* list = std::get_if<std::vector<std::string>>(&value)) {
    std::string words;
    for (const auto& word : *list) words += (words.empty() ? "" : " ") + word;
    return code(words);
  }
  if (const auto* text = std::get_if<std::string>(&value)) return code(*text);
  std::string described = describe(value);  // "integer 10": the type is in its own column
  return code(described.substr(described.find(' ') + 1));
}

std::string descriptionOf(const ConfigOption& option) {
  std::string out = cell(option.description);
  if (option.choices.empty()) return out;
  std::string choices;
  for (const auto& choice : option.choices) choices += (choices.empty() ? "" : ", ") + code(choice);
  return out + (out.empty() ? "" : " ") + "Choices: " + choices + ".";
}

std::string headersText(const RateHeaderNames& h) {
  std::string out;
  const std::pair<const std::string*, const char*> names[] = {
      {&h.minute_remaining, "left this minute"},
      {&h.hour_remaining, "left this hour"},
      {&h.day_remaining, "left today"},
      {&h.app_minute_remaining, "left for the whole app this minute"},
      {&h.retry_after, "wait before retrying"},
      {&h.problem, "which limit a 429 hit"}};
  for (const auto& [name, meaning] : names) {
    if (!name->empty()) out += (out.empty() ? "" : ", ") + code(*name) + " (" + meaning + ")";
  }
  return out.empty() ? "none" : out;
}

std::string profilesTable(const RateLimits& limits) {
  std::string out = "| " + code(limits.profile_key) +
                    " | per minute | per hour | per day | concurrent |\n|---|---|---|---|---|\n";
  for (const auto& p : limits.profiles) {
    out += "| " + code(p.name) + " | " + countOrNone(p.per_minute) + " | " +
           countOrNone(p.per_hour) + " | " + countOrNone(p.per_day) + " | " +
           countOrNone(p.concurrent) + " |\n";
  }
  return out;
}

std::string ruleText(const FieldRule& rule) {
  std::string out;
  auto add = [&](const std::string& part) { out += (out.empty() ? "" : ", ") + part; };
  if (rule.required) add("required");
  if (rule.read_only) add("read-only");
  if (rule.max_items) add("at most " + count(*rule.max_items));
  if (rule.max_per_ref) add("at most " + count(*rule.max_per_ref) + " per referenced record");
  if (!rule.immutable_when_status.empty()) {
    std::string statuses;
    for (const auto& s : rule.immutable_when_status) statuses += (statuses.empty() ? "" : ", ") + code(s);
    add("immutable when " + statuses);
  }
  return out.empty() ? "note" : out;
}

}  // namespace

std::string configTable(const ConfigSchema& schema) {
  std::string out =
      "| key | type | default | required | secret | description |\n"
      "|---|---|---|---|---|---|\n";
  for (const auto& option : schema) {
    out += "| " + code(option.key) + " | " + std::string(toString(option.type)) + " | " +
           defaultText(option) + " | " + (option.required ? "yes" : "no") + " | " +
           (option.secret ? "yes" : "no") + " | " + descriptionOf(option) + " |\n";
  }
  return out;
}

std::string limitsTable(const RateLimits& limits) {
  std::string out = "| limit | value |\n|---|---|\n";
  if (!limits.profile_key.empty()) {
    out += "| calls | by the " + code(limits.profile_key) + " option (below); before it is " +
           "known: " + countOrNone(limits.per_minute) + "/minute, " +
           countOrNone(limits.per_hour) + "/hour, " + countOrNone(limits.per_day) + "/day |\n";
  } else {
    if (limits.per_minute) out += "| calls per minute | " + count(*limits.per_minute) + " |\n";
    if (limits.per_hour) out += "| calls per hour | " + count(*limits.per_hour) + " |\n";
    if (limits.per_day) out += "| calls per day | " + count(*limits.per_day) + " |\n";
  }
  if (limits.concurrent) out += "| concurrent calls | " + count(*limits.concurrent) + " |\n";
  out += "| page size | " + count(limits.max_page_size) + " |\n";
  out += "| batch size | " + count(limits.max_batch_size) + " |\n";
  if (limits.headers) out += "| rate-limit headers | " + headersText(*limits.headers) + " |\n";
  if (!limits.profile_key.empty()) out += "\n" + profilesTable(limits);
  return out;
}

std::string fieldRulesTable(const Manifest& manifest) {
  std::string out = "| entity | field | rule | why |\n|---|---|---|---|\n";
  for (const auto& cap : manifest.entities) {
    const std::string entity(model::toString(cap.entity));
    for (const auto& rule : cap.field_rules) {
      const std::string field = rule.field == kWholeRecord ? "any field" : code(rule.field);
      out += "| " + entity + " | " + field + " | " + ruleText(rule) + " | " +
             cell(rule.note) + " |\n";
    }
    for (const auto& field : cap.unsupported_fields) {
      out += "| " + entity + " | " + code(field) + " | not held | |\n";
    }
  }
  return out;
}

}  // namespace accord::sdk
