#pragma once
// One alert as the console keeps it: the fields it filters and sorts on, plus the alert's JSON as
// published (the detail view and the API hand it back unchanged).
//
//   herald::console::AlertParser parser;
//   herald::console::AlertRecord r;
//   std::string why;
//   if (!parser.parse(payload, r, why)) skip(why);   // "not JSON", "no alert_id", ...
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace herald::console {

struct AlertRecord {
    std::string id;        // 16 lowercase hex digits (docs/rules.md "alert_id")
    std::string rule;
    std::string severity;  // info | warning | critical
    std::string key;       // ticker, entity name or "_"
    std::string summary;
    std::string event_id;
    int64_t event_time_ms = 0;
    int64_t detected_ms = 0;
    bool resolved = false;
    // Story updates (docs/events.md): a later revision of an alert_id replaces the stored one; a
    // retraction is the last revision, marked retracted.
    int64_t revision = 0;
    bool retracted = false;
    bool has_sentiment = false;
    double sentiment = 0;
    std::string json;      // the message as published
    // A grouped alert's members' ids (herald notify links to each member: /alerts/<member id>).
    std::vector<std::string> members;
};

// Alerts above this size are refused (herald's own are bounded by message.max.bytes, 1 MB by
// default): a console keeps many, and one page must not hold a huge one.
inline constexpr size_t kMaxAlertBytes = 1 << 20;

class AlertParser {
public:
    AlertParser();
    ~AlertParser();
    AlertParser(const AlertParser&) = delete;
    AlertParser& operator=(const AlertParser&) = delete;

    // False with a short reason (a metric label: "too_large", "not_json", "not_alert") when the
    // payload is not one of herald's alerts; `detail` then says what was wrong.
    bool parse(std::string_view payload, AlertRecord& out, std::string& reason, std::string* detail = nullptr);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace herald::console
