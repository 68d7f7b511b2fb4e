// Segment attribution and combined figures (segments.hpp), over the word classes of
// segments_classes.hpp; only the few tokens around a metric are read.
#include "segments.hpp"

#include <algorithm>

#include "metrics_words.hpp"
#include "numbers.hpp"
#include "segments_classes.hpp"

namespace herald::analysis::segments {

namespace {

namespace W = words;
using words::eq_ci;
using namespace wc;

bool number_word(std::string_view w) {
    return eq_ci(w, "two") || eq_ci(w, "three") || eq_ci(w, "four") || eq_ci(w, "five") || eq_ci(w, "six") ||
           eq_ci(w, "seven") || eq_ci(w, "largest") || eq_ci(w, "biggest");
}

uint32_t mention_end(const View& v, const Mention& m) {
    uint32_t t = m.token;
    while (t < v.last && v.doc.tokens[t].begin < m.span.end) ++t;
    return t;
}

// The tokenizer's folded key of a short lower-case word (its bytes little-endian, zero-padded).
constexpr uint64_t key_of(std::string_view w) {
    uint64_t k = 0;
    for (size_t i = 0; i < w.size() && i < 8; ++i) k |= static_cast<uint64_t>(static_cast<unsigned char>(w[i])) << (8 * i);
    return k;
}

// A noun that names a business unit after its name: "unit's", "segment", "division's".
bool unit_noun(std::string_view w) {
    static constexpr std::string_view kNouns[] = {"unit",     "unit's",     "units'", "segment", "segment's", "division",
                                                  "division's", "arm's",    "group's", "business's", "brand", "brand's"};
    if (w.size() < 4 || w.size() > 10) return false;  // "unit" to "business's": most tokens are not compared
    for (std::string_view n : kNouns)
        if (eq_ci(w, n)) return true;
    return false;
}

// The business line named by open-class words that start the kind's noun phrase as its subject
// (after the sentence's start, a comma, "and", "with", "while", a determiner or the figure
// itself): "Premium revenue climbed 7% while main cabin revenue slipped 2%", "with ancillary
// revenue up 6%", "added 1.1 million postpaid phone subscribers". Not after a verb ("hit revenue").
std::string_view modifiers_before(const View& v, uint32_t e) {
    // A kind named by the count itself ("sold 955,000 vehicles") has no words of its own before it.
    if (e < v.last && v.doc.tokens[e].kind == TokenKind::number) return {};
    uint32_t t = e;
    while (t > v.first && e - t < 4) {
        if (open_modifier(v, t - 1) || (classify(v, t - 1) == Class::business && t < e)) {
            --t;
            continue;
        }
        // "diabetes and obesity care sales": two lines joined
        if (t < e && t > v.first + 1 && eq_ci(v.tok(t - 1), "and") && open_modifier(v, t - 2)) {
            t -= 2;
            continue;
        }
        break;
    }
    if (t == e) return {};
    // "..., citing negative free cash flow": a participle opens a clause, it names no line.
    if (const std::string_view w0 = v.tok(t); w0.size() > 4 && eq_ci(w0.substr(w0.size() - 3), "ing")) return {};
    // A possessive is the owner only as the last word: "investment bank's income", not "bank's main revenue".
    for (uint32_t k = t; k + 1 < e; ++k)
        if (v.tok(k).find('\'') != std::string_view::npos) return {};
    if (t > v.first) {
        const uint32_t p = t - 1;
        const std::string_view w = v.tok(p);
        // After a company's name only its possessive opens the phrase: "Acme's cloud revenue", not
        // "Pfizer reaffirmed revenue".
        const Mention* owner = v.mention_at(p);
        const bool possessive = w == "'s" || w == "\xE2\x80\x99s" || (w.size() > 2 && w.substr(w.size() - 2) == "'s");
        // "132.8 million total customers": the scale word of the count before the line.
        const bool scale = eq_ci(w, "million") || eq_ci(w, "billion") || eq_ci(w, "thousand") || eq_ci(w, "mln");
        const bool opens = (!is_word(v, p) && !owner) || scale || (v.flag(p) & (W::kClause | W::kDeterminer)) ||
                           eq_ci(w, "and") || eq_ci(w, "with") || (owner && possessive);
        if (!opens) return {};
        // "the bank's" / "its" open a phrase; "a" and "an" introduce an object ("a strong ...").
        if (eq_ci(w, "a") || eq_ci(w, "an")) return {};
        // A number before the words is the figure they count ("1.1 million postpaid phone
        // subscribers") only with no currency: "$5 billion" is no count of a line.
        if (v.doc.tokens[p].kind == TokenKind::number && p > v.first && !is_word(v, p - 1) && v.tok(p - 1) != ",") {
            const std::string_view sign = v.tok(p - 1);
            if (!sign.empty() && !num::is_digit(sign[0])) return {};
        }
    }
    return span_text(v, t, e);
}

}  // namespace

std::string_view before_kind(const View& v, uint32_t np_begin) {
    // After punctuation (other than the full stop of "U.S.") or at the sentence's start no word
    // names a business: what the walks below find there too, without reading a token.
    if (np_begin <= v.first) return {};
    if (!is_word(v, np_begin - 1) &&
        !(np_begin > v.first + 1 && v.tok(np_begin - 1) == "." && v.tok(np_begin - 2).find('.') != std::string_view::npos))
        return {};
    uint32_t t = np_begin;
    // Qualifying words and periods between the business and the kind: "Walmart U.S. comparable sales".
    while (t > v.first && is_word(v, t - 1) && !v.mention_at(t - 1) &&
           ((classes(v, t - 1) & kQualifyingBit) || period_like(v.tok(t - 1), classes(v, t - 1))))
        --t;
    // "the Imaging & Sensing Solutions unit's operating profit": the unit's name before its noun.
    if (t > v.first + 1 && unit_noun(v.tok(t - 1)) && classify(v, t - 2) != Class::none) --t;
    const uint32_t e = t;
    Class first_class = Class::none;
    while (t > v.first && e - t < 5) {
        // The full stop of "U.S." is a token of its own.
        if (t > v.first + 1 && v.tok(t - 1) == "." && v.tok(t - 2).find('.') != std::string_view::npos) --t;
        Class c = classify(v, t - 1);
        // "Client and Gaming revenue": two businesses joined
        if (c == Class::none && t < e && t > v.first + 1 && (eq_ci(v.tok(t - 1), "and") || v.tok(t - 1) == "&") &&
            classify(v, t - 2) != Class::none) {
            --t;
            c = classify(v, t - 1);
        }
        if (c == Class::none) {
            if (t < e && v.tok(t) == ".") ++t;
            break;
        }
        first_class = c;
        --t;
    }
    if (t == e) return modifiers_before(v, e);
    // A region of the company: "Walmart U.S.", "Walmart International".
    if (first_class == Class::region && t > v.first) {
        if (const Mention* m = v.mention_at(t - 1); m && !m->is_segment) return span_text(v, m->token, e);
    }
    return span_text(v, t, e);
}

std::string_view after_kind(const View& v, uint32_t end, uint32_t stop) {
    uint32_t t = end;
    if (t >= stop || !is_word(v, t)) return {};
    const std::string_view prep = v.tok(t);
    // "Net sales of the Packaging segment": "of the", capitalised words, then a unit noun.
    if (eq_ci(prep, "of") && t + 2 < stop && eq_ci(v.tok(t + 1), "the")) {
        uint32_t e = t + 2;
        while (e < stop && e < t + 5 && is_word(v, e) && v.doc.tokens[e].capitalized) ++e;
        if (e > t + 2 && e < stop && unit_noun(v.tok(e))) return span_text(v, t + 2, e);
    }
    // "of" introduces the figure; "for" names a business only with a name or business word right
    // after it ("operating income for Experiences"), never a period ("for the quarter").
    if (!eq_ci(prep, "from") && !eq_ci(prep, "in") && !eq_ci(prep, "at") && !eq_ci(prep, "for")) return {};
    ++t;
    while (t < stop && is_word(v, t) && (v.flag(t) & W::kDeterminer)) ++t;
    if (t < stop && (eq_ci(v.tok(t), "its") || eq_ci(v.tok(t), "their"))) ++t;
    if (t >= stop) return {};
    // "sales at its biggest brand Gucci": a brand or unit named after its noun.
    for (uint32_t k = t; k < stop && k < t + 3 && is_word(v, k) && !v.mention_at(k); ++k) {
        const std::string_view w = v.tok(k);
        if (!(eq_ci(w, "brand") || eq_ci(w, "unit") || eq_ci(w, "division") || eq_ci(w, "subsidiary"))) continue;
        const Mention* m = k + 1 < stop ? v.mention_at(k + 1) : nullptr;
        if (m && m->is_segment) return m->entity;
        break;
    }
    // "Sales at the production and precision agriculture unit", "at the fashion & leather goods
    // division": the words before a unit noun name the unit (up to six, no company among them).
    // Compared by the tokenizer's keys: no text read per token.
    for (uint32_t k = t; k < stop && k < t + 7; ++k) {
        if (!is_word(v, k)) {
            if (v.tok(k) == "&") continue;
            break;
        }
        const uint64_t a = v.doc.keys[k].a;
        if (a == key_of("unit") || a == key_of("division") || a == key_of("segment")) {
            if (k == t) break;
            for (uint32_t j = t; j < k; ++j)
                if (v.mention_at(j)) return {};
            return span_text(v, t, k);
        }
        if (v.flag(k) & W::kKind) break;
    }
    if (const Mention* m = v.mention_at(t)) {
        if (m->is_segment) return m->entity;
        // "Sales at Volvo Construction Equipment": the company's name and the capitalised words
        // after it name its unit.
        uint32_t e = t;
        while (e < stop && v.mention_at(e) == m) ++e;
        const uint32_t after = e;
        while (e < stop && e < after + 3 && is_word(v, e) && v.doc.tokens[e].capitalized && !v.mention_at(e) &&
               classify(v, e) == Class::brand)
            ++e;
        return e > after ? span_text(v, t, e) : std::string_view{};
    }
    const uint32_t b = t;
    uint32_t named_end = b;  // after the last word that names a business
    while (t < stop && t - b < 5) {
        if (classify(v, t) != Class::none) {
            named_end = ++t;
            continue;
        }
        // "at its direct-to-consumer streaming business": a compound modifier before the business word.
        if (v.tok(t).find('-') != std::string_view::npos && !v.doc.tokens[t].capitalized &&
            classify(v, t + 1) == Class::business) {
            ++t;
            continue;
        }
        // "AI and cloud customers": two businesses joined
        if (t > b && t + 1 < stop && (eq_ci(v.tok(t), "and") || v.tok(t) == "&") && classify(v, t + 1) != Class::none) {
            t += 2;
            named_end = t;
            continue;
        }
        break;
    }
    return named_end > b ? span_text(v, b, named_end) : std::string_view{};
}

std::string_view subject_of_move(const View& v, uint32_t verb, bool growth_verb) {
    uint32_t t = verb;
    while (t > v.first && verb - t < 3 && is_word(v, t - 1) && !v.mention_at(t - 1)) {
        const std::string_view w = v.tok(t - 1);
        const uint32_t cls = classes(v, t - 1);
        const bool region = (cls & kRegionBit) || w == "US";
        if (!(cls & kMoveSubjectBit) && !(growth_verb && region && (!eq_ci(w, "us") || w == "US"))) break;
        --t;
    }
    if (t == verb) return {};
    // Plain words before the business noun name it more closely: "as cancer drugs grow 18%".
    for (uint32_t k = 0; k < 2 && t > v.first && open_modifier(v, t - 1) && v.tok(t - 1).find('\'') == std::string_view::npos; ++k) --t;
    // What comes before must leave the noun as the subject: the sentence or clause start, a
    // conjunction, a determiner, an owner, or a word such as "global".
    if (t > v.first) {
        const uint32_t p = t - 1;
        const std::string_view w = v.tok(p);
        const bool ok = !is_word(v, p) || (v.flag(p) & (W::kClause | W::kDeterminer)) || v.mention_at(p) ||
                        eq_ci(w, "and") || eq_ci(w, "its") || eq_ci(w, "their") || eq_ci(w, "as") ||
                        eq_ci(w, "with") ||  // "with optical networks up 19%"
                        (classes(v, p) & kQualifyingBit);
        if (!ok) return {};
    }
    return span_text(v, t, verb);
}

bool combined_possible(const View& v, bool joint_word) {
    if (joint_word) return true;
    std::string_view company;
    for (uint32_t m = 0; m < v.n_mentions; ++m) {
        if (v.mentions[m].is_segment) continue;
        if (company.empty()) company = v.mentions[m].company;
        else if (v.mentions[m].company != company) return true;
    }
    return false;
}

bool clause_words_of(const View& v) {
    for (uint32_t t = v.first; t < v.last; ++t)
        if (is_word(v, t) && ((classes(v, t) & kCombineBit) || eq_ci(v.tok(t), "respectively"))) return true;
    return false;
}

bool combined(const View& v, uint32_t clause_b, uint32_t clause_e, uint32_t kind_b, uint32_t kind_e, bool clause_words) {
    // "Together, Acme and Globex spent ...": the word opens the sentence, before the figure's clause.
    if (clause_b > v.first && is_word(v, v.first) && (classes(v, v.first) & kCombineBit)) return true;
    bool respectively = false;
    for (uint32_t t = clause_b; clause_words && t < clause_e && t < v.last; ++t) {
        if (!is_word(v, t)) continue;
        if (classes(v, t) & kCombineBit) return true;
        respectively |= eq_ci(v.tok(t), "respectively");
    }
    if (respectively) return false;  // "Acme and Globex grew 5% and 7%, respectively": one figure each
    // A group owning the kind: "the four hyperscalers' capex", "hyperscaler capex", "Big Tech
    // capex". Only the kind's own modifiers are read: "analysts at big banks expect revenue" is not it.
    for (uint32_t t = kind_b, k = 0; t > clause_b && k < 5; --t, ++k) {
        const std::string_view w = v.tok(t - 1);
        if (w == "'" || w == "\xE2\x80\x99") continue;  // the possessive of "hyperscalers'"
        if (!is_word(v, t - 1) || v.mention_at(t - 1)) break;
        const uint32_t cls = classes(v, t - 1);
        if (cls & kGroupBit) return true;
        if (!(cls & (kQualifyingBit | kBusinessBit)) && !number_word(w) && !eq_ci(w, "tech")) break;
    }
    // A group or several companies after it: "capex of the four hyperscalers", "spending by
    // Microsoft, Alphabet and Amazon".
    uint32_t t = kind_e;
    if (t >= clause_e || !is_word(v, t)) return false;
    const std::string_view prep = v.tok(t);
    if (!eq_ci(prep, "of") && !eq_ci(prep, "by") && !eq_ci(prep, "across") && !eq_ci(prep, "among")) return false;
    std::string_view companies[2];
    uint32_t n = 0;
    for (++t; t < v.last && t < kind_e + 16;) {
        if (const Mention* m = v.mention_at(t)) {
            if (n == 0 || m->company != companies[0]) {
                if (n < 2) companies[n] = m->company;
                ++n;
            }
            t = mention_end(v, *m);
            continue;
        }
        const std::string_view w = v.tok(t);
        if (classes(v, t) & kGroupBit) return true;
        if (w == "," || eq_ci(w, "and") || eq_ci(w, "&") || (v.flag(t) & W::kDeterminer) ||
            v.doc.tokens[t].kind == TokenKind::number || number_word(w) || w == "'" || w == "\xE2\x80\x99") {
            ++t;
            continue;
        }
        break;
    }
    return n >= 2;
}

}  // namespace herald::analysis::segments
