// Per-company attribution of a sentence's terms: news names several companies with different
// fates in one sentence ("Nvidia rose while AMD slipped", "Intel's loss is TSMC's gain",
// "Stocks fell, but Costco rose"), and each should get its own part. By position, not by a parse:
// the subject of a clause is the company named before its terms.
#include "entity_attribution.hpp"

#include <algorithm>
#include <initializer_list>
#include <string_view>

#include "lexicon_vocab.hpp"
#include "word_key_set.hpp"

namespace herald::analysis::detail {

namespace {

bool is_word(std::string_view w, std::initializer_list<std::string_view> words) {
    for (std::string_view x : words) {
        if (x.size() != w.size()) continue;
        bool same = true;
        for (size_t i = 0; i < w.size() && same; ++i) same = (w[i] | 0x20) == x[i];
        if (same) return true;
    }
    return false;
}

std::string_view word_at(const Document& doc, uint32_t t, uint32_t end) {
    return t < end ? doc.text(doc.tokens[t]) : std::string_view{};
}

// Whether token t of clause [begin, end) makes it a market clause (see market_clause).
bool market_subject_at(const Document& doc, uint32_t t, uint32_t begin, uint32_t end) {
    const std::string_view w = doc.text(doc.tokens[t]);
    // Every word below starts with one of these letters ("S & P" is three tokens).
    const char f = w.empty() ? 0 : static_cast<char>(w[0] | 0x20);
    if (w.size() > 9 || !(f == 's' || f == 'm' || f == 'e' || f == 'n' || f == 'i' || f == 'b' || f == 'y' ||
                          f == 'd' || f == 'w'))
        return false;
    const std::string_view next = word_at(doc, t + 1, end);
    if (is_word(w, {"stocks", "equities", "nasdaq", "index", "indexes", "indices", "benchmark", "yields", "bourse",
                    "dow"}))
        return true;
    // "the market", "a weak market", "Markets rallied"; not "the expanding AI market" (an
    // industry), "market share", "the market for chips".
    const std::string_view prev = t > begin ? doc.text(doc.tokens[t - 1]) : std::string_view{};
    if (is_word(w, {"market", "markets"}) &&
        (prev.empty() || is_word(prev, {"the", "stock", "broader", "broad", "overall", "equity", "bear", "bull",
                                        "weak", "weaker", "volatile", "falling", "rising", "sliding", "wider"})) &&
        !is_word(next, {"share", "shares", "value", "cap", "capitalization", "leader", "for", "in", "of", "leading"}))
        return true;
    if (is_word(w, {"wall"}) && is_word(next, {"street"})) return true;
    const std::string_view after_p = w == "S&P" ? next : next == "&" ? word_at(doc, t + 3, end) : "x";
    return (w == "S&P" || (w == "S" && next == "&")) && !is_word(after_p, {"global"});
}

// The words market_subject_at starts from, as a 1,024-bit filter on the tokenizer's key hash
// (a word token's key is its text lower-cased, so "Stocks" and "stocks" share it): a clause's
// words are mostly rejected by one bit test instead of a letter test and four word-list scans.
class MarketWords {
public:
    MarketWords() {
        for (std::string_view w : {"stocks", "equities", "nasdaq", "index", "indexes", "indices", "benchmark", "yields",
                                   "bourse", "dow", "market", "markets", "wall", "s"}) {
            ShortKey k;
            if (short_key(w, k)) bits_[bit(key_hash(k)) >> 6] |= uint64_t{1} << (bit(key_hash(k)) & 63);
        }
    }
    // False only for a keyed word that is none of them: tokens without a key (numbers,
    // punctuation, long or non-ASCII words) are read in full.
    bool maybe(const Token& t, const WordKey& key) const {
        if (key.a == 0) return t.kind == TokenKind::word;  // only a word can be one of them
        return (bits_[bit(key.hash) >> 6] >> (bit(key.hash) & 63)) & 1;
    }

private:
    static uint32_t bit(uint64_t h) { return static_cast<uint32_t>(h >> 40) & 1023; }
    uint64_t bits_[16] = {};
};

// An unnamed other company's possessive within three tokens before a term that starts at
// `begin`, after the token `from`: "and the target's shares more than doubled", "its rival's
// quarterly sales fell" (a merger's or a contest's other side, not the company named before).
bool other_company_before(const Document& doc, uint32_t from, uint32_t begin) {
    for (uint32_t t = begin; t > from && t + 3 > begin; --t) {
        const Token& tok = doc.tokens[t - 1];
        const std::string_view w = doc.text(tok);
        const size_t n = w.size();
        if (tok.kind != TokenKind::word || n < 6 || w[n - 1] != 's') continue;
        const size_t cut = w[n - 2] == '\'' ? n - 2 : w.substr(n - 4, 3) == "\xE2\x80\x99" ? n - 4 : 0;
        if (cut > 0 && is_word(w.substr(0, cut), {"target", "rival", "acquirer", "buyer", "bidder", "suitor", "competitor"}))
            return true;
    }
    return false;
}

// A clause whose subject is the market, not a company: "Stocks fell broadly", "as Treasury
// yields jumped", "Despite a weak market", "while the S&P 500 fell". "market share" is a company's.
bool market_clause(const Document& doc, uint32_t begin, uint32_t end) {
    static const MarketWords kWords;
    const Token* tokens = doc.tokens.data();
    const WordKey* keys = doc.keys.data();
    for (uint32_t t = begin; t < end; ++t)
        if (kWords.maybe(tokens[t], keys[t]) && market_subject_at(doc, t, begin, end)) return true;
    return false;
}

// Whether token t is one of `words`, by the tokenizer's key: the terms' words are tested by one
// probe each instead of a comparison with every word of a list. The words are lowercase letters,
// so a token without a key (long, not ASCII) is none of them.
template <size_t N>
bool token_in(const Document& doc, uint32_t t, const WordKeySet<N>& words) {
    const WordKey& k = doc.keys[t];
    return k.a != 0 && words.has(k, doc.tokens[t].end - doc.tokens[t].begin);
}

template <size_t N>
bool any_token_in(const Document& doc, const SentenceComposer::Contribution& c, const WordKeySet<N>& words) {
    for (uint32_t t = c.begin; t < c.end; ++t)
        if (token_in(doc, t, words)) return true;
    return false;
}

// A rating action or price target: about the company rated.
bool rating_term(const Document& doc, const SentenceComposer::Contribution& c) {
    static constexpr std::string_view kWords[] = {"target",     "rating",      "upgraded",   "downgraded",
                                                  "upgrade",    "downgrade",   "upgrades",   "downgrades",
                                                  "overweight", "underweight", "outperform", "underperform"};
    static const WordKeySet<32> kSet(kWords);
    return any_token_in(doc, c, kSet);
}

// "beating rival Northrop", "outpacing eBay": a comparison won, whose loser is named after it.
const WordKeySet<64>& beat_words() {
    static constexpr std::string_view kWords[] = {
        "beat",          "beats",       "beating", "outpaced", "outpacing", "outpaces",  "outperformed",
        "outperforming", "outperforms", "topped",  "topping",  "overtook",  "overtaking", "surpassed",
        "surpassing",    "outsold",     "outselling"};
    static const WordKeySet<64> kSet(kWords);
    return kSet;
}

bool beats(const Document& doc, const SentenceComposer::Contribution& c) { return any_token_in(doc, c, beat_words()); }

// "Costco beat Walmart on sales growth": the company right after a comparison verb lost it; the
// terms after it are still the winner's.
bool beaten(const Document& doc, const Mention& m) {
    return m.token > 0 && token_in(doc, m.token - 1, beat_words());
}

// "won its lawsuit against Qualcomm", "prevailed over Google": a contest decided, whose other
// side is named after "against" or "over" and got the opposite outcome.
bool contest(const Document& doc, const SentenceComposer::Contribution& c) {
    static constexpr std::string_view kWords[] = {"won",  "wins",   "win",       "winning",  "lost",   "loses",
                                                  "lose", "losing", "prevailed", "prevails", "prevail"};
    static const WordKeySet<32> kSet(kWords);
    return any_token_in(doc, c, kSet);
}

// Whether the mention at `token` is what the term ending at `end` moves: right after it, or after
// "shares of" ("weighed on shares of Target"), not after a measure the term moved ("lifted its
// revenue forecast and Intel ...").
bool object_of(const Document& doc, uint32_t end, uint32_t token) {
    if (token > end + 2) return false;
    for (uint32_t t = end; t < token; ++t)
        if (!is_word(doc.text(doc.tokens[t]), {"shares", "of", "stock", "the"})) return false;
    return true;
}

// Whether the mention at `token` stands after a preposition more than three tokens past the term
// ending at `end` ("record revenue on demand for AI servers built for Nvidia"): not the subject
// of the term, unlike "a setback for Boeing" or "a boost to rival Lilly" right after it.
bool object_far(const Document& doc, uint32_t end, uint32_t token) {
    if (token < end + 4) return false;
    const uint32_t t = is_word(doc.text(doc.tokens[token - 1]), {"the"}) ? token - 2 : token - 1;
    return is_word(doc.text(doc.tokens[t]), {"for", "from", "by", "with", "at", "on", "of"});
}

// The token after a mention's last one.
uint32_t mention_end(const Document& doc, const Mention& m, uint32_t last) {
    uint32_t t = m.token + 1;
    while (t < last && doc.tokens[t].field == m.span.field && doc.tokens[t].end <= m.span.end) ++t;
    return t;
}

// The clause of the sentence that holds `token`.
uint32_t clause_at(const SentenceParts& p, uint32_t token) {
    return static_cast<uint32_t>(clause_holding_padded(p.clause_first, p.clauses, token));
}

// Each of the first n mentions' clause, and its fate: the company slots of the list it stands in
// ("Visa and Mastercard", "Applied Materials, Lam Research and KLA": one list, one fate), as bits.
void mention_lists(const SentenceParts& p, size_t n, uint32_t* clause, uint8_t* fate) {
    const Document& doc = *p.doc;
    const uint32_t last = p.sentence->last_token;
    size_t list_start = 0;
    for (size_t k = 0; k < n; ++k) {
        clause[k] = clause_at(p, p.mentions[k].token);
        // "Ericsson signed with Nokia, and its shares fell": a reference is listed with nobody.
        bool listed = k > 0 && !p.mentions[k].is_reference && !p.mentions[k - 1].is_reference;
        for (uint32_t t = k > 0 ? mention_end(doc, p.mentions[k - 1], last) : 0; listed && t < p.mentions[k].token; ++t)
            listed = is_word(doc.text(doc.tokens[t]), {"and", "or", ",", "&", "both"});
        if (!listed) list_start = k;
        fate[k] = 0;
        for (size_t j = list_start; j <= k; ++j) fate[j] |= static_cast<uint8_t>(1u << p.slot[k]);
        for (size_t j = list_start; j < k; ++j) fate[k] |= fate[j];
    }
}

// The mentions of clause `cl` nearest a term: `before` the last one ahead of it (one that was
// beaten keeps an earlier one), `after` the first one behind it; n when there is none.
void mentions_around(const SentenceParts& p, size_t n, const uint32_t* clause, uint32_t cl,
                     const SentenceComposer::Contribution& c, size_t& before, size_t& after) {
    for (size_t k = 0; k < n; ++k) {
        if (clause[k] != cl) continue;
        if (p.mentions[k].token < c.begin) {
            if (before == n || !beaten(*p.doc, p.mentions[k])) before = k;
        } else if (after == n && p.mentions[k].token >= c.end) {
            after = k;
        }
    }
}

constexpr int32_t kMarket = -1, kUnknown = -2;  // p.clause_owner's values that are no mention

// The mention a clause naming no company is about: the last one named in the clauses before it
// (leading clauses: the first named), or kMarket. Found when a term asks, each clause looked at
// once (p.clause_owner keeps the answers): most clauses hold no term.
int32_t clause_owner_of(const SentenceParts& p, uint32_t c) {
    const uint32_t last = p.sentence->last_token;
    uint32_t from = c;
    int32_t owner = 0;  // leading clauses: the first company named
    for (;; --from) {
        if (p.clause_owner[from] != kUnknown) {
            owner = p.clause_owner[from];
            break;
        }
        if (market_clause(*p.doc, p.clause_first[from], from + 1 < p.clauses ? p.clause_first[from + 1] : last)) {
            owner = kMarket;
            break;
        }
        if (from == 0) break;
    }
    for (uint32_t x = from; x <= c; ++x) p.clause_owner[x] = owner;
    return owner;
}

}  // namespace

bool attribute(const SentenceParts& p, double* raw) {
    const Document& doc = *p.doc;
    const size_t n = std::min(p.mention_count, kMaxAttributed);
    uint32_t clause[kMaxAttributed];
    uint8_t fate[kMaxAttributed];  // the slots of the mention's list, as bits
    auto clause_of = [&](uint32_t token) { return clause_at(p, token); };
    mention_lists(p, n, clause, fate);
    std::fill(p.clause_owner, p.clause_owner + p.clauses, kUnknown);
    for (size_t k = 0; k < n; ++k) p.clause_owner[clause[k]] = static_cast<int32_t>(k);
    auto owner_of = [&](uint32_t c) { return clause_owner_of(p, c); };
    auto give = [&](size_t k, double w) {
        for (unsigned b = fate[k]; b; b &= b - 1) raw[__builtin_ctz(b)] += w;
    };
    bool one = true;  // one company, named however often: only market clauses are not its
    for (size_t k = 1; k < n; ++k) one &= p.slot[k] == p.slot[0];
    bool dropped = false;
    for (size_t i = 0; i < p.term_count; ++i) {
        const SentenceComposer::Contribution& c = p.terms[i];
        const uint32_t cl = clause_of(c.begin);
        if (other_company_before(doc, p.clause_first[cl], c.begin)) {  // nobody's named here
            dropped = true;
            continue;
        }
        if (one) {
            if (p.clause_owner[cl] < 0 && owner_of(cl) == kMarket) dropped = true;
            else raw[p.slot[0]] += c.weight;
            continue;
        }
        size_t before = n, after = n;
        mentions_around(p, n, clause, cl, c, before, after);
        if (before == n && after == n) {  // a clause naming no company
            const int32_t owner = owner_of(cl);
            if (owner == kMarket) dropped = true;
            else give(static_cast<size_t>(owner), c.weight);
            continue;
        }
        if (after != n && rating_term(doc, c)) {
            const std::string_view by = p.mentions[after].token > 0 ? doc.text(doc.tokens[p.mentions[after].token - 1]) : "";
            if (!is_word(by, {"at", "by"})) {
                give(after, c.weight);
                continue;
            }
        }
        // "Costco fell, dragging down Walmart", "weighed on shares of Target": a verb that moves
        // what follows it is about the company named right after it.
        if (after != n && c.object && object_of(doc, c.end, p.mentions[after].token)) {
            give(after, c.weight);
            continue;
        }
        if (before != n) {
            give(before, c.weight);
            const uint32_t other = after != n ? p.mentions[after].token : 0;
            // The losing side: "won its lawsuit against Qualcomm", "Costco beat Walmart".
            if (other > 0 && ((is_word(doc.text(doc.tokens[other - 1]), {"against", "over", "versus", "vs"}) && contest(doc, c)) ||
                              (object_of(doc, c.end, other) && beats(doc, c))))
                give(after, -c.weight);
        } else if (int32_t prev = kMarket; cl > 0 && !c.comparator && !beats(doc, c) &&
                                             object_far(doc, c.end, p.mentions[after].token) && (prev = owner_of(cl - 1)) >= 0) {
            // "Hon Hai, known as Foxconn, posted record revenue on servers built for Nvidia": the
            // company after a preposition well past the term is an object, the clause the previous one's.
            give(static_cast<size_t>(prev), c.weight);
        } else {
            give(after, c.comparator || beats(doc, c) ? -c.weight : c.weight);
        }
    }
    return dropped;
}

}  // namespace herald::analysis::detail
