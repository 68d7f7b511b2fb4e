// Signed figures: "Revenue +12% y/y", "Nikkei -0.8 %", "(+5 %)". A sign written against a
// percentage is a direction the words did not give: it pairs with the measure before it like
// a direction word ("costs +5%" is bad news), and with none it counts as an unpaired direction
// with a figure ("a rise of 0.8 percent"): what rises in financial news is mostly good news.
#include "sentiment_internal.hpp"

namespace herald::analysis {

namespace {

// +1 / -1 when token k is a sign opening a percentage: a "+" or "-" after a space, the sentence
// start or "(", written against a number that "%", "percent" or "pct" follows. Ranges ("5-10%")
// and minus signs inside words are no signs.
int sign_at(const Document& doc, const Sentence& s, uint32_t k) {
    const auto& toks = doc.tokens;
    if (k + 2 >= s.last_token) return 0;
    const Token& t = toks[k];
    if ((t.kind != TokenKind::symbol && t.kind != TokenKind::punct) || t.end != t.begin + 1) return 0;
    const char c = doc.text(t)[0];
    if (c != '+' && c != '-') return 0;
    const Token& n = toks[k + 1];
    if (n.kind != TokenKind::number || n.begin != t.end) return 0;
    if (!t.space_before && k > s.first_token && doc.text(toks[k - 1]) != "(") return 0;
    const std::string_view unit = doc.text(toks[k + 2]);
    char folded[8];
    const size_t len = unit.size() <= sizeof folded ? detail::fold_word(unit, folded) : 0;
    const std::string_view u(folded, len);
    if (unit != "%" && u != "percent" && u != "pct") return 0;
    return c == '+' ? 1 : -1;
}

}  // namespace

void SentenceComposer::note_sign(const Document& doc, const Sentence& s, uint32_t t) {
    // "(-5 %)": the "-" after a bracket is no clause break, so it is not marked; its "(" is.
    if (doc.text(doc.tokens[t]) == "(" && t + 1 < s.last_token) ++t;
    // "(+5 %)": the "+" is marked too; it counts once.
    if (sign_at(doc, s, t) != 0 && (signs_.empty() || signs_.back() != t)) signs_.push_back(t);
}

bool SentenceComposer::signed_figures(double& raw, const Document& doc, ExplainSentence* ex) {
    bool added = false;
    for (const uint32_t k : signs_) {
        const int sign = doc.text(doc.tokens[k])[0] == '+' ? 1 : -1;
        // The nearest measure before the sign, not past another direction ("sales rose 5 % ,
        // costs +3 %" pairs the costs); the sign may open a clause (" -5 %" after a space).
        // A direction word before it reads the figure already ("rose +5 %").
        size_t best = items_.size();
        bool direction = false;
        for (size_t j = items_.size(); j-- > 0;) {
            const Item& m = items_[j];
            if (m.end > k) continue;
            if (k - m.end >= static_cast<uint32_t>(tuning::kMeasureBefore) || m.used) break;
            direction = m.roles->direction != 0;
            if (direction) break;
            if (m.roles->measure != 0 || m.roles->neutral_measure) {
                best = j;
                break;
            }
        }
        if (direction) continue;
        added = true;
        Item span{k, k + 3, nullptr, 0, false};
        if (best < items_.size()) {
            Item& m = items_[best];
            m.used = true;
            if (m.roles->neutral_measure && m.roles->measure == 0) continue;  // "stake +2 %": no tone
            span.begin = m.begin;
            add(raw, doc, span, tuning::kDirection * sign * m.roles->measure * m.roles->importance,
                m.roles->measure > 0 ? (sign > 0 ? "signed figure: good measure up" : "signed figure: good measure down")
                                     : (sign > 0 ? "signed figure: bad measure up" : "signed figure: bad measure down"),
                ex);
        } else {
            add(raw, doc, span, tuning::kUnpairedDirection * sign, sign > 0 ? "signed figure: up" : "signed figure: down",
                ex);
        }
    }
    return added;
}

}  // namespace herald::analysis
