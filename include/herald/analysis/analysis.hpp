#pragma once
// The result of analysing one event: what `herald analyze` prints and what rules read.
// Reused across events (clear() keeps capacity); string_views point into the event's text
// or into the process-lifetime lexicon/alias tables.
//
//   herald::analysis::Analysis a;
//   analyzer.analyze(event, a);
//   if (a.sentiment.score >= 0.4) ...
//   for (const auto& m : a.metrics) if (m.kind == MetricKind::revenue && m.change.has_percent) ...
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "herald/analysis/event.hpp"

namespace herald::analysis {

enum class Label : uint8_t {
    strongly_negative,
    moderately_negative,
    mildly_negative,
    neutral,
    mildly_positive,
    moderately_positive,
    strongly_positive
};
// Thresholds fixed by docs/contracts.md "Analysis": <= -0.70, <= -0.40, <= -0.10, neutral, >= 0.10, >= 0.40, >= 0.70.
Label label_for(double score);
std::string_view label_name(Label l);  // "strongly positive", ...
bool parse_label(std::string_view name, Label& out);

struct Sentiment {
    double score = 0.0;
    Label label = Label::neutral;
};

enum class Direction : uint8_t { none, up, down, flat };
enum class Basis : uint8_t { none, yoy, qoq, sequential, annualized };
enum class Qualifier : uint8_t { none, over, under, about };
std::string_view direction_name(Direction d);  // "" for none
std::string_view basis_name(Basis b);
std::string_view qualifier_name(Qualifier q);

enum class MetricKind : uint8_t {
    revenue,
    operating_income,
    net_income,
    pretax_income,
    eps,
    ebitda,
    backlog,
    capex,
    run_rate,
    commitments,
    orders,
    guidance,
    operating_margin,
    gross_margin,
    cash_flow,
    net_interest_income,  // a bank's interest earned minus interest paid
    comparable_sales,     // same-store / like-for-like sales
    dividend,
    buyback,
    deliveries,           // units delivered or shipped (count)
    subscribers,          // subscribers, users, members (count)
    job_cuts,             // jobs cut (count, or % of staff)
    deal_value,           // price of an acquisition, merger or stake deal
    price_target,         // an analyst's price target for the stock
    count_  // not a kind: number of kinds
};
std::string_view metric_kind_name(MetricKind k);
bool parse_metric_kind(std::string_view name, MetricKind& out);

// "USD", "EUR", ... (ISO 4217), "%", "bp" or "count"; empty when a metric has no value.
struct Unit {
    char code[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    std::string_view view() const { return {code, strnlen(code, sizeof code)}; }
    bool empty() const { return code[0] == 0; }
    bool is_percent() const { return code[0] == '%'; }
    static Unit of(std::string_view s) {
        Unit u;
        std::memcpy(u.code, s.data(), s.size() < 7 ? s.size() : 7);
        return u;
    }
    bool operator==(const Unit& o) const { return std::memcmp(code, o.code, sizeof code) == 0; }
};

// A byte range [begin, end) into one text field of the event.
struct Span {
    Field field = Field::text;
    uint32_t begin = 0;
    uint32_t end = 0;
};

struct Quantity {
    double value = 0.0;  // base units: 37.6e9 for "$37.6B", 28.0 for "28%"
    Unit unit;
    Span span;
    bool is_range = false;  // "20-25%": value is the low end, low/high both set
    double low = 0.0, high = 0.0;
    Qualifier qualifier = Qualifier::none;
    std::string_view text;  // the bytes of span ("$37.6B")
};

struct Change {
    Direction direction = Direction::none;
    bool has_percent = false;
    double percent = 0.0;  // 28.0 means +28 %; sign follows direction
    bool has_percent_high = false;  // a change range ("growth of 4.8-5.1%"): percent is the low end
    double percent_high = 0.0;
    bool has_points = false;
    double points = 0.0;  // percentage points of a ratio ("margin widened 120 bp": +1.2); sign follows direction
    bool has_amount = false;
    double amount = 0.0;  // a move stated as an amount, in the value's unit ("increased by $5 million to $80 million": +5e6)
    Basis basis = Basis::none;
};

// Normalized period text: "Q1", "Q1 2026", "FY2025", "9M 2009", "quarter", ...
struct Period {
    char text[24] = {};
    uint8_t len = 0;
    // The month (1..12) the fiscal year ends when the text states it with the period ("the year
    // ending March 2027", "first half of its fiscal year ending March 2027": 3); 0 when unstated.
    // Tells the current fiscal year from next year's when a year is later than the item's.
    uint8_t fy_end = 0;
    std::string_view view() const { return {text, len}; }
    bool empty() const { return len == 0; }
    void set(std::string_view s) {
        len = static_cast<uint8_t>(s.size() < sizeof text ? s.size() : sizeof text);
        std::memcpy(text, s.data(), len);
    }
};

struct Metric {
    MetricKind kind = MetricKind::revenue;
    std::string_view entity;   // the company: "Amazon", or text from the event
    std::string_view segment;  // the business unit, product, brand or region ("AWS", "advertising"); empty for company totals
    std::string_view ticker;   // "AMZN"; empty when unknown
    bool has_value = false;
    double value = 0.0;        // a range's low end
    bool is_range = false;     // "$2.60 to $2.65": low and high are the ends
    double low = 0.0, high = 0.0;
    Unit unit;
    Change change;
    bool has_prior = false;
    double prior_value = 0.0;
    Period period;
    bool forecast = false;
    // A deal, pledge or contract ("will invest $9 billion", "signs $20 billion cloud deal"): no
    // result of the reported period, so it has a period only when the text writes one by it.
    bool point_in_time = false;
    // A buyback carried out in the reported period ("repurchased $4 billion of stock", "returned
    // $4.5 billion, including $3.5 billion of share repurchases"): it takes the report's period
    // when its sentence writes none (an authorization or a program total does not).
    bool executed = false;
    // The year of an outlook's period the figure did not take ("raises 2026 EPS outlook as sales
    // climb 16%"): still the year the item reports on (periods::complete), never output.
    uint16_t outlook_year = 0;
    Qualifier qualifier = Qualifier::none;
    Span span;               // the figure's bytes ("$37.6B"), or the change's when there is no value
    std::string_view text;   // the bytes of span
};

// The parts of one entity's relevance (RelevanceScorer; docs/events.md, "Relevance"), for
// --explain and tests. Points add up to at most 100 before the crowd factor scales them.
struct RelevanceParts {
    double title = 0.0;     // named in the headline (or the first sentence when there is none): 40
    double lead = 0.0;      // how early the first mention is: up to 20
    double share = 0.0;     // share of the sentences that name or refer to it: up to 25
    double mentions = 0.0;  // how often it is named: up to 15
    double crowd = 1.0;     // min(1, sqrt(2 / effective number of companies))
};

struct EntityResult {
    std::string_view name;    // canonical company name ("Amazon")
    std::string_view ticker;  // "AMZN"; empty for event-named entities without one
    uint32_t mentions = 0;
    Sentiment sentiment;
    uint8_t relevance = 0;    // 0-100: how much the story is about it (RelevanceScorer)
};

// A corporate event the text reports about one company (issue 16; docs/events-taxonomy.md).
// Names point into the process-lifetime EventTypeTable, text into the event.
enum class EventRole : uint8_t { none, acquirer, target, seller };
std::string_view event_role_name(EventRole r);  // "" for none

struct CorporateEvent {
    uint16_t type = 0;        // index into the EventTypeTable
    std::string_view name;    // "guidance_cut"
    int8_t polarity = 0;      // +1, -1, 0
    uint32_t entity = 0;      // index into Analysis::entities
    EventRole role = EventRole::none;
    std::string_view detail;  // "completed", "credit", "suspended", ... or empty
    Span span;                // the words that report it
    std::string_view text;    // the bytes of span
    bool has_figure = false;  // the figure the text states with it ("$10 billion", "1,500 jobs", "$350")
    double figure = 0.0;
    Unit unit;                // empty for counts
};

// The k smallest 32-bit hashes of a story's content words (headline and summary; the first
// sentences of body or text when there is no summary) and its event types: a bottom-k sketch that
// novelty compares (novelty.hpp). A story of up to kSize such features is held whole.
struct StorySketch {
    static constexpr uint32_t kSize = 32;
    uint32_t mins[kSize] = {};  // ascending, distinct
    uint8_t count = 0;          // hashes held (min(kSize, features))
    uint16_t features = 0;      // distinct features of the story (estimated past kSize; at most 65535)
};

struct Analysis {
    Sentiment sentiment;
    std::vector<EntityResult> entities;  // most mentioned first
    std::vector<Metric> metrics;
    std::vector<Quantity> quantities;
    std::vector<CorporateEvent> events;  // in text order, one per (type, company)
    StorySketch story;                   // what novelty compares (sketch_story)
    // The analysis stopped at a cap: the text beyond Document::kMaxTokens tokens, the figures
    // beyond QuantityExtractor::kMaxFigures or the metrics beyond MetricExtractor's cap.
    bool tokens_capped = false, figures_capped = false, metrics_capped = false;

    void clear() {
        sentiment = {};
        story = {};
        tokens_capped = figures_capped = metrics_capped = false;
        entities.clear();
        metrics.clear();
        quantities.clear();
        events.clear();
    }
};

}  // namespace herald::analysis
