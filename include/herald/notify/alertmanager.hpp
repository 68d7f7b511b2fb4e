#pragma once
// Alertmanager's side of `herald notify`: herald alerts as Alertmanager alerts (labels,
// annotations, startsAt/endsAt, generatorURL) and the table of alerts still firing, which is sent
// again every resend interval: Alertmanager keeps alerts in memory only, so after its restart it
// learns them back from the resends (as from Prometheus, whose resend delay is 1 minute).
//
//   std::vector<AmAlert> am;
//   to_am_alerts(alert, 3600000, am);           // a grouped alert gives one per member
//   active.update(am[0]);                       // firing: remembered; resolved: forgotten
//   std::string body;
//   append_am_body(body, am, "http://console:9470", now_ms);   // POST /api/v2/alerts
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "herald/notify/alert.hpp"

namespace herald::notify {

struct AmAlert {
    std::string alert_id, rule, severity, key, summary, headline, evidence;
    int64_t starts_ms = 0;
    int64_t ends_ms = 0;  // firing: starts + active_for; resolved: the resolution's detected_at
    bool resolved = false;
    int32_t partition = -1;  // of the alerts topic: whoever owns it resends the alert
};

// Appends `a` as Alertmanager alerts: one, or one per member of a grouped alert. A firing alert
// stays active for active_for_ms unless a resolution for the same rule and key comes first.
void to_am_alerts(const NotifyAlert& a, int64_t active_for_ms, std::vector<AmAlert>& out);

// The JSON array POST /api/v2/alerts takes. Labels: alertname (the rule), severity, key and, when
// the key looks like a ticker, ticker. Annotations: summary, headline, evidence, herald_alert_id.
// generatorURL: console_url + "/alerts/" + alert_id (left out without a console URL).
void append_am_body(std::string& out, const std::vector<const AmAlert*>& alerts, std::string_view console_url);

// Firing alerts by label set (what Alertmanager identifies an alert by), for resending.
class ActiveAlerts {
public:
    explicit ActiveAlerts(size_t max_entries = 100000) : max_(max_entries) {}
    // A firing alert is added (a newer one for the same labels replaces it, keeping the first
    // startsAt while it was still active); a resolved one removes its label set.
    void update(const AmAlert& a);
    // Drops alerts whose endsAt has passed and appends copies of the rest.
    void collect(int64_t now_ms, std::vector<AmAlert>& out);
    // Forgets the alerts read from a partition given up: its next owner resends them (and sees
    // their resolutions, which would otherwise be overridden here by stale resends).
    void drop_partition(int32_t partition);
    size_t size() const { return by_labels_.size(); }

private:
    static std::string labels_key(const AmAlert& a);
    std::map<std::string, AmAlert> by_labels_;
    size_t max_;
};

}  // namespace herald::notify
