#pragma once
// A webhook's JSON body, written with placeholders, e.g. for a Slack incoming webhook:
//   {"text": "*{{severity}}* {{rule}} {{key}}: {{summary}}\n<{{console_link}}|details>"}
// Placeholders (inside a JSON string; their text is escaped for it): alert_id, rule, severity,
// key, ticker, summary, headline, evidence, status (firing | resolved), event_id, event_time,
// detected_at, console_link. {{alert}} stands outside a string for the whole alert object.
//
//   herald::notify::BodyTemplate t;
//   std::string error;
//   if (!herald::notify::BodyTemplate::compile(text, t, error)) die(error);  // "unknown placeholder {{x}}"
//   t.render(alert, "http://console:9470", body);
#include <string>
#include <string_view>
#include <vector>

#include "herald/notify/alert.hpp"

namespace herald::notify {

class BodyTemplate {
public:
    // An empty template sends the alert as published. Fails on an unknown or unclosed placeholder
    // and on a template whose rendering is not valid JSON.
    static bool compile(std::string_view text, BodyTemplate& out, std::string& error);
    void render(const NotifyAlert& a, std::string_view console_url, std::string& out) const;
    bool empty() const { return parts_.empty(); }

private:
    struct Part {
        std::string literal;
        int placeholder = -1;  // index into the placeholder table, -1 for literal text
        bool raw = false;      // inserted as is ({{alert}}), not escaped into a JSON string
    };
    std::vector<Part> parts_;
};

// console_url + "/alerts/" + alert_id, or "" without a console URL (the console's alert page).
std::string console_link(std::string_view console_url, std::string_view alert_id);

}  // namespace herald::notify
