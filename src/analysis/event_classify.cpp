// Matching of the event type table over one document: the tokens with a word of the table (the
// cues, found by the Analyzer's one probe per token for every table) are read sentence by
// sentence, and patterns are matched only from the rarer cues that can start one. Scratch is
// reused: no allocation once the buffers have grown.
#include "herald/analysis/entities.hpp"
#include "event_types_impl.hpp"

namespace herald::analysis {

using namespace events_detail;

namespace {

constexpr uint32_t kScopeTokens = 8;   // how far before a match negation and hedges reach
constexpr uint32_t kFigureTokens = 10; // how far after a match its figure may stand

bool is_clause_mark(std::string_view t) {
    return t == "," || t == ";" || t == ":" || t == "(" || t == ")" || t == "\"";
}

}  // namespace

namespace {

// The entity (index into analysis.entities) a mention stands for; -1 when it has none.
int32_t entity_of(const Mention& m, const Analysis& a) {
    for (size_t i = 0; i < a.entities.size(); ++i) {
        const EntityResult& e = a.entities[i];
        if (!m.ticker.empty() ? e.ticker == m.ticker : e.name == m.company) return static_cast<int32_t>(i);
    }
    return -1;
}

// Parses "1,500", "1.02" (with a following "million"/"billion"/"thousand") as a count.
bool count_at(const Document& doc, uint32_t tok, uint32_t end, double& out) {
    std::string_view s = doc.text(doc.tokens[tok]);
    double v = 0, scale = 0;
    bool digits = false;
    for (char c : s) {
        if (c >= '0' && c <= '9') {
            digits = true;
            if (scale > 0) {
                v += (c - '0') * scale;
                scale /= 10;
            } else {
                v = v * 10 + (c - '0');
            }
        } else if (c == '.' && scale == 0) {
            scale = 0.1;
        } else if (c != ',') {
            return false;
        }
    }
    if (!digits) return false;
    if (tok + 1 < end) {
        std::string_view next = doc.text(doc.tokens[tok + 1]);
        if (next == "million" || next == "mn") v *= 1e6;
        else if (next == "billion" || next == "bn") v *= 1e9;
        else if (next == "thousand") v *= 1e3;
    }
    out = v;
    return true;
}

}  // namespace

struct EventTypeClassifier::Scratch {
    std::vector<uint32_t> ids;          // word id of every token, or kNoWord (from the cues)
    EventTokenIds own;                  // the lookups when none were handed in
    std::vector<uint32_t> anchor_at;    // the tokens of the current sentence that start a pattern
    std::vector<int32_t> company_at;  // mention index of a named company starting at the token, or -1
    std::vector<uint16_t> company_len;
    bool companies_built = false;
    // By row: the headline reports the type hedged or negated ("Intel said to win foundry order"):
    // the story treats it as unconfirmed, and its other sentences do not count it either. (A
    // question headline is often an opinion on a real event: "Is Target's dividend cut a buy?")
    std::vector<uint8_t> unconfirmed;

    const Document* doc = nullptr;
    const std::vector<Mention>* mentions = nullptr;
    const EventTypeTable::Impl* t = nullptr;

    // Every token looked up in the table (the Analyzer's joint pass does the same for it).
    void look_up(const Document& d, const EventTypeTable& table) {
        const size_t n = d.tokens.size();
        own.reserve(n);
        own.cue_count = 0;
        for (uint32_t i = 0; i < n; ++i) {
            const Token& k = d.tokens[i];
            uint32_t w = detail::kNoWord;
            if (k.kind == TokenKind::word && d.keys[i].a != 0) w = t->words.find_token(std::string_view(), k, d.keys[i]);
            else if (k.kind == TokenKind::word || k.kind == TokenKind::symbol) w = t->words.find(d.text(k));
            if (w != detail::kNoWord) own.cues[own.cue_count++] = {i, w};
        }
        own.mark_filled(d, table);
    }

    // ---- token tests ----
    std::string_view text(uint32_t tok) const { return doc->text(doc->tokens[tok]); }
    uint32_t id(uint32_t tok) const { return ids[tok]; }
    // The id of every token from the cues: the matcher reads any token of a sentence.
    void spread(const Document& d, const EventTokenIds& in) {
        ids.assign(d.tokens.size(), detail::kNoWord);
        for (size_t c = 0; c < in.cue_count; ++c) ids[in.cues[c].token] = in.cues[c].id;
    }
    bool is_anchor(uint32_t tok) const {
        uint32_t w = ids[tok];
        return w != detail::kNoWord && t->cue_info[w].anchor;
    }
    bool in_class_single(uint32_t tok, uint32_t cls) const {
        uint32_t w = id(tok);
        return w != detail::kNoWord && t->in_class(w, cls);
    }

    // Length of the longest entry of `cls` starting at `tok` that ends by `end`, 0 for none.
    uint32_t class_len(uint32_t tok, uint32_t cls, uint32_t end) const {
        uint32_t w = id(tok);
        if (w == detail::kNoWord) return 0;
        uint32_t best = t->in_class(w, cls) ? 1 : 0;
        if (!(t->word_flags[w] & EventTypeTable::Impl::kStartsPhrase)) return best;
        for (uint32_t m : t->multi_by_first[w]) {
            const MultiEntry& e = t->multi[m];
            uint32_t n = static_cast<uint32_t>(e.ids.size());
            if (e.cls != cls || n <= best || tok + n > end) continue;
            bool same = true;
            for (uint32_t k = 1; k < n && same; ++k) same = id(tok + k) == e.ids[k];
            if (same) best = n;
        }
        return best;
    }

    // A token a gap may not skip: a clause mark or a word of @stop (clause words, event verbs).
    bool stops_gap(uint32_t tok) const {
        const Token& k = doc->tokens[tok];
        if (k.kind == TokenKind::punct) {
            // A comma before an amount is no clause mark: "a seven-year, $38 billion deal".
            if (text(tok) == "," && tok + 1 < doc->tokens.size() && doc->tokens[tok + 1].field == k.field &&
                (doc->tokens[tok + 1].kind == TokenKind::number || doc->tokens[tok + 1].kind == TokenKind::symbol))
                return false;
            return is_clause_mark(text(tok));
        }
        uint32_t w = id(tok);
        return w != detail::kNoWord && (t->word_flags[w] & EventTypeTable::Impl::kStop);
    }

    void build_companies() {
        companies_built = true;
        company_at.assign(doc->tokens.size(), -1);
        company_len.assign(doc->tokens.size(), 0);
        for (size_t i = 0; i < mentions->size(); ++i) {
            const Mention& m = (*mentions)[i];
            if (m.is_reference || m.token >= doc->tokens.size() || company_at[m.token] >= 0) continue;
            uint32_t end = m.token;
            while (end < doc->tokens.size() && doc->tokens[end].field == m.span.field && doc->tokens[end].begin < m.span.end)
                ++end;
            company_at[m.token] = static_cast<int32_t>(i);
            company_len[m.token] = static_cast<uint16_t>(end > m.token ? end - m.token : 1);
        }
    }

    // Matches pattern p from token `start` within [start, end); sets the end and the object.
    // A negator or hedge inside a gap of the match: "Regulators could probe ...".
    bool scoped(uint32_t tok, uint32_t end) const {
        uint32_t w = id(tok);
        if (w == detail::kNoWord) return false;
        uint8_t f = t->word_flags[w];
        if (f & (EventTypeTable::Impl::kNegator | EventTypeTable::Impl::kHedge)) return true;
        if (!(f & EventTypeTable::Impl::kStartsPhrase)) return false;
        return (t->negator >= 0 && class_len(tok, static_cast<uint32_t>(t->negator), end) > 0) ||
               (t->hedge >= 0 && class_len(tok, static_cast<uint32_t>(t->hedge), end) > 0);
    }

    // Matches pattern p from token `start` within [start, end); sets the end and the object, and
    // `hedged` when a gap skipped a negator or hedge.
    bool match(const Pattern& p, uint32_t start, uint32_t end, uint32_t& out_end, int32_t& object, bool& hedged) {
        uint32_t i = start;
        uint32_t gap = 0;
        object = -1;
        hedged = false;
        for (const Element& e : p.elements) {
            if (e.kind == Element::Kind::gap) {
                gap = e.gap;
                continue;
            }
            bool found = false;
            for (uint32_t k = 0; k <= gap; ++k) {
                uint32_t j = i + k;
                if (j >= end) return false;
                uint32_t len = element_len(e, j, end, object);
                if (len > 0) {
                    i = j + len;
                    found = true;
                    break;
                }
                if (stops_gap(j)) return false;
                hedged |= scoped(j, end);
            }
            if (!found) return false;
            gap = 0;
        }
        out_end = i;
        return true;
    }

    uint32_t element_len(const Element& e, uint32_t j, uint32_t end, int32_t& object) {
        switch (e.kind) {
            case Element::Kind::word: return id(j) == e.id ? 1 : 0;
            case Element::Kind::cls: return class_len(j, e.id, end);
            case Element::Kind::company:
                if (!companies_built) build_companies();
                if (company_at[j] < 0) return 0;
                object = company_at[j];
                return company_len[j];
            case Element::Kind::gap: return 0;
        }
        return 0;
    }

    // Whether a word of `cls` stands in [from, to): one-word entries and phrases that end by `to`.
    bool class_in(uint32_t from, uint32_t to, int32_t cls) const {
        if (cls < 0) return false;
        for (uint32_t k = from; k < to; ++k)
            if (class_len(k, static_cast<uint32_t>(cls), to) > 0) return true;
        return false;
    }

    // The company named nearest before token `tk` in sentence `si` (a reference such as "the
    // company" counts), else the first one after the match, else the last one named earlier in
    // the paragraph; -1 for none. `skip` is the object's mention.
    int32_t subject(uint32_t si, uint32_t tk, uint32_t end, int32_t skip) const {
        const auto& ms = *mentions;
        int32_t before = -1, after = -1, earlier = -1, first_in_sentence = -1;
        const uint32_t para = doc->sentences[si].paragraph;
        for (size_t i = 0; i < ms.size(); ++i) {
            const Mention& m = ms[i];
            if (static_cast<int32_t>(i) == skip) continue;
            if (m.sentence == si) {
                if (first_in_sentence < 0 && m.token < tk && !m.is_reference) first_in_sentence = static_cast<int32_t>(i);
                if (m.token < tk) before = static_cast<int32_t>(i);
                else if (m.token >= end && after < 0) after = static_cast<int32_t>(i);
            } else if (m.sentence < si && doc->sentences[m.sentence].paragraph == para) {
                earlier = static_cast<int32_t>(i);
            }
        }
        // The nearest company before belongs to another clause when a clause word stands between
        // ("HPE closed its takeover of Juniper after settling with ..."): the sentence's first one is
        // the subject then.
        if (before >= 0 && t->stop >= 0 && first_in_sentence >= 0 && first_in_sentence != before) {
            const Mention& b = ms[static_cast<size_t>(before)];
            for (uint32_t k = b.token + 1; k < tk; ++k)
                if (in_class_single(k, static_cast<uint32_t>(t->stop)) && doc->tokens[k].kind == TokenKind::word &&
                    !is_event_verb(k))
                    return first_in_sentence;
        }
        return before >= 0 ? before : after >= 0 ? after : earlier;
    }

    // Clause words of @stop are the lowercase function words; its verbs ("raised") join clauses of
    // one subject and do not change it.
    bool is_event_verb(uint32_t tok) const { return is_anchor(tok); }

    // Whether a company is named inside the match [tk, end) of sentence si.
    bool mention_in(uint32_t si, uint32_t tk, uint32_t end) const {
        for (const Mention& m : *mentions)
            if (m.sentence == si && m.token >= tk && m.token < end) return true;
        return false;
    }

    // The named company joined to mention m by "and" or "," right before it ("X and Y", "X, Y"), or -1.
    int32_t coordinated(int32_t m) const {
        const Mention& cur = (*mentions)[static_cast<size_t>(m)];
        if (cur.is_reference || cur.token < 2) return -1;
        std::string_view joint = text(cur.token - 1);
        if (joint != "and" && joint != ",") return -1;
        const Token& before = doc->tokens[cur.token - 2];
        for (int32_t i = m - 1; i >= 0; --i) {
            const Mention& o = (*mentions)[static_cast<size_t>(i)];
            if (o.sentence != cur.sentence) return -1;
            if (!o.is_reference && o.span.field == before.field && o.span.end == before.end) return i;
        }
        return -1;
    }

    // The figure stated with the match: a quantity inside it or just after, else a count.
    void figure(const Sentence& sent, uint32_t tk, uint32_t end, const Analysis& a, CorporateEvent& ev) const {
        uint32_t last = end + kFigureTokens < sent.last_token ? end + kFigureTokens : sent.last_token;
        const uint32_t b = doc->tokens[tk].begin, e = doc->tokens[last - 1].end;
        for (const Quantity& q : a.quantities) {
            if (q.span.field != sent.field || q.span.begin < b || q.span.begin >= e) continue;
            ev.has_figure = true;
            ev.figure = q.value;
            ev.unit = q.unit;
            return;
        }
        // A figure right before the match, in its clause: "a $20 billion stock repurchase".
        uint32_t from = tk;
        while (from > sent.first_token && tk - from < 4 && !is_clause_mark(text(from - 1))) --from;
        if (from < tk) {
            const uint32_t fb = doc->tokens[from].begin;
            const Quantity* last_before = nullptr;
            for (const Quantity& q : a.quantities)
                if (q.span.field == sent.field && q.span.begin >= fb && q.span.end <= b) last_before = &q;
            if (last_before) {
                ev.has_figure = true;
                ev.figure = last_before->value;
                ev.unit = last_before->unit;
                return;
            }
        }
        for (uint32_t k = tk; k < last; ++k) {
            if (doc->tokens[k].kind != TokenKind::number) continue;
            std::string_view w = text(k);
            bool year = w.size() == 4 && (w.substr(0, 2) == "19" || w.substr(0, 2) == "20");
            double v;
            if (!year && count_at(*doc, k, last, v)) {
                ev.has_figure = true;
                ev.figure = v;
                return;
            }
        }
    }

    void add(const CorporateEvent& ev, Analysis& a) const {
        for (CorporateEvent& o : a.events) {
            if (o.type != ev.type || o.entity != ev.entity) continue;
            if (!o.has_figure && ev.has_figure) {
                o.has_figure = true;
                o.figure = ev.figure;
                o.unit = ev.unit;
            }
            return;
        }
        if (a.events.size() < kMaxEvents) a.events.push_back(ev);
    }

    void record(uint32_t si, uint32_t tk, uint32_t end, int32_t object, const Pattern& p, Analysis& a) const {
        const Row& row = t->rows[p.row];
        const Sentence& sent = doc->sentences[si];
        CorporateEvent ev;
        ev.type = p.row;
        ev.name = row.name;
        ev.polarity = row.polarity;
        ev.detail = !p.detail.empty() ? std::string_view(p.detail) : std::string_view(row.detail);
        if (row.context_class >= 0 && class_in(sent.first_token, sent.last_token, row.context_class))
            ev.detail = row.context_detail;
        const Token& first = doc->tokens[tk];
        const Token& lastt = doc->tokens[end - 1];
        ev.span = {first.field, first.begin, lastt.end};
        ev.text = doc->event().field(first.field).substr(first.begin, lastt.end - first.begin);
        figure(sent, tk, end, a, ev);
        EventRole subject_role = p.passive ? row.object_role : row.subject_role;
        EventRole object_role = p.passive ? row.subject_role : row.object_role;
        if (p.seller) {  // a sale: the subject sells to the object, who acquires
            subject_role = EventRole::seller;
            object_role = EventRole::acquirer;
        }
        int32_t obj_entity = object >= 0 ? entity_of((*mentions)[static_cast<size_t>(object)], a) : -1;
        if (object < 0 || row.roles) {
            int32_t subj = subject(si, tk, end, object);
            int32_t subj_entity = subj >= 0 ? entity_of((*mentions)[static_cast<size_t>(subj)], a) : -1;
            if (subj < 0 && object < 0 && a.entities.size() == 1 && !mention_in(si, tk, end))
                subj_entity = 0;  // a one-company story
            ev.role = row.roles ? subject_role : EventRole::none;
            if (subj_entity >= 0 && subj_entity != obj_entity) {
                ev.entity = static_cast<uint32_t>(subj_entity);
                add(ev, a);
            }
            // Subjects joined by "and" or "," share it: "Capital One and Discover call off ...".
            for (int32_t m = subj; m >= 0 && (m = coordinated(m)) >= 0;) {
                int32_t e = entity_of((*mentions)[static_cast<size_t>(m)], a);
                if (e < 0 || e == obj_entity) break;
                ev.entity = static_cast<uint32_t>(e);
                add(ev, a);
            }
        }
        if (obj_entity >= 0) {
            ev.entity = static_cast<uint32_t>(obj_entity);
            ev.role = row.roles ? object_role : EventRole::none;
            add(ev, a);
        }
    }

    // [after:@class:N]: a word of the class ends within N words before tk, in the same clause.
    bool after(const Sentence& sent, uint32_t tk, const Pattern& p) const {
        for (uint32_t k = tk, n = 0; k > sent.first_token && n < p.after_words; --k, ++n) {
            const Token& tok = doc->tokens[k - 1];
            if (tok.kind == TokenKind::punct && is_clause_mark(text(k - 1))) return false;
            for (uint32_t b = k; b > sent.first_token && k - b < 4; --b)  // phrases of up to 4 words ending at k
                if (class_len(b - 1, static_cast<uint32_t>(p.after_class), k) == k - b + 1) return true;
        }
        return false;
    }

    // The start of the clause of token `start`: back to a clause mark or the sentence's start.
    uint32_t clause_start(const Sentence& s, uint32_t start) const {
        uint32_t k = start;
        while (k > s.first_token && !(doc->tokens[k - 1].kind == TokenKind::punct && is_clause_mark(text(k - 1)))) --k;
        return k;
    }

    // A verb in the past tense ("withdrew", "lowered"): a finite verb of its own, which a
    // negated auxiliary before it does not govern ("would not pay a dividend and withdrew its
    // guidance"), unlike a bare one ("will not pay dividends and buy back shares").
    bool past_tense(uint32_t tok) const {
        std::string_view w = text(tok);
        if (w.size() > 3 && w.substr(w.size() - 2) == "ed") return true;
        for (std::string_view irregular : {"withdrew", "won", "sold", "bought", "laid", "took", "struck", "made", "began"})
            if (w == irregular) return true;
        return false;
    }

    // The start of the scope before a match: up to kScopeTokens back, not across a clause mark,
    // and not across "and" right before a verb in the past tense (a clause of its own).
    uint32_t scope_start(const Sentence& s, uint32_t start) const {
        if (start > s.first_token && text(start - 1) == "and" && past_tense(start)) return start;
        uint32_t k = start;
        while (k > s.first_token && start - k < kScopeTokens) {
            const Token& tok = doc->tokens[k - 1];
            if (tok.kind == TokenKind::punct && is_clause_mark(text(k - 1))) break;
            --k;
        }
        return k;
    }
};

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
    s.doc = &doc;
    s.mentions = &mentions;
    s.companies_built = false;
    const EventTokenIds* ids = &ids_in;
    s.spread(doc, *ids);
    s.unconfirmed.assign(t.rows.size(), 0);
    // Only sentences holding a cue (a token with a word of the table) are read, and of them only
    // the cues: what classes and words the sentence holds, so that a pattern whose classes and
    // words are not all there is not tried, and which tokens may start a pattern.
    const EventTokenIds::Cue* cue = ids->cues.data();
    const EventTokenIds::Cue* const cues_end = cue + ids->cue_count;
    for (uint32_t si = 0; si < doc.sentences.size() && cue != cues_end; ++si) {
        const Sentence& sent = doc.sentences[si];
        while (cue != cues_end && cue->token < sent.first_token) ++cue;
        if (cue == cues_end || cue->token >= sent.last_token) continue;
        ClassSet present;
        uint64_t words = 0;
        s.anchor_at.clear();
        for (; cue != cues_end && cue->token < sent.last_token; ++cue) {
            const EventTypeTable::Impl::Cue& c = t.cue_info[cue->id];
            present.add(c.maybe);
            words |= c.bits;
            if (c.anchor) s.anchor_at.push_back(cue->token);
        }
        if (s.anchor_at.empty()) continue;
        bool question = sent.last_token > sent.first_token && s.text(sent.last_token - 1) == "?";
        uint32_t last_row = UINT32_MAX, last_row_at = UINT32_MAX;
        for (uint32_t tk : s.anchor_at) {
            for (uint32_t pi : t.anchors[s.ids[tk]]) {
                const Pattern& p = t.patterns[pi];
                if (p.row == last_row && last_row_at == tk) continue;  // the row already matched here
                if ((p.need_words & ~words) != 0 || !present.covers(p.need_classes)) continue;
                if (p.after_class >= 0 && !s.after(sent, tk, p)) continue;
                uint32_t end;
                int32_t object;
                bool hedged;
                if (!s.match(p, tk, sent.last_token, end, object, hedged)) continue;
                last_row = p.row;
                last_row_at = tk;
                const Row& row = t.rows[p.row];
                // A [none] pattern is an exception: it matches so that the row's others do not.
                if (p.none) continue;
                const bool headline = sent.field == Field::headline;
                if (!headline && s.unconfirmed[p.row]) continue;
                // Negation and hedges in the clause before the match or in its gaps.
                uint32_t from = s.scope_start(sent, tk);
                if (question) continue;
                if (hedged || s.class_in(from, tk, t.negator) || s.class_in(from, tk, t.hedge)) {
                    if (headline) s.unconfirmed[p.row] = 1;
                    continue;
                }
                if (s.class_in(sent.first_token, tk, row.unless_before_class) ||
                    s.class_in(sent.first_token, sent.last_token, row.unless_class) ||
                    s.class_in(s.clause_start(sent, tk), tk, t.background))
                    continue;
                s.record(si, tk, end, object, p, a);
            }
        }
    }
}

}  // namespace herald::analysis
