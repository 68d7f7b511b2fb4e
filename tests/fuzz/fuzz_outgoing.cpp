// libFuzzer target: the builders of herald's outgoing messages, the bounded alert
// (rules::append_alert_json with AlertLimits, rules::group_alerts) and the dead letter
// (output::DeadLetterBuilder), fed oversized fields. Invariants: every message fits the
// message.max.bytes it was built for, alert JSON is valid, a split group keeps every member,
// a dead letter's key and value are prefixes of the original's and only herald writes herald-*
// headers (herald's first).
//
// Input: byte 0 picks message.max.bytes, byte 1 a repeat factor that blows the fields up to
// megabytes (from 224 on), byte 2 a number of grouped alerts (thousands from 240 on); the rest is split at \x1e into rule id, key,
// summary, event id, event text, header name, header value, dead-letter key and value.
#include <simdjson.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "herald/core/json_writer.hpp"
#include "herald/output/dead_letter.hpp"
#include "herald/rules/alert.hpp"
#include "herald/rules/alert_limits.hpp"

using namespace herald;

namespace {
constexpr size_t kSizes[] = {rules::kMinMessageBytes, 20000, 65536, 1000000, 1114112};
constexpr size_t kMaxField = 3 << 19;  // 1.5 MB: more than any message.max.bytes tried

std::string grow(std::string_view part, size_t repeat) {
    std::string out;
    if (part.empty()) return out;
    size_t n = std::min(repeat, kMaxField / part.size() + 1);
    out.reserve(part.size() * n);
    for (size_t i = 0; i < n; ++i) out.append(part);
    return out;
}

size_t alert_cost(const std::string& json, const rules::Alert& a, const rules::AlertLimits& l) {
    std::string k, r;
    return json.size() + rules::capped_text(a.key, l.key, k).size() + rules::capped_text(a.rule_id, l.rule, r).size() +
           16 + rules::kMessageOverheadBytes;
}

void check_alert(const rules::Alert& a, const rules::EventContext& ctx, const rules::AlertLimits& l, size_t m,
                 simdjson::dom::parser& parser) {
    std::string json;
    rules::append_alert_json(json, a, ctx, {std::string(249, 't'), 0, 1}, 1777583400000, l);
    FUZZ_CHECK(alert_cost(json, a, l) <= m, "alert larger than message.max.bytes");
    simdjson::dom::element doc;
    FUZZ_CHECK(parser.parse(json).get(doc) == simdjson::SUCCESS, "alert is not valid JSON");
}

bool herald_name(std::string_view n) {
    if (n.size() < 7) return false;
    std::string low(n.substr(0, 7));
    for (char& c : low) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return low == "herald-";
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 3) return 0;
    const size_t m = kSizes[data[0] % std::size(kSizes)];
    // Most inputs keep their fields as they are (fast: many executions); byte 1 >= 224 blows them
    // up to megabytes.
    const size_t blow = data[1] >= 224 ? static_cast<size_t>(data[1] - 223) : 0;
    const size_t repeat = 1 + blow * blow * 256;
    // Small groups mostly; byte 2 >= 240 makes groups of 1,200 to 19,200 alerts (split into parts).
    size_t group = data[2] >= 240 ? static_cast<size_t>(data[2] - 239) * 1200 : data[2] % 16;
    std::string_view rest(reinterpret_cast<const char*>(data + 3), size - 3);
    std::string f[9];
    for (size_t i = 0; i < 9; ++i) {
        size_t sep = rest.find(fuzz::kFieldSeparator);
        f[i] = grow(rest.substr(0, sep), repeat);
        rest = sep == std::string_view::npos ? std::string_view{} : rest.substr(sep + 1);
    }
    // Each grouped alert copies the fields: keep a group to ~32 MB of them (fuzzing time, not a limit
    // of herald's).
    group = std::min(group, (32u << 20) / (f[0].size() + f[1].size() + f[2].size() + 1));
    static simdjson::dom::parser parser;
    const rules::AlertLimits l = rules::alert_limits_for(m);

    // capped_text: within its cap, a prefix of the original.
    std::string scratch;
    std::string_view capped = rules::capped_text(f[2], l.summary, scratch);
    std::string escaped;
    core::append_json_escaped(escaped, capped);
    FUZZ_CHECK(escaped.size() <= l.summary, "capped text over its cap");
    FUZZ_CHECK(escaped.size() == rules::capped_size(f[2], l.summary), "capped_size disagrees");

    analysis::Event event;
    analysis::Analysis analysis;
    event.id = f[3];
    event.summary = f[4];
    const auto text = static_cast<uint32_t>(f[4].size());
    analysis::Metric metric;
    metric.kind = analysis::MetricKind::revenue;
    metric.entity = f[1];
    metric.text = f[4];
    metric.span = {analysis::Field::summary, 0, text};
    analysis.metrics.push_back(metric);
    rules::EventContext ctx{event, analysis, 1777583400000};

    rules::Alert a;
    rules::make_alert_id(f[0], f[1], f[3], false, a.alert_id);
    a.rule_id = f[0];
    a.severity = "warning";
    a.key = f[1];
    a.summary = f[2];
    a.metric_indices = {0, 0, 5};
    a.evidence = {{analysis::Field::summary, 0, text}, {analysis::Field::summary, text / 2, text},
                  {analysis::Field::summary, text, text + 1}};
    check_alert(a, ctx, l, m, parser);

    if (group > 0) {
        std::vector<rules::Alert> alerts(group, a);
        for (size_t i = 0; i < group; ++i) {
            alerts[i].key = f[1].substr(0, i % 64) + std::to_string(i);
            rules::make_alert_id(a.rule_id, alerts[i].key, f[3], false, alerts[i].alert_id);
        }
        rules::group_alerts(alerts, l);
        size_t members = 0;
        for (const rules::Alert& g : alerts) {
            members += g.members.empty() ? 1 : g.members.size();
            check_alert(g, ctx, l, m, parser);
        }
        FUZZ_CHECK(members == group, "a split group lost members");
    }

    // The dead letter of the same fields.
    std::vector<kafka::Header> headers;
    for (size_t i = 0; i < 40; ++i) headers.push_back({i % 2 ? std::string_view(f[5]) : "herald-error", f[6]});
    output::DeadLetterBuilder dl(m, 1 << 20);
    dl.build({f[0], 3, 42, f[7], f[8], true, headers.data(), headers.size(), "invalid_json", f[2]});
    FUZZ_CHECK(dl.wire_size() + rules::kMessageOverheadBytes <= m, "dead letter larger than message.max.bytes");
    FUZZ_CHECK(std::string_view(f[7]).substr(0, dl.key().size()) == dl.key(), "dead-letter key not a prefix");
    FUZZ_CHECK(std::string_view(f[8]).substr(0, dl.value().size()) == dl.value(), "dead-letter value not a prefix");
    FUZZ_CHECK(dl.headers().size() >= 5 && dl.headers()[0].name == "herald-error" &&
                   dl.headers()[0].value == "invalid_json",
               "herald-error is not the first header");
    size_t own = 0;
    for (const kafka::Header& h : dl.headers()) own += herald_name(h.name);
    FUZZ_CHECK(own <= 8, "an incoming header passes for herald's");
    return 0;
}
