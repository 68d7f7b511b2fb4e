// Sentence-level composition: lexicon terms, then negation, intensity, hedges and contrast
// weights per clause, expectation comparisons and direction x polarity of financial measures.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>

#include "metric_kinds.hpp"
#include "sentiment_internal.hpp"

namespace herald::analysis {

namespace {

bool parse_number(std::string_view s, double& out) {
    char buf[32];
    size_t n = 0;
    for (char c : s) {
        if (c == ',') continue;
        if (n == sizeof buf) return false;
        buf[n++] = c;
    }
    auto r = std::from_chars(buf, buf + n, out);
    return r.ec == std::errc();
}

// "2008" in "the first nine months of 2008" is a date, not a figure.
bool is_year(const Document& doc, uint32_t k) {
    std::string_view t = doc.text(doc.tokens[k]);
    if (t.size() != 4 || !((t[0] == '1' && t[1] == '9') || (t[0] == '2' && t[1] == '0'))) return false;
    return t[2] >= '0' && t[2] <= '9' && t[3] >= '0' && t[3] <= '9';
}

// Pre-tokenized text writes "EUR6.5m" as "EUR6 .5 m": the number after the period is the
// fraction of the digits that end the word before it.
void split_decimal(const Document& doc, uint32_t k, double& v) {
    const auto& toks = doc.tokens;
    if (k < 2 || doc.text(toks[k - 1]) != "." || toks[k - 1].end != toks[k].begin || !toks[k - 1].space_before) return;
    std::string_view w = doc.text(toks[k - 2]);
    size_t d = w.size();
    while (d > 0 && w[d - 1] >= '0' && w[d - 1] <= '9') --d;
    if (d == w.size()) return;
    double whole = 0;
    if (!parse_number(w.substr(d), whole)) return;
    std::string_view frac = doc.text(toks[k]);
    double scale = 1;
    for (size_t i = 0; i < frac.size() && frac[i] >= '0' && frac[i] <= '9'; ++i) scale *= 10;
    v = whole + v / scale;
}

// "EUR -0.4 mn", "-0.4", "a negative EUR 0.83 mn".
bool is_negative_figure(const Document& doc, uint32_t k, uint32_t first) {
    const auto& toks = doc.tokens;
    if (k > first && doc.text(toks[k - 1]) == "-" && toks[k - 1].end == toks[k].begin) return true;
    for (uint32_t b = k; b > first && b + 3 > k; --b)
        if (detail::fold_char(doc.text(toks[b - 1])[0]) == 'n' && doc.text(toks[b - 1]).size() == 8) {
            std::string_view w = doc.text(toks[b - 1]);
            if ((w[0] == 'n' || w[0] == 'N') && w.substr(1) == "egative") return true;
        }
    return false;
}

// "grew four percent", "will cut up to twelve jobs": spelled-out numbers are figures too.
bool is_number_word(std::string_view w) {
    static constexpr std::string_view kWords[] = {
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen",
        "twenty", "thirty", "forty", "fifty", "hundred", "hundreds", "thousand", "thousands", "dozen", "dozens"};
    if (w.size() < 3 || w.size() > 9) return false;
    for (auto k : kWords)
        if (k.size() == w.size() &&
            std::equal(w.begin(), w.end(), k.begin(), [](char a, char b) { return detail::fold_char(a) == b; }))
            return true;
    return false;
}

// A figure: a number that is not a year, or a spelled-out number.
bool is_figure(const Document& doc, uint32_t k) {
    const Token& t = doc.tokens[k];
    if (t.kind == TokenKind::number) return !is_year(doc, k);
    return t.kind == TokenKind::word && is_number_word(doc.text(t));
}

// Polarity of what a metric measures when it rises (the kind catalogue's column): capex is
// neither good nor bad news by itself, more job cuts are bad news.
int metric_polarity(MetricKind k) { return kinds::row(k).polarity; }

}  // namespace

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

// "EUR 13.1 mn compared with EUR 8.7 mn", "EUR 1.5 mn ( EUR 2.0 mn )": the direction the two
// figures after a measure imply, or 0.
int SentenceComposer::implied_direction(const Document& doc, const Sentence& s, uint32_t after) const {
    const auto& toks = doc.tokens;
    uint32_t stop = std::min<uint32_t>(s.last_token, after + 24);
    uint32_t t = after;
    double cur = 0, prior = 0;
    auto next_number = [&](uint32_t from, uint32_t reach, double& v) -> uint32_t {
        for (uint32_t k = from; k < stop && k < from + reach; ++k)
            if (toks[k].kind == TokenKind::number && !is_year(doc, k) && parse_number(doc.text(toks[k]), v)) {
                split_decimal(doc, k, v);
                if (is_negative_figure(doc, k, s.first_token)) v = -v;
                return k;
            }
        return UINT32_MAX;
    };
    uint32_t a = next_number(t, 12, cur);
    if (a == UINT32_MAX) return 0;
    // A prior marker soon after the first figure, then the second figure.
    for (uint32_t k = a + 1; k < stop && k <= a + 12; ++k) {
        std::string_view txt = doc.text(toks[k]);
        // A prior figure, or the one expected: "EPS 74 cents ; FactSet consensus 86 cents".
        bool marker = (ids_[k] != detail::kNoWord &&
                       (lex_.word_roles[ids_[k]].prior_marker || lex_.word_roles[ids_[k]].expectation)) ||
                      txt == "(";
        if (!marker) {
            if (toks[k].kind == TokenKind::number && !is_year(doc, k))
                return 0;  // a third figure: not a simple comparison
            continue;
        }
        uint32_t b = next_number(k + 1, 7, prior);
        if (b == UINT32_MAX) return 0;
        // Both figures must be in the same unit: "EUR 1.5 mn ( EUR 2.0 mn )" compares, while
        // "EUR 114 mn ( USD 148 mn )" converts and "7.7 % of net sales" is another figure.
        auto text_at = [&](uint32_t x) { return x < s.last_token ? doc.text(toks[x]) : std::string_view{}; };
        // A scale or unit right after a figure ("mn", "%"); the two must agree when both have one.
        auto scale_after = [&](uint32_t x) {
            std::string_view u = text_at(x + 1);
            static constexpr std::string_view kScales[] = {"mn", "m", "bn", "million", "billion", "mln", "bln", "%",
                                                           "pct", "percent", "k", "thousand", "eur", "euro", "euros"};
            for (auto sc : kScales)
                if (u.size() == sc.size() && std::equal(u.begin(), u.end(), sc.begin(), [](char p, char q) {
                        return detail::fold_char(p) == q;
                    }))
                    return u;
            return std::string_view{};
        };
        std::string_view sa = scale_after(a), sb = scale_after(b);
        if ((sa == "%") != (sb == "%") || (!sa.empty() && !sb.empty() && sa != sb)) return 0;
        // Currencies before the figures must agree: "EUR 114 mn ( USD 148 mn )" is a conversion.
        std::string_view ua = a > s.first_token ? text_at(a - 1) : std::string_view{};
        const uint32_t before_b = (doc.text(toks[b - 1]) == "-" && b - 1 > k) ? b - 2 : b - 1;  // skip a sign
        std::string_view ub = text_at(before_b);
        auto is_currency = [&](uint32_t x, std::string_view u) {
            return toks[x].kind == TokenKind::symbol || (u.size() == 3 && u[0] >= 'A' && u[0] <= 'Z' && u[2] >= 'A' && u[2] <= 'Z');
        };
        // The measure itself is no currency: "EPS 1 cent vs. 20 cents".
        const bool a_currency = a > s.first_token && a - 1 >= after && is_currency(a - 1, ua);
        if ((is_currency(before_b, ub) || a_currency) && ua != ub) return 0;
        return cur > prior ? 1 : cur < prior ? -1 : 0;
    }
    return 0;
}

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

// The token right before a price move names what moved: a capitalised word that is not a
// lexicon term ("Funko slides", "GM and Ford tank"), a cashtag's ticker, or the ")" of "(KSS)".
bool SentenceComposer::names_subject(const Document& doc, const Sentence& s, uint32_t move) const {
    if (move <= s.first_token) return false;
    const Token& t = doc.tokens[move - 1];
    if (t.kind == TokenKind::punct) return doc.text(t) == ")";
    if (t.kind != TokenKind::word || !t.capitalized) return false;
    const uint32_t id = ids_[move - 1];
    return id == detail::kNoWord || !lex_.word_roles[id].any() || is_tag(doc, move - 1);
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
                           ExplainSentence* ex) {
    // The last clause starting at or before the item (clause starts ascend): a search, as a
    // walk back cost a sentence of thousands of clauses their number per item.
    const size_t c =
        static_cast<size_t>(std::upper_bound(clause_first_.begin() + 1, clause_first_.end(), it.begin) - clause_first_.begin());
    // "bad day to short", "a great time to be shorting": the tone is about the bet against the stock.
    const bool inverted = !clause_inverted_.empty() && clause_inverted_[c - 1] && !(it.roles && it.roles->inverts);
    if (inverted) w = -w;
    raw += w;
    clause_raw_[c - 1] += w;
    if (!ex || w == 0) return;
    const Token& a = doc.tokens[it.begin];
    const Token& b = doc.tokens[it.end - 1];
    ExplainTerm term;
    term.term = std::string(doc.event().field(a.field).substr(a.begin, b.end - a.begin));
    term.weight = std::round(w * 1e4) / 1e4;  // float weights: print 0.6, not 0.6000000238
    term.rule = inverted ? std::string(rule) + ", short position: inverted" : std::string(rule);
    ex->terms.push_back(std::move(term));
}

double SentenceComposer::score(const Document& doc, const Sentence& s, const std::vector<Metric>& metrics,
                               ExplainSentence* ex) {
    // Sentences come in document order: the marks of this one start where the last one's ended.
    clause_first_.assign(1, s.first_token);
    clause_raw_.assign(1, 0.0);
    auto mk = marks_.begin() + static_cast<std::ptrdiff_t>(std::min(mark_cursor_, marks_.size()));
    if (mk != marks_.begin() && *(mk - 1) >= s.first_token) mk = std::lower_bound(marks_.begin(), mk, s.first_token);
    while (mk != marks_.end() && *mk < s.first_token) ++mk;
    if ((mk == marks_.end() || *mk >= s.last_token) && metrics.empty()) {
        // Nothing in the lexicon and no metric: only the learned layer may find a tone.
        const double score = squash(learned(doc, s, 0.0, ex));
        if (ex) {
            ex->span = Span{s.field, s.begin, s.end};
            ex->score = score;
        }
        return score;
    }
    items_.clear();
    signs_.clear();
    clause_weight_.assign(1, 1.0f);
    const auto& toks = doc.tokens;
    uint16_t clause = 0;
    std::vector<float>& cw = clause_weight_;
    int but_clause = -1;
    bool any_comparator = false, any_deal = false, any_direction_word = false, any_measure = false, any_hedge = false,
         any_inverter = false;

    // 1. Terms, longest phrase first, and clause boundaries (only the tokens index() marked).
    uint32_t consumed = s.first_token;  // tokens before this belong to a phrase already read
    for (; mk != marks_.end() && *mk < s.last_token; ++mk) {
        const uint32_t t = *mk;
        if (t < consumed) continue;
        const Token& tok = toks[t];
        if (tok.kind != TokenKind::word) {  // commas are most marks: only "+", "-" and "(" may be signs
            const char c = doc.text(tok)[0];
            if (c == '+' || c == '-' || c == '(') note_sign(doc, s, t);
        }
        if (tok.kind == TokenKind::symbol) continue;
        if (tok.kind == TokenKind::punct) {
            if (!(items_.empty() && cw.size() == 1)) {
                ++clause;
                cw.push_back(1.0f);
                clause_first_.push_back(t + 1);
                clause_raw_.push_back(0.0);
            }
            continue;
        }
        // "Best Buy", "Target": a name, not a term; "$COST", "#Stock": a tag, not a term.
        // Names are capitalised ("Best Buy"): lowercase terms skip the look at the mentions.
        if ((tok.capitalized && in_name(doc, t)) || (!tok.space_before && is_tag(doc, t))) continue;
        const uint32_t id = ids_[t];
        const TermRoles* roles = nullptr;
        uint32_t len = 1;
        const uint32_t next = t + 1 < s.last_token ? ids_[t + 1] : detail::kNoWord;
        if (next != detail::kNoWord) {
            for (uint32_t h = lex_.heads_begin[id]; h < lex_.heads_begin[id + 1]; ++h) {
                const Lexicon::Impl::Head& head = lex_.phrase_heads[h];
                if (head.second != next) continue;
                const LexPhrase& ph = lex_.phrases[head.phrase];
                if (t + ph.length > s.last_token) continue;
                if (detail::same_ids(lex_.phrase_words.data() + ph.words_begin, ids_.data() + t, ph.length)) {
                    roles = &ph.roles;
                    len = ph.length;
                    break;
                }
            }
        }
        if (!roles && lex_.word_roles[id].any()) roles = &lex_.word_roles[id];
        // A position ("Long $WMT", "Sold $AAPL") is one only right before a cashtag.
        if (roles && roles->position && !(t + len + 1 < s.last_token && toks[t + len].kind == TokenKind::symbol &&
                                          doc.text(toks[t + len])[0] == '$' && is_tag(doc, t + len + 1)))
            roles = nullptr;
        if (roles) {
            if (roles->contrast != 0) {
                // The contrast word opens a new clause.
                if (!items_.empty() || t > s.first_token) {
                    ++clause;
                    cw.push_back(1.0f);
                    clause_first_.push_back(t);
                    clause_raw_.push_back(0.0);
                }
                if (roles->contrast == 1) but_clause = clause;
                else if (roles->contrast == 2) cw[clause] *= tuning::kConcessive;
            }
            Item it;
            it.begin = t;
            it.end = t + len;
            it.roles = roles;
            it.clause = clause;
            items_.push_back(it);
            // Which passes below have anything to pair: most sentences have no comparator, no
            // deal and no direction, and a skipped loop mispredicts nothing.
            any_comparator |= roles->comparator != 0;
            any_deal |= roles->deal == 1;
            any_direction_word |= roles->direction != 0;
            any_measure |= roles->measure != 0;
            any_hedge |= roles->hedge != 0;
            any_inverter |= roles->inverts;
        }
        consumed = t + len;
    }
    mark_cursor_ = static_cast<size_t>(mk - marks_.begin());
    if (but_clause > 0) {
        for (int c = 0; c < but_clause; ++c) cw[c] *= tuning::kBeforeBut;
        for (size_t c = static_cast<size_t>(but_clause); c < cw.size(); ++c) cw[c] *= tuning::kAfterBut;
    }
    if (any_hedge)
        for (const Item& it : items_)
            if (it.roles->hedge != 0) cw[it.clause] *= it.roles->hedge;
    clause_inverted_.clear();
    if (any_inverter) {
        clause_inverted_.assign(cw.size(), 0);
        for (const Item& it : items_)
            if (it.roles->inverts) clause_inverted_[it.clause] = 1;
    }

    double raw = 0;
    const size_t n = items_.size();

    // 2. Comparisons with expectations: "above expectations", "missed estimates", "better than feared".
    for (size_t i = 0; i < (any_comparator ? n : 0); ++i) {
        Item& c = items_[i];
        if (c.roles->comparator == 0 || c.used) continue;
        for (size_t j = i + 1; j < n; ++j) {
            Item& e = items_[j];
            if (e.clause != c.clause || e.begin - c.end > 4) break;
            if (!e.roles->expectation) continue;
            double w = tuning::kExpectation * c.roles->comparator * modifier_before(i) * cw[c.clause];
            if (negated(i)) w *= tuning::kNegation;
            Item span = c;
            span.end = e.end;
            add(raw, doc, span, w, c.roles->comparator > 0 ? "expectation: better" : "expectation: worse", ex);
            c.used = e.used = true;
            break;
        }
    }

    // 2b. New business: an award verb with a contract, order or deal after it ("signed a new ,
    // long-term contract", "received orders worth EUR 12 mn").
    for (size_t i = 0; i < (any_deal ? n : 0); ++i) {
        Item& v = items_[i];
        if (v.roles->deal != 1 || v.used) continue;
        for (size_t j = i + 1; j < n; ++j) {
            Item& b = items_[j];
            if (b.begin - v.end > static_cast<uint32_t>(tuning::kDealReach)) break;
            if (b.roles->deal != 2) continue;
            double w = tuning::kDeal * cw[v.clause];
            if (negated(i)) w *= tuning::kNegation;
            Item span = v;
            span.end = b.end;
            add(raw, doc, span, w, "new business", ex);
            v.used = true;
            break;
        }
    }

    // 3. Direction x polarity: the nearest measure in the clause ("costs rose", "an increase in sales").
    bool any_direction = false;
    for (size_t i = 0; i < (any_direction_word ? n : 0); ++i) {
        Item& d = items_[i];
        if (d.roles->direction == 0 || d.used) continue;
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
            if (m.clause == d.clause && dist >= static_cast<uint32_t>(tuning::kMeasureBefore)) break;
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
            const uint32_t dist = m.begin - d.end;
            if (m.clause != d.clause || dist >= static_cast<uint32_t>(tuning::kMeasureAfter)) break;
            if (m.roles->measure != 0) {
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
        if (best == n && neutral != n) {
            d.used = items_[neutral].used = true;
            continue;
        }
        if (best == n && d.roles->move && names_subject(doc, s, d.begin)) {
            // "Zenith rises after trial win", "X and Y tank": the company or asset named right
            // before a price move is what moved, an implicit share price.
            double w = tuning::kDirection * d.roles->direction * d.roles->strength * modifier_before(i) *
                       modifier_after(i) * cw[d.clause];
            if (negated(i)) w *= tuning::kNegation;
            add(raw, doc, d, w, d.roles->direction > 0 ? "move: subject up" : "move: subject down", ex);
            d.used = true;
            any_direction = true;
            continue;
        }
        if (best == n) {
            // No measure in reach: what rises in financial news is mostly good ("a rise of 0.8 percent").
            if (d.roles->has_valence) continue;  // "improved", "weakened" speak for themselves
            // Only with a figure close after ("up 24.5 pct", "a rise of 0.8 percent"): without one,
            // "opens up" or "plans to increase the staff" describe, they do not report.
            bool figure = false;
            for (uint32_t k = d.end; k < s.last_token && k <= d.end + tuning::kUnpairedFigureReach; ++k)
                if (is_figure(doc, k)) figure = true;
            if (!figure) continue;
            double w = tuning::kUnpairedDirection * d.roles->direction * d.roles->strength * modifier_before(i) *
                       modifier_after(i) * cw[d.clause];
            if (negated(i)) w *= tuning::kNegation;
            add(raw, doc, d, w, d.roles->direction > 0 ? "direction: up" : "direction: down", ex);
            d.used = true;
            continue;
        }
        Item& m = items_[best];
        // A measure after "to" or "from" is a state, not the object: "slipped to a net loss" ends
        // in a loss, "up from a loss" leaves one. A good measure reached "to" keeps the direction
        // ("fell to a profit of EUR 1 mn" is less profit).
        const int state = best > i ? state_before(d.end, m.begin) : 0;
        int toward = state == 1 && m.roles->measure < 0 ? -1 : state == 2 ? -m.roles->measure : 0;
        if (toward == 0 && d.roles->quality) toward = d.roles->direction;  // "costs worsened", "the loss improved"
        double w = tuning::kDirection * (toward != 0 ? toward : d.roles->direction * m.roles->measure) *
                   m.roles->importance * d.roles->strength * modifier_before(i) * modifier_after(i) * cw[d.clause];
        if (negated(i)) w *= tuning::kNegation;
        Item span = d;
        span.begin = std::min(d.begin, m.begin);
        span.end = std::max(d.end, m.end);
        const bool good = m.roles->measure > 0, up = d.roles->direction > 0;
        add(raw, doc, span, w,
            state != 0 && toward != 0 ? (state == 1 ? "state: to a bad measure" : good ? "state: from a good measure" : "state: from a bad measure")
            : toward != 0 ? (up ? "direction: better" : "direction: worse")
            : good ? (up ? "direction: good measure up" : "direction: good measure down")
                   : (up ? "direction: bad measure up" : "direction: bad measure down"),
            ex);
        d.used = m.used = true;
        any_direction = true;
    }

    // 4. Directions the metric extractor found in this sentence, when the words gave none.
    // The extractor appends metrics sentence by sentence: this sentence's are one run, found by
    // binary search, and so is each one's token (a walk over every metric, and over the tokens
    // up to each, cost a hostile text of many sentences or figures a time quadratic in them).
    if (!any_direction) {
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
            any_direction = true;
        }
    }

    // 4b. Signs written against percentages: "Revenue +12 % y/y", "Nikkei -0.8%".
    if (!any_direction && !signs_.empty()) any_direction = signed_figures(raw, doc, ex);

    // 5. Measures with no direction word: figures "compared with" earlier ones imply one.
    for (size_t i = 0; i < (any_measure && !any_direction ? n : 0); ++i) {
        Item& m = items_[i];
        if (m.roles->measure == 0 || m.used || any_direction) continue;
        int dir = implied_direction(doc, s, m.end);
        if (dir == 0) continue;
        double w = tuning::kImpliedDirection * dir * m.roles->measure * m.roles->importance * cw[m.clause];
        add(raw, doc, m, w, dir > 0 ? "figures: measure up vs prior" : "figures: measure down vs prior", ex);
        m.used = true;
        any_direction = true;
    }

    // 6. Plain valence, and the base valence of unpaired measures ("a loss of EUR 2 mn").
    for (size_t i = 0; i < n; ++i) {
        Item& it = items_[i];
        if (it.used) continue;
        float v = it.roles->has_valence ? it.roles->valence : it.roles->measure != 0 ? it.roles->measure_base : 0.0f;
        if (v == 0) continue;
        float mod = modifier_before(i);
        double w = v * mod * cw[it.clause];
        bool neg = negated(i);
        if (neg) w *= tuning::kNegation;
        std::string_view rule = neg                 ? "negated"
                                : mod > 1.0f        ? "intensified"
                                : mod < 1.0f        ? "downtoned"
                                : cw[it.clause] < 1 ? "weakened clause"
                                : it.roles->position    ? "position before a cashtag"
                                : it.roles->has_valence ? "lexicon"
                                                        : "measure";
        add(raw, doc, it, w, rule, ex);
    }

    // A question asserts nothing: "Is Acme a good stock to buy?", "Can Globex repeat its strong year?"
    if (s.last_token > s.first_token && doc.text(toks[s.last_token - 1]) == "?") raw *= tuning::kQuestion;
    raw = learned(doc, s, raw, ex);
    const double score = squash(raw);
    if (ex) {
        ex->span = Span{s.field, s.begin, s.end};
        ex->score = score;
    }
    return score;
}

}  // namespace herald::analysis
