#pragma once
// The event classifier's per-document scratch: the matcher's token tests and pattern matching
// (inline: they run per cue), and the recording of a match (event_record.cpp).
#include <cstdint>
#include <string_view>
#include <vector>

#include "herald/analysis/entities.hpp"
#include "event_types_impl.hpp"

namespace herald::analysis {

namespace events_detail {

constexpr uint32_t kScopeTokens = 8;   // how far before a match negation and hedges reach
constexpr uint32_t kFigureTokens = 10; // how far after a match its figure may stand

// Parses "1,500", "1.02" (with a following "million"/"billion"/"thousand") as a count.
bool count_at(const Document& doc, uint32_t tok, uint32_t end, double& out);
// The entity (index into analysis.entities) a mention stands for; -1 when it has none.
int32_t entity_of(const Mention& m, const Analysis& a);
constexpr uint8_t kRaterRelevance = 30;  // at most, for a company only rating others (docs/events.md)

inline bool is_clause_mark(std::string_view t) {
    return t == "," || t == ";" || t == ":" || t == "(" || t == ")" || t == "\"";
}

// A quotation mark around a quoted term: "lifted to 'buy'", "cut to \"neutral\"".
inline bool is_quote(std::string_view t) {
    return t == "'" || t == "\"" || t == "\xE2\x80\x98" || t == "\xE2\x80\x99" || t == "\xE2\x80\x9C" || t == "\xE2\x80\x9D";
}

}  // namespace events_detail

using namespace events_detail;  // the table's types, as in event_types.cpp

struct EventTypeClassifier::Scratch {
    std::vector<uint32_t> ids;          // word id of every token, or kNoWord (from the cues)
    EventTokenIds own;                  // the lookups when none were handed in
    // The cues of the current sentence that start a pattern, with the classes and words
    // (Impl::Cue filters) of the cues from there to the sentence's end: room for every cue of the
    // document (run() writes through a raw pointer).
    struct Anchor {
        const EventTokenIds::Cue* cue;
        uint64_t classes, words;
    };
    std::vector<Anchor> anchor_at;
    // Reads the cues of sentence `sent` from `cue` on (and moves it past them): writes their ids
    // and the sentence's anchors (anchor_at, their number returned), ORs the sentence's classes
    // into `classes`.
    size_t read_cues(const Sentence& sent, const EventTokenIds::Cue*& cue, const EventTokenIds::Cue* cues_end,
                     uint64_t& classes);
    // Gate g opens on the cues [from, end) within `reach` tokens of the first (a pattern's reach,
    // Impl::GateTail; always for kNoReach).
    bool open_within(const EventTypeTable::Impl::Gate& g, const EventTokenIds::Cue* from, const EventTokenIds::Cue* end,
                     uint32_t reach) const;
    // Ready for a document whose lookups hold `cues` cues.
    void start(const Document& d, const std::vector<Mention>& m, const Analysis& a, size_t cues) {
        doc = &d;
        mentions = &m;
        companies_built = false;
        rater_mention = -1;
        is_rater.assign(a.entities.size(), 0);
        is_customer.assign(a.entities.size(), 0);
        spread(d);
        unconfirmed.assign(t->rows.size(), 0);
        if (anchor_at.size() < cues) anchor_at.resize(cues);
    }
    std::vector<int32_t> company_at;  // mention index of a named company starting at the token, or -1
    std::vector<uint16_t> company_len;
    bool companies_built = false;
    // By row: the headline reports the type hedged or negated ("Intel said to win foundry order"):
    // the story treats it as unconfirmed, and its other sentences do not count it either. (A
    // question headline is often an opinion on a real event: "Is Target's dividend cut a buy?")
    std::vector<uint8_t> unconfirmed;

    // The mention last found rating another company ([rater]), or -1: set while recording.
    mutable int32_t rater_mention = -1;
    // By entity: found rating another company (a broker or agency): set while recording.
    mutable std::vector<uint8_t> is_rater;
    // By entity: found as the customer of a supplier ([customer]): set while recording.
    mutable std::vector<uint8_t> is_customer;

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
    // Token tok is the word w (the length is compared first: most tokens are not).
    bool is(uint32_t tok, std::string_view w) const {
        const Token& k = doc->tokens[tok];
        return k.end - k.begin == w.size() && text(tok) == w;
    }
    uint32_t id(uint32_t tok) const { return ids[tok]; }
    // The id of every token from the cues: the matcher reads any token of a sentence.
    // (run() writes the ids of a sentence's cues as it reads them: the matcher reads only the
    // tokens of the sentence it matches in, and of earlier ones.)
    void spread(const Document& d) { ids.assign(d.tokens.size(), detail::kNoWord); }
    bool is_anchor(uint32_t tok) const {
        uint32_t w = ids[tok];
        return w != detail::kNoWord && t->cue_info[w].gates != 0;
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

    // A word of @stop: a clause word or the verb of another event.
    bool stop_word(uint32_t tok) const {
        uint32_t w = id(tok);
        return doc->tokens[tok].kind == TokenKind::word && w != detail::kNoWord &&
               (t->word_flags[w] & EventTypeTable::Impl::kStop);
    }

    // A token a gap may not skip: a clause mark or a word of @stop (clause words, event verbs).
    bool stops_gap(uint32_t tok) const {
        const Token& k = doc->tokens[tok];
        if (k.kind == TokenKind::punct) {
            const std::string_view p = text(tok);
            if (p != ",") return is_clause_mark(p);
            // A comma before an amount is no clause mark: "a seven-year, $38 billion deal".
            if (tok + 1 < doc->tokens.size() && doc->tokens[tok + 1].field == k.field &&
                (doc->tokens[tok + 1].kind == TokenKind::number || doc->tokens[tok + 1].kind == TokenKind::symbol))
                return false;
            // Nor one before a comparison of that amount: "a dividend of 53 cents a share, up from 51 cents".
            return !(tok + 2 < doc->tokens.size() && (is(tok + 1, "up") || is(tok + 1, "down")) && is(tok + 2, "from"));
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
        if (f & (EventTypeTable::Impl::kNegator | EventTypeTable::Impl::kHedge)) [[unlikely]]
            return (f & EventTypeTable::Impl::kNegator) || !own_plan(tok, end);
        if (!(f & EventTypeTable::Impl::kStartsPhrase)) return false;
        return (t->negator >= 0 && class_len(tok, static_cast<uint32_t>(t->negator), end) > 0) ||
               (t->hedge >= 0 && class_len(tok, static_cast<uint32_t>(t->hedge), end) > 0);
    }

    // Matches pattern p from token `start` within [start, end); sets the end and the object, and
    // `hedged` when a gap skipped a negator or hedge.
    bool match(const Pattern& p, uint32_t start, uint32_t end, uint32_t& out_end, int32_t& object, bool& hedged) {
        uint32_t i = start;
        match_start = start;
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
                if (stops_gap(j)) break;
                hedged |= scoped(j, end);
            }
            // A quoted word is the word: "to 'buy'" (a gap before it still stops at a quote).
            if (!found && gap == 0 && quoted(i, end)) {
                const uint32_t len = element_len(e, i + 1, end, object);
                if (len > 0) {
                    i += 1 + len;
                    found = true;
                }
            }
            if (!found) return false;
            gap = 0;
        }
        out_end = i;
        return true;
    }

    bool quoted(uint32_t i, uint32_t end) const {
        return i + 1 < end && doc->tokens[i].kind == TokenKind::punct && is_quote(text(i));
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
            case Element::Kind::minority: return minority_len(j, end);
            case Element::Kind::name: return name_len(j);
            case Element::Kind::gap: return 0;
        }
        return 0;
    }

    // $name: a name the table does not know, capitalized in lowercase text ("unveils Panther Lake",
    // "introduced the Galaxy Z Fold7"): a word of no class (so no weekday, month or "Q3"), no
    // company, after a match start in lowercase (a title-case headline capitalizes every word).
    uint32_t name_len(uint32_t j) {
        const Token& k = doc->tokens[j];
        if (k.kind != TokenKind::word || !k.capitalized || id(j) != detail::kNoWord) return 0;
        if (doc->tokens[match_start].capitalized || doc->tokens[match_start].field != k.field) return 0;
        if (!companies_built) build_companies();
        return company_at[j] < 0 ? 1 : 0;
    }
    uint32_t match_start = 0;  // the token the current match started at (for $name)

    // $minority: a share below half written at token j ("2.9%", "9.9 percent", "4.5 per cent"), not
    // "the remaining 40%": its tokens, 0 for none. Buying such a share is a stake, no takeover.
    uint32_t minority_len(uint32_t j, uint32_t end) const;

    // A hedge word that starts a phrase of @consequence ("expected to result in"), or one of
    // @own_plan ("expects to") right after a company or a reference to one, is no hedge: a decided
    // step's consequence, the company's own plan.
    // (Out of line: a hedge is rare, and the gap loop of match() that reaches it is hot.)
    bool own_plan(uint32_t tok, uint32_t end) const;

    // `unless-measure @A @B`: what the match at [tk, end) measures, the nearest word of either
    // class, is one of @A ("Tesla delivered 497,099 vehicles, ... ahead of estimates").
    bool measures_other(const Sentence& sent, uint32_t tk, uint32_t end, const Row& row) const;

    // Whether a hedge stands in [from, to), not counting one of @own_plan (which may end by `end`).
    bool hedge_in(uint32_t from, uint32_t to, uint32_t end) const {
        if (t->hedge < 0) return false;
        for (uint32_t k = from; k < to; ++k)
            if (class_len(k, static_cast<uint32_t>(t->hedge), to) > 0 && !own_plan(k, end)) return true;
        return false;
    }

    // Whether a word of `cls` stands in [from, to): one-word entries and phrases that end by `to`.
    bool class_in(uint32_t from, uint32_t to, int32_t cls) const {
        if (cls < 0) return false;
        for (uint32_t k = from; k < to; ++k)
            if (class_len(k, static_cast<uint32_t>(cls), to) > 0) return true;
        return false;
    }

    // Clause words of @stop are the lowercase function words; its verbs ("raised") join clauses of
    // one subject and do not change it.
    bool is_event_verb(uint32_t tok) const { return is_anchor(tok); }

    // The company named nearest before token `tk` in sentence `si` (a reference such as "the
    // company" counts), else the first one after the match, else the last one named earlier in
    // the paragraph; -1 for none. `skip` is the object's mention.
    // A row's `venue` words: a company right after one is where the event happens, not its subject.
    int32_t subject(uint32_t si, uint32_t tk, uint32_t end, int32_t skip, const Row* row = nullptr) const;

    // The first company named in the clause of token `at` (from the clause word of @stop before
    // it: "..., while Siemens Energy rose 6% after raising its targets"), else the sentence's first.
    int32_t first_in_clause(uint32_t si, uint32_t at, int32_t first_in_sentence) const;

    // Mention m is named as a companion of the subject, up to five words after "together with",
    // "along with" or "alongside" ("Vale has signed, together with Samarco and BHP Brasil, a
    // settlement"): it joins the subject's act, it is not the subject.
    bool companion(const Mention& m) const;

    // Mention m (after mention `first`) stands in a relative clause opened right after the first
    // (", which", ", who") and closed by a comma before token tk.
    bool in_relative_clause(int32_t first, int32_t m, uint32_t tk) const;

    // Mention m follows "by": the agent of a passive ("awarded an order by X", "downgraded by X"),
    // the customer or the rater, so never the company the event falls back to.
    // With a row, also a company after one of its `venue` words ("launches a vitamin on Amazon.com").
    bool is_agent(const Mention& m, const Row* row = nullptr) const;

    // Whether the story's only company (entity 0) is named as such an agent (or venue) in sentence si.
    bool agent_in(uint32_t si, const Analysis& a, const Row* row = nullptr) const;

    // Whether a company is named inside the match [tk, end) of sentence si.
    bool mention_in(uint32_t si, uint32_t tk, uint32_t end) const;

    // The named company joined to mention m by "and" or "," right before it ("X and Y", "X, Y"), or -1.
    int32_t coordinated(int32_t m) const;
    // The named company joined to mention m by "and" right after it ("fines Apple and Meta"), or by
    // a list's comma; not one that is the subject of a clause of its own ("and Chevron buys ..."); -1 for none.
    int32_t coordinated_next(int32_t m) const;
    // Token k, right after a comma, opens a clause of its own: a verb ("closes"), a participle
    // ("citing") or a plural subject ("shares"); the figure of an event before it is not there.
    bool opens_clause(const Sentence& sent, uint32_t k) const;

    // The figure stated with the match: a quantity inside it or just after, else a count.
    // A rater that reports no event of its own is the story's source, not its topic: its
    // relevance is capped at kRaterRelevance, a company named in passing.
    void demote_raters(Analysis& a) const;
    // A company the story shows buying from a supplier ([customer]) won no contract of the row in
    // it ("Oracle and OpenAI expand cloud agreement" over "OpenAI agreed to rent ... from Oracle").
    void drop_customers(Analysis& a) const;
    // Marks the customer of a [customer] match (the subject buying from the object) or a [client]
    // match (the object buying from the subject, which then takes the event: object set to -1).
    void mark_customers(uint32_t si, uint32_t tk, uint32_t end, const Pattern& p, int32_t& object, int32_t& obj_entity,
                        const Analysis& a) const;
    // Marks the raters of a `rated` row's match: the company before it rating the object, and
    // the agent of a passive ("cut to BBB- by S&P Global").
    void mark_raters(uint32_t si, uint32_t tk, uint32_t end, int32_t object, int32_t obj_entity, const Analysis& a) const;
    // The quantity starting at token `at` (ending at q_end) is what others expected: a word of
    // @consensus up to three tokens before it or two after it, in its sentence.
    bool expected(const Sentence& sent, uint32_t at, uint32_t q_end) const;
    void figure(const Sentence& sent, uint32_t tk, uint32_t end, const Analysis& a, CorporateEvent& ev) const;

    // [higher] / [lower]: a forecast told by its figures alone ("is now expected at 2% to 3%,
    // compared with 4% to 5% previously"): the sentence names the old figure as a forecast, and
    // the new one moved in direction dir (1 up, -1 down).
    // [above] / [below] (dir 2, -2) go to figures_beat with the pattern's [after:] class.
    bool figures_move(const Sentence& sent, uint32_t tk, uint32_t end, int8_t dir, int32_t after_class,
                      const Analysis& a) const;
    // [above] / [below] (dir 2, -2): a result told against the consensus by its figures alone,
    // matched at "vs" after a word of result_class (the pattern's [after:] class).
    bool figures_beat(const Sentence& sent, uint32_t tk, uint32_t end, int8_t dir, int32_t result_class,
                      const Analysis& a) const;
    // The first figure at or after token k of the sentence: a quantity, else a count ("185 to 190
    // million tonnes"); its value, unit (empty for a count) and the token after it.
    bool figure_at(const Sentence& sent, uint32_t k, const Analysis& a, double& v, Unit& u, uint32_t& next) const;
    // The match at tk stands in a relative clause on a company ("Nike, which missed estimates in
    // June, rolls out ..."): it describes the company, an earlier event, not the story's news.
    bool in_relative(const Sentence& sent, uint32_t tk) const;
    // An event no company of its paragraph claims, told with "the" ("outweighed the earnings beat",
    // "the job cuts"): a reference to the story's news, so the story's main company's, the one far
    // more relevant than any other; -1 when none stands out.
    int32_t story_subject(uint32_t si, uint32_t tk, uint32_t end, const Analysis& a) const;

    // Adds the event, one per (type, company). A detail the pattern states ([terminated],
    // [completed]: `stated`) replaces the row's default of an earlier report of the same type and
    // company, and of the events recorded with it: "agreed to buy Intel ... walked away from the
    // deal" is a terminated deal for both sides.
    void add(const CorporateEvent& ev, bool stated, Analysis& a) const;

    // Records a match; `carried` (when not empty) is the detail of an earlier match of the row
    // whose clause this one stands in ("walks away from the deal to buy Intel").
    void record(uint32_t si, uint32_t tk, uint32_t end, int32_t object, const Pattern& p, std::string_view carried,
                Analysis& a) const;

    // [rater]: the company rated when the subject, mention `rater` of sentence si, is the rater: the
    // nearest other company named before it in the sentence, else the story's most relevant other
    // company; -1 when the rater is the story's only company.
    int32_t rated_entity(uint32_t si, int32_t rater, int32_t rater_entity, const Analysis& a) const;

    // Mention m is the subject of the verb at token tk: at most three lowercase words stand
    // between ("Goldman Sachs on Monday cut"), no other name ("..., the day S&P cut").
    bool names_subject(const Mention& m, uint32_t tk) const;
    // [plaintiff]: mention m is the subject right before the verb at tk ("Tesla filed a lawsuit",
    // "Tesla has filed", "it also filed"), so the one suing, not the defendant.
    bool sues(const Mention& m, uint32_t tk) const;

    // The end of the clause of token `from`: the next clause mark or the sentence's end.
    uint32_t clause_end(const Sentence& s, uint32_t from) const {
        uint32_t k = from;
        while (k < s.last_token && !(doc->tokens[k].kind == TokenKind::punct && is_clause_mark(text(k)))) ++k;
        return k;
    }

    // [after:@class:N]: a word of the class ends within N words before tk, in the same clause;
    // `at` is where it starts (where the pattern's words begin, for the look-back of its scope).
    bool after(const Sentence& sent, uint32_t tk, const Pattern& p, uint32_t& at) const {
        for (uint32_t k = tk, n = 0; k > sent.first_token && n < p.after_words; --k, ++n) {
            const Token& tok = doc->tokens[k - 1];
            if (tok.kind == TokenKind::punct && is_clause_mark(text(k - 1))) return false;
            for (uint32_t b = k; b > sent.first_token && k - b < 4; --b)  // phrases of up to 4 words ending at k
                if (class_len(b - 1, static_cast<uint32_t>(p.after_class), k) == k - b + 1) {
                    at = b - 1;
                    return true;
                }
        }
        return false;
    }

    // The sentence opens with a phrase of @background_open before a comma ("Last year, Nike cut
    // ..."): it recalls earlier events, not the story's news.
    bool opens_in_past(const Sentence& s) const {
        if (t->background_open < 0) return false;
        for (uint32_t k = s.first_token; k < s.last_token && k < s.first_token + 5; ++k)
            if (doc->tokens[k].kind == TokenKind::punct && is_clause_mark(text(k)))
                return text(k) == "," && class_in(s.first_token, k, t->background_open);
        return false;
    }

    // Where an `unless-before` look-back starts: after the last clause word of @stop before tk
    // ("after", "while", "as"), else at the sentence's start. A guide word or an analyst in an
    // earlier clause is another clause's: "raised its forecast after quarterly profit beat the
    // estimate" is a beat, "Analysts slash targets after the forecast cut" a guidance cut.
    // "and" right before a verb in the past tense opens a clause of its own too ("..., beating
    // analysts' estimate, and lifted its forecast").
    uint32_t subclause_start(const Sentence& s, uint32_t tk) const {
        for (uint32_t k = tk; k > s.first_token; --k) {
            if (stop_word(k - 1) && !is_event_verb(k - 1)) return k;
            if (k < s.last_token && is(k - 1, "and") && past_tense(k)) return k;
        }
        return s.first_token;
    }

    // A phrase of @earlier ends right before token tk ("after last year's recall", "a previous
    // profit warning"): the match recalls an earlier event.
    bool recalled(const Sentence& s, uint32_t tk) const {
        if (t->earlier < 0) return false;
        for (uint32_t b = tk; b > s.first_token && tk - b < 3; --b)
            if (class_len(b - 1, static_cast<uint32_t>(t->earlier), tk) == tk - b + 1) return true;
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
        for (std::string_view irregular : {"withdrew", "won", "sold", "bought", "laid", "took", "struck", "made", "began", "kept",
                                           "held", "stood", "stuck", "paid", "rose", "fell", "grew"})
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

}  // namespace herald::analysis
