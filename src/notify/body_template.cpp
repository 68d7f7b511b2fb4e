// Webhook bodies from templates: literal text with {{name}} placeholders, compiled once.
#include "herald/notify/body_template.hpp"

#include <simdjson.h>

#include <functional>

#include "herald/core/json_writer.hpp"
#include "herald/core/time.hpp"

namespace herald::notify {

std::string console_link(std::string_view console_url, std::string_view alert_id) {
    if (console_url.empty()) return "";
    std::string url(console_url);
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url + "/alerts/" + std::string(alert_id);
}

namespace {
struct Context {
    const NotifyAlert& a;
    std::string_view console_url;
};

// The placeholders: name -> text. Adding one is a row here (and a line in docs/notify.md).
struct Placeholder {
    const char* name;
    std::function<std::string(const Context&)> text;
};
const std::vector<Placeholder>& placeholders() {
    static const std::vector<Placeholder> table{
        {"alert_id", [](const Context& c) { return c.a.alert_id; }},
        {"rule", [](const Context& c) { return c.a.rule; }},
        {"severity", [](const Context& c) { return c.a.severity; }},
        {"key", [](const Context& c) { return c.a.key; }},
        {"ticker", [](const Context& c) { return looks_like_ticker(c.a.key) ? c.a.key : std::string(); }},
        {"summary", [](const Context& c) { return clip_utf8(c.a.summary); }},
        {"headline", [](const Context& c) { return clip_utf8(c.a.headline); }},
        {"evidence", [](const Context& c) { return clip_utf8(c.a.evidence); }},
        {"status", [](const Context& c) {
             return std::string(c.a.retracted ? "retracted" : c.a.resolved ? "resolved" : "firing");
         }},
        {"revision", [](const Context& c) { return std::to_string(c.a.revision); }},
        {"event_id", [](const Context& c) { return c.a.event_id; }},
        {"event_time", [](const Context& c) { return core::format_rfc3339(c.a.event_time_ms); }},
        {"detected_at", [](const Context& c) { return core::format_rfc3339(c.a.detected_at_ms, true); }},
        {"console_link", [](const Context& c) { return console_link(c.console_url, c.a.alert_id); }},
        {"alert", [](const Context& c) { return c.a.json; }},
    };
    return table;
}
// A JSON string's content (no quotes) for `text`.
void append_escaped(std::string& out, std::string_view text) {
    std::string quoted;
    core::JsonWriter w(quoted);
    w.string(text);
    out.append(quoted, 1, quoted.size() - 2);
}

NotifyAlert sample_alert() {
    NotifyAlert a;
    a.alert_id = "0123456789abcdef";
    a.rule = "rule \"x\"";
    a.severity = "warning";
    a.key = "ACME";
    a.summary = "a \\ summary\nover lines";
    a.json = R"({"alert_id":"0123456789abcdef"})";
    return a;
}
}  // namespace

bool BodyTemplate::compile(std::string_view text, BodyTemplate& out, std::string& error) {
    out.parts_.clear();
    const auto& table = placeholders();
    size_t pos = 0;
    while (pos < text.size()) {
        const size_t open = text.find("{{", pos);
        if (open == std::string_view::npos) {
            out.parts_.push_back({std::string(text.substr(pos)), -1, false});
            break;
        }
        if (open > pos) out.parts_.push_back({std::string(text.substr(pos, open - pos)), -1, false});
        const size_t close = text.find("}}", open + 2);
        if (close == std::string_view::npos) {
            error = "placeholder at byte " + std::to_string(open) + " has no closing '}}'";
            return false;
        }
        std::string_view name = text.substr(open + 2, close - open - 2);
        while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
        while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
        int index = -1;
        for (size_t i = 0; i < table.size(); ++i)
            if (name == table[i].name) index = static_cast<int>(i);
        if (index < 0) {
            error = "unknown placeholder {{" + std::string(name) + "}} (see docs/notify.md for the list)";
            return false;
        }
        out.parts_.push_back({"", index, name == "alert"});  // {{alert}} is JSON already
        pos = close + 2;
    }
    std::string rendered;
    out.render(sample_alert(), "http://console", rendered);
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    if (!out.parts_.empty() && parser.parse(rendered).get(doc)) {
        error = "the body is not valid JSON once placeholders are filled in (placeholders other than {{alert}} belong "
                "inside a JSON string)";
        return false;
    }
    return true;
}

void BodyTemplate::render(const NotifyAlert& a, std::string_view console_url, std::string& out) const {
    out.clear();
    if (parts_.empty()) {
        out = a.json;
        return;
    }
    const Context c{a, console_url};
    const auto& table = placeholders();
    for (const Part& p : parts_) {
        if (p.placeholder < 0) out.append(p.literal);
        else if (p.raw) out.append(table[static_cast<size_t>(p.placeholder)].text(c));
        else append_escaped(out, table[static_cast<size_t>(p.placeholder)].text(c));
    }
}

}  // namespace herald::notify
