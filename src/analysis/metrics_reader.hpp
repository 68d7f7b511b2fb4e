#pragma once
// The metric extractor's per-sentence reader, shared by the files of its passes:
// (long because: the one declaration of the reader whose members the ten files below define.)
//   metrics_tagging.cpp      token flags, kind phrases ("hits"), figures, clauses, forecast cues
//   metrics_money.cpp        money figures: their kind, earlier values, conversions, "grew to" moves
//   metrics_pledges.cpp      investment pledges (capex), stake investments, contracts (orders)
//   metrics_counts.cpp       counts of units: deliveries, subscribers, job cuts
//   metrics_change.cpp       percentages and multipliers: changes, margins, segment growth
//   metrics_attribution.cpp  entity, ticker, period and forecast of a metric
//   metrics_segments.cpp     the business a metric is about (segment), figures of several companies
//   metrics_ranges.cpp       ranges written as two figures ("$12.8 billion to $13.8 billion")
//   metrics_trailing.cpp     moves after a level and a comma ("$4.82 billion, an increase of 11%")
//   metrics.cpp              the document walk: which sentences are read, where they split
// Everything works on the Document's tokens plus buffers the MetricExtractor reuses, so steady
// state does not allocate. Helpers called per token are inline here; the passes call the rest
// per figure or per hit.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string_view>
#include <vector>

#include "herald/analysis/metrics.hpp"
#include "metric_kinds.hpp"
#include "metrics_words.hpp"
#include "periods.hpp"
#include "segments.hpp"

namespace herald::analysis::metric_reader {

namespace W = words;
using words::eq_ci;
using Hit = MetricExtractor::Hit;
using Fig = MetricExtractor::Fig;

constexpr uint32_t kFigureFlag = 1u << 30;  // token belongs to a money figure
constexpr uint32_t kPunctComma = 1u << 29;  // , ; : ( and dashes: clause punctuation
constexpr uint32_t kPunctHard = 1u << 28;   // ; : end a clause for every purpose
constexpr uint32_t kMentionFlag = 1u << 27;
constexpr uint32_t kScopeEnd = 1u << 31;     // "as" starting a clause: a projection's scope ends before it
                                             // ("raises outlook as e-commerce sales jump 27%")
constexpr uint32_t kForecastCue = 1u << 26;  // the token makes its clause a projection (forecast_cue); only on
                                             // forecast words, "by" and numbers, which no "flags == 0" test reads

// The tokenizer's folded key of a short lower-case word: its bytes little-endian, zero-padded.
constexpr uint64_t word_key(std::string_view w) {
    uint64_t v = 0;
    for (size_t i = 0; i < w.size() && i < 8; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(w[i])) << (8 * i);
    return v;
}

// "bp" as a unit, read per figure: the code's bytes, not its strnlen'd view.
inline bool is_bp(const Unit& u) { return u.code[0] == 'b' && u.code[1] == 'p' && u.code[2] == 0; }

struct Ctx {
    const Document& doc;
    const std::vector<Mention>& mentions;
    const std::vector<Quantity>& quantities;
    std::vector<Metric>& out;
    const Sentence* sent = nullptr;
    std::string_view field;  // the sentence's field text: every token of a sentence is in it
    uint32_t si = 0;
    uint32_t mention_begin = 0, mention_end = 0;  // mentions of this sentence
    int pub_year = 0;
    size_t event_first = 0;  // the event's first metric in out
    size_t out_limit = 0;  // out.size() may not reach it (MetricExtractor::kMaxMetrics)
    bool full = false;     // a metric was dropped at out_limit: the passes stop
    bool gates = true;     // MetricExtractor::set_pass_gates: false runs every gated pass (tests)

    std::string_view tok(uint32_t t) const {
        if (t < sent->first_token || t >= sent->last_token) return {};
        const Token& k = doc.tokens[t];
        return {field.data() + k.begin, k.end - k.begin};
    }
};

inline uint32_t mention_end_token(const Document& doc, const Mention& m, uint32_t limit) {
    uint32_t t = m.token;
    while (t < limit && doc.tokens[t].begin < m.span.end) ++t;
    return t;
}

// Can the sentence hold a count figure ("delivered 384,122 vehicles")? (metrics_counts.cpp)
bool count_sentence(const Document& doc, const Sentence& s);

// Context carried from one read sentence to the next: the last named entity and product phrase.
struct Carry {
    const Mention* last_mention = nullptr;
    const Mention* last_company = nullptr;
    // Mention m (the next of its sentence, in order) as context for later sentences: not a company
    // named after a preposition once another opened its sentence ("Commerzbank ... as it fends off
    // a takeover approach from UniCredit": the next sentence's "Germany's second-largest lender
    // reported ..." is still Commerzbank's).
    void note(const Document& doc, const Mention& m) {
        if (!m.is_segment && last_company && last_company->sentence == m.sentence && m.token > 0) {
            // Compared by the tokenizer's key: no text read.
            const uint64_t a = doc.keys[m.token - 1].a;
            if ((a == word_key("from") || a == word_key("by") || a == word_key("with") || a == word_key("against") ||
                 a == word_key("than") || a == word_key("versus") || a == word_key("vs")) &&
                last_company->company != m.company)
                return;
        }
        last_mention = &m;
        if (!m.is_segment) last_company = &m;
    }
    std::string_view last_product;
    bool unit_sales = false;  // the item counts its sales in units (SentenceReader::unit_sales)
};

class SentenceReader {
public:
    SentenceReader(Ctx& c, std::vector<uint32_t>& flags, std::vector<W::TokenWord>& words, std::vector<Hit>& hits,
                   std::vector<Fig>& figs, std::vector<uint32_t>& clauses, std::vector<Metric>& merged)
        : c_(c), flags_(flags), words_(words), hits_(hits), figs_(figs), clauses_(clauses), merged_(merged) {
        std::fill(std::begin(last_of_kind_), std::end(last_of_kind_), -1);
    }

    // Reads the sentence c.sent, whose figures are quantities [q_begin, q_end); appends its metrics.
    void run(uint32_t q_begin, uint32_t q_end, Carry& carry);

private:
    // --- tagging (metrics_tagging.cpp) ---
    void tag_tokens();
    void find_hits();
    void price_targets();
    void unit_sales(bool item_counts_units);
    void map_figures(uint32_t q_begin, uint32_t q_end);
    const Hit* hit_after(const Fig& fg) const;
    const Hit* hit_before(uint32_t tb, uint32_t max_dist, bool across_figures = false) const;
    bool forecast_cue(uint32_t t) const;
    bool as_clause(uint32_t t) const;
    bool and_projection(uint32_t t) const;
    bool after_report(uint32_t t) const;
    bool analyst_subject(uint32_t t) const;
    bool forecast_in(uint32_t b, uint32_t e);
    bool coordinated_forecast(uint32_t cb, uint32_t ce) const;
    void table_clauses();

    // --- attribution (metrics_attribution.cpp) ---
    bool product_before(uint32_t from, uint32_t min_t, std::string_view& text, uint32_t& head) const;
    const Mention* mention_in(uint32_t b, uint32_t e) const;
    const Mention* nearest_mention(uint32_t anchor, bool before_only) const;
    std::string_view company_ticker(uint32_t anchor) const;
    bool unknown_name_between(Metric& m, const Hit* h, uint32_t te, uint32_t anchor);
    void attribute_entity(Metric& m, const Hit* h, uint32_t tb, uint32_t te, bool np_after);
    const Mention* buyer_of(const Mention& bought) const;
    std::string_view company_name(uint32_t anchor) const;
    void finish(Metric& m, uint32_t tb, uint32_t te, const Hit* h);
    bool executed_buyback(uint32_t b) const;
    bool actual_predicate(uint32_t b, MetricKind kind) const;

    // --- segments and combined figures (metrics_segments.cpp) ---
    void attribute(Metric& m, const Hit* h, uint32_t tb, uint32_t te, bool np_after);
    segments::View segment_view() const;
    bool total_before(const Hit* h) const;
    bool combined_figure(const Hit* h, uint32_t tb, uint32_t te);
    bool business_move(const Fig& fg, const Quantity& q);
    bool elided_move(size_t fi, const Quantity& q);
    void business_change(const Change& ch, std::string_view business, uint32_t at, const Fig& fg, const Quantity& q);
    bool same_business(const Metric& value, const Hit* h, uint32_t tb, uint32_t te);
    std::string_view segment_referred(uint32_t np_begin) const;
    std::string_view subject_business(const Hit* h) const;
    std::string_view opening_place() const;
    void read_subject_verb() const;

    // --- moves stated as amounts, "respectively" lists (metrics_lists.cpp) ---
    bool amount_move(const Fig& a, const Fig& b) const;
    bool percent_between(const Fig& a, const Fig& b) const;
    void mark_amounts();
    void take_amount(Metric& m, const Fig& fg, const Hit* h) const;
    void respectively_lists();
    const Hit* list_kind(const Fig& fg) const {
        return fg.list_hit >= 0 ? &hits_[static_cast<size_t>(fg.list_hit)] : nullptr;
    }

    // --- ranges written as two figures (metrics_ranges.cpp) ---
    void join_ranges();
    bool growth_range_after_by(const Fig& a, const Quantity& qa) const;
    void range_value(Metric& m, const Fig& fg) const;
    void range_change(Change& ch, const Fig& fg) const;

    // --- money figures (metrics_money.cpp) ---
    void money_pass();
    bool conversion_prior(size_t fi, const Quantity& q);
    void money_metric(Fig& fg, const Quantity& q, const Hit* h, bool np_after);
    void take_pending_prior(Metric& m, const Quantity& q, const Hit* h);
    bool is_conversion(size_t fi) const;
    bool bracketed_after(const Quantity& q, const Quantity& p) const;
    static size_t label_start(std::string_view s, size_t i);
    bool labelled(const Quantity& q) const;
    bool bracketed_prior_percent(size_t fi);
    bool prior_cue_before(uint32_t tb, int* sign = nullptr) const;
    bool level_after(uint32_t te) const;
    bool driver_move(uint32_t tb, uint32_t te) const;
    void set_prior(const Quantity& q, uint32_t te, int sign = 0);
    bool alternative_of(const Fig& prior, const Fig& fg) const;
    void alternative_basis(uint32_t te);
    Direction direction_to(const Hit* h, uint32_t tb) const;
    bool reaffirm_verb_before(uint32_t from) const;
    const Hit* per_share_kind(const Fig& fg, const Hit* marker);
    bool yardstick_after(uint32_t te) const;
    bool securities_sale();
    // An expense, not a result: "tariffs cost the company about $600 million", "a $4.9 billion
    // 777X charge" (metrics_money.cpp).
    bool expense_figure(const Fig& fg) const;
    void multiple_after(const Fig& fg);
    const Hit* valuation_kind(const Fig& fg);
    const Hit* deal_at(uint32_t k);
    std::string_view business_after_figure(const segments::View& v, uint32_t te) const;
    const Hit* share_price_target(const Hit* h, const Quantity& q);
    bool role_before(uint32_t tb, W::Role role, uint32_t max_dist) const;
    Direction verb_before(const Hit* h) const;
    Direction swing_before(const Hit* h) const;
    void kept_level(Metric& m, const Fig& fg) const;
    Basis basis_after(uint32_t te, uint32_t b, uint32_t e_between) const;
    Basis year_ago_comparison(uint32_t te) const;
    Basis prior_period_basis(const Metric& m, uint32_t te) const;
    static bool period_gap(std::string_view gap);  // "at the end of September 2008" before "( EUR 0.97 bn )"
    bool colon_projection(uint32_t b, const periods::Found*& period);  // "guidance for 2027: revenue of ..."
    Basis same_period_after(uint32_t te) const;  // "for the same period in 2025" after an earlier value
    // "compared to EUR 2.8 mn in the third quarter of 2007": the figure is of Q3 2008.
    void period_from_prior(Metric& m, uint32_t te) const;
    template <class CueAt>
    bool earlier_projection_before(uint32_t of, CueAt cue_at) const;

    // --- investment pledges and contracts (metrics_pledges.cpp) ---
    W::Role role_at(uint32_t t) const;
    uint32_t verb_before_figure(uint32_t tb) const;
    bool stake_after(const Fig& fg) const;
    bool financial_investment(const Fig& fg, uint32_t verb) const;
    std::string_view facility_of(uint32_t from, uint32_t to) const;
    const Hit* pledge_kind(const Fig& fg);
    const Hit* contract_kind(const Hit* h);

    // --- counts (metrics_counts.cpp) ---
    void count_pass();
    bool counts_possible() const;
    bool read_count(uint32_t t, double& value, uint32_t& te) const;
    bool count_range(uint32_t t, uint32_t te, double& low, double& high, uint32_t& high_te) const;
    const Hit* count_kind(uint32_t tb, uint32_t te, Hit& made) const;
    bool cut_verb_before(uint32_t tb) const;
    const Metric* after_job_count(uint32_t tb) const;
    bool market_source() const;
    void drop_market_figures();
    Qualifier qualifier_before(uint32_t t) const;
    std::string_view model_text(uint32_t k) const;
    uint32_t link_before(uint32_t tb) const;
    bool earlier_count(uint32_t tb, uint32_t te, double value);
    bool gain_before(uint32_t tb) const;
    bool sold_before(uint32_t tb) const;
    bool breakdown_before(uint32_t tb) const;
    void sort_metrics(size_t counts_begin);
    bool job_share(const Fig& fg, const Quantity& q);

    // --- percentages and multipliers (metrics_change.cpp) ---
    void change_pass();
    const Hit* change_kind_after(const Fig& fg, Direction& dir, uint32_t& between_e) const;
    const Hit* change_kind_before(const Fig& fg, Direction& dir) const;
    bool segment_move(const Fig& fg, const Quantity& q);
    bool growth_rate(const Fig& fg, const Quantity& q);
    void margin_figure(const Fig& fg, const Quantity& q, const Hit* h, Direction dir);
    bool margin_prior_far(size_t fi, const Quantity& q);
    void push_metric(Metric& m, const Hit* h, uint32_t tb, uint32_t te);
    void margin_bp(const Fig& fg, const Quantity& q);
    void margin_change(const Fig& fg, const Quantity& q, const Hit* h, Direction dir, double points);
    void attach_change(const Change& ch, const Hit* h, uint32_t tb, uint32_t te, const Quantity& q);
    void multiplier_pass();

    // --- moves after a level and a comma ("$4.82 billion, an increase of 11%"; metrics_trailing.cpp) ---
    const Fig* fig_ending(uint32_t te) const;
    Metric* trailing_level(uint32_t tb, Direction& dir) const;
    bool trailing_percent(const Fig& fg, const Quantity& q);
    bool trailing_amount(const Fig& fg, const Quantity& q);
    bool share_margin(const Fig& fg, const Quantity& q);

    // --- small helpers used per token ---
    // The sentence bounds and flags are cached in members: read through c_ they would be reloaded
    // after every store the compiler cannot rule out as aliasing.
    uint32_t F(uint32_t t) const { return fl_[t - first_]; }
    // The role of token t of the sentence (Role::none for tokens that are no word) and the cue
    // words (words::Cue) of any token (0 outside the sentence), read with the flags (tag_tokens).
    W::Role role_of(uint32_t t) const { return static_cast<W::Role>(tw_[t - first_].role); }
    uint32_t cues(uint32_t t) const { return t >= first_ && t < last_ ? tw_[t - first_].cues : 0; }
    uint32_t first() const { return first_; }
    uint32_t last() const { return last_; }

    // Hits are in token order and do not overlap (find_hits), so both their begins and their ends
    // ascend: lookups by position are binary searches, never a walk over every hit of the sentence
    // (a hostile sentence holds hundreds of thousands).
    // The passes ask about figures in token order, so each search starts at the previous answer
    // and steps over a few hits before it falls back to the binary search (the same answer).
    const Hit* hit_beginning(uint32_t t) const {
        // Every hit begins at a kind or phrase word of the sentence (find_hits; those flags do not
        // change after it): other tokens are answered without a search.
        if (t < first_ || t >= last_ || !(fl_[t - first_] & (W::kKind | W::kPhrase))) return nullptr;
        const size_t i = first_hit_from(begin_hint_, t, [](const Hit& h) { return h.begin; });
        return i < hits_.size() && hits_[i].begin == t ? &hits_[i] : nullptr;
    }
    // The first hit ending after token t (hits_.size() when none).
    size_t first_hit_ending_after(uint32_t t) const {
        return first_hit_from(end_hint_, t + 1, [](const Hit& h) { return h.end; });
    }
    // The first hit whose key (begin or end: both ascend) is at least x, searched from `hint`.
    template <class Key>
    size_t first_hit_from(size_t& hint, uint32_t x, Key key) const {
        const size_t n = hits_.size();
        size_t i = hint < n ? hint : n;
        if (i == 0 || key(hits_[i - 1]) < x) {
            for (int k = 0; k < 4 && i < n && key(hits_[i]) < x; ++k) ++i;
            if (i == n || key(hits_[i]) >= x) return hint = i;
        }
        hint = static_cast<size_t>(
            std::lower_bound(hits_.begin(), hits_.end(), x, [&](const Hit& h, uint32_t v) { return key(h) < v; }) -
            hits_.begin());
        return hint;
    }
    const Hit* hit_at(uint32_t t) const {
        const Hit* h = hit_beginning(t);
        return h && !h->modifier ? h : nullptr;
    }

    uint32_t clause_begin(uint32_t t) const {
        while (t > first() && !(F(t - 1) & (kPunctComma | W::kClause | kScopeEnd))) --t;
        return t;
    }
    uint32_t clause_end(uint32_t t) const {
        while (t < last() && !(F(t) & (kPunctComma | W::kClause | kScopeEnd))) ++t;
        return t;
    }

    // Mentions come in token order and do not overlap (EntityFinder::match), so their first and
    // end tokens both ascend: the first mention of the sentence at or after token t.
    uint32_t mention_from(uint32_t t) const {
        const Mention* b = c_.mentions.data() + c_.mention_begin;
        const Mention* e = c_.mentions.data() + c_.mention_end;
        return static_cast<uint32_t>(
            std::lower_bound(b, e, t, [](const Mention& m, uint32_t x) { return m.token < x; }) - c_.mentions.data());
    }

    Direction direction_in(uint32_t b, uint32_t e, bool loss) const {
        Direction d = Direction::none;
        for (uint32_t t = b; t < e; ++t) {
            uint32_t f = F(t);
            if (f & W::kUp) d = Direction::up;
            else if (f & W::kDown) d = Direction::down;
            else if (f & W::kFlat) d = Direction::flat;
            else if (f & W::kNarrow) d = loss ? Direction::up : Direction::down;
            else if (f & W::kWiden) d = loss ? Direction::down : Direction::up;
        }
        return d;
    }

    static void direction_from_prior(Metric& m) {
        if (!m.has_prior || m.change.direction != Direction::none) return;
        m.change.direction = m.value > m.prior_value ? Direction::up
                             : m.value < m.prior_value ? Direction::down
                                                       : Direction::flat;
    }

    // A kind phrase the text implies at token `at` (a job noun, a business's move verb).
    static Hit made_hit(uint32_t at, MetricKind kind) {
        Hit h;
        h.begin = h.np_begin = at;
        h.end = at + 1;
        h.kind = kind;
        return h;
    }

    // A ratio kind (margins): its percentages are levels, its moves points (the kind catalogue's column).
    static bool is_margin(MetricKind k) { return k != W::kNotMetric && kinds::is_ratio(k); }

    // The latest metric of this kind in the sentence, or null (kept per kind by push()).
    Metric* sentence_metric(MetricKind kind) {
        const int32_t i = last_of_kind_[static_cast<size_t>(kind)];
        return i >= 0 ? &c_.out[static_cast<size_t>(i)] : nullptr;
    }

    // The figure's value (a range's low end, and both ends), unit and bytes on a metric.
    static void take_value(Metric& m, const Quantity& q) {
        m.has_value = true;
        m.value = q.value;
        m.is_range = q.is_range;
        m.low = q.low;
        m.high = q.high;
        m.unit = q.unit;
        m.qualifier = q.qualifier;
        m.span = q.span;
        m.text = q.text;
    }

    // A percentage as a change in that direction; a range ("4.8-5.1%") keeps its high end.
    static void set_percent(Change& ch, Direction dir, const Quantity& q) {
        ch.direction = dir;
        ch.has_percent = true;
        ch.percent = dir == Direction::down ? -std::fabs(q.value) : std::fabs(q.value);
        if (q.is_range) {
            ch.has_percent_high = true;
            ch.percent_high = dir == Direction::down ? -std::fabs(q.high) : std::fabs(q.high);
        }
    }

    void push(const Metric& m) {
        if (c_.out.size() >= c_.out_limit) {
            c_.full = true;
            return;
        }
        last_of_kind_[static_cast<size_t>(m.kind)] = static_cast<int32_t>(c_.out.size());
        values_after_money_ |= m.has_value;
        c_.out.push_back(m);
    }

    Ctx& c_;
    std::vector<uint32_t>& flags_;
    std::vector<W::TokenWord>& words_;
    std::vector<Hit>& hits_;
    std::vector<Fig>& figs_;
    size_t first_metric_ = 0;
    size_t money_end_ = 0;  // [first_metric_, money_end_): the money pass's metrics, in figure order
    // Some metric from money_end_ on may have a value (set when one is pushed or given one; reset
    // at money_end_): attach_change skips its walk over the later metrics when none can qualify.
    bool values_after_money_ = false;
    // A figure looks for the metric it completes (an earlier value, a change's value) among the
    // sentence's latest kMaxCandidates metrics only: a sentence of normal text holds a few, and a
    // hostile one of 100,000 figures would otherwise cost a walk over all of them per figure.
    static constexpr size_t kMaxCandidates = 32;
    static constexpr uint32_t kShortSentence = 64;  // tokens: forecast_in walks its clause
    static constexpr uint32_t kFewMentions = 8;     // mentions in the sentence: lookups walk them all
    int32_t last_of_kind_[static_cast<size_t>(MetricKind::count_)];  // index in c_.out, -1: none
    std::vector<uint32_t>& clauses_;  // table_clauses(): clause begins, ends, cue counts
    std::vector<Metric>& merged_;     // sort_metrics()' buffer, reused
    bool clauses_done_ = false;
    uint32_t analyst_from_ = UINT32_MAX;  // "Analysts expect ...": figures after this token are projections
    bool has_pending_prior_ = false;
    double pending_prior_ = 0;
    Unit pending_prior_unit_;
    Basis pending_prior_basis_ = Basis::none;
    int pending_prior_sign_ = 0;
    // The sentence's periods, read once (a cache: const readers may fill it).
    void read_periods() const {
        if (periods_done_) return;
        // A period starts at a word with kPeriodStart or at a year (periods::year_token): a
        // sentence of neither (a table of figures) holds none, and its tokens are not walked.
        n_periods_ = (words_any_ & W::kPeriodStart) || years_
                         ? periods::all(c_.doc, *c_.sent, fl_, W::kPeriodStart, periods_, kMaxPeriods)
                         : 0;
        periods_done_ = true;
    }
    // The period a "respectively" list of periods gives the figure starting at token tb, nullptr when none.
    const periods::Found* list_period(uint32_t tb) const;
    bool lists_ = false;  // respectively_lists() gave some figure a list_len
    mutable size_t begin_hint_ = 0, end_hint_ = 0;  // the last answers of the hit searches
    mutable uint32_t stop_from_ = UINT32_MAX, stop_at_ = 0;  // year_ago_comparison's last walk
    bool period_list(uint32_t n);
    uint32_t before_period_list(uint32_t e);
    static constexpr size_t kMaxPeriods = 8;
    const periods::Found* clause_period(const periods::Found* p, uint32_t tb, uint32_t te);
    bool projection_period(const periods::Found* p, uint32_t tb, uint32_t te);
    bool moved_by_other(const Metric& m, const Quantity& q) const;
    bool projected_after(const Metric& m, uint32_t te) const;
    mutable periods::Found periods_[kMaxPeriods];
    mutable size_t n_periods_ = 0;
    mutable bool periods_done_ = false;
    uint32_t first_ = 0, last_ = 0;
    uint32_t* fl_ = nullptr;  // flags_.data() once sized
    const W::TokenWord* tw_ = nullptr;  // words_.data() once sized
    const Mention* last_mention_ = nullptr;
    const Mention* last_company_ = nullptr;
    std::string_view last_product_;
    std::string_view product_seen_;
    // Set by attribute_entity for attribute: the mention the entity came from, and whether it
    // was inside the kind's phrase ("AWS revenue") rather than only the nearest name.
    const Mention* entity_mention_ = nullptr;
    bool entity_mention_in_phrase_ = false;
    std::string_view forced_segment_;  // business_move: the business its verb's subject names
    int8_t combined_possible_ = -1;    // segments::combined_possible of this sentence, -1: not asked yet
    int8_t clause_words_ = -1;         // segments::clause_words_of of this sentence, -1: not asked yet
    uint32_t cues_any_ = 0;            // the OR of the sentence's tokens' cue bits (tag_tokens)
    uint32_t words_any_ = 0;           // the OR of the word table's flags of its tokens (tag_tokens)
    bool comma_ = false;               // the sentence has a "," token (tag_tokens)
    bool forecast_cues_ = false;       // some token of the sentence has kForecastCue (tag_tokens)
    bool paren_ = false;               // the sentence has a "(" token (tag_tokens)
    bool colon_ = false;               // the sentence has a ":" token (tag_tokens)
    bool years_ = false;               // the sentence has a four-digit number (tag_tokens)
    // Whether basis_after can find a basis in this sentence: a word or cue of one, or a "/" of
    // "y/y"; -1: not asked yet (a cache of the sentence: const readers fill it).
    mutable int8_t basis_possible_ = -1;
    bool basis_possible() const;
    // subject_business's verb token and the first clause end from it (read_subject_verb, once).
    static constexpr uint32_t kUnread = UINT32_MAX, kNoSubject = UINT32_MAX - 1;
    mutable uint32_t subject_verb_ = kUnread, subject_stop_ = 0;
    mutable int8_t not_metric_hits_ = -1;  // some hit names no metric (expense_figure), -1: not read
    int8_t securities_ = -1;           // securities_sale() of this sentence, -1: not asked yet
    Hit price_target_hit_;             // share_price_target's hit, when it makes one
    Hit pledge_hit_;                   // pledge_kind's or contract_kind's hit, when it makes one
    Hit deal_hit_;                     // per_share_kind's: "will pay $14.50 a share" is a deal's price
    std::string_view pledge_segment_;  // pledge_kind: the plant the money is for
    static constexpr size_t kMaxBreakdowns = 8;
    uint32_t breakdowns_[kMaxBreakdowns];  // count_pass: where counts of an "including" breakdown begin
    size_t n_breakdowns_ = 0;
    bool unit_sales_seen_ = false;     // unit_sales() or a "sold 955,000 vehicles" count made deliveries
    int8_t contract_words_ = -1;       // contract_kind's word classes of this sentence, -1: not read yet
};

}  // namespace herald::analysis::metric_reader
