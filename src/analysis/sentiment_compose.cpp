// Sentence-level composition: lexicon terms and clause boundaries, negation, intensity, hedges
// and contrast weights per clause, then the pairing passes (sentiment_pairing.cpp) in order.
#include <algorithm>
#include <cmath>
#include <string>

#include "sentiment_internal.hpp"

namespace herald::analysis {

void SentenceComposer::index(const Document& doc) {
    const size_t n = doc.tokens.size();
    std::string_view fields[4];
    for (Field f : kTextFields) fields[static_cast<int>(f)] = doc.event().field(f);
    // Raw pointers: the loop writes ids while reading tokens, and must not reload either.
    const Token* toks = doc.tokens.data();
    const WordKey* keys = doc.keys.data();
    uint32_t* ids = this->ids(n);
    uint32_t* marks = this->marks(n);
    const uint8_t* active = lex_.word_active.data();
    size_t m = 0;
    for (size_t i = 0; i < n; ++i) {
        const Token& t = toks[i];
        const std::string_view field = fields[static_cast<int>(t.field)];
        // Numbers and punctuation are never lexicon terms.
        const uint32_t id = t.kind == TokenKind::word ? lex_.words.find_token(field, t, keys[i]) : detail::kNoWord;
        ids[i] = id;
        marks[m] = static_cast<uint32_t>(i);
        m += visits(active, field, t, id);
    }
    indexed(m);
}

// Half the marked words of news text only start phrases ("the", "is", "a", "to", "in") and
// start none with the word after them: score() would read each, test it and drop it, one
// mispredicted branch in two. Dropped here, without a branch, by the same pair bit term_at() reads
// first; a word the bit keeps still goes through term_at(). (A word next to another sentence's is
// kept or dropped by that word's id: term_at() reads no word past the sentence, so a kept one is
// still no phrase there and a dropped one none either.)
void SentenceComposer::indexed(size_t mark_count) {
    uint32_t* const marks = marks_.data();
    const uint32_t* const ids = ids_.data();
    const size_t last = ids_.size() - 1;  // a mark exists only with a token
    const uint8_t* const alone = lex_.visit_alone.data();
    const uint64_t* const pairs = lex_.phrase_pairs.data();
    size_t kept = 0;
    for (size_t k = 0; k < mark_count; ++k) {
        const uint32_t t = marks[k];
        const uint32_t id = ids[t];
        const uint32_t next = ids[t < last ? t + 1 : t];  // the last token: a pair with itself, kept or not
        const uint32_t b = Lexicon::Impl::pair_bit(id, next);
        const uint64_t pair = (pairs[b >> 6] >> (b & 63)) & static_cast<uint64_t>(next != detail::kNoWord);
        marks[kept] = t;
        kept += alone[id + 1] | pair;
    }
    marks_.resize(kept);
    mark_cursor_ = 0;
}

namespace {

// A figure or the currency before one: "5.3 %", "$ 12 mn", "EUR 12.9 mn", "EUR20 .5 m".
bool figure_or_currency(const Document& doc, uint32_t k) {
    const Token& t = doc.tokens[k];
    if (sentiment_figure(doc, k) || t.kind == TokenKind::symbol) return true;
    const std::string_view w = doc.text(t);
    return t.kind == TokenKind::word && w.size() >= 3 && w[0] >= 'A' && w[0] <= 'Z' && w[1] >= 'A' && w[1] <= 'Z' &&
           w[2] >= 'A' && w[2] <= 'Z' && (w.size() == 3 || (w[3] >= '0' && w[3] <= '9'));
}

// Quotes come as tokens of one character each ("``" is two), punctuation or symbols.
bool is_quote(const Document& doc, const Token& t, bool open) {
    const std::string_view p = doc.text(t);
    return p == "'" || p == "\"" || (open ? p == "`" || p == "\xE2\x80\x9C" || p == "\xE2\x80\x98"
                                            : p == "\xE2\x80\x9D" || p == "\xE2\x80\x99");
}

}  // namespace

// "` buy '", "`` buy ''": a position word alone between quotes is an analyst's rating; after
// "from" it is the rating left behind ("cut to `` hold '' from `` buy ''").
bool SentenceComposer::quoted_rating(const Document& doc, const Sentence& s, uint32_t t, uint32_t len) const {
    const auto& toks = doc.tokens;
    uint32_t before = t, after = t + len;
    while (before > s.first_token && t - before < 2 && toks[before - 1].kind != TokenKind::word && is_quote(doc, toks[before - 1], true))
        --before;
    while (after < s.last_token && after - (t + len) < 2 && toks[after].kind != TokenKind::word && is_quote(doc, toks[after], false))
        ++after;
    if (before == t || after == t + len) return false;
    if (before > s.first_token) {
        const uint32_t id = ids_[before - 1];
        if (id != detail::kNoWord && lex_.word_roles[id].state == 2) return false;
    }
    return true;
}

float SentenceComposer::modifier_before(size_t i) const {
    // Intensifiers and downtoners right before a term ("sharply higher", "slightly weaker").
    float m = 1.0f;
    for (size_t j = i; j-- > 0;) {
        const Item& p = items_[j];
        if (p.clause != items_[i].clause || items_[i].begin - p.end > 1 || p.roles->intensity == 0) break;
        m *= p.roles->intensity;
        if (items_[i].begin - p.end > 0) break;
    }
    return m;
}

float SentenceComposer::modifier_after(size_t i) const {
    // Adverbs right after a direction ("rose sharply", "fell slightly").
    if (i + 1 < items_.size()) {
        const Item& n = items_[i + 1];
        if (n.clause == items_[i].clause && n.begin - items_[i].end <= 1 && n.roles->intensity != 0 &&
            !n.roles->has_valence && n.roles->measure == 0)
            return n.roles->intensity;
    }
    return 1.0f;
}

bool SentenceComposer::negated(size_t i) const {
    for (size_t j = i; j-- > 0;) {
        const Item& p = items_[j];
        if (p.clause != items_[i].clause || static_cast<int>(items_[i].begin - p.end) > tuning::kNegationReach) break;
        if (p.roles->negator) return true;
    }
    return false;
}

// Whether `token` lies inside a company or product name (not a reference). Tokens are asked in
// increasing order within a document, so a cursor walks the mentions once.
bool SentenceComposer::in_name(const Document& doc, uint32_t token) {
    if (!mentions_) return false;
    const auto& ms = *mentions_;
    const Token& t = doc.tokens[token];
    while (mention_cursor_ < ms.size()) {
        const Mention& m = ms[mention_cursor_];
        if (m.token > token) return false;
        if (m.span.field == t.field && t.end <= m.span.end) return !m.is_reference;
        ++mention_cursor_;
    }
    return false;
}

double SentenceComposer::squash(double raw) {
    // A little evidence is no evidence: the dead zone keeps descriptive sentences neutral.
    raw = raw > tuning::kDeadZone ? raw - tuning::kDeadZone : raw < -tuning::kDeadZone ? raw + tuning::kDeadZone : 0.0;
    return raw / std::sqrt(raw * raw + tuning::kSentenceSoftness);
}

void SentenceComposer::add(double& raw, const Document& doc, const Item& it, double w, std::string_view rule,
                           ExplainSentence* ex, uint32_t anchor) {
    // The last clause starting at or before the item (clause starts ascend): counted over a few
    // clauses, searched over many (a walk back cost a sentence of thousands of clauses their
    // number per item).
    const size_t c = clause_holding(clause_first_.data(), clause_first_.size(), it.begin) + 1;
    // "bad day to short", "a great time to be shorting": the tone is about the bet against the stock.
    const bool inverted = !clause_inverted_.empty() && clause_inverted_[c - 1] && !(it.roles && it.roles->inverts);
    if (inverted) w = -w;
    raw += w;
    clause_raw_[c - 1] += w;
    if (w != 0)
        contributions_.push_back({anchor == UINT32_MAX ? it.begin : anchor, it.end, w, it.roles && it.roles->comparator != 0,
                                  it.roles && it.roles->object});
    if (!ex || w == 0) return;
    const Token& a = doc.tokens[it.begin];
    const Token& b = doc.tokens[it.end - 1];
    ExplainTerm term;
    term.term = std::string(doc.event().field(a.field).substr(a.begin, b.end - a.begin));
    term.weight = std::round(w * 1e4) / 1e4;  // float weights: print 0.6, not 0.6000000238
    term.rule = inverted ? std::string(rule) + ", short position: inverted" : std::string(rule);
    ex->terms.push_back(std::move(term));
}

// Inlined (as the loop they replace was): they run for every term of every sentence.
[[gnu::always_inline]] inline void SentenceComposer::open_clause(uint16_t& clause, uint32_t first) {
    ++clause;
    clause_weight_.push_back(1.0f);
    clause_first_.push_back(first);
    clause_raw_.push_back(0.0);
}

// The term starting at token t: the longest lexicon phrase there (its length in `len`), else the
// word's own roles; null when it is neither.
[[gnu::always_inline]] inline const TermRoles* SentenceComposer::term_at(uint32_t t, uint32_t last_token,
                                                                      uint32_t& len) const {
    const uint32_t id = ids_[t];
    const uint32_t next = t + 1 < last_token ? ids_[t + 1] : detail::kNoWord;
    if (lex_.may_start_phrase(id, next) && next != detail::kNoWord) {
        // Heads are sorted by second word (longest phrase first among equals): past `next`, none matches.
        for (uint32_t h = lex_.heads_begin[id]; h < lex_.heads_begin[id + 1]; ++h) {
            const Lexicon::Impl::Head& head = lex_.phrase_heads[h];
            if (head.second != next) {
                if (head.second > next) break;
                continue;
            }
            const LexPhrase& ph = lex_.phrases[head.phrase];
            if (t + ph.length > last_token) continue;
            if (detail::same_ids(lex_.phrase_words.data() + ph.words_begin, ids_.data() + t, ph.length)) {
                len = ph.length;
                return &ph.roles;
            }
        }
    }
    return lex_.word_term[id] ? &lex_.word_roles[id] : nullptr;
}

// "Bought $AAPL puts", "Sold $TSLA puts": a position in put options is a position in the bet against
// the stock, so its valence reads inverted (session 22). `puts_word`: the token after the ticker.
bool SentenceComposer::puts_word(std::string_view w) {
    return w == "puts" || w == "put" || w == "Puts" || w == "Put" || w == "PUTS" || w == "PUT";
}
const TermRoles* SentenceComposer::put_position(const TermRoles& position) {
    TermRoles& flipped = put_positions_[position.valence > 0];
    flipped = position;
    flipped.valence = -position.valence;
    return &flipped;
}

// Terms, longest phrase first, and clause boundaries (only the tokens index() marked), from mark
// `mk` on; records what the later passes will have to pair.
[[gnu::always_inline]] inline SentenceComposer::Found SentenceComposer::read_terms(const Document& doc, const Sentence& s, size_t mk) {
    items_.clear();
    signs_.clear();
    clause_weight_.assign(1, 1.0f);
    // Locals rather than a Found's fields, so the loop keeps them in registers.
    int but_clause = -1;
    bool comparator = false, deal = false, direction_word = false, measure = false, hedge = false, inverter = false;
    uint16_t clause = 0;
    uint32_t consumed = s.first_token;  // tokens before this belong to a phrase already read
    // Raw pointers: the items' stores would otherwise make the loop reload the vectors' bounds.
    const uint32_t* const marks = marks_.data();
    const size_t mark_count = marks_.size();
    const Token* const toks = doc.tokens.data();
    for (; mk < mark_count && marks[mk] < s.last_token; ++mk) {
        const uint32_t t = marks[mk];
        if (t < consumed) continue;
        const Token& tok = toks[t];
        if (tok.kind != TokenKind::word) {  // commas are most marks: only "+", "-" and "(" may be signs
            const char c = doc.text(tok)[0];
            if (c == '+' || c == '-' || c == '(') note_sign(doc, s, t);
        }
        if (tok.kind == TokenKind::symbol) continue;
        if (tok.kind == TokenKind::punct) {
            if (!(items_.empty() && clause_weight_.size() == 1)) open_clause(clause, t + 1);
            continue;
        }
        // "Best Buy", "Target": a name, not a term; "$COST", "#Stock": a tag, not a term.
        // Names are capitalised ("Best Buy"): lowercase terms skip the look at the mentions.
        if ((tok.capitalized && in_name(doc, t)) || (!tok.space_before && is_tag(doc, t))) continue;
        uint32_t len = 1;
        const TermRoles* roles = term_at(t, s.last_token, len);
        // "declined to EUR 12.9 mn": a negator phrase ("declined to comment") before a figure is the
        // direction its first word is alone.
        if (roles && roles->negator && len > 1 && t + len < s.last_token && figure_or_currency(doc, t + len)) {
            len = 1;
            roles = lex_.word_term[ids_[t]] ? &lex_.word_roles[ids_[t]] : nullptr;
        }
        // A position ("Long $WMT", "Sold $AAPL") is one only right before a cashtag, or quoted as
        // a rating ("gave a `` buy '' recommendation"; not the rating it was cut from).
        if (roles && roles->position) {
            const bool cashtag = t + len + 1 < s.last_token && doc.tokens[t + len].kind == TokenKind::symbol &&
                                 doc.text(doc.tokens[t + len])[0] == '$' && is_tag(doc, t + len + 1);
            if (cashtag && t + len + 2 < s.last_token && puts_word(doc.text(doc.tokens[t + len + 2])))
                roles = put_position(*roles);  // "Bought $AAPL puts": a bet against the stock
            else if (!cashtag && !quoted_rating(doc, s, t, len))
                roles = nullptr;
        }
        if (roles) {
            if (roles->contrast != 0) {
                // The contrast word opens a new clause.
                if (!items_.empty() || t > s.first_token) open_clause(clause, t);
                if (roles->contrast == 1) but_clause = clause;
                else if (roles->contrast == 2) clause_weight_[clause] *= tuning::kConcessive;
            }
            items_.push_back(Item{t, t + len, roles, clause, false});
            comparator |= roles->comparator != 0;
            deal |= roles->deal == 1;
            direction_word |= roles->direction != 0;
            measure |= roles->measure != 0;
            hedge |= roles->hedge != 0;
            inverter |= roles->inverts;
        }
        consumed = t + len;
    }
    mark_cursor_ = mk;
    return Found{but_clause, comparator, deal, direction_word, measure, hedge, inverter};
}

double SentenceComposer::finish(const Sentence& s, double raw, ExplainSentence* ex) {
    const double score = squash(raw);
    if (ex) {
        ex->span = Span{s.field, s.begin, s.end};
        ex->score = score;
    }
    return score;
}

// Sentences come in document order: the marks of this one start where the last one's ended.
size_t SentenceComposer::first_mark(const Sentence& s) const {
    auto mk = marks_.begin() + static_cast<std::ptrdiff_t>(std::min(mark_cursor_, marks_.size()));
    if (mk != marks_.begin() && *(mk - 1) >= s.first_token) mk = std::lower_bound(marks_.begin(), mk, s.first_token);
    while (mk != marks_.end() && *mk < s.first_token) ++mk;
    return static_cast<size_t>(mk - marks_.begin());
}

double SentenceComposer::score(const Document& doc, const Sentence& s, const std::vector<Metric>& metrics,
                               ExplainSentence* ex) {
    clause_first_.assign(1, s.first_token);
    clause_raw_.assign(1, 0.0);
    contributions_.clear();
    words_only_ = true;
    scored_doc_ = &doc;
    const size_t mk = first_mark(s);
    // Nothing in the lexicon and no metric: only the learned layer may find a tone.
    if ((mk == marks_.size() || marks_[mk] >= s.last_token) && metrics.empty()) return finish(s, learned(doc, s, 0.0, ex), ex);

    const Found found = read_terms(doc, s, mk);
    weigh_clauses(found);
    // The passes below pair terms, each consuming (`used`) what it pairs; a pass with nothing to
    // pair in this sentence is skipped.
    double raw = 0;
    // A comparison with an earlier period becomes a direction ("below the comparison period").
    const bool compared = found.comparator && expectations(raw, doc, ex);
    if (found.deal) new_business(raw, doc, ex);
    bool any_direction = (found.direction_word || compared) && directions(raw, doc, s, ex);
    if (!any_direction) any_direction = metric_directions(raw, doc, s, metrics, ex);
    if (!any_direction && !signs_.empty()) any_direction = signed_figures(raw, doc, ex);
    if (found.measure && !any_direction) implied_direction_of_measures(raw, doc, s, ex);
    // Tone words alone, no figure, move, comparison or deal reported (read by the learned layer).
    words_only_ = contributions_.empty();
    valences(raw, doc, ex);

    // A question asserts nothing: "Is Acme a good stock to buy?", "Can Globex repeat its strong year?"
    if (s.last_token > s.first_token && doc.text(doc.tokens[s.last_token - 1]) == "?") raw *= tuning::kQuestion;
    return finish(s, learned(doc, s, raw, ex), ex);
}

// Clause weights: contrast ("but" weakens what comes before it), hedges, and short positions.
void SentenceComposer::weigh_clauses(const Found& found) {
    std::vector<float>& cw = clause_weight_;
    if (found.but_clause > 0) {
        for (int c = 0; c < found.but_clause; ++c) cw[c] *= tuning::kBeforeBut;
        for (size_t c = static_cast<size_t>(found.but_clause); c < cw.size(); ++c) cw[c] *= tuning::kAfterBut;
    }
    if (found.hedge)
        for (const Item& it : items_)
            if (it.roles->hedge != 0) cw[it.clause] *= it.roles->hedge;
    clause_inverted_.clear();
    if (found.inverter) {
        clause_inverted_.assign(cw.size(), 0);
        for (const Item& it : items_)
            if (it.roles->inverts) clause_inverted_[it.clause] = 1;
    }
}

}  // namespace herald::analysis
