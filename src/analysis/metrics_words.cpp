// Word tables for the metric extractor, sorted once at start-up for binary search.
#include "metrics_words.hpp"

#include <array>

#include "lexicon_vocab.hpp"
#include "numbers.hpp"
#include "periods.hpp"

namespace herald::analysis::words {

namespace {

struct Entry {
    std::string_view word;
    uint32_t flags;
    MetricKind kind;
};

using K = MetricKind;

constexpr Entry kEntries[] = {
    // what a figure measures (single words)
    {"revenue", kKind | kPhrase, K::revenue},
    {"revenues", kKind, K::revenue},
    {"sales", kKind, K::revenue},
    {"turnover", kKind, K::revenue},
    {"topline", kKind, K::revenue},
    {"top-line", kKind, K::revenue},
    {"ebit", kKind | kPhrase, K::operating_income},
    {"profit", kKind | kPhrase, K::net_income},
    {"profits", kKind, K::net_income},
    {"earnings", kKind | kPhrase, K::net_income},
    {"loss", kKind | kLoss | kPhrase, K::net_income},
    {"losses", kKind | kLoss, K::net_income},
    {"eps", kKind, K::eps},
    {"ebitda", kKind | kPhrase, K::ebitda},
    {"backlog", kKind, K::backlog},
    {"rpo", kKind, K::backlog},
    {"capex", kKind, K::capex},
    {"run-rate", kKind, K::run_rate},
    {"arr", kKind, K::run_rate},
    {"commitment", kKind, K::commitments},
    {"commitments", kKind, K::commitments},
    {"reserved", kKind, K::commitments},
    {"committed", kKind, K::commitments},
    {"orders", kKind, K::orders},
    {"order", kKind | kPhrase, K::orders},
    {"bookings", kKind, K::orders},
    {"guidance", kKind | kForecast, K::guidance},
    {"outlook", kKind | kForecast, K::guidance},
    {"margin", kKind, K::operating_margin},
    {"margins", kKind, K::operating_margin},
    {"fcf", kKind, K::cash_flow},
    // first words of phrases only
    {"operating", kPhrase, K::revenue},
    {"net", kPhrase, K::revenue},
    {"pretax", kPhrase, K::revenue},
    {"pre-tax", kPhrase, K::revenue},
    {"gross", kPhrase, K::revenue},
    {"free", kPhrase, K::revenue},
    {"cash", kPhrase, K::revenue},
    {"capital", kPhrase, K::revenue},
    {"run", kPhrase, K::revenue},
    {"annualized", kPhrase | kAnnualized, K::revenue},
    {"annualised", kPhrase | kAnnualized, K::revenue},
    {"annual", kPhrase, K::revenue},
    {"remaining", kPhrase, K::revenue},
    {"per", kPhrase, K::revenue},
    {"top", kPhrase, K::revenue},
    {"bottom", kPhrase, K::revenue},
    {"new", kPhrase, K::revenue},
    {"adjusted", kPhrase, K::revenue},
    {"diluted", kPhrase, K::revenue},
    {"income", kPhrase, K::revenue},
    {"a", kPhrase | kDeterminer | kStop, K::revenue},
    // direction
    {"up", kUp}, {"rose", kUp}, {"rise", kUp | kGrowthNoun}, {"rises", kUp}, {"rising", kUp}, {"grew", kUp},
    {"grow", kUp}, {"grows", kUp}, {"growing", kUp}, {"growth", kUp | kGrowthNoun}, {"increased", kUp},
    {"increase", kUp | kGrowthNoun}, {"increases", kUp}, {"increasing", kUp}, {"gained", kUp},
    {"gain", kUp | kGrowthNoun}, {"gains", kUp}, {"jumped", kUp}, {"jump", kUp | kGrowthNoun}, {"jumps", kUp},
    {"surged", kUp}, {"surge", kUp | kGrowthNoun}, {"surges", kUp}, {"climbed", kUp}, {"climbs", kUp},
    {"advanced", kUp}, {"soared", kUp}, {"higher", kUp}, {"improved", kUp}, {"improvement", kUp | kGrowthNoun},
    {"accelerated", kUp}, {"expanded", kUp}, {"boosted", kUp}, {"rebounded", kUp}, {"strengthened", kUp},
    {"raised", kUp}, {"lifted", kUp}, {"increasing", kUp},
    {"down", kDown}, {"fell", kDown}, {"fall", kDown | kGrowthNoun}, {"falls", kDown}, {"falling", kDown},
    {"declined", kDown}, {"decline", kDown | kGrowthNoun}, {"declines", kDown}, {"declining", kDown},
    {"decreased", kDown}, {"decrease", kDown | kGrowthNoun}, {"decreases", kDown}, {"dropped", kDown},
    {"drop", kDown | kGrowthNoun}, {"drops", kDown}, {"slipped", kDown}, {"slid", kDown}, {"slumped", kDown},
    {"plunged", kDown}, {"tumbled", kDown}, {"lower", kDown}, {"shrank", kDown}, {"contracted", kDown},
    {"eased", kDown}, {"sank", kDown}, {"weakened", kDown}, {"reduced", kDown}, {"cut", kDown},
    {"dipped", kDown}, {"lowered", kDown}, {"contraction", kDown | kGrowthNoun},
    {"flat", kFlat}, {"unchanged", kFlat}, {"stable", kFlat},
    {"narrowed", kNarrow}, {"narrowing", kNarrow}, {"widened", kWiden}, {"widening", kWiden},
    {"doubled", kDouble}, {"tripled", kTriple}, {"halved", kHalve},
    // basis
    {"yoy", kPeriodWord}, {"y/y", kPeriodWord}, {"y-o-y", kPeriodWord}, {"year-over-year", kPeriodWord},
    {"year-on-year", kPeriodWord}, {"sequentially", kSequential}, {"sequential", kSequential},
    {"q/q", kSequential}, {"qoq", kSequential}, {"quarter-over-quarter", kSequential},
    {"quarter-on-quarter", kSequential},
    // projections
    {"expects", kForecast}, {"expected", kForecast}, {"expect", kForecast}, {"expecting", kForecast},
    {"expectation", kForecast}, {"forecast", kForecast}, {"forecasts", kForecast}, {"forecasted", kForecast},
    {"projects", kForecast}, {"projected", kForecast}, {"projection", kForecast}, {"projections", kForecast},
    {"guides", kForecast}, {"guided", kForecast}, {"target", kForecast}, {"targets", kForecast},
    {"targeting", kForecast}, {"aims", kForecast}, {"aiming", kForecast}, {"plans", kForecast},
    {"sees", kForecast}, {"anticipates", kForecast}, {"anticipated", kForecast}, {"estimates", kForecast},
    {"could", kForecast}, {"would", kForecast}, {"will", kForecast}, {"should", kForecast},
    {"may", kForecast}, {"might", kForecast}, {"likely", kForecast}, {"predicts", kForecast},
    {"predicted", kForecast}, {"budgeted", kForecast}, {"intends", kForecast}, {"goal", kForecast},
    {"potential", kForecast}, {"consensus", kForecast},
    // clause boundaries
    {"while", kClause | kStop}, {"but", kClause | kStop}, {"despite", kClause | kStop},
    {"although", kClause | kStop}, {"though", kClause | kStop}, {"whereas", kClause | kStop},
    {"however", kClause | kStop},
    // comparisons with a yardstick ("topped the $2.05 consensus")
    {"beat", kComparator}, {"beats", kComparator}, {"beating", kComparator}, {"topped", kComparator},
    {"tops", kComparator}, {"missed", kComparator}, {"misses", kComparator}, {"exceeded", kComparator},
    {"exceeds", kComparator}, {"surpasses", kComparator}, {"above", kComparator}, {"below", kComparator},
    {"than", kComparator}, {"ahead", kComparator},
    // earlier values
    {"from", kPriorCue | kStop}, {"versus", kPriorCue | kStop}, {"vs", kPriorCue | kStop},
    {"vs.", kPriorCue | kStop}, {"against", kPriorCue | kStop},
    // noun-phrase ends and determiners
    {"the", kStop | kDeterminer}, {"an", kStop | kDeterminer}, {"its", kStop | kDeterminer},
    {"their", kStop | kDeterminer}, {"his", kStop | kDeterminer}, {"her", kStop | kDeterminer},
    {"our", kStop | kDeterminer}, {"this", kStop | kDeterminer}, {"that", kStop | kDeterminer},
    {"these", kStop | kDeterminer}, {"those", kStop | kDeterminer}, {"and", kStop}, {"or", kStop},
    {"of", kStop | kShareCue}, {"in", kStop}, {"with", kStop}, {"for", kStop}, {"to", kStop},
    {"as", kStop}, {"by", kStop}, {"at", kStop}, {"on", kStop}, {"which", kStop}, {"has", kStop},
    {"have", kStop}, {"had", kStop}, {"is", kStop}, {"was", kStop}, {"are", kStop}, {"were", kStop},
    {"be", kStop}, {"been", kStop}, {"said", kStop}, {"reported", kStop}, {"posted", kStop},
    {"generated", kStop}, {"reached", kStop}, {"reach", kStop}, {"related", kStop}, {"also", kStop},
    {"surpassed", kStop | kComparator}, {"exceeding", kStop | kComparator}, {"totaled", kStop}, {"totalled", kStop}, {"amounted", kStop},
    {"plus", kStop}, {"excluding", kStop}, {"including", kStop}, {"before", kStop}, {"after", kStop},
    // price moves
    {"shares", kStock}, {"stock", kStock}, {"stocks", kStock}, {"share", kStock}, {"index", kStock},
    {"price", kStock}, {"prices", kStock}, {"valuation", kStock}, {"yield", kStock}, {"yields", kStock},
    {"stake", kStock}, {"tax", kStock}, {"rate", kStock}, {"rates", kStock}, {"inflation", kStock},
    // products and units that own metrics
    {"chips", kProduct}, {"chip", kProduct}, {"silicon", kProduct}, {"processors", kProduct},
    {"accelerators", kProduct}, {"semiconductors", kProduct}, {"gpus", kProduct}, {"cpus", kProduct},
    {"business", kUnitNoun}, {"businesses", kUnitNoun}, {"segment", kUnitNoun}, {"unit", kUnitNoun},
    {"division", kUnitNoun}, {"segment's", kUnitNoun},
};

constexpr Phrase kPhrases[] = {
    {{"operating", "income"}, 2, K::operating_income, false},
    {{"operating", "profit"}, 2, K::operating_income, false},
    {{"operating", "profits"}, 2, K::operating_income, false},
    {{"operating", "loss"}, 2, K::operating_income, true},
    {{"operating", "result"}, 2, K::operating_income, false},
    {{"operating", "earnings"}, 2, K::operating_income, false},
    {{"operating", "margin"}, 2, K::operating_margin, false},
    {{"operating", "margins"}, 2, K::operating_margin, false},
    {{"operating", "cash", "flow"}, 3, K::cash_flow, false},
    {{"ebit", "margin"}, 2, K::operating_margin, false},
    {{"ebitda", "margin"}, 2, K::operating_margin, false},
    {{"net", "interest", "income"}, 3, K::net_interest_income, false},
    {{"net", "interest", "revenue"}, 3, K::net_interest_income, false},
    {{"net", "income"}, 2, K::net_income, false},
    {{"net", "profit"}, 2, K::net_income, false},
    {{"net", "earnings"}, 2, K::net_income, false},
    {{"net", "loss"}, 2, K::net_income, true},
    {{"net", "result"}, 2, K::net_income, false},
    {{"net", "sales"}, 2, K::revenue, false},
    {{"net", "revenue"}, 2, K::revenue, false},
    {{"net", "revenues"}, 2, K::revenue, false},
    {{"pretax", "profit"}, 2, K::pretax_income, false},
    {{"pretax", "income"}, 2, K::pretax_income, false},
    {{"pretax", "loss"}, 2, K::pretax_income, true},
    {{"pretax", "earnings"}, 2, K::pretax_income, false},
    {{"pre-tax", "profit"}, 2, K::pretax_income, false},
    {{"pre-tax", "income"}, 2, K::pretax_income, false},
    {{"pre-tax", "loss"}, 2, K::pretax_income, true},
    {{"pre-tax", "earnings"}, 2, K::pretax_income, false},
    {{"profit", "before", "tax"}, 3, K::pretax_income, false},
    {{"profit", "before", "taxes"}, 3, K::pretax_income, false},
    {{"profit", "before", "taxation"}, 3, K::pretax_income, false},
    {{"profit", "margin"}, 2, K::operating_margin, false},
    {{"loss", "before", "tax"}, 3, K::pretax_income, true},
    {{"loss", "before", "taxes"}, 3, K::pretax_income, true},
    {{"loss", "per", "share"}, 3, K::eps, true},
    {{"income", "before", "taxes"}, 3, K::pretax_income, false},
    {{"income", "before", "tax"}, 3, K::pretax_income, false},
    {{"earnings", "before", "taxes"}, 3, K::pretax_income, false},
    {{"earnings", "per", "share"}, 3, K::eps, false},
    {{"per", "share"}, 2, K::eps, false},
    {{"a", "share"}, 2, K::eps, false},
    {{"diluted", "eps"}, 2, K::eps, false},
    {{"adjusted", "ebitda"}, 2, K::ebitda, false},
    {{"adjusted", "eps"}, 2, K::eps, false},
    {{"gross", "margin"}, 2, K::gross_margin, false},
    {{"gross", "margins"}, 2, K::gross_margin, false},
    {{"free", "cash", "flow"}, 3, K::cash_flow, false},
    {{"cash", "flow"}, 2, K::cash_flow, false},
    {{"cash", "flows"}, 2, K::cash_flow, false},
    {{"capital", "expenditure"}, 2, K::capex, false},
    {{"capital", "expenditures"}, 2, K::capex, false},
    {{"capital", "spending"}, 2, K::capex, false},
    {{"capital", "investment"}, 2, K::capex, false},
    {{"capital", "investments"}, 2, K::capex, false},
    {{"run", "rate"}, 2, K::run_rate, false},
    {{"annualized", "revenue"}, 2, K::run_rate, false},
    {{"annualised", "revenue"}, 2, K::run_rate, false},
    {{"annualized", "run", "rate"}, 3, K::run_rate, false},
    {{"annualised", "run", "rate"}, 3, K::run_rate, false},
    {{"annual", "run", "rate"}, 3, K::run_rate, false},
    {{"annual", "recurring", "revenue"}, 3, K::run_rate, false},
    {{"remaining", "performance", "obligations"}, 3, K::backlog, false},
    {{"revenue", "backlog"}, 2, K::backlog, false},
    {{"order", "backlog"}, 2, K::backlog, false},
    {{"order", "book"}, 2, K::backlog, false},
    {{"order", "intake"}, 2, K::orders, false},
    {{"new", "orders"}, 2, K::orders, false},
    {{"top", "line"}, 2, K::revenue, false},
    {{"bottom", "line"}, 2, K::net_income, false},
};

// ASCII lower-case copy into a fixed buffer; longer words are not in the tables.
bool lower_into(std::string_view w, char* buf, size_t cap, std::string_view& out) {
    if (w.size() > cap) return false;
    for (size_t i = 0; i < w.size(); ++i) buf[i] = num::lower(w[i]);
    out = {buf, w.size()};
    return true;
}

// Open-addressing hash table over the lower-cased words, built once; lookups do not allocate.
constexpr size_t kSlots = 1024;

uint32_t hash_of(std::string_view w) {
    uint32_t h = 2166136261u;
    for (char c : w) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    return h;
}

struct Table {
    std::array<Entry, kSlots> slots{};
    Table() {
        for (const auto& e : kEntries) {
            size_t i = hash_of(e.word) & (kSlots - 1);
            while (!slots[i].word.empty() && slots[i].word != e.word) i = (i + 1) & (kSlots - 1);
            if (slots[i].word.empty()) {
                slots[i] = e;
            } else {  // a word listed in two groups keeps every flag
                slots[i].flags |= e.flags;
                if (e.flags & kKind) slots[i].kind = e.kind;
            }
        }
    }
};

const Table& table() {
    static const Table t;
    return t;
}

// The words of up to 16 bytes by their folded key (the tokenizer's WordKey), for the per-token
// probe: 1,024 slots for about 270 words, so a word that is not listed (most) usually ends on the
// first slot. The key pair alone identifies the word (words hold no zero byte).
struct KeyTable {
    struct Slot {
        uint64_t a = 0, b = 0;
        WordInfo info;
        bool period_start = false;  // one of periods::kStartWords
    };
    static constexpr size_t kN = 1024;
    std::array<Slot, kN> slots{};
    static size_t index(uint64_t a, uint64_t b) {
        return static_cast<size_t>(((a * 0x9E3779B97F4A7C15ull) ^ (b * 0xC2B2AE3D27D4EB4Full)) >> 54);
    }
    KeyTable() {
        static_assert(kN == size_t{1} << (64 - 54));
        for (const auto& e : kEntries) {
            Slot* s = insert(e.word);
            if (!s) continue;  // longer words: only keyless tokens, which take the text path
            s->info.flags |= e.flags;  // a word listed in two groups keeps every flag
            if (e.flags & kKind) s->info.kind = e.kind;
        }
        for (std::string_view w : periods::kStartWords) insert(w)->period_start = true;
    }
    Slot* insert(std::string_view word) {
        detail::ShortKey k;
        if (!detail::short_key(word, k)) return nullptr;
        size_t i = index(k.a, k.b);
        while (slots[i].a != 0 && !(slots[i].a == k.a && slots[i].b == k.b)) i = (i + 1) & (kN - 1);
        slots[i].a = k.a;
        slots[i].b = k.b;
        return &slots[i];
    }
    // The slot of a keyed token (a != 0), or nullptr.
    const Slot* find(const WordKey& k) const {
        for (size_t i = index(k.a, k.b);; i = (i + 1) & (kN - 1)) {
            const Slot& s = slots[i];
            if (s.a == k.a && s.b == k.b) return &s;
            if (s.a == 0) return nullptr;
        }
    }
};

const KeyTable& key_table() {
    static const KeyTable t;
    return t;
}

// kPhrases grouped by the first letter of their first word, built at compile time. The longest
// matching phrase wins and two phrases never match the same tokens with the same length, so the
// order inside the table does not matter and a lookup needs only its letter's group.
constexpr size_t kPhraseGroups = 27;
constexpr size_t group_of(char c) { return c >= 'a' && c <= 'z' ? static_cast<size_t>(c - 'a') : 26; }

struct PhraseIndex {
    std::array<Phrase, std::size(kPhrases)> sorted{};
    std::array<uint8_t, kPhraseGroups + 1> start{};
};

constexpr PhraseIndex build_phrase_index() {
    PhraseIndex ix;
    std::array<uint8_t, kPhraseGroups + 1> count{};
    for (const auto& p : kPhrases) ++count[group_of(p.words[0][0]) + 1];
    for (size_t g = 1; g <= kPhraseGroups; ++g) count[g] = static_cast<uint8_t>(count[g] + count[g - 1]);
    ix.start = count;
    for (const auto& p : kPhrases) ix.sorted[count[group_of(p.words[0][0])]++] = p;
    return ix;
}

constexpr PhraseIndex kPhraseIndex = build_phrase_index();
static_assert(std::size(kPhrases) < 256);

}  // namespace

const Phrase* phrases_starting(std::string_view first, size_t& count) {
    const size_t g = group_of(first.empty() ? '\0' : num::lower(first[0]));
    count = kPhraseIndex.start[g + 1] - kPhraseIndex.start[g];
    return kPhraseIndex.sorted.data() + kPhraseIndex.start[g];
}

WordInfo lookup(std::string_view token) {
    char buf[32];
    std::string_view w;
    if (!lower_into(token, buf, sizeof buf, w)) return {};
    const Table& t = table();
    size_t i = hash_of(w) & (kSlots - 1);
    while (!t.slots[i].word.empty()) {
        if (t.slots[i].word == w) return {t.slots[i].flags, t.slots[i].kind};
        i = (i + 1) & (kSlots - 1);
    }
    return {};
}

void word_flags(const Document& doc, uint32_t b, uint32_t e, uint32_t* out) {
    const KeyTable& kt = key_table();
    const Token* toks = doc.tokens.data();
    const WordKey* keys = doc.keys.data();
    for (uint32_t t = b; t < e; ++t) {
        uint32_t f = 0;
        if (toks[t].kind == TokenKind::word) {
            if (keys[t].a == 0) {  // no key (long or non-ASCII word): text path
                const std::string_view text = doc.text(toks[t]);
                f = lookup(text).flags | (periods::may_start_text(text) ? uint32_t{kPeriodStart} : 0u);
            } else {
                const KeyTable::Slot* s = kt.find(keys[t]);
                if (s) f = s->info.flags;
                if ((s && s->period_start) || periods::may_start_key(keys[t])) f |= kPeriodStart;
            }
        }
        out[t - b] = f;
    }
}

WordInfo lookup_token(const Document& doc, uint32_t token) {
    const WordKey& k = doc.keys[token];
    // No key (long or non-ASCII word): the text path keeps its exact-bytes matching.
    if (k.a == 0) return lookup(doc.text(doc.tokens[token]));
    const KeyTable::Slot* s = key_table().find(k);
    return s ? s->info : WordInfo{};
}

}  // namespace herald::analysis::words
