// Context rules for company names that ordinary text also spells: common words ("Target",
// written "?Target" in the alias table) and names that start with a digit ("3M", also a figure:
// "$3M", "3M shares"). The tables below are the extension point: a word that turns such a name
// back into a word or a figure is one entry.
#include <string_view>

#include "aliases_impl.hpp"
#include "quantities_units.hpp"

namespace herald::analysis {

namespace {

// A common-word name is the word, not the company, right after these ("price target", "its
// target", "raises target", "hit target", "the Dow").
constexpr std::string_view kWordBefore[] = {
    "price", "profit", "revenue", "sales", "earnings", "margin", "inflation", "growth", "takeover", "acquisition",
    "buyout", "a", "an", "the", "its", "their", "his", "her", "our", "my", "your", "raises", "raised", "raise", "lifts",
    "lifted", "boosts", "boosted", "hikes", "hiked", "ups", "upped", "cuts", "cut", "lowers", "lowered", "trims",
    "trimmed", "slashes", "slashed", "reduces", "reduced", "sets", "set", "hit", "hits", "missed", "misses", "met",
    "meets", "beat", "beats", "reach", "reached", "reaches", "above", "below", "key", "main", "primary",
    "annual", "internal", "stated", "long-term", "medium-term", "easy", "prime"};

// ... or right before these ("Target of $95", "Target Price", "Dow Jones", "Dow futures").
constexpr std::string_view kWordAfter[] = {
    "of", "price", "prices", "date", "dates", "range", "ranges", "rate", "rates", "audience", "audiences", "market",
    "markets", "zone", "level", "levels", "list", "for", "jones", "industrials", "industrial", "transports",
    "transportation", "utilities", "futures", "average", "averages", "index", "components", "theory"};

// A price target moving: "Target raised to $120", "Target cut to $95".
constexpr std::string_view kPriceMove[] = {"raised", "lifted", "boosted", "increased", "hiked", "upped", "cut",
                                           "lowered", "trimmed", "slashed", "reduced", "set"};

// Words after a digit-leading name that make it a figure ("3M shares", "3M users", "3M in sales").
constexpr std::string_view kFigureAfter[] = {
    "shares", "users", "subscribers", "customers", "units", "people", "jobs", "barrels", "tons", "tonnes", "vehicles",
    "cars", "doses", "downloads", "views", "copies", "followers", "members", "accounts", "visitors", "devices", "homes",
    "households", "passengers", "employees", "workers", "streams", "records", "miles", "acres", "bpd", "worth",
    "dollars", "euros", "pounds", "yen", "usd", "eur", "gbp", "per", "a", "annually", "plus", "more", "less",
    "fewer", "square", "sq", "km", "ounces", "oz", "mwh", "gwh", "kwh"};

// Money and count nouns after "in" or "of" ("3M in revenue", "3M of funding").
constexpr std::string_view kMoneyNoun[] = {"revenue", "sales", "funding", "losses", "loss", "profit", "cash", "debt",
                                            "fines", "damages", "bonuses", "income", "savings", "costs", "capital"};

bool iequal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (detail::fold_char(a[i]) != detail::fold_char(b[i])) return false;
    return true;
}

template <size_t N>
bool in(const std::string_view (&list)[N], std::string_view w) {
    for (std::string_view x : list)
        if (iequal(x, w)) return true;
    return false;
}

bool is_number(const Document& doc, uint32_t tok) { return doc.tokens[tok].kind == TokenKind::number; }

// A common word: the words either side must not make it the word ("price target", "Target of").
bool word_context_ok(const Document& doc, const Sentence& s, uint32_t t, uint32_t end) {
    // "Citi cuts Target price target to $95": the name before the phrase it also spells.
    if (end + 1 < s.last_token && iequal(doc.text(doc.tokens[end]), "price") &&
        (iequal(doc.text(doc.tokens[end + 1]), "target") || iequal(doc.text(doc.tokens[end + 1]), "targets") ||
         iequal(doc.text(doc.tokens[end + 1]), "objective")))
        return true;
    if (t > s.first_token && doc.tokens[t - 1].kind == TokenKind::word && in(kWordBefore, doc.text(doc.tokens[t - 1])))
        return false;
    if (end >= s.last_token) return true;
    const std::string_view next = doc.text(doc.tokens[end]);
    if (doc.tokens[end].kind == TokenKind::word && in(kWordAfter, next)) return false;
    // "Target to $150": a price, not the company; "its price target on Target to $110" is both.
    const bool after_on = t > s.first_token && (iequal(doc.text(doc.tokens[t - 1]), "on") ||
                                                 iequal(doc.text(doc.tokens[t - 1]), "for"));
    // "Target raised to $120 at Jefferies" too (but "Target raised to Buy" is the company).
    uint32_t to = end;
    if (to + 1 < s.last_token && in(kPriceMove, next)) ++to;
    if (!after_on && to + 1 < s.last_token && (iequal(doc.text(doc.tokens[to]), "to") || iequal(doc.text(doc.tokens[to]), "at")) &&
        (doc.tokens[to + 1].kind == TokenKind::symbol || is_number(doc, to + 1)))
        return false;
    // "the Dow fell 300 points": an index.
    for (uint32_t k = end; k < s.last_token && k < end + 6; ++k)
        if (iequal(doc.text(doc.tokens[k]), "points")) return false;
    return true;
}

// A name that starts with a digit: exactly as written, no figure around it ("$3M", "2M-3M",
// "3M shares", "3M in revenue").
bool digit_context_ok(const Document& doc, const Sentence& s, uint32_t t, uint32_t end, std::string_view written) {
    const Token& first = doc.tokens[t];
    const Token& last = doc.tokens[end - 1];
    const std::string_view text = doc.event().field(first.field).substr(first.begin, last.end - first.begin);
    if (text.substr(0, written.size()) != written) return false;
    const std::string_view rest = text.substr(written.size());
    if (!(rest.empty() || rest == "'s" || rest == "\xE2\x80\x99s")) return false;
    if (t > s.first_token) {
        const Token& prev = doc.tokens[t - 1];
        if (prev.kind == TokenKind::symbol || prev.kind == TokenKind::number) return false;  // "$3M"
        // A range: "2M-3M", "2M to 3M", "2 or 3M".
        const std::string_view p = doc.text(prev);
        if ((p == "-" || iequal(p, "to") || iequal(p, "or") || p == "\xE2\x80\x93") && t >= s.first_token + 2 &&
            (is_number(doc, t - 2) || (t >= s.first_token + 3 && is_number(doc, t - 3))))
            return false;
    }
    if (end >= s.last_token) return true;
    const Token& next = doc.tokens[end];
    const std::string_view n = doc.text(next);
    if (next.kind == TokenKind::word && in(kFigureAfter, n)) return false;
    if ((n == "-" || iequal(n, "to")) && end + 1 < s.last_token && is_number(doc, end + 1)) return false;
    if ((iequal(n, "in") || iequal(n, "of")) && end + 1 < s.last_token &&
        (doc.tokens[end + 1].kind == TokenKind::symbol || in(kMoneyNoun, doc.text(doc.tokens[end + 1]))))
        return false;
    return true;
}

// A currency code next to a figure is the currency: "NOK 2 billion", "NOK2bn", "250 NOK",
// "2 billion NOK", "(NOK 1.2 billion)".
bool currency_context_ok(const Document& doc, const Sentence& s, uint32_t t, uint32_t end) {
    if (end < s.last_token && is_number(doc, end)) return false;
    if (t > s.first_token && is_number(doc, t - 1)) return false;
    // A scale word between the number and the code: "2 billion NOK", "12 mln NOK".
    units::Scale scale;
    return !(t >= s.first_token + 2 && is_number(doc, t - 2) && doc.tokens[t - 1].kind == TokenKind::word &&
             units::scale_at(doc.text(doc.tokens[t - 1]), 0, true, scale));
}

}  // namespace

bool alias_context_ok(const Document& doc, const Sentence& s, uint32_t t, uint32_t len, const AliasEntry& en) {
    const uint32_t end = t + len;
    if (en.digit_lead && !digit_context_ok(doc, s, t, end, en.written)) return false;
    if (en.guarded && !word_context_ok(doc, s, t, end)) return false;
    if (en.currency_code && !currency_context_ok(doc, s, t, end)) return false;
    return true;
}

}  // namespace herald::analysis
