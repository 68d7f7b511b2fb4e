// Segment attribution and combined figures (segments.hpp). Word classes are small sorted tables
// searched with the token folded to lower case; only the few tokens around a metric are read.
#include "segments.hpp"

#include <algorithm>
#include <array>

#include "lexicon_vocab.hpp"
#include "metrics_words.hpp"
#include "numbers.hpp"

namespace herald::analysis::segments {

namespace {

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
// Words that qualify a figure without naming a business.
constexpr std::string_view kQualifying[] = {
    "adjusted",    "annual",        "annualized", "basic",       "comparable", "comparable-store", "consolidated",
    "core",        "diluted",       "fiscal",     "full",        "full-year",  "gaap",             "global",
    "gross",       "group",         "like-for-like", "net",      "non-gaap",   "organic",          "overall",
    "quarterly",   "record",        "recurring",  "reported",    "same-store", "segment",          "total",
    "underlying",  "worldwide",
};
// Capitalised words that are no brand.
constexpr std::string_view kNotBrand[] = {
    "analysts", "co", "company", "consensus", "corp", "cpi", "gdp", "inc", "ltd", "plc", "ppi", "street", "wall",
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

// The word classes a token can be in, one bit per table above.
enum ClassBit : uint32_t {
    kBusinessBit = 1u << 0,
    kMoveSubjectBit = 1u << 1,
    kRegionBit = 1u << 2,
    kQualifyingBit = 1u << 3,
    kNotBrandBit = 1u << 4,
    kCombineBit = 1u << 5,
    kGroupBit = 1u << 6,
    kMonthBit = 1u << 7,
};

// Every word of the tables above as the tokenizer keys a token (Document::keys), with the bits
// of the tables it is in, in one open-addressing table: a keyed token's classes cost one probe
// instead of a fold and a binary search per table (about 140 instructions per table and token).
class WordClassKeys {
public:
    WordClassKeys() {
        add_all(kBusiness, kBusinessBit);
        add_all(kMoveSubjects, kMoveSubjectBit);
        add_all(kRegions, kRegionBit);
        add_all(kQualifying, kQualifyingBit);
        add_all(kNotBrand, kNotBrandBit);
        add_all(kCombine, kCombineBit);
        add_all(kGroups, kGroupBit);
        add_all(kMonths, kMonthBit);
    }
    // The class bits of the word with this key and byte length (0: in no table).
    uint32_t bits(const WordKey& k, uint32_t len) const {
        const uint32_t f = filter_bit(k.hash);
        if (!((filter_[f >> 6] >> (f & 63)) & 1)) return 0;  // most words are in no table
        for (size_t i = k.hash & kMask;; i = (i + 1) & kMask) {
            const Slot& s = slots_[i];
            if (s.len == 0) return 0;
            if (s.a == k.a && s.b == k.b && s.len == len) return s.bits;
        }
    }

private:
    struct Slot {
        uint64_t a = 0, b = 0;
        uint32_t len = 0, bits = 0;
    };
    static constexpr size_t kMask = 511;  // 512 slots for about 220 words
    static constexpr size_t kFilterBits = 4096;
    static uint32_t filter_bit(uint64_t h) { return static_cast<uint32_t>(h >> 40) & (kFilterBits - 1); }
    template <size_t N>
    void add_all(const std::string_view (&words)[N], uint32_t bit) {
        for (std::string_view w : words) add(w, bit);
    }
    void add(std::string_view w, uint32_t bit) {
        detail::ShortKey k;
        if (!detail::short_key(w, k)) return;  // a word over 16 bytes is never a keyed token
        const uint64_t h = detail::key_hash(k);
        filter_[filter_bit(h) >> 6] |= uint64_t{1} << (filter_bit(h) & 63);
        for (size_t i = h & kMask;; i = (i + 1) & kMask) {
            Slot& s = slots_[i];
            if (s.len == 0) s = {k.a, k.b, k.len, 0};
            if (s.a == k.a && s.b == k.b && s.len == k.len) {
                s.bits |= bit;
                return;
            }
        }
    }
    Slot slots_[kMask + 1];
    uint64_t filter_[kFilterBits / 64] = {};  // one bit per hash bucket of a table word
};

// Built at start-up from the constant tables above (no guard to test per lookup).
const WordClassKeys kClassKeys;

// The class bits of the text w (any case), table by table: for words without a key.
uint32_t text_classes(std::string_view w) {
    return (in(kBusinessW, w) ? kBusinessBit : 0u) | (in(kMoveSubjectsW, w) ? kMoveSubjectBit : 0u) |
           (in(kRegionsW, w) ? kRegionBit : 0u) | (in(kQualifyingW, w) ? kQualifyingBit : 0u) |
           (in(kNotBrandW, w) ? kNotBrandBit : 0u) | (in(kCombineW, w) ? kCombineBit : 0u) |
           (in(kGroupsW, w) ? kGroupBit : 0u) | (in(kMonthsW, w) ? kMonthBit : 0u);
}

// The class bits of token t of the view (0 outside it): by its key when the tokenizer gave it
// one, else by its text.
inline uint32_t classes(const View& v, uint32_t t) {
    if (t < v.first || t >= v.last) return 0;
    const WordKey& k = v.doc.keys[t];
    const Token& tk = v.doc.tokens[t];
    if (k.a != 0) [[likely]]
        return kClassKeys.bits(k, tk.end - tk.begin);
    return text_classes(v.tok(t));
}

bool has_digit(std::string_view w) {
    for (char c : w)
        if (num::is_digit(c)) return true;
    return false;
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

bool number_word(std::string_view w) {
    return eq_ci(w, "two") || eq_ci(w, "three") || eq_ci(w, "four") || eq_ci(w, "five") || eq_ci(w, "six") ||
           eq_ci(w, "seven") || eq_ci(w, "largest") || eq_ci(w, "biggest");
}

bool is_word(const View& v, uint32_t t) { return t >= v.first && t < v.last && v.doc.tokens[t].kind == TokenKind::word; }

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

enum class Class : uint8_t { none, business, region, brand };

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

uint32_t mention_end(const View& v, const Mention& m) {
    uint32_t t = m.token;
    while (t < v.last && v.doc.tokens[t].begin < m.span.end) ++t;
    return t;
}

// A noun that names a business unit after its name: "unit's", "segment", "division's".
bool unit_noun(std::string_view w) {
    static constexpr std::string_view kNouns[] = {"unit",     "unit's",     "units'", "segment", "segment's", "division",
                                                  "division's", "arm's",    "group's", "business's", "brand", "brand's"};
    for (std::string_view n : kNouns)
        if (eq_ci(w, n)) return true;
    return false;
}

// Words that can open a kind's noun phrase without naming a business: judgements and sizes
// ("strong revenue", "higher sales"), times ("quarter revenue"), ordinals, scale words, and the
// company itself ("the company's revenue", "the bank's income").
constexpr std::string_view kNotLine[] = {
    "additional", "airline", "automaker", "average", "bank", "better", "bigger", "billion", "business", "car",
    "carmaker", "carrier", "chipmaker", "combined", "company", "conglomerate", "corporate", "cumulative", "current", "division",
    "drugmaker", "estimated", "expected", "extra", "firm", "first", "fourth", "further", "giant", "greater",
    "grocer", "group", "half", "healthy", "higher", "insurer", "larger", "last", "lender", "lower",
    "maker", "manufacturer", "meanwhile", "million", "miner", "modest", "month", "more", "new", "next",
    "operating", "operator", "other", "overall", "period", "previous", "prior", "producer", "quarter", "retailer",
    "robust", "same", "season", "second", "segment", "separately", "sharp", "slight", "smaller", "soft",
    "solid", "stable", "steady", "still", "strong", "stronger", "such", "third", "thousand", "trillion",
    "unit", "vehicle", "volume", "weak", "weaker", "worse", "year",
};
static_assert(sorted(kNotLine));
constexpr Words kNotLineW{kNotLine};

bool not_a_line(std::string_view w) {
    std::string_view base = w;
    if (base.size() > 2 && (base.substr(base.size() - 2) == "'s")) base = base.substr(0, base.size() - 2);
    if (in(kNotLineW, base)) return true;
    return base.size() > 3 && eq_ci(base.substr(base.size() - 2), "ly");  // quarterly, yearly: adverbs and periods
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

std::string_view View::tok(uint32_t t) const {
    if (t < first || t >= last) return {};
    const Token& k = doc.tokens[t];
    return doc.event().field(k.field).substr(k.begin, k.end - k.begin);
}

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

std::string_view before_kind(const View& v, uint32_t np_begin) {
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
    // "of" introduces the figure; "for" names a business only with a name or business word right
    // after it ("operating income for Experiences"), never a period ("for the quarter").
    if (!eq_ci(prep, "from") && !eq_ci(prep, "in") && !eq_ci(prep, "at") && !eq_ci(prep, "for")) return {};
    ++t;
    while (t < stop && is_word(v, t) && (v.flag(t) & W::kDeterminer)) ++t;
    if (t < stop && (eq_ci(v.tok(t), "its") || eq_ci(v.tok(t), "their"))) ++t;
    if (t >= stop) return {};
    if (const Mention* m = v.mention_at(t)) return m->is_segment ? m->entity : std::string_view{};
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

bool combined(const View& v, uint32_t clause_b, uint32_t clause_e, uint32_t kind_b, uint32_t kind_e) {
    // "Together, Acme and Globex spent ...": the word opens the sentence, before the figure's clause.
    if (clause_b > v.first && is_word(v, v.first) && (classes(v, v.first) & kCombineBit)) return true;
    bool respectively = false;
    for (uint32_t t = clause_b; t < clause_e && t < v.last; ++t) {
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
