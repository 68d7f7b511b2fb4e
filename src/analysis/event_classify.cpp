// Matching of the event type table over one document: the tokens with a word of the table (the
// cues, found by the Analyzer's one probe per token for every table) are read sentence by
// sentence, and patterns are matched only from the rarer cues that can start one. Scratch is
// reused: no allocation once the buffers have grown.
#include "event_scratch.hpp"

#include <algorithm>
#include <string_view>

namespace herald::analysis {

EventTypeClassifier::EventTypeClassifier(std::shared_ptr<const EventTypeTable> table)
    : table_(std::move(table)), s_(std::make_unique<Scratch>()) {
    s_->t = &table_->impl();
}

EventTypeClassifier::~EventTypeClassifier() = default;


void EventTypeClassifier::classify(const Document& doc, const std::vector<Mention>& mentions, Analysis& a) {
    if (a.entities.empty()) return;
    s_->look_up(doc, *table_);
    run(doc, mentions, a, s_->own);
}

void EventTypeClassifier::classify(const Document& doc, const std::vector<Mention>& mentions, Analysis& a,
                                   const EventTokenIds& looked_up) {
    if (a.entities.empty()) return;
    if (looked_up.filled_from(doc, *table_)) return run(doc, mentions, a, looked_up);
    s_->look_up(doc, *table_);
    run(doc, mentions, a, s_->own);
}

void EventTypeClassifier::run(const Document& doc, const std::vector<Mention>& mentions, Analysis& a,
                              const EventTokenIds& ids_in) {
    Scratch& s = *s_;
    const EventTypeTable::Impl& t = *s.t;
    s.start(doc, mentions, a, ids_in.cue_count);
    const EventTypeTable::Impl::Gate* const gates = t.gates.data();
    // Only sentences holding a cue (a token with a word of the table) are read, and of them only
    // the cues: which tokens may start a pattern, and what classes and words stand from each on
    // to the sentence's end, so that a pattern whose classes and words are not all there is not
    // tried (a pattern matches from its anchor on; only its [after:] class stands before).
    const EventTokenIds::Cue* cue = ids_in.cues.data();
    const EventTokenIds::Cue* const cues_end = cue + ids_in.cue_count;
    for (uint32_t si = 0; si < doc.sentences.size() && cue != cues_end; ++si) {
        const Sentence& sent = doc.sentences[si];
        while (cue != cues_end && cue->token < sent.first_token) ++cue;
        if (cue == cues_end || cue->token >= sent.last_token) continue;
        uint64_t classes = 0;  // the sentence's, for an [after:] class
        const size_t anchors = s.read_cues(sent, cue, cues_end, classes);
        if (anchors == 0) continue;
        const Scratch::Anchor* const anchor_at = s.anchor_at.data();
        bool question = sent.last_token > sent.first_token && s.text(sent.last_token - 1) == "?";
        uint32_t last_row = UINT32_MAX, last_row_at = UINT32_MAX;
        // A stated detail ([terminated]) carries to later matches of its row in its clause.
        uint32_t carry_row = UINT32_MAX, carry_until = 0;
        std::string_view carry_detail;
        for (size_t ai = 0; ai < anchors; ++ai) {
            // In locals: the matcher's calls below would otherwise make every gate reload them.
            const EventTokenIds::Cue* const at = anchor_at[ai].cue;
            const uint32_t tk = at->token;
            const uint64_t after_words = anchor_at[ai].words, after_classes = anchor_at[ai].classes;
            const EventTypeTable::Impl::Cue& cue_row = t.cue_info[at->id];  // in L1 since read_cues
            for (uint32_t gi = cue_row.gate, ge = cue_row.gate + cue_row.gates; gi < ge; ++gi) {
                if (!gates[gi].open(after_words, after_classes)) continue;
                const EventTypeTable::Impl::GateTail tail = t.gate_pattern[gi];
                if (!s.open_within(gates[gi], at, cue, tail.reach)) continue;
                const Pattern& p = t.patterns[tail.pattern];
                if (p.row == last_row && last_row_at == tk) continue;  // matched here
                uint32_t end, begins = tk;  // the pattern's words begin at its [after:] word, else at tk
                if (p.after_class >= 0 && ((p.after_bit & ~classes) != 0 || !s.after(sent, tk, p, begins))) continue;
                int32_t object;
                bool hedged;
                if (!s.match(p, tk, sent.last_token, end, object, hedged)) continue;
                if (p.direction != 0 && !s.figures_move(sent, tk, end, p.direction, p.after_class, a)) continue;
                last_row = p.row;
                last_row_at = tk;
                const Row& row = t.rows[p.row];
                // A [none] pattern is an exception: it matches so that the row's others do not.
                if (p.none) continue;
                const bool headline = sent.field == Field::headline;
                if (question || (!headline && s.unconfirmed[p.row])) continue;
                uint32_t from = s.scope_start(sent, begins);
                // Negation, hedges before the match or in its gaps ([after:@negator] states its own: "not recommend").
                const bool negated = p.after_class != t.negator && s.class_in(from, tk, t.negator);
                if (hedged || negated || s.hedge_in(from, tk, sent.last_token)) {
                    if (headline) s.unconfirmed[p.row] = 1;
                    continue;
                }
                if ((row.unless_before_class >= 0 && s.class_in(s.subclause_start(sent, tk), tk, row.unless_before_class)) ||
                    s.class_in(sent.first_token, sent.last_token, row.unless_class) ||
                    s.class_in(s.clause_start(sent, tk), tk, t.background) || s.opens_in_past(sent) ||
                    s.recalled(sent, tk) || s.in_relative(sent, tk) || (row.measure_class >= 0 && s.measures_other(sent, tk, end, row)))
                    continue;
                const bool carries = carry_row == p.row && tk < carry_until && p.detail.empty();
                s.record(si, tk, end, object, p, carries ? carry_detail : std::string_view(), a);
                if (!p.detail.empty()) {
                    carry_row = p.row;
                    carry_detail = p.detail;
                    carry_until = s.clause_end(sent, end);
                }
            }
        }
    }
    s.drop_customers(a);
    s.demote_raters(a);
}

// The cues' rows, each read once: the anchors in token order, each with the classes and words of
// the cues from it to the next anchor, then OR-ed from the last one back (a branch per anchor,
// not a 24-byte store per cue: session 22).
size_t EventTypeClassifier::Scratch::read_cues(const Sentence& sent, const EventTokenIds::Cue*& next,
                                               const EventTokenIds::Cue* cues_end, uint64_t& classes) {
    // Raw pointers and the bound in locals: the stores through uint32_t* would otherwise reload
    // them for every cue.
    Anchor* const anchors_out = anchor_at.data();
    uint32_t* const ids_out = ids.data();
    const EventTypeTable::Impl::Cue* const rows = t->cue_info.data();
    const uint32_t last = sent.last_token;
    const EventTokenIds::Cue* cue = next;
    uint64_t seg_classes = 0, seg_words = 0;
    size_t n = 0;
    for (; cue != cues_end && cue->token < last; ++cue) {
        ids_out[cue->token] = cue->id;
        const EventTypeTable::Impl::Cue& row = rows[cue->id];
        if (row.gates != 0) {
            if (n > 0) anchors_out[n - 1].classes = seg_classes, anchors_out[n - 1].words = seg_words;
            anchors_out[n++].cue = cue;
            classes |= seg_classes;
            seg_classes = seg_words = 0;
        }
        seg_classes |= row.classes;
        seg_words |= uint64_t{1} << row.word_bit;
    }
    next = cue;
    if (n == 0) return 0;
    anchors_out[n - 1].classes = seg_classes, anchors_out[n - 1].words = seg_words;
    classes |= seg_classes;
    for (size_t i = n - 1; i-- > 0;) {
        anchors_out[i].classes |= anchors_out[i + 1].classes;
        anchors_out[i].words |= anchors_out[i + 1].words;
    }
    return n;
}

// The gate opens on the cues [from, end) within `reach` tokens of the first (their rows are in L1:
// read_cues read them).
bool EventTypeClassifier::Scratch::open_within(const EventTypeTable::Impl::Gate& g, const EventTokenIds::Cue* from,
                                               const EventTokenIds::Cue* end, uint32_t reach) const {
    if (reach == EventTypeTable::Impl::kNoReach) return true;
    const uint32_t until = from->token + reach;
    uint64_t classes = 0, words = 0;
    for (; from != end && from->token < until; ++from) {
        const EventTypeTable::Impl::Cue& row = t->cue_info[from->id];
        classes |= row.classes;
        words |= uint64_t{1} << row.word_bit;
    }
    return g.open(words, classes);
}

namespace {

bool lower_is(std::string_view w, std::string_view lower) {
    if (w.size() != lower.size()) return false;
    for (size_t i = 0; i < w.size(); ++i)
        if ((w[i] >= 'A' && w[i] <= 'Z' ? static_cast<char>(w[i] + 32) : w[i]) != lower[i]) return false;
    return true;
}

}  // namespace

bool EventTypeClassifier::Scratch::figure_at(const Sentence& sent, uint32_t k, const Analysis& a, double& v, Unit& u,
                                             uint32_t& next) const {
    for (; k < sent.last_token; ++k) {
        const Token& tok = doc->tokens[k];
        if (tok.kind != TokenKind::number) continue;
        for (const Quantity& q : a.quantities)
            if (q.span.field == sent.field && q.span.begin <= tok.begin && tok.begin < q.span.end) {
                v = q.value;
                u = q.unit;
                for (next = k + 1; next < sent.last_token && doc->tokens[next].begin < q.span.end;) ++next;
                return true;
            }
        std::string_view w = text(k);
        if (w.size() == 4 && (w.substr(0, 2) == "19" || w.substr(0, 2) == "20")) continue;  // a year
        if (count_at(*doc, k, sent.last_token, v)) {
            u = Unit();
            next = k + 1;
            return true;
        }
    }
    return false;
}

bool EventTypeClassifier::Scratch::figures_move(const Sentence& sent, uint32_t tk, uint32_t end, int8_t dir,
                                                int32_t after_class, const Analysis& a) const {
    if (dir == 2 || dir == -2) return figures_beat(sent, tk, end, dir, after_class, a);
    // The new figure: the first after the match. The old one: the first after a word that
    // introduces it ("compared with", "from", "versus", "(previously:"), in the same unit. The old
    // one must be a forecast: the match names the forecast ("guidance is now"), or the sentence
    // says "previously", or "previous" / "prior" not before a period ("a year earlier", "the prior
    // year" compare results, not forecasts).
    double now = 0, old = 0;
    Unit now_unit, old_unit;
    uint32_t k = end;
    if (!figure_at(sent, end, a, now, now_unit, k)) return false;
    bool forecast = false;
    for (uint32_t m = tk; m < end && !forecast; ++m)
        forecast = lower_is(text(m), "guidance") || lower_is(text(m), "outlook") || lower_is(text(m), "view");
    uint32_t marker = UINT32_MAX;
    for (uint32_t m = end; m < sent.last_token; ++m) {
        std::string_view w = text(m);
        const bool prev = lower_is(w, "previous") || lower_is(w, "prior");
        if (lower_is(w, "previously") ||
            (prev && !(m + 1 < sent.last_token && (lower_is(text(m + 1), "year") || lower_is(text(m + 1), "quarter") ||
                                                   lower_is(text(m + 1), "period")))))
            forecast = true;
        if (marker == UINT32_MAX && m >= k &&
            (lower_is(w, "compared") || lower_is(w, "from") || lower_is(w, "versus") || lower_is(w, "vs") ||
             lower_is(w, "previously")))
            marker = m + 1;
    }
    if (!forecast || marker == UINT32_MAX || !figure_at(sent, marker, a, old, old_unit, k) || !(old_unit == now_unit))
        return false;
    return dir > 0 ? now > old : now < old;
}

bool EventTypeClassifier::Scratch::figures_beat(const Sentence& sent, uint32_t tk, uint32_t end, int8_t dir,
                                                int32_t result_class, const Analysis& a) const {
    // "EPS $2.80 vs. $2.31 est.", matched at "vs": the reported figure right before it, right
    // after a word of the pattern's [after:] class (only "of", "at", "was" between: "EPS guidance
    // $5.50" is no result), and after it a figure that a @consensus word marks as expected, in
    // the same unit.
    uint32_t n = tk;
    while (n > sent.first_token && n + 4 > tk && doc->tokens[n - 1].kind != TokenKind::number) --n;
    if (n == sent.first_token || n + 4 <= tk || result_class < 0) return false;
    uint32_t qs = n - 1, next = tk;
    double now = 0, old = 0;
    Unit now_unit, old_unit;
    if (!figure_at(sent, qs, a, now, now_unit, next) || next != tk) return false;
    while (qs > sent.first_token && doc->tokens[qs - 1].kind != TokenKind::word &&
           doc->tokens[qs - 1].kind != TokenKind::number)
        --qs;  // "$"
    while (qs > sent.first_token &&
           (lower_is(text(qs - 1), "of") || lower_is(text(qs - 1), "at") || lower_is(text(qs - 1), "was")))
        --qs;
    if (qs == sent.first_token || !in_class_single(qs - 1, static_cast<uint32_t>(result_class))) return false;
    uint32_t at = end;
    while (at < sent.last_token && at < end + 3 && doc->tokens[at].kind != TokenKind::number) ++at;
    if (at >= sent.last_token || at >= end + 3 || !figure_at(sent, at, a, old, old_unit, next)) return false;
    if (!(old_unit == now_unit)) return false;
    const uint32_t q_end = next < sent.last_token ? doc->tokens[next].begin : doc->tokens[sent.last_token - 1].end;
    if (!expected(sent, at, q_end)) return false;
    return dir > 0 ? now > old : now < old;
}

int32_t EventTypeClassifier::Scratch::story_subject(uint32_t si, uint32_t tk, uint32_t end, const Analysis& a) const {
    const Sentence& sent = doc->sentences[si];
    bool definite = false;
    for (uint32_t k = tk > sent.first_token ? tk - 1 : tk; k < end && !definite; ++k) definite = lower_is(text(k), "the");
    if (!definite) return -1;
    int32_t best = -1;
    uint32_t second = 0;
    for (size_t i = 0; i < a.entities.size(); ++i) {
        const uint32_t r = a.entities[i].relevance;
        if (best < 0 || r > a.entities[static_cast<size_t>(best)].relevance) {
            if (best >= 0) second = a.entities[static_cast<size_t>(best)].relevance;
            best = static_cast<int32_t>(i);
        } else if (r > second) {
            second = r;
        }
    }
    if (best < 0) return -1;
    const uint32_t top = a.entities[static_cast<size_t>(best)].relevance;
    return top >= 60 && second * 3 < top * 2 ? best : -1;
}

int32_t EventTypeClassifier::Scratch::rated_entity(uint32_t si, int32_t rater, int32_t rater_entity,
                                                    const Analysis& a) const {
    const auto& ms = *mentions;
    // A company named right against the rater is part of its name: "Morgan Stanley MUFG raised its target".
    int32_t joined = rater;
    for (int32_t i = rater - 1; i >= 0 && ms[static_cast<size_t>(i)].sentence == si; --i) {
        const Mention& m = ms[static_cast<size_t>(i)];
        const Mention& next = ms[static_cast<size_t>(joined)];
        if (!m.is_reference && !next.is_reference && next.token > 0 && next.span.field == m.span.field &&
            doc->tokens[next.token - 1].end == m.span.end) {
            joined = i;
            continue;
        }
        const int32_t e = entity_of(m, a);
        if (e >= 0 && e != rater_entity) return e;
    }
    int32_t best = -1;
    for (size_t i = 0; i < a.entities.size(); ++i)
        if (static_cast<int32_t>(i) != rater_entity && (best < 0 || a.entities[i].relevance > a.entities[static_cast<size_t>(best)].relevance))
            best = static_cast<int32_t>(i);
    return best;
}

bool EventTypeClassifier::Scratch::companion(const Mention& m) const {
    const Field field_of = doc->tokens[m.token].field;
    for (uint32_t k = m.token, n = 0; k >= 2 && n < 5; --k, ++n) {
        const Token& tok = doc->tokens[k - 1];
        if (m.is_reference || tok.field != field_of || (tok.kind == TokenKind::punct && is_clause_mark(text(k - 1)))) return false;
        if (is(k - 1, "alongside") || (is(k - 1, "with") && (is(k - 2, "together") || is(k - 2, "along")))) return true;
    }
    return false;
}

bool EventTypeClassifier::Scratch::in_relative(const Sentence& sent, uint32_t tk) const {
    // A relative clause on an unnamed company right before the match ("the customers of a company
    // that later went into administration"): that company's event, no named one's.
    for (uint32_t k = tk, n = 0; k > sent.first_token && n < 3; --k, ++n) {
        if (!(is(k - 1, "that") || is(k - 1, "which") || is(k - 1, "who"))) continue;
        for (uint32_t b = k - 1, m = 0; b > sent.first_token && m < 3; --b, ++m)
            if (is(b - 1, "a") || is(b - 1, "an") || is(b - 1, "A") || is(b - 1, "An")) return true;
        break;
    }
    const uint32_t cs = clause_start(sent, tk);
    if (cs < sent.first_token + 2 || cs >= sent.last_token || !is(cs - 1, ",") ||
        !(is(cs, "which") || is(cs, "who") || is(cs, "whose")))
        return false;
    const Token& before = doc->tokens[cs - 2];
    for (const Mention& m : *mentions)
        if (m.sentence == static_cast<uint32_t>(&sent - doc->sentences.data()) && !m.is_reference &&
            m.span.field == before.field && m.span.end == before.end)
            return true;
    return false;
}

bool EventTypeClassifier::Scratch::measures_other(const Sentence& sent, uint32_t tk, uint32_t end, const Row& row) const {
    const auto bad = static_cast<uint32_t>(row.measure_class), good = static_cast<uint32_t>(row.result_class);
    // Back from the match's end (its own words count: "beat delivery estimates") to the start of
    // its subclause ("deliveries fell, but profit beat estimates" measures profit). An operating
    // word after "on", "by" or "from" is a cause ("revenue ... on record deliveries"), not the measure.
    for (uint32_t k = end, from = subclause_start(sent, tk); k > from; --k) {
        if (class_len(k - 1, good, end) > 0) return false;
        if (class_len(k - 1, bad, end) == 0) continue;
        bool cause = false;
        for (uint32_t b = k - 1; b > from && k - 1 - b < 3 && !cause; --b)
            cause = is(b - 1, "on") || is(b - 1, "by") || is(b - 1, "from");
        if (!cause) return true;
    }
    // None before: a measure right after the match's "for" or "on" ("beat estimates for
    // deliveries", "misses on bookings").
    uint32_t k = end;
    if (k < sent.last_token && is(k, "for")) ++k;
    else if (!(k > tk && is(k - 1, "on"))) return false;
    for (const uint32_t stop = std::min(k + 3, clause_end(sent, k)); k < stop; ++k) {
        if (class_len(k, good, sent.last_token) > 0) return false;
        if (class_len(k, bad, sent.last_token) > 0) return true;
    }
    return false;
}

bool EventTypeClassifier::Scratch::own_plan(uint32_t tok, uint32_t end) const {
    if (t->consequence >= 0 && class_len(tok, static_cast<uint32_t>(t->consequence), end) > 0) return true;
    if (t->own_plan < 0 || tok == 0 || class_len(tok, static_cast<uint32_t>(t->own_plan), end) == 0) return false;
    // Right after a company mention or a reference to one ("Intel expects to", "the company expects to").
    const Token& before = doc->tokens[tok - 1];
    if (before.field != doc->tokens[tok].field) return false;
    for (const Mention& m : *mentions)
        if (m.span.field == before.field && m.span.end == before.end) return true;
    return false;
}

}  // namespace herald::analysis
