#pragma once
// Evaluates one rule's compiled nodes for one event and key. No allocation: everything it
// reads lives in the event, the analysis, the rule or the engine's prepared scratch.
#include <bitset>
#include <string>
#include <string_view>

#include "herald/core/ascii.hpp"
#include "herald/core/hash.hpp"
#include "herald/rules/alert.hpp"
#include "program.hpp"
#include "state.hpp"

namespace herald::rules::detail {

// The key an evaluation runs for, and the entity it stands for (null when none).
struct KeyView {
    std::string_view key;
    std::string_view ticker;
    const analysis::EntityResult* entity = nullptr;
};

// What made a condition true: matched metrics and text matches, for the alert's evidence, and
// for its explanation the comparisons that held, the corporate events read, the windows read and
// whether sentiment was read. Fixed buffers: nothing here allocates.
struct Marks {
    static constexpr size_t kMaxMetrics = 256;
    static constexpr size_t kMaxSpans = 4;
    static constexpr size_t kMaxCompared = 6;
    static constexpr size_t kMaxEvents = 4;
    static constexpr size_t kMaxWindows = 64;  // windows of a rule explained (bits of `windows`)
    struct Compared {
        int32_t node;  // the compare node
        double lhs, rhs;
        std::string_view ls, rs;  // string comparisons: views into the event, analysis or rule
        bool text;
    };
    std::bitset<kMaxMetrics> metrics;
    analysis::Span spans[kMaxSpans];
    uint8_t n_spans = 0;
    Compared compared[kMaxCompared];
    uint8_t n_compared = 0;
    uint16_t events[kMaxEvents];  // indices into Analysis::events
    uint8_t n_events = 0;
    bool sentiment = false;
    uint64_t windows = 0;  // bit w: window slot w was read
    void clear() {
        metrics.reset();
        n_spans = n_compared = n_events = 0;
        sentiment = false;
        windows = 0;
    }
    // What a failed branch must not leave behind: the lists only grow while a branch is
    // evaluated, so restoring their lengths undoes it (cheaper than copying the buffers).
    struct Snapshot {
        std::bitset<kMaxMetrics> metrics;
        uint64_t windows;
        uint8_t n_spans, n_compared, n_events;
        bool sentiment;
    };
    Snapshot snapshot() const { return {metrics, windows, n_spans, n_compared, n_events, sentiment}; }
    void restore(const Snapshot& s) {
        metrics = s.metrics;
        windows = s.windows;
        n_spans = s.n_spans;
        n_compared = s.n_compared;
        n_events = s.n_events;
        sentiment = s.sentiment;
    }
};

// The figure a summary and a {metric...} placeholder describe, given the first marked metric at
// `first`: a later marked metric that restates the same figure (kind, company, segment, forecast,
// value, change) with more of its detail (basis, period, earlier value) stands for it, so the
// headline's "revenue jumps 53% to $64.2 billion" restated in the summary "up 53% year over year"
// is described with its basis (render.cpp).
const analysis::Metric* fuller_restatement(const std::vector<analysis::Metric>& metrics, size_t first,
                                           const Marks& marks);

// What the metric walks compare first, per metric of the event (Evaluator::tags).
struct MetricTag {
    analysis::MetricKind kind;
    std::string_view ticker;
};

// A hash of a ticker with its ASCII case folded: tickers iequals calls equal hash alike, so the
// metrics ordered by it hold each key's in one run (a collision only adds metrics picks refuses).
inline uint64_t ticker_hash(std::string_view t) {
    uint64_t h = core::kFnvOffset;
    for (char c : t) h = (h ^ static_cast<unsigned char>(core::ascii::lower(c))) * 0x100000001b3ULL;
    return h;
}

// A metric's place in the order by ticker hash, then index (EngineState::metric_by_ticker).
struct TickerSlot {
    uint64_t hash;
    uint32_t index;
    bool operator<(const TickerSlot& o) const { return hash != o.hash ? hash < o.hash : index < o.index; }
};

struct WindowValue {
    double v = 0.0;
    bool ok = false;
};

// The novelty of one company of the event (Engine: NoveltyTracker), aligned with its entities.
struct NoveltyValue {
    bool ok = false;  // computed for this entity
    uint8_t novelty = 100;
    std::string_view duplicate_of;
};

using core::ascii::iequals;

class Evaluator {
public:
    Evaluator(const EventContext& ctx, const Rule& rule, const KeyView& key, const WindowValue* windows,
              const RuleState& state, std::string& scratch)
        : ctx_(ctx), rule_(rule), key_(key), windows_(windows), state_(state), scratch_(scratch) {}

    // A condition, with metric(...) leaves checked against each matching metric ("any").
    bool cond(int32_t n);
    bool num(int32_t n, double& out);
    bool str(int32_t n, std::string_view& out);

    // Whether metric m passes selector `sel`'s filters (and the rule's key, when keyed).
    bool selects(const Node& sel, const analysis::Metric& m, bool restrict_to_key) const;
    // The first metric the selector picks for this key (a matched one first), or null.
    const analysis::Metric* first_match(int32_t sel) const;

    Marks marks;
    // Only the metric field reads below look at these: the metric a leaf is being checked against.
    int32_t cur_sel = -1;
    const analysis::Metric* cur_metric = nullptr;
    // The tags of ctx.analysis.metrics in order (EngineState::metric_tags), or null. The walks
    // over the metrics (per selector and per key of a rule) compare a metric's kind, and its
    // ticker with the key's, here first: a figure-dense event holds thousands of metrics of 256
    // bytes, and reading each one per selector and key missed cache.
    const MetricTag* tags = nullptr;
    // selects(sel, ctx.analysis.metrics[i], restrict_to_key), the tags asked first.
    bool picks(const Node& sel, size_t i, bool restrict_to_key) const;
    // The metric indices ordered by ticker (EngineState::metric_by_ticker), or null.
    const TickerSlot* by_ticker = nullptr;
    size_t by_ticker_n = 0;
    // When the rule's key decides the ticker alone and by_ticker is set: the run [begin, end) of
    // by_ticker holding the key's metrics, true. Otherwise false (walk every metric).
    bool key_run(size_t& begin, size_t& end) const;
    // Per entity of the event when a rule reads novelty; null otherwise.
    const NoveltyValue* novelty = nullptr;
    size_t novelty_count = 0;
    const NoveltyValue* novelty_of_key() const;
    // story.revision: the earlier messages of the event's story (0 without one).
    uint32_t story_revision = 0;
    // The key's window rings (aligned with the rule's windows), for the explanation's event ids.
    const std::vector<Ring>* rings = nullptr;

private:
    bool cond_raw(int32_t n);
    // cond_raw's larger cases, one per kind of node.
    bool cond_logic(const Node& nd);  // and, or, not: a failed branch leaves no marks
    bool cond_compare(int32_t n, const Node& nd);
    bool cond_in_list(const Node& nd);
    bool cond_contains(const Node& nd);
    // num's larger cases.
    bool num_field(const Node& nd, double& out);
    bool num_metric_field(const Node& nd, double& out);
    bool num_change_since_last(const Node& nd, double& out);
    bool num_arithmetic(const Node& nd, double& out);
    bool num_call(const Node& nd, double& out);
    const analysis::Metric* metric_for(int32_t sel) const;
    // The key's company's event of node nd's type (event(...)), or null.
    const analysis::CorporateEvent* event_for(const Node& nd) const;
    void mark_event(const analysis::CorporateEvent* e);
    const Node& node(int32_t n) const { return rule_.nodes[static_cast<size_t>(n)]; }

    const EventContext& ctx_;
    const Rule& rule_;
    const KeyView& key_;
    const WindowValue* windows_;
    const RuleState& state_;
    std::string& scratch_;
};

// "TICKER\x1fentity" in lowercase-insensitive form: the change_since_last state key of a metric.
void last_value_key(const analysis::Metric& m, std::string& out);

}  // namespace herald::rules::detail
