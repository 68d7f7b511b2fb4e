#pragma once
// One alert on its way to every target, and what a delivery target is (internal to herald notify).
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "herald/notify/alert.hpp"
#include "herald/notify/alertmanager.hpp"
#include "herald/notify/body_template.hpp"

namespace herald::notify {

struct Job {
    NotifyAlert alert;
    std::vector<AmAlert> am;  // the alert as Alertmanager alerts (or, for a resend, the active ones)
    int32_t partition = -1;   // where it was read; -1 for a resend (no offset waits on it)
    int64_t offset = -1;
    uint64_t generation = 0;    // the partition's assignment it belongs to (OffsetLedger)
    int64_t published_ms = 0;   // the message's Kafka timestamp: delivery latency starts here
    std::atomic<int> pending{0};  // targets that have not acknowledged or dead-lettered it yet
    bool resend() const { return partition < 0; }
};
using JobPtr = std::shared_ptr<Job>;

struct TargetConfig {
    enum class Kind { alertmanager, webhook };
    Kind kind = Kind::webhook;
    std::string name;  // metric label and log name; never the URL's secret parts
    std::string url;   // the full URL POSTed to (Alertmanager: base + /api/v2/alerts)
    std::vector<std::string> headers;  // "Name: value"
    BodyTemplate body;                 // webhooks; empty = the alert as published
    double rate_per_s = 0;             // requests per second, 0 = unlimited
    double burst = 1;                  // requests allowed at once after a quiet spell
    int max_attempts = 12;             // then dead-lettered; 0 = retry forever
    int64_t timeout_ms = 10000;        // per request
    int64_t backoff_initial_ms = 500;  // doubles per failed attempt ...
    int64_t backoff_max_ms = 30000;    // ... up to this
    size_t batch = 64;                 // Alertmanager: alerts per POST
};

}  // namespace herald::notify
