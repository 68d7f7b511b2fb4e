// EntityFinder::adopt_hint_tickers: the event's own ticker for a company the alias table knows
// under another listing (an OTC ADR for a home listing, or the reverse).
#include <algorithm>

#include "entities_internal.hpp"
#include "herald/analysis/entities.hpp"

namespace herald::analysis {

namespace {

bool same_folded(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return detail::fold_char(x) == detail::fold_char(y); });
}

// Whether mention m is written as the hint's words ("Adidas" for the name "Adidas AG").
bool written_as(const Document& doc, const Mention& m, const std::vector<std::string_view>& words, uint32_t begin,
                uint32_t end) {
    uint32_t t = m.token;
    for (uint32_t w = begin; w < end; ++w, ++t) {
        const Token& k = doc.tokens[t < doc.tokens.size() ? t : 0];
        if (t >= doc.tokens.size() || k.field != m.span.field || k.begin >= m.span.end) return false;
        if (!same_folded(doc.text(k), words[w])) return false;
    }
    return t >= doc.tokens.size() || doc.tokens[t].begin >= m.span.end || doc.tokens[t].field != m.span.field;
}

}  // namespace

// Only the table's companies take a ticker (another name the event gives keeps its own).
void EntityFinder::adopt_hint_tickers(const Document& doc, std::vector<Mention>& out) const {
    const Scratch& sc = *scratch_;
    for (const Scratch::Hint& h : sc.hints) {
        if (!h.foreign_ticker) continue;
        std::string_view company;
        for (const Mention& m : out)
            if (!m.is_reference && !m.is_segment && m.ticker != h.ticker && aliases_->knows_ticker(m.ticker) &&
                (same_folded(m.company, h.company) || written_as(doc, m, sc.words, h.words_begin, h.words_end))) {
                company = m.company;
                break;
            }
        if (company.empty()) continue;
        for (Mention& m : out)
            if (m.company == company) m.ticker = h.ticker;
    }
}

}  // namespace herald::analysis
