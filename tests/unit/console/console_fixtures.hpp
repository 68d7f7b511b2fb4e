#pragma once
// Alerts and a scratch SQLite file for the console's unit tests.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "herald/console/alert_record.hpp"

namespace herald::console::test {

// A fresh folder under /tmp, removed with its files at the end of the test.
struct ScratchDir {
    std::string path;
    ScratchDir() {
        char name[] = "/tmp/herald-console-test-XXXXXX";
        path = mkdtemp(name) ? name : "";
    }
    ~ScratchDir() {
        for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + "/console.db" + suffix).c_str());
        rmdir(path.c_str());
    }
    std::string db() const { return path + "/console.db"; }
};

// One of herald's alerts, as published (docs/rules.md), with the fields that vary.
inline std::string alert_json(const std::string& id, const std::string& rule, const std::string& key,
                              const std::string& severity = "warning", bool resolved = false,
                              const std::string& detected = "2026-12-06T10:00:00.000Z",
                              const std::string& summary = "AWS revenue up 28% yoy") {
    return "{\"alert_id\":\"" + id + "\",\"rule\":\"" + rule + "\",\"severity\":\"" + severity + "\",\"key\":\"" + key +
           "\",\"event_id\":\"ev-" + id + "\",\"event_time\":\"2026-12-06T09:59:00Z\",\"detected_at\":\"" + detected +
           "\"" + (resolved ? ",\"resolved\":true" : "") + ",\"summary\":\"" + summary +
           "\",\"sentiment\":{\"score\":0.5,\"label\":\"positive\"},\"metrics\":[{\"kind\":\"revenue\",\"segment\":\"AWS\","
           "\"value\":37.6,\"unit\":\"B USD\",\"forecast\":false,\"field\":\"body\",\"span\":[10,16],\"text\":\"$37.6B\"}],"
           "\"evidence\":[{\"field\":\"body\",\"span\":[0,40],\"text\":\"Amazon had $37.6B in AWS revenue, up 28%.\"}]}";
}

inline AlertRecord record(const std::string& id, const std::string& rule, const std::string& key,
                          const std::string& severity = "warning", bool resolved = false,
                          const std::string& detected = "2026-12-06T10:00:00.000Z",
                          const std::string& summary = "AWS revenue up 28% yoy") {
    AlertParser parser;
    AlertRecord r;
    std::string reason;
    if (!parser.parse(alert_json(id, rule, key, severity, resolved, detected, summary), r, reason)) std::abort();
    return r;
}

// A story update's revision of an alert (docs/events.md, "Story updates"): "revision" and, for a
// retraction, "retracted" after "resolved", as herald publishes them.
inline AlertRecord revised(const std::string& id, const std::string& key, int revision, bool retracted,
                           const std::string& summary) {
    std::string json = alert_json(id, "growth", key, "warning", false, "2026-12-06T10:05:00.000Z", summary);
    const std::string after = ",\"summary\"";
    json.insert(json.find(after), ",\"story_id\":\"s1\",\"revision\":" + std::to_string(revision) +
                                      (retracted ? ",\"retracted\":true" : ""));
    AlertParser parser;
    AlertRecord r;
    std::string reason;
    if (!parser.parse(json, r, reason)) std::abort();
    return r;
}

// 16 hex digits from a small number.
inline std::string id_of(int n) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016x", n);
    return buf;
}

}  // namespace herald::console::test
