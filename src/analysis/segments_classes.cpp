// Word classes for segment attribution (segments_classes.hpp). Word classes are small sorted
// tables searched with the token folded to lower case; only the few tokens around a metric are read.
#include "segments_classes.hpp"

#include <algorithm>
#include <array>

#include "metrics_words.hpp"
#include "numbers.hpp"

namespace herald::analysis::segments {

namespace {

using namespace wc;
namespace W = words;
using words::eq_ci;

// Business nouns: what a company reports a segment or product line as.
constexpr std::string_view kBusiness[] = {
    "ad", "ads", "advertising", "aerospace", "apparel", "asset", "auto", "automotive", "banking",
    "beauty", "beverage", "beverages", "broadband", "brokerage", "card", "cards", "cargo", "center",
    "centre", "chemicals", "cloud", "commercial", "consulting", "consumer",
    "cybersecurity", "data", "datacenter", "defence", "defense", "devices", "diagnostics", "digital",
    "downstream", "drugs", "e-commerce", "ecommerce", "energy", "enterprise", "entertainment", "equities", "fixed", "foundry",
    "freight", "gaming", "grocery", "hardware", "healthcare", "hotels", "industrial", "infrastructure",
    "insurance", "investment", "licensing", "logistics", "luxury", "management", "markets", "media", "medicines",
    "medtech", "membership", "memory", "mobile", "mortgage", "network", "networking", "networks",
    "online", "optical", "parks", "payments", "pharma", "pharmaceutical", "pharmaceuticals", "pharmacy",
    "premium", "product", "products", "refining", "reinsurance", "retail", "security", "semiconductor",
    "semiconductors", "server", "servers", "service", "services", "software", "storage", "streaming", "studios",
    "subscription", "subscriptions", "trading", "transportation", "travel", "upstream", "wealth",
    "wearables", "wholesale", "wireless",
};
// Business nouns that can be the subject of a move ("advertising grew 53%"): not ones that also
// name a market or a sector ("markets fell", "retail rose").
constexpr std::string_view kMoveSubjects[] = {
    "ad",        "ads",      "advertising", "center",       "centre",        "cloud",     "data",      "devices",
    "digital",   "drugs",   "e-commerce", "ecommerce", "equities", "gaming",       "hardware",      "licensing", "medicines", "membership",
    "network",   "networking", "networks",  "online",       "optical",       "payments",  "portfolio", "services",
    "software",  "streaming", "subscription", "subscriptions",
    "wearables",
};
constexpr std::string_view kRegions[] = {
    "africa",  "america",  "americas", "apac",     "asia",          "asia-pacific", "australia", "brazil",
    "britain", "canada",   "central",  "china",    "domestic",      "east",         "eastern",   "emea",
    "europe",  "france",   "germany",  "greater",  "india",         "indonesia",    "international", "japan",
    "korea",   "latam",    "latin",    "mexico",   "middle",        "north",        "overseas",  "south",
    "u.k",     "u.s",      "uk",       "usa",      "western",
};
// Words that qualify a figure without naming a business, and the currency names written after an
// amount as its adjective ("a 2 billion euro buyback", "dollar revenue").
constexpr std::string_view kQualifying[] = {
    "adjusted", "annual", "annualized", "attributable", "basic", "comparable",
    "comparable-store", "consolidated", "core", "diluted", "dollar", "estimated", "euro", "final", "fiscal",
    "franc", "full", "full-year", "gaap", "global", "gross", "group", "ifrs", "interim", "krona", "krone",
    "like-for-like", "lira", "net", "non-gaap", "non-ifrs", "operational", "organic", "overall", "peso",
    "pound", "preliminary", "provisional", "quarterly", "rand", "record", "recurring", "renminbi", "reported",
    "ringgit", "rouble", "rupee", "rupiah", "same-store", "segment", "sterling", "total", "unaudited",
    "underlying", "worldwide", "yen", "yuan", "zloty",
};
// Capitalised words that are no brand.
// Legal forms too, possessive or not: "Hennes & Mauritz AB's operating profit" is the company's.
constexpr std::string_view kNotBrand[] = {
    "ab", "ab's", "ag", "ag's", "analysts", "asa", "co", "company", "consensus", "corp", "corp's", "cpi",
    "gdp", "inc", "inc's", "ltd", "ltd's", "nv", "nv's", "oyj", "plc", "plc's", "ppi", "sa", "sa's", "se",
    "se's", "spa", "spa's", "street", "wall",
};
// Words that make a figure several companies' together.
constexpr std::string_view kCombine[] = {
    "aggregate", "altogether", "collectively", "combined", "jointly", "together",
};
// Nouns for a group of companies that can own a figure ("the four hyperscalers' capex").
// Nouns for a group of companies that can own a figure ("the four hyperscalers' capex"). Long
// words only: short plurals ("banks", "peers") name groups too often to mean a joint figure.
constexpr std::string_view kGroups[] = {
    "automakers", "carmakers", "chipmakers", "companies", "companies'", "hyperscaler", "hyperscalers",
    "hyperscalers'", "industry", "industry-wide", "megacaps", "sector", "sector-wide",
};
constexpr std::string_view kMonths[] = {
    "april", "august", "december", "february", "january", "july", "june", "march", "may", "november", "october", "september",
};

template <size_t N>
constexpr bool sorted(const std::string_view (&a)[N]) {
    for (size_t i = 1; i < N; ++i)
        if (!(a[i - 1] < a[i])) return false;
    return true;
}
static_assert(sorted(kBusiness) && sorted(kMoveSubjects) && sorted(kRegions) && sorted(kQualifying) &&
              sorted(kNotBrand) && sorted(kCombine) && sorted(kGroups) && sorted(kMonths));

// A sorted lower-case table with the lengths and first letters of its words: most tokens fail
// those two tests, so the fold and the binary search run on few (they ran per token per table).
template <size_t N>
struct Words {
    const std::string_view* w;
    uint32_t letters = 0;  // bit (c & 31) for each first letter c
    size_t lo = 64, hi = 0;
    constexpr explicit Words(const std::string_view (&a)[N]) : w(a) {
        for (std::string_view x : a) {
            letters |= 1u << (static_cast<unsigned char>(x[0]) & 31);
            lo = x.size() < lo ? x.size() : lo;
            hi = x.size() > hi ? x.size() : hi;
        }
    }
};

// Is w (any case) in the table?
template <size_t N>
bool in(const Words<N>& table, std::string_view w) {
    char buf[24];
    if (w.size() < table.lo || w.size() > table.hi || w.size() > sizeof buf) return false;
    if (!(table.letters & (1u << (static_cast<unsigned char>(num::lower(w[0])) & 31)))) return false;
    for (size_t i = 0; i < w.size(); ++i) buf[i] = num::lower(w[i]);
    const std::string_view low(buf, w.size());
    return std::binary_search(table.w, table.w + N, low);
}

constexpr Words kBusinessW{kBusiness};
constexpr Words kMoveSubjectsW{kMoveSubjects};
constexpr Words kRegionsW{kRegions};
constexpr Words kQualifyingW{kQualifying};
constexpr Words kNotBrandW{kNotBrand};
constexpr Words kCombineW{kCombine};
constexpr Words kGroupsW{kGroups};
constexpr Words kMonthsW{kMonths};

bool has_digit(std::string_view w) {
    for (char c : w)
        if (num::is_digit(c)) return true;
    return false;
}

// Words that can open a kind's noun phrase without naming a business: judgements and sizes
// ("strong revenue", "higher sales"), times ("quarter revenue"), ordinals, scale words, and the
// company itself ("the company's revenue", "the bank's income").
constexpr std::string_view kNotLine[] = {
    // Verbs that set or keep a figure ("reaffirmed revenue guidance of $61-64 billion") name no line,
    // nor verbs of what a business saw or booked ("North America saw like-for-like sales decline").
    "additional", "affirmed", "airline", "announced", "automaker", "average", "bank", "better", "bigger",
    "billion", "booked", "business", "car", "carmaker", "carrier", "chipmaker", "combined", "company",
    "confirmed", "conglomerate", "corporate", "cumulative", "current", "delivered", "division", "drugmaker",
    "estimated", "expected", "extra", "firm", "first", "fourth", "further", "generated", "giant", "greater",
    "grocer", "group", "had", "half", "healthy", "higher", "insurer", "issued", "kept", "larger", "last",
    "lender", "logged", "lower", "maintained", "maker", "manufacturer", "meanwhile", "million", "miner",
    "modest", "month", "more", "new", "next", "operating", "operator", "other", "overall", "period",
    "posted", "previous", "prior", "producer", "quarter", "reaffirmed",
    "reaffirmed revenue guidance of $61-64 billion", "record", "recorded", "reiterated", "reported",
    "retailer", "robust", "same", "saw", "season", "second", "see", "seeing", "sees", "segment",
    "separately", "sharp", "slight", "smaller", "soft", "solid", "stable", "steady", "still", "strong",
    "stronger", "such", "third", "thousand", "trillion", "unit", "vehicle", "volume", "weak", "weaker",
    "worse", "year",
};
static_assert(sorted(kNotLine));
constexpr Words kNotLineW{kNotLine};

bool not_a_line(std::string_view w) {
    std::string_view base = w;
    if (base.size() > 2 && (base.substr(base.size() - 2) == "'s")) base = base.substr(0, base.size() - 2);
    if (in(kNotLineW, base)) return true;
    return base.size() > 3 && eq_ci(base.substr(base.size() - 2), "ly");  // quarterly, yearly: adverbs and periods
}

// A brand or product written as a name: "Sam's Club", "iPhone", "AWS", "PlayStation". The first
// word of a sentence is capitalised anyway, so there only a capital after the first letter counts.
bool brand_word(const View& v, uint32_t t, uint32_t cls) {
    const std::string_view w = v.tok(t);
    if (w.size() < 2 || period_like(w, cls) || (cls & (kNotBrandBit | kQualifyingBit))) return false;
    if (v.flag(t) & (W::kKind | W::kPhrase | W::kStop | W::kDeterminer | W::kForecast | W::kUp | W::kDown))
        return false;
    // A currency code before its amount ("EUR 4.8 bn") is no brand.
    if (t + 1 < v.last && v.doc.tokens[t + 1].kind == TokenKind::number) return false;
    bool inner_capital = false;
    for (size_t i = 1; i < w.size(); ++i) inner_capital |= w[i] >= 'A' && w[i] <= 'Z';
    if (inner_capital) return true;
    if (!v.doc.tokens[t].capitalized) return false;
    // The first word of a sentence is capitalised anyway: a name only when a capitalised word
    // follows it ("Network Infrastructure sales"), not "Strong revenue".
    return t > v.first || (t + 1 < v.last && v.doc.tokens[t + 1].capitalized && v.doc.tokens[t + 1].kind == TokenKind::word &&
                           !(v.flag(t + 1) & (W::kKind | W::kPhrase)));
}

}  // namespace

namespace wc {

WordClassKeys::WordClassKeys() {
    add_all(kBusiness, kBusinessBit);
    add_all(kMoveSubjects, kMoveSubjectBit);
    add_all(kRegions, kRegionBit);
    add_all(kQualifying, kQualifyingBit);
    add_all(kNotBrand, kNotBrandBit);
    add_all(kCombine, kCombineBit);
    add_all(kGroups, kGroupBit);
    add_all(kMonths, kMonthBit);
}

// Built at start-up from the constant tables above (no guard to test per lookup).
const WordClassKeys kClassKeys;

// The class bits of the text w (any case), table by table: for words without a key.
uint32_t text_classes(std::string_view w) {
    return (in(kBusinessW, w) ? kBusinessBit : 0u) | (in(kMoveSubjectsW, w) ? kMoveSubjectBit : 0u) |
           (in(kRegionsW, w) ? kRegionBit : 0u) | (in(kQualifyingW, w) ? kQualifyingBit : 0u) |
           (in(kNotBrandW, w) ? kNotBrandBit : 0u) | (in(kCombineW, w) ? kCombineBit : 0u) |
           (in(kGroupsW, w) ? kGroupBit : 0u) | (in(kMonthsW, w) ? kMonthBit : 0u);
}

// Q3, H1, FY26, 9M, 2025, third-quarter, full-year, nine-month, months: a period, never a business.
// `cls` are the word's class bits (classes()), which say whether it is a month.
bool period_like(std::string_view w, uint32_t cls) {
    if (w.size() == 4 && has_digit(w)) return true;
    if (w.size() >= 2 && ((w[0] | 0x20) == 'q' || (w[0] | 0x20) == 'h') && num::is_digit(w[1])) return true;
    if (w.size() >= 2 && (w[0] | 0x20) == 'f' && (w[1] | 0x20) == 'y') return true;
    if (w.size() == 2 && num::is_digit(w[0]) && (w[1] | 0x20) == 'm') return true;
    if (cls & kMonthBit) return true;
    const size_t dash = w.rfind('-');
    if (dash != std::string_view::npos) {
        const std::string_view tail = w.substr(dash + 1);
        if (in(kMonthsW, tail) || in(kMonthsW, w.substr(0, w.find('-')))) return true;  // July-September
        return eq_ci(tail, "quarter") || eq_ci(tail, "half") || eq_ci(tail, "year") || eq_ci(tail, "month");
    }
    return false;
}

Class classify(const View& v, uint32_t t) {
    if (!is_word(v, t) || v.mention_at(t)) return Class::none;
    // A word glued to a number is part of the figure: "$100B-plus".
    if (!v.doc.tokens[t].space_before && t > v.first && v.doc.tokens[t - 1].kind == TokenKind::number) return Class::none;
    const std::string_view w = v.tok(t);
    const uint32_t cls = classes(v, t);
    if (cls & kBusinessBit) return Class::business;
    // "US" only in capitals: "us" is a pronoun.
    if ((cls & kRegionBit) && (!eq_ci(w, "us") || w == "US")) return Class::region;
    if (w == "US") return Class::region;
    if (brand_word(v, t, cls)) return Class::brand;
    return Class::none;
}

// The text from token b to token e - 1, with the full stop of a trailing "U.S." kept.
std::string_view span_text(const View& v, uint32_t b, uint32_t e) {
    const Token& tb = v.doc.tokens[b];
    const Token& te = v.doc.tokens[e - 1];
    const std::string_view field = v.doc.event().field(tb.field);
    uint32_t end = te.end;
    if (end < field.size() && field[end] == '.') {
        const std::string_view w = v.tok(e - 1);
        if (w.size() >= 3 && w[w.size() - 2] == '.') ++end;  // "U.S" + "." -> "U.S."
    }
    std::string_view s = field.substr(tb.begin, end - tb.begin);
    // "Siemens Mobility's revenue", "IAG's revenue": the business is named without its possessive.
    for (std::string_view p : {std::string_view("'s"), std::string_view("\xE2\x80\x99s"), std::string_view("'")})
        if (s.size() > p.size() + 1 && s.substr(s.size() - p.size()) == p) return s.substr(0, s.size() - p.size());
    return s;
}

// An open-class word that can name a business line before its kind: "main cabin", "embedded
// processing", "ancillary", "postpaid phone", "Analog". Lower-case (or the sentence's first word),
// letters only (a possessive "'s" at the end), and no metric role (verbs of moves, forecasts,
// function words, kinds, qualifiers, periods).
bool open_modifier(const View& v, uint32_t t) {
    if (!is_word(v, t) || v.mention_at(t)) return false;
    const std::string_view w = v.tok(t);
    if (w.size() < 3 || (v.doc.tokens[t].capitalized && t > v.first)) return false;
    if (v.flag(t) & (W::kKind | W::kPhrase | W::kStop | W::kDeterminer | W::kForecast | W::kUp | W::kDown | W::kFlat |
                     W::kClause | W::kStock | W::kComparator | W::kPeriodStart | W::kNarrow | W::kWiden))
        return false;
    const uint32_t cls = classes(v, t);
    if (cls & (kQualifyingBit | kNotBrandBit | kCombineBit | kGroupBit) || period_like(w, cls)) return false;
    for (size_t i = 0; i < w.size(); ++i) {
        const char c = w[i];
        const bool possessive = i + 2 == w.size() && c == '\'' && w[i + 1] == 's';
        if (possessive) break;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
    }
    return !not_a_line(w);
}

}  // namespace wc

const Mention* View::mention_at(uint32_t t) const {
    // The last mention starting at or before t (mentions are in token order and do not overlap).
    const Mention* e = mentions + n_mentions;
    const Mention* it = std::upper_bound(mentions, e, t, [](uint32_t x, const Mention& m) { return x < m.token; });
    if (it == mentions) return nullptr;
    const Mention& m = *(it - 1);
    const Token& tk = doc.tokens[t];
    return tk.field == m.span.field && tk.begin < m.span.end ? &m : nullptr;
}

bool is_business_word(std::string_view w) { return in(kBusinessW, w); }
bool is_region_word(std::string_view w) { return in(kRegionsW, w) || w == "US"; }
bool is_qualifying_word(std::string_view w) { return in(kQualifyingW, w); }

void each_joint_word(void (*add)(std::string_view word, void* ctx), void* ctx) {
    // A keyless token (over 16 bytes, or not ASCII) never equals one of these words, so a
    // table of keyed words finds every token text_classes would give kCombineBit or kGroupBit.
    static_assert([] {
        for (std::string_view w : kCombine)
            if (w.size() > 16) return false;
        for (std::string_view w : kGroups)
            if (w.size() > 16) return false;
        return true;
    }());
    for (std::string_view w : kCombine) add(w, ctx);
    for (std::string_view w : kGroups) add(w, ctx);
}

}  // namespace herald::analysis::segments
