// Market and sector figures that a third party reports: "New car registrations in the European
// Union rose 4.1% in October to 892,000 vehicles, industry body ACEA said", "U.S. electric vehicle
// sales rose 11% in the quarter, according to Cox Automotive", "overall battery-electric sales in
// the region rose 32%, according to industry data". They are no company's metrics, though the
// item is about a company (issue 14: market figures are not metrics). Also the drivers of a
// sales move ("with traffic up 1.1% and ticket up 2.3%"), no figure of a listed kind.
#include "metrics_reader.hpp"

namespace herald::analysis::metric_reader {

namespace {

// A noun that names who compiles market figures, right before "said"/"showed": "industry body
// ACEA said", "research firm IDC said", "official data showed", "the Commerce Department said".
// Not "the group"/"the firm" alone: those refer to the company.
bool source_noun(uint64_t key) {
    static constexpr uint64_t kNouns[] = {word_key("data"),      word_key("figures"),   word_key("statistics"),
                                          word_key("body"),      word_key("association"), word_key("tracker"),
                                          word_key("regulator"), word_key("ministry"),  word_key("department"),
                                          word_key("bureau"),    word_key("agency"),    word_key("survey"),
                                          word_key("research"),  word_key("researcher"), word_key("consultancy")};
    for (uint64_t n : kNouns)
        if (key == n) return true;
    return false;
}

// The words that name a driver of a sales move, not the move: "traffic up 1.1%", "a 2.6% increase
// in average ticket", "transactions rose 1.5%".
bool driver_noun(uint64_t key) {
    static constexpr uint64_t kNouns[] = {word_key("traffic"),      word_key("ticket"),  word_key("tickets"),
                                          word_key("transactions"), word_key("footfall"), word_key("basket"),
                                          word_key("visits"),       word_key("check"),   word_key("transaction")};
    for (uint64_t n : kNouns)
        if (key == n) return true;
    return false;
}

}  // namespace

// Is the percentage figure [tb, te) a sales driver's move? "traffic up 1.1%", "ticket rose by 2%"
// (the noun right before its direction word), "a 2.6% increase in average ticket" (after "in").
bool SentenceReader::driver_move(uint32_t tb, uint32_t te) const {
    uint32_t t = tb;
    if (t > first() && c_.doc.keys[t - 1].a == word_key("by")) --t;
    if (t > first() + 1 && (F(t - 1) & (W::kUp | W::kDown)) && driver_noun(c_.doc.keys[t - 2].a)) return true;
    if (te + 2 < last() && (F(te) & W::kGrowthNoun) && c_.doc.keys[te + 1].a == word_key("in")) {
        uint32_t k = te + 2;
        if (k + 1 < last() && (c_.doc.keys[k].a == word_key("average") || c_.doc.keys[k].a == word_key("comparable"))) ++k;
        return driver_noun(c_.doc.keys[k].a);
    }
    return false;
}

// Does the sentence cite a third party for its figures, with no yardstick compared ("beating
// estimates of $3 billion, according to LSEG data" cites the consensus's source)? Tokens are
// found by their cue bit and compared by key, the text is read only after "according".
bool SentenceReader::market_source() const {
    if (!(cues_any_ & W::kCueSource)) return false;  // most sentences: one test
    bool source = false;
    for (uint32_t t = first(); t < last(); ++t) {
        if (F(t) & W::kComparator) return false;
        if (!(cues(t) & W::kCueSource)) continue;
        const uint64_t a = c_.doc.keys[t].a;
        if (a == word_key("according") && t + 1 < last() && eq_ci(c_.tok(t + 1), "to")) {
            // "according to Cox Automotive", "according to industry data": a name no mention is,
            // or a source noun, within three words (not "according to an internal memo").
            for (uint32_t k = t + 2; k < last() && k < t + 5 && !source; ++k) {
                if (F(k) & kMentionFlag) break;
                const Token& tk = c_.doc.tokens[k];
                source = (tk.kind == TokenKind::word && tk.capitalized) || source_noun(c_.doc.keys[k].a) ||
                         c_.doc.keys[k].a == word_key("industry");
            }
        } else if (a == word_key("said") || a == word_key("showed") || a == word_key("show") || a == word_key("shows")) {
            for (uint32_t k = t, n = 0; k > first() && n < 4 && !source; ++n) {
                --k;
                if (F(k) & (kMentionFlag | kPunctComma | kPunctHard)) break;
                source = source_noun(c_.doc.keys[k].a);
            }
        }
    }
    return source;
}

// Drops the sentence's metrics that are a sourced market's: in a sentence market_source() holds,
// a figure whose clause names no company, product or reference before it. Run once per sentence
// that made metrics; a sentence of more than kMaxMarketTokens tokens is not read (news never has one).
void SentenceReader::drop_market_figures() {
    constexpr uint32_t kMaxMarketTokens = 96;
    if (c_.out.size() == first_metric_ || last() - first() > kMaxMarketTokens || !market_source()) return;
    size_t w = first_metric_;
    for (size_t i = first_metric_; i < c_.out.size(); ++i) {
        const Metric& m = c_.out[i];
        uint32_t t = first();
        while (t < last() && !(c_.doc.tokens[t].field == m.span.field && c_.doc.tokens[t].begin >= m.span.begin)) ++t;
        bool named = false;
        for (uint32_t k = t; k > first() && !named;) {
            --k;
            if (F(k) & (W::kClause | kScopeEnd | kPunctHard)) break;  // "..., while Tesla's registrations fell 31%"
            named = (F(k) & kMentionFlag) != 0;
        }
        if (named) c_.out[w++] = m;
    }
    c_.out.resize(w);
}

}  // namespace herald::analysis::metric_reader
