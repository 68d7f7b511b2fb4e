// The pairing passes of SentenceComposer::score (sentiment_compose.cpp): expectation
// comparisons, new business, direction x polarity of financial measures, the directions of
// extracted metrics and of compared figures, and plain valence.
#include <algorithm>
#include <cmath>
#include <string>

#include "metric_kinds.hpp"
#include "sentiment_internal.hpp"

namespace herald::analysis {

namespace {

// Polarity of what a metric measures when it rises (the kind catalogue's column): capex is
// neither good nor bad news by itself, more job cuts are bad news.
int metric_polarity(MetricKind k) { return kinds::row(k).polarity; }

}  // namespace

// "slipped to a net loss", "up from a loss": the [state] word (read through its id: state words
// are not active terms) within two tokens before the measure, after the direction. 1 new, 2 prior.
int SentenceComposer::state_before(uint32_t after, uint32_t measure) const {
    for (uint32_t k = measure; k > after && k + 3 > measure;) {
        --k;
        const uint32_t id = ids_[k];
        if (id != detail::kNoWord && lex_.word_roles[id].state != 0) return lex_.word_roles[id].state;
    }
    return 0;
}

// The token after the last possessive ("'s", "s '") in [from, to) within kOwnerWords of `from`, else `from`.
uint32_t SentenceComposer::after_possessive(const Document& doc, uint32_t from, uint32_t to) {
    uint32_t end = from;
    for (uint32_t k = from; k + 1 < to && k < from + tuning::kOwnerWords; ++k) {
        if (doc.tokens[k].kind != TokenKind::punct) continue;
        const std::string_view p = doc.text(doc.tokens[k]);
        if ((p == "'" || p == "\xE2\x80\x99") && doc.text(doc.tokens[k + 1]) == "s") end = k + 2;
    }
    return end;
}

// "slid from its all-time high": direction i follows another direction of its clause (only
// markers such as "from" between) and a prior-state word up to three tokens before it.
bool SentenceComposer::starts_from(size_t i) const {
    const Item& d = items_[i];
    size_t j = i;
    while (j > 0 && items_[j - 1].clause == d.clause && items_[j - 1].roles->direction == 0 &&
           items_[j - 1].roles->measure == 0 && !items_[j - 1].roles->neutral_measure)
        --j;
    if (j == 0 || items_[j - 1].clause != d.clause || items_[j - 1].roles->direction == 0) return false;
    for (uint32_t k = d.begin; k > items_[j - 1].end && k + 4 > d.begin;) {
        const uint32_t id = ids_[--k];
        if (id != detail::kNoWord && lex_.word_roles[id].state == 2) return true;
    }
    return false;
}

// "agreed to pay $200 million to settle", "paid $45 million to resolve": a payment verb (read
// through the token's id, as payment words are no terms) up to 8 tokens before a settlement in
// its clause. What the settlement removes was paid for: bad news for the payer.
bool SentenceComposer::paid_for(const Document& doc, const Sentence& s, uint32_t settlement) const {
    for (uint32_t k = settlement; k > s.first_token && k + 8 > settlement;) {
        --k;
        const uint32_t id = ids_[k];
        if (id != detail::kNoWord && lex_.word_roles[id].payment == 1) return true;
        if (doc.tokens[k].kind == TokenKind::punct && is_clause_break(doc.text(doc.tokens[k]))) return false;
    }
    return false;
}

// The token right before a price move names what moved: a capitalised word that is not a
// lexicon term ("Funko slides", "GM and Ford tank"), a cashtag's ticker, or the ")" of "(KSS)".
// An adverb of addition between them is skipped ("United and Southwest also rose").
bool SentenceComposer::names_subject(const Document& doc, const Sentence& s, uint32_t move) const {
    if (move <= s.first_token) return false;
    if (move - 1 > s.first_token && doc.tokens[move - 1].kind == TokenKind::word) {
        const std::string_view w = doc.text(doc.tokens[move - 1]);
        if (w == "also" || w == "too" || w == "likewise" || w == "similarly" || w == "both" || w == "all") --move;
    }
    // "Tesla Inc. slumped": the period of a legal suffix ends the name, not the sentence.
    if (move - 1 > s.first_token && doc.text(doc.tokens[move - 1]) == "." &&
        doc.tokens[move - 2].kind == TokenKind::word && doc.tokens[move - 2].end == doc.tokens[move - 1].begin)
        --move;
    const Token& t = doc.tokens[move - 1];
    if (t.kind == TokenKind::punct) return doc.text(t) == ")";
    if (t.kind != TokenKind::word || !t.capitalized) return false;
    // "The rally is running out of steam": a capitalised article names nothing, the move is a noun.
    const std::string_view w = doc.text(t);
    if (w == "The" || w == "A" || w == "An" || w == "THE") return false;
    const uint32_t id = ids_[move - 1];
    return id == detail::kNoWord || !lex_.word_term[id] || is_tag(doc, move - 1);
}

// A comparator before an earlier period is a direction of the measure it pairs with: "volumes
// remained below the level of the comparison period", "sales were ahead of last year".
namespace {
constexpr TermRoles compared_direction(int8_t sign) {
    TermRoles r;
    r.direction = sign;
    r.strength = 1.0f;
    return r;
}
constexpr TermRoles kComparedUp = compared_direction(1), kComparedDown = compared_direction(-1);
}  // namespace

// Comparisons with expectations: "above expectations", "missed estimates", "better than feared".
// True when a comparison with an earlier period became a direction (paired by directions()).
bool SentenceComposer::expectations(double& raw, const Document& doc, ExplainSentence* ex) {
    const size_t n = items_.size();
    bool compared = false;
    for (size_t i = 0; i < n; ++i) {
        Item& c = items_[i];
        if (c.roles->comparator == 0 || c.used) continue;
        for (size_t j = i + 1; j < n; ++j) {
            Item& e = items_[j];
            // A possessive written apart ("the company 's own expectations", wire copy's tokens) is one
            // token more than "company's": no farther.
            if (e.clause != c.clause ||
                e.begin - c.end > 4u + (e.begin - c.end == 5 && after_possessive(doc, c.end, e.begin) != c.end))
                break;
            if (e.roles->period) {
                c.roles = c.roles->comparator > 0 ? &kComparedUp : &kComparedDown;
                e.used = compared = true;
                break;
            }
            if (!e.roles->expectation || c.roles->comparator % 2 == 0) continue;  // "fell more than expected"
            double w = tuning::kExpectation * c.roles->comparator * modifier_before(i) * clause_weight_[c.clause];
            if (negated(i)) w *= tuning::kNegation;
            Item span = c;
            span.end = e.end;
            add(raw, doc, span, w, c.roles->comparator > 0 ? "expectation: better" : "expectation: worse", ex);
            c.used = e.used = true;
            break;
        }
    }
    return compared;
}

// New business: an award verb with a contract, order or deal after it ("signed a new ,
// long-term contract", "received orders worth EUR 12 mn").
void SentenceComposer::new_business(double& raw, const Document& doc, ExplainSentence* ex) {
    const size_t n = items_.size();
    for (size_t i = 0; i < n; ++i) {
        Item& v = items_[i];
        if (v.roles->deal != 1 || v.used) continue;
        for (size_t j = i + 1; j < n; ++j) {
            Item& b = items_[j];
            if (b.begin - v.end > static_cast<uint32_t>(tuning::kDealReach)) break;
            if (b.roles->deal != 2) continue;
            double w = tuning::kDeal * clause_weight_[v.clause];
            if (negated(i)) w *= tuning::kNegation;
            Item span = v;
            span.end = b.end;
            add(raw, doc, span, w, "new business", ex);
            v.used = true;
            b.used = b.roles->has_valence;  // "signed a contract worth EUR 9 mn" counts once
            break;
        }
    }
}

// The measure direction word i describes: the nearest in its clause ("costs rose", "an
// increase in sales"), and a neutral measure in reach; either is items_.size() when none.
// Whether the company name `m` ends right before token `to`, but for a possessive or "shares".
bool SentenceComposer::name_ends_at(const Mention& m, uint32_t to) const {
    const Document& doc = *scored_doc_;
    uint32_t t = m.token + 1;
    while (t < to && doc.tokens[t].field == m.span.field && doc.tokens[t].end <= m.span.end) ++t;
    for (; t < to; ++t) {
        const std::string_view w = doc.text(doc.tokens[t]);
        if (!(w == "'s" || w == "'" || w == "\xE2\x80\x99s" || w == "s" || w == "shares" || w == "stock")) break;
    }
    return t == to;
}

// "Intel's loss is TSMC's gain": the measure right after one company's name, the direction right
// after another's.
bool SentenceComposer::names_apart(uint32_t measure, uint32_t measure_end, uint32_t direction) const {
    if (!mentions_ || !scored_doc_ || measure_end >= direction) return false;
    const auto by_token = [](const Mention& m, uint32_t t) { return m.token < t; };
    auto it = std::lower_bound(mentions_->begin(), mentions_->end(), measure, by_token);
    if (it == mentions_->begin() || (it - 1)->is_reference || !name_ends_at(*(it - 1), measure)) return false;
    for (it = std::lower_bound(it, mentions_->end(), measure_end, by_token); it != mentions_->end() && it->token < direction; ++it)
        if (!it->is_reference && name_ends_at(*it, direction)) return true;
    return false;
}

// Whether a company (not a reference) is named in tokens [from, to).
bool SentenceComposer::names_between(uint32_t from, uint32_t to) const {
    if (!mentions_) return false;
    const auto it = std::lower_bound(mentions_->begin(), mentions_->end(), from,
                                     [](const Mention& m, uint32_t t) { return m.token < t; });
    for (auto m = it; m != mentions_->end() && m->token < to; ++m)
        if (!m->is_reference) return true;
    return false;
}

SentenceComposer::Pairing SentenceComposer::pair_direction(const Document& doc, size_t i) const {
    const size_t n = items_.size();
    const Item& d = items_[i];
    size_t best = n;
    uint32_t best_dist = UINT32_MAX;
    // ", up 9.7 %", ", an increase of 11 %": a direction opening its clause describes the
    // measure of the clause before, however far back, unless another direction sits between.
    const bool opens_clause = i == 0 || items_[i - 1].clause != d.clause;
    size_t neutral = n;  // a neutral measure only takes the direction when no good/bad one is in reach
    uint32_t neutral_dist = UINT32_MAX;
    for (size_t j = i; j-- > 0;) {
        const Item& m = items_[j];
        const uint32_t dist = d.begin - m.end;
        if (m.clause != d.clause &&
            (!opens_clause || dist >= static_cast<uint32_t>(tuning::kAppositiveReach) || m.roles->direction != 0))
            break;
        // "worried about tariffs ; Palantir bucked the trend , rising 4 %": a company named between
        // is what the opening direction is about, not the measure of a clause before it.
        if (m.clause != d.clause && m.roles->measure != 0 && names_between(m.end, d.begin)) break;
        if (m.clause == d.clause && dist >= static_cast<uint32_t>(tuning::kMeasureBefore)) break;
        // "Intel's loss is TSMC's gain": a measure of one company does not take the direction of
        // another named before the verb.
        if (m.roles->measure != 0 && names_apart(m.begin, m.end, d.begin)) break;
        if (m.roles->neutral_measure && neutral == n) {
            neutral = j;
            neutral_dist = dist;
        }
        if (m.roles->measure != 0) {
            best = j;
            best_dist = dist;
            break;
        }
    }
    // A neutral subject right before the verb takes it ("leverage fell to 1.2x EBITDA").
    const bool neutral_subject = best == n && neutral != n && neutral_dist == 0;
    for (size_t j = i + 1; j < n && !neutral_subject; ++j) {
        const Item& m = items_[j];
        uint32_t dist = m.begin - d.end;
        // "increase the company 's net sales", "cut Nobel Biocare 's forecast": the owner is no distance.
        if (dist >= static_cast<uint32_t>(tuning::kMeasureAfter) && dist < static_cast<uint32_t>(tuning::kMeasureAfter + tuning::kOwnerWords) &&
            m.clause == d.clause)
            dist = m.begin - after_possessive(doc, d.end, m.begin);
        if (m.clause != d.clause || dist >= static_cast<uint32_t>(tuning::kMeasureAfter)) break;
        if (m.roles->measure != 0) {
            // "deliveries were halted by a strike", "margins squeezed by costs": a measure after
            // "by" is the cause of the move, not what moved.
            if (state_before(d.end, m.begin) == 3) break;
            // "increases the fixed costs", "cut its workforce": a close object wins over a
            // subject that is not right before the verb ("profit decreased while sales ...").
            if ((dist <= 2 && best_dist > 0) || dist < best_dist) best = j;
            break;
        }
        if (m.roles->neutral_measure && dist <= 2) {  // "raised its stake", "increase in share capital"
            neutral = j;
            if (best_dist > 2) best = n;
            break;
        }
    }
    return {best, neutral};
}

// Direction x polarity: each direction word with the measure it describes. True when one counted.
bool SentenceComposer::directions(double& raw, const Document& doc, const Sentence& s, ExplainSentence* ex) {
    bool any = false;
    const size_t n = items_.size();
    for (size_t i = 0; i < n; ++i) {
        Item& d = items_[i];
        if (d.roles->direction == 0 || d.used) continue;
        // "pulls back from record highs", "rebounded from a record low": a direction right after
        // "from" that follows another direction of its clause is where the move started, no news.
        if (i > 0 && items_[i - 1].clause == d.clause && starts_from(i)) {
            d.used = true;
            continue;
        }
        const Pairing p = pair_direction(doc, i);
        if (p.measure == n && p.neutral != n) {
            d.used = items_[p.neutral].used = true;
            continue;
        }
        if (p.measure == n) {
            any |= unpaired_direction(raw, doc, s, i, ex);
            continue;
        }
        paired_direction(raw, doc, s, i, p.measure, ex);
        any = true;
    }
    return any;
}

// A direction with no measure in reach. True when it counts as the sentence's direction (a
// price move of a named subject).
bool SentenceComposer::unpaired_direction(double& raw, const Document& doc, const Sentence& s, size_t i,
                                          ExplainSentence* ex) {
    Item& d = items_[i];
    // The direction's weight at `base` (a float, as the product is: the scores stay bit for bit).
    const auto weight = [&](float base) {
        double w = base * d.roles->direction * d.roles->strength * modifier_before(i) * modifier_after(i) *
                   clause_weight_[d.clause];
        if (negated(i)) w *= tuning::kNegation;
        return w;
    };
    if (d.roles->payment == 2 && paid_for(doc, s, d.begin)) {  // "to pay $90 million to settle a case"
        add(raw, doc, d, -std::abs(weight(tuning::kDirection)), "paid to settle", ex);
        d.used = true;
        return true;
    }
    if (d.roles->move && names_subject(doc, s, d.begin)) {
        // "Zenith rises after trial win", "X and Y tank": the company or asset named right
        // before a price move is what moved, an implicit share price.
        add(raw, doc, d, weight(tuning::kDirection), d.roles->direction > 0 ? "move: subject up" : "move: subject down", ex);
        d.used = true;
        return true;
    }
    // What rises in financial news is mostly good ("a rise of 0.8 percent").
    if (d.roles->has_valence) return false;  // "improved", "weakened" speak for themselves
    // Only with a figure close after ("up 24.5 pct", "a rise of 0.8 percent"): without one,
    // "opens up" or "plans to increase the staff" describe, they do not report.
    bool figure = false;
    for (uint32_t k = d.end; k < s.last_token && k <= d.end + tuning::kUnpairedFigureReach; ++k)
        if (sentiment_figure(doc, k)) figure = true;
    // "delivered 30 % more jets than a year before", "12 % below last year": a comparison with an
    // earlier period reports its figure before it (session 22).
    if (d.roles == &kComparedUp || d.roles == &kComparedDown)
        for (uint32_t k = d.begin > s.first_token + 2 ? d.begin - 2 : s.first_token; k < d.begin; ++k)
            if (sentiment_figure(doc, k)) figure = true;
    if (!figure) return false;
    add(raw, doc, d, weight(tuning::kUnpairedDirection), d.roles->direction > 0 ? "direction: up" : "direction: down", ex);
    d.used = true;
    return false;
}

// Direction word i with the measure `best` it describes.
void SentenceComposer::paired_direction(double& raw, const Document& doc, const Sentence& s, size_t i, size_t best,
                                        ExplainSentence* ex) {
    Item& d = items_[i];
    Item& m = items_[best];
    // "lifted its curbs on imports", "sanctions were lifted": a restriction lifted goes away.
    const bool lifted = d.roles->restraint == 2 && m.roles->restraint == 1;
    const int direction = lifted ? -d.roles->direction : d.roles->direction;
    // A measure after "to" or "from" is a state, not the object: "slipped to a net loss" ends
    // in a loss, "up from a loss" leaves one. A good measure reached "to" keeps the direction
    // ("fell to a profit of EUR 1 mn" is less profit).
    const int state = best > i ? state_before(d.end, m.begin) : 0;
    // A good measure a rise starts from is the same figure's prior level ("an increase from sales of
    // 117 million", "up from a profit of EUR 2 mn"): the rise is good news, paired as usual.
    int toward = state == 1 && m.roles->measure < 0                         ? -1
                 : state == 2 && !(m.roles->measure > 0 && direction > 0) ? -m.roles->measure
                                                                           : 0;
    if (toward == 0 && d.roles->quality) toward = direction;  // "costs worsened", "the loss improved"
    double w = tuning::kDirection * (toward != 0 ? toward : direction * m.roles->measure) *
               m.roles->importance * d.roles->strength * modifier_before(i) * modifier_after(i) * clause_weight_[d.clause];
    if (negated(i)) w *= tuning::kNegation;
    // "agreed to pay $200 million to settle a lawsuit": the lawsuit is gone, at the payer's cost.
    const bool paid = d.roles->payment == 2 && w > 0 && paid_for(doc, s, d.begin);
    if (paid) w = -w;
    Item span = d;
    span.begin = std::min(d.begin, m.begin);
    span.end = std::max(d.end, m.end);
    const bool good = m.roles->measure > 0, up = direction > 0;
    add(raw, doc, span, w,
        paid ? "paid to settle"
        : lifted ? "restriction lifted"
        : state != 0 && toward != 0 ? (state == 1 ? "state: to a bad measure" : good ? "state: from a good measure" : "state: from a bad measure")
        : toward != 0 ? (up ? "direction: better" : "direction: worse")
        : good ? (up ? "direction: good measure up" : "direction: good measure down")
               : (up ? "direction: bad measure up" : "direction: bad measure down"),
        ex, d.begin);  // the company named before the verb is the one it is said of
    d.used = m.used = true;
}

// Directions the metric extractor found in this sentence, when the words gave none. True when
// one counted. The extractor appends metrics sentence by sentence: this sentence's are one run,
// found by binary search, and so is each one's token (a walk over every metric, and over the
// tokens up to each, cost a hostile text of many sentences or figures a time quadratic in them).
bool SentenceComposer::metric_directions(double& raw, const Document& doc, const Sentence& s,
                                         const std::vector<Metric>& metrics, ExplainSentence* ex) {
    const auto& toks = doc.tokens;
    bool any = false;
    const auto before_s = [&s](const Metric& m) {
        return static_cast<uint8_t>(m.span.field) < static_cast<uint8_t>(s.field) ||
               (m.span.field == s.field && m.span.begin < s.begin);
    };
    for (auto mi = std::partition_point(metrics.begin(), metrics.end(), before_s);
         mi != metrics.end() && mi->span.field == s.field && mi->span.begin < s.end; ++mi) {
        const Metric& m = *mi;
        if (m.span.end > s.end) continue;
        int dir = m.change.direction == Direction::up ? 1 : m.change.direction == Direction::down ? -1 : 0;
        int pol = metric_polarity(m.kind);
        if (dir == 0 || pol == 0) continue;
        const uint32_t t = static_cast<uint32_t>(
            std::partition_point(toks.begin() + s.first_token, toks.begin() + (s.last_token - 1),
                                 [&m](const Token& k) { return k.end <= m.span.begin; }) -
            toks.begin());
        Item span{t, t + 1, nullptr, 0, false};
        add(raw, doc, span, tuning::kMetricDirection * dir * pol, dir > 0 ? "metric: up" : "metric: down", ex);
        any = true;
    }
    return any;
}

// Measures with no direction word: figures "compared with" earlier ones imply one (the first
// measure that has such figures).
void SentenceComposer::implied_direction_of_measures(double& raw, const Document& doc, const Sentence& s,
                                                     ExplainSentence* ex) {
    // Every measure's answer needs a prior marker after its first figure: with none after the
    // first measure (a figure-dense table), no measure is asked (each walked to its next figure).
    bool checked = false;
    for (size_t i = 0; i < items_.size(); ++i) {
        Item& m = items_[i];
        if (m.roles->measure == 0 || m.used) continue;
        if (!checked && !prior_marker_in(doc, s, m.end)) return;
        checked = true;
        uint32_t prior_state = UINT32_MAX;
        int dir = implied_direction(doc, s, m.end, m.roles->measure, prior_state);
        if (dir == 0) continue;
        double w = tuning::kImpliedDirection * dir * m.roles->measure * m.roles->importance * clause_weight_[m.clause];
        add(raw, doc, m, w,
            prior_state != UINT32_MAX ? (m.roles->measure > 0 ? "figures: from a loss" : "figures: from a profit")
            : dir > 0                 ? "figures: measure up vs prior"
                                      : "figures: measure down vs prior",
            ex);
        m.used = true;
        // The loss it came from is the prior state, not news of its own.
        for (size_t j = i + 1; j < items_.size() && items_[j].begin <= prior_state; ++j)
            if (items_[j].end > prior_state) items_[j].used = true;
        return;
    }
}

// Plain valence, and the base valence of unpaired measures ("a loss of EUR 2 mn").
void SentenceComposer::valences(double& raw, const Document& doc, ExplainSentence* ex) {
    const std::vector<float>& cw = clause_weight_;
    for (size_t i = 0; i < items_.size(); ++i) {
        Item& it = items_[i];
        if (it.used) continue;
        float v = it.roles->has_valence ? it.roles->valence : it.roles->measure != 0 ? it.roles->measure_base : 0.0f;
        if (v == 0) continue;
        float mod = modifier_before(i);
        double w = v * mod * cw[it.clause];
        bool neg = negated(i);
        if (neg) w *= tuning::kNegation;
        // The rule's name is read only by an explanation: not chosen (five tests) for a plain score.
        std::string_view rule;
        if (ex)
            rule = neg                     ? "negated"
                   : mod > 1.0f            ? "intensified"
                   : mod < 1.0f            ? "downtoned"
                   : cw[it.clause] < 1     ? "weakened clause"
                   : it.roles->position    ? "position: before a cashtag or a quoted rating"
                   : it.roles->has_valence ? "lexicon"
                                           : "measure";
        add(raw, doc, it, w, rule, ex);
    }
}

}  // namespace herald::analysis
