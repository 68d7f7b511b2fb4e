// Word tables for the metric extractor, sorted once at start-up for binary search.
#include "metrics_words.hpp"

#include <array>

#include "lexicon_vocab.hpp"
#include "metric_kinds.hpp"
#include "numbers.hpp"
#include "periods.hpp"
#include "segments.hpp"

namespace herald::analysis::words {

namespace {

struct Entry {
    std::string_view word;
    uint32_t flags = 0;
    MetricKind kind = MetricKind::revenue;
    Role role = Role::none;
};

using K = MetricKind;

constexpr Entry kEntries[] = {
    // Kind words and phrases come from the kind catalogue (metric_kinds.hpp); listed here are the
    // words that also play another part.
    {"annualized", kAnnualized, K::revenue},
    {"annualised", kAnnualized, K::revenue},
    {"a", kDeterminer | kStop, K::revenue},
    // direction
    {"up", kUp}, {"rose", kUp}, {"rise", kUp | kGrowthNoun}, {"rises", kUp}, {"rising", kUp}, {"grew", kUp},
    {"grow", kUp}, {"grows", kUp}, {"growing", kUp}, {"growth", kUp | kGrowthNoun}, {"increased", kUp},
    {"increase", kUp | kGrowthNoun}, {"increases", kUp}, {"increasing", kUp}, {"gained", kUp},
    {"gain", kUp | kGrowthNoun}, {"gains", kUp}, {"jumped", kUp}, {"jump", kUp | kGrowthNoun}, {"jumps", kUp},
    {"surged", kUp}, {"surge", kUp | kGrowthNoun}, {"surges", kUp}, {"climbed", kUp}, {"climbs", kUp},
    {"advanced", kUp}, {"soared", kUp}, {"higher", kUp}, {"improved", kUp}, {"improvement", kUp | kGrowthNoun},
    {"accelerated", kUp}, {"expanded", kUp}, {"boosted", kUp}, {"rebounded", kUp}, {"strengthened", kUp},
    {"raised", kUp}, {"lifted", kUp}, {"increasing", kUp}, {"raises", kUp}, {"raising", kUp}, {"lifts", kUp},
    {"boosts", kUp}, {"lifting", kUp}, {"boosting", kUp}, {"hiking", kUp}, {"hikes", kUp}, {"hiked", kUp}, {"risen", kUp}, {"grown", kUp}, {"soars", kUp}, {"climb", kUp},
    {"down", kDown}, {"fell", kDown}, {"fall", kDown | kGrowthNoun}, {"falls", kDown}, {"falling", kDown},
    {"declined", kDown}, {"decline", kDown | kGrowthNoun}, {"declines", kDown}, {"declining", kDown},
    {"decreased", kDown}, {"decrease", kDown | kGrowthNoun}, {"decreases", kDown}, {"dropped", kDown},
    {"drop", kDown | kGrowthNoun}, {"drops", kDown}, {"slipped", kDown}, {"slid", kDown}, {"slumped", kDown},
    {"plunged", kDown}, {"tumbled", kDown}, {"lower", kDown}, {"shrank", kDown}, {"contracted", kDown},
    {"eased", kDown}, {"sank", kDown}, {"weakened", kDown}, {"reduced", kDown},
    {"dipped", kDown}, {"lowered", kDown}, {"lowers", kDown}, {"lowering", kDown}, {"trims", kDown},
    {"trimmed", kDown}, {"contraction", kDown | kGrowthNoun}, {"fallen", kDown}, {"slips", kDown}, {"slides", kDown},
    {"dips", kDown}, {"plunges", kDown}, {"tumbles", kDown}, {"sinks", kDown},
    // base forms after a plural subject in headlines ("deliveries slip 3%", "sales slump 8%")
    {"slip", kDown}, {"slide", kDown}, {"dip", kDown}, {"plunge", kDown}, {"tumble", kDown}, {"sink", kDown},
    {"slump", kDown}, {"slumps", kDown}, {"sag", kDown}, {"sags", kDown}, {"soar", kUp}, {"rebound", kUp}, {"rebounds", kUp},
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
    {"potential", kForecast}, {"consensus", kForecast}, {"forecasting", kForecast}, {"projecting", kForecast},
    {"targeted", kForecast}, {"guiding", kForecast}, {"anticipating", kForecast}, {"anticipate", kForecast},
    // clause boundaries
    {"while", kClause | kStop}, {"but", kClause | kStop}, {"despite", kClause | kStop},
    {"although", kClause | kStop}, {"though", kClause | kStop}, {"whereas", kClause | kStop},
    {"however", kClause | kStop},
    // comparisons with a yardstick ("topped the $2.05 consensus")
    {"beat", kComparator}, {"beats", kComparator}, {"beating", kComparator}, {"topped", kComparator},
    {"tops", kComparator}, {"missed", kComparator}, {"misses", kComparator}, {"exceeded", kComparator},
    {"exceeds", kComparator}, {"surpasses", kComparator}, {"above", kComparator}, {"below", kComparator},
    {"than", kComparator}, {"ahead", kComparator}, {"short", kComparator},
    {"topping", kComparator}, {"missing", kComparator}, {"surpassing", kComparator}, {"outpacing", kComparator},
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
    // parts looked up when a figure asks (Role)
    {"vehicles", 0, K::revenue, Role::count_noun}, {"vehicle", 0, K::revenue, Role::count_noun},
    {"cars", 0, K::revenue, Role::count_noun}, {"units", 0, K::revenue, Role::count_noun},
    {"aircraft", 0, K::revenue, Role::count_noun}, {"jets", 0, K::revenue, Role::count_noun},
    {"planes", 0, K::revenue, Role::count_noun}, {"airplanes", 0, K::revenue, Role::count_noun},
    {"trucks", 0, K::revenue, Role::count_noun}, {"evs", 0, K::revenue, Role::count_noun},
    {"devices", 0, K::revenue, Role::count_noun}, {"smartphones", 0, K::revenue, Role::count_noun},
    {"handsets", 0, K::revenue, Role::count_noun}, {"phones", 0, K::revenue, Role::count_noun},
    {"iphones", 0, K::revenue, Role::count_noun}, {"customers", 0, K::revenue, Role::count_noun},
    {"accounts", 0, K::revenue, Role::count_noun}, {"households", 0, K::revenue, Role::count_noun},
    {"jobs", 0, K::revenue, Role::job_noun}, {"positions", 0, K::revenue, Role::job_noun},
    {"roles", 0, K::revenue, Role::job_noun}, {"employees", 0, K::revenue, Role::job_noun},
    {"workers", 0, K::revenue, Role::job_noun}, {"staff", 0, K::revenue, Role::job_noun},
    {"people", 0, K::revenue, Role::job_noun}, {"workforce", 0, K::revenue, Role::job_noun},
    {"headcount", 0, K::revenue, Role::job_noun}, {"staffers", 0, K::revenue, Role::job_noun},
    {"cut", kDown, K::revenue, Role::cut_verb}, {"cuts", kDown, K::revenue, Role::cut_verb},
    {"cutting", kDown, K::revenue, Role::cut_verb}, {"eliminate", 0, K::revenue, Role::cut_verb},
    {"eliminates", 0, K::revenue, Role::cut_verb}, {"eliminating", 0, K::revenue, Role::cut_verb},
    {"eliminated", 0, K::revenue, Role::cut_verb}, {"slash", kDown, K::revenue, Role::cut_verb},
    {"slashing", kDown, K::revenue, Role::cut_verb}, {"slashed", kDown, K::revenue, Role::cut_verb},
    {"slashes", kDown, K::revenue, Role::cut_verb},
    {"shed", 0, K::revenue, Role::cut_verb}, {"shedding", 0, K::revenue, Role::cut_verb},
    {"axe", 0, K::revenue, Role::cut_verb}, {"axing", 0, K::revenue, Role::cut_verb},
    {"lay", 0, K::revenue, Role::cut_verb}, {"laid", 0, K::revenue, Role::cut_verb},
    {"trim", kDown, K::revenue, Role::cut_verb}, {"trimming", kDown, K::revenue, Role::cut_verb},
    {"reduce", 0, K::revenue, Role::cut_verb}, {"reducing", 0, K::revenue, Role::cut_verb},
    {"analyst", 0, K::revenue, Role::analyst}, {"analysts", 0, K::revenue, Role::analyst},
    {"rating", 0, K::revenue, Role::analyst}, {"overweight", 0, K::revenue, Role::analyst},
    {"underweight", 0, K::revenue, Role::analyst}, {"outperform", 0, K::revenue, Role::analyst},
    {"underperform", 0, K::revenue, Role::analyst}, {"initiated", 0, K::revenue, Role::analyst},
    {"initiates", 0, K::revenue, Role::analyst}, {"upgraded", 0, K::revenue, Role::analyst},
    {"downgraded", 0, K::revenue, Role::analyst}, {"upgrades", 0, K::revenue, Role::analyst},
    {"downgrades", 0, K::revenue, Role::analyst}, {"coverage", 0, K::revenue, Role::analyst},
    {"reaffirmed", 0, K::revenue, Role::reaffirm}, {"reaffirms", 0, K::revenue, Role::reaffirm},
    {"reaffirming", 0, K::revenue, Role::reaffirm}, {"reiterated", 0, K::revenue, Role::reaffirm},
    {"reiterates", 0, K::revenue, Role::reaffirm}, {"reiterating", 0, K::revenue, Role::reaffirm},
    {"maintained", 0, K::revenue, Role::reaffirm}, {"maintains", 0, K::revenue, Role::reaffirm},
    {"affirmed", 0, K::revenue, Role::reaffirm}, {"affirms", 0, K::revenue, Role::reaffirm},
    {"confirmed", 0, K::revenue, Role::reaffirm}, {"confirms", 0, K::revenue, Role::reaffirm},
    {"held", 0, K::revenue, Role::reaffirm}, {"kept", 0, K::revenue, Role::reaffirm},
    {"still", 0, K::revenue, Role::reaffirm},  // "still expects an operating margin of 4% to 5%"
    {"street", 0, K::revenue, Role::analyst}, {"analysts'", 0, K::revenue, Role::analyst},
    // a securities sale: its "orders" and "order book" are investors' demand for the securities
    {"bond", 0, K::revenue, Role::securities}, {"bonds", 0, K::revenue, Role::securities},
    {"notes", 0, K::revenue, Role::securities}, {"tranche", 0, K::revenue, Role::securities},
    {"tranches", 0, K::revenue, Role::securities}, {"debentures", 0, K::revenue, Role::securities},
    {"offering", 0, K::revenue, Role::securities}, {"ipo", 0, K::revenue, Role::securities},
    {"issuance", 0, K::revenue, Role::securities}, {"oversubscribed", 0, K::revenue, Role::securities},
    {"expected", 0, K::revenue, Role::yardstick}, {"estimated", 0, K::revenue, Role::yardstick},
    {"anticipated", 0, K::revenue, Role::yardstick}, {"predicted", 0, K::revenue, Role::yardstick},
    {"projected", 0, K::revenue, Role::yardstick}, {"forecast", 0, K::revenue, Role::yardstick},
    // investment pledges (metrics_pledges.cpp)
    {"invest", 0, K::revenue, Role::pledge}, {"invests", 0, K::revenue, Role::pledge},
    {"investing", 0, K::revenue, Role::pledge}, {"commit", 0, K::revenue, Role::pledge},
    {"commits", 0, K::revenue, Role::pledge}, {"committing", 0, K::revenue, Role::pledge},
    {"pledge", 0, K::revenue, Role::pledge}, {"pledges", 0, K::revenue, Role::pledge},
    {"pledged", 0, K::revenue, Role::pledge}, {"pledging", 0, K::revenue, Role::pledge},
    {"earmark", 0, K::revenue, Role::pledge}, {"earmarks", 0, K::revenue, Role::pledge},
    {"earmarked", 0, K::revenue, Role::pledge}, {"earmarking", 0, K::revenue, Role::pledge},
    {"pour", 0, K::revenue, Role::pledge}, {"pours", 0, K::revenue, Role::pledge},
    {"pouring", 0, K::revenue, Role::pledge}, {"spend", 0, K::revenue, Role::pledge},
    {"spends", 0, K::revenue, Role::pledge}, {"spending", 0, K::revenue, Role::pledge},
    {"invested", 0, K::revenue, Role::spent}, {"spent", 0, K::revenue, Role::spent},
    {"poured", 0, K::revenue, Role::spent}, {"cost", 0, K::revenue, Role::spent},
    {"costing", 0, K::revenue, Role::spent}, {"costs", 0, K::revenue, Role::spent},
    {"investment", 0, K::revenue, Role::investment}, {"investments", 0, K::revenue, Role::investment},
    {"plant", 0, K::revenue, Role::facility}, {"plants", 0, K::revenue, Role::facility},
    {"factory", 0, K::revenue, Role::facility}, {"factories", 0, K::revenue, Role::facility},
    {"facility", 0, K::revenue, Role::facility}, {"facilities", 0, K::revenue, Role::facility},
    {"fab", 0, K::revenue, Role::facility}, {"fabs", 0, K::revenue, Role::facility},
    {"campus", 0, K::revenue, Role::facility}, {"hub", 0, K::revenue, Role::facility},
    {"site", 0, K::revenue, Role::facility}, {"mill", 0, K::revenue, Role::facility},
    {"refinery", 0, K::revenue, Role::facility}, {"center", 0, K::revenue, Role::facility},
    {"centers", 0, K::revenue, Role::facility}, {"centre", 0, K::revenue, Role::facility},
    {"centres", 0, K::revenue, Role::facility}, {"gigafactory", 0, K::revenue, Role::facility},
    {"terminal", 0, K::revenue, Role::facility}, {"mine", 0, K::revenue, Role::facility},
    {"a", 0, K::revenue, Role::filler}, {"an", 0, K::revenue, Role::filler}, {"the", 0, K::revenue, Role::filler},
    {"additional", 0, K::revenue, Role::filler}, {"further", 0, K::revenue, Role::filler},
    {"another", 0, K::revenue, Role::filler}, {"extra", 0, K::revenue, Role::filler},
    {"about", 0, K::revenue, Role::filler}, {"around", 0, K::revenue, Role::filler},
    {"roughly", 0, K::revenue, Role::filler}, {"nearly", 0, K::revenue, Role::filler},
    {"almost", 0, K::revenue, Role::filler}, {"approximately", 0, K::revenue, Role::filler},
    {"some", 0, K::revenue, Role::filler}, {"over", 0, K::revenue, Role::filler},
    {"more", 0, K::revenue, Role::filler}, {"than", 0, K::revenue, Role::filler},
    {"up", 0, K::revenue, Role::filler}, {"to", 0, K::revenue, Role::filler}, {"at", 0, K::revenue, Role::filler},
    {"least", 0, K::revenue, Role::filler}, {"as", 0, K::revenue, Role::filler},
    {"much", 0, K::revenue, Role::filler}, {"total", 0, K::revenue, Role::filler},
    {"of", 0, K::revenue, Role::filler}, {"its", 0, K::revenue, Role::filler}, {"new", 0, K::revenue, Role::filler},
    {"fresh", 0, K::revenue, Role::filler}, {"there", 0, K::revenue, Role::filler},
    // products and units that own metrics
    {"chips", kProduct}, {"chip", kProduct}, {"silicon", kProduct}, {"processors", kProduct},
    {"accelerators", kProduct}, {"semiconductors", kProduct}, {"gpus", kProduct}, {"cpus", kProduct},
    {"business", kUnitNoun}, {"businesses", kUnitNoun}, {"segment", kUnitNoun}, {"unit", kUnitNoun},
    {"division", kUnitNoun}, {"segment's", kUnitNoun},
};

// The kind catalogue's words as table entries and phrases, derived at compile time: a single word
// is a kind word (kKind, kLoss for a loss word, kForecast for a forecast kind), a phrase's first
// word gets kPhrase. kNotMetrics' words are kind words of the kind kNotMetric.
struct Source {
    std::string_view words;
    MetricKind kind;
    bool loss;
    bool forecast;
};

constexpr std::array<Source, 2 * std::size(kinds::kRows) + 1> kSources = [] {
    std::array<Source, 2 * std::size(kinds::kRows) + 1> out{};
    size_t n = 0;
    for (const kinds::Row& r : kinds::kRows) {
        out[n++] = {r.words, r.kind, false, r.forecast};
        out[n++] = {r.loss_words, r.kind, true, r.forecast};
    }
    out[n] = {kinds::kNotMetrics, kNotMetric, false, false};
    return out;
}();

constexpr bool is_phrase(std::string_view p) { return p.find(' ') != std::string_view::npos; }

constexpr size_t count_of(bool phrases) {
    size_t n = 0;
    for (const Source& src : kSources) kinds::each_phrase(src.words, [&](std::string_view p) { n += is_phrase(p) == phrases; });
    return n;
}

// One entry per single kind word and one per phrase (its first word).
constexpr auto kKindEntries = [] {
    std::array<Entry, count_of(false) + count_of(true)> out{};
    size_t n = 0;
    for (const Source& src : kSources)
        kinds::each_phrase(src.words, [&](std::string_view p) {
            if (is_phrase(p))
                out[n++] = {p.substr(0, p.find(' ')), kPhrase, K::revenue};
            else
                out[n++] = {p, kKind | (src.loss ? kLoss : 0u) | (src.forecast ? kForecast : 0u), src.kind};
        });
    return out;
}();

constexpr auto kPhrases = [] {
    std::array<Phrase, count_of(true)> out{};
    size_t n = 0;
    for (const Source& src : kSources)
        kinds::each_phrase(src.words, [&](std::string_view p) {
            if (!is_phrase(p)) return;
            Phrase& ph = out[n++];
            ph.kind = src.kind;
            ph.loss = src.loss;
            ph.n = 0;
            for (size_t b = 0; b <= p.size();) {
                size_t e = p.find(' ', b);
                if (e == std::string_view::npos) e = p.size();
                const std::string_view w = p.substr(b, e - b);
                ph.key_a[ph.n] = ph.key_b[ph.n] = 0;
                if (w.size() <= 16)
                    for (size_t i = 0; i < w.size(); ++i)
                        (i < 8 ? ph.key_a[ph.n] : ph.key_b[ph.n]) |= uint64_t{static_cast<unsigned char>(w[i])} << (8 * (i % 8));
                ph.words[ph.n++] = w;
                b = e + 1;
            }
        });
    return out;
}();

constexpr bool phrases_fit() {
    for (const Source& src : kSources) {
        bool ok = true;
        kinds::each_phrase(src.words, [&](std::string_view p) {
            size_t words = 1;
            for (char c : p) words += c == ' ';
            ok = ok && !p.empty() && words <= std::size(Phrase{}.words);
        });
        if (!ok) return false;
    }
    return true;
}
static_assert(phrases_fit(), "a kind phrase has at most 5 words and none is empty");

// Every entry: the fixed words above, then the catalogue's.
template <class F>
void each_entry(F f) {
    for (const auto& e : kEntries) f(e);
    for (const auto& e : kKindEntries) f(e);
}

// ASCII lower-case copy into a fixed buffer; longer words are not in the tables.
bool lower_into(std::string_view w, char* buf, size_t cap, std::string_view& out) {
    if (w.size() > cap) return false;
    for (size_t i = 0; i < w.size(); ++i) buf[i] = num::lower(w[i]);
    out = {buf, w.size()};
    return true;
}

// The words of the Cue bits.
struct CueWord {
    std::string_view word;
    uint32_t cues;
};

constexpr CueWord kCueWords[] = {
    {"and", kCueAnd}, {"or", kCueOr}, {"with", kCueWith}, {"compared", kCueCompared | kCueComparison},
    {"from", kCueComparison}, {"versus", kCueComparison}, {"vs", kCueComparison}, {"over", kCueComparison | kCueOverOn},
    {"on", kCueOverOn}, {"prior-year", kCueYearAgo}, {"year-ago", kCueYearAgo}, {"year-earlier", kCueYearAgo},
    {"previous-year", kCueYearAgo}, {"prior-quarter", kCueQuarterAgo}, {"previous-quarter", kCueQuarterAgo},
    {"annualized", kCueAnnualized}, {"annualised", kCueAnnualized}, {"year", kCueYear}, {"quarter", kCueQuarter},
    {"last", kCueBefore}, {"previous", kCueBefore}, {"prior", kCueBefore}, {"earlier", kCueEarlier},
    {"ago", kCueAgo}, {"same", kCueSame}, {"period", kCuePeriod},
    {"respectively", kCueRespectively}, {"to", kCueTo}, {"of", kCueOf}, {"about", kCueAbout}, {"around", kCueAbout},
    {"roughly", kCueAbout}, {"approximately", kCueAbout}, {"nearly", kCueAbout}, {"almost", kCueAbout},
};

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
        each_entry([this](const Entry& e) {
            size_t i = hash_of(e.word) & (kSlots - 1);
            while (!slots[i].word.empty() && slots[i].word != e.word) i = (i + 1) & (kSlots - 1);
            if (slots[i].word.empty()) {
                slots[i] = e;
            } else {  // a word listed in two groups keeps every flag
                slots[i].flags |= e.flags;
                if (e.flags & kKind) slots[i].kind = e.kind;
                if (e.role != Role::none) slots[i].role = e.role;
            }
        });
    }
};

const Table& table() {
    static const Table t;
    return t;
}

// The words of up to 16 bytes by their folded key (the tokenizer's WordKey), for the per-token
// probe: 1,024 slots for about 470 words, so a word that is not listed (most) usually ends on the
// first slot. The key pair alone identifies the word (words hold no zero byte).
struct KeyTable {
    struct Slot {
        uint64_t a = 0, b = 0;
        WordInfo info;
        bool period_start = false;  // one of periods::kStartWords
        uint32_t cues = 0;          // Cue bits
    };
    static constexpr size_t kN = 1024;
    std::array<Slot, kN> slots{};
    static size_t index(uint64_t a, uint64_t b) {
        return static_cast<size_t>(((a * 0x9E3779B97F4A7C15ull) ^ (b * 0xC2B2AE3D27D4EB4Full)) >> 54);
    }
    KeyTable() {
        static_assert(kN == size_t{1} << (64 - 54));
        each_entry([this](const Entry& e) {
            Slot* s = insert(e.word);
            if (!s) return;  // longer words: only keyless tokens, which take the text path
            s->info.flags |= e.flags;  // a word listed in two groups keeps every flag
            if (e.flags & kKind) s->info.kind = e.kind;
            if (e.role != Role::none) s->info.role = e.role;
        });
        for (std::string_view w : periods::kStartWords) insert(w)->period_start = true;
        for (const CueWord& c : kCueWords) insert(c.word)->cues |= c.cues;
        segments::each_joint_word([](std::string_view w, void* self) {
            static_cast<KeyTable*>(self)->insert(w)->cues |= kCueJoint;
        }, this);
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

// kPhrases grouped by the first letter and the length of their first word, built at compile
// time. The longest matching phrase wins and two phrases never match the same tokens with the same
// length, so the order inside the table does not matter and a lookup needs only its group: a
// token compares with the few phrases whose first word can equal it ("revenue" with "revenue
// guidance" and "revenue backlog", not with "run rate" or "retail sales").
constexpr size_t kPhraseLetters = 27;
constexpr size_t kPhraseLengths = 17;  // first words of 16 bytes and more share the last group
constexpr size_t kPhraseGroups = kPhraseLetters * kPhraseLengths;
constexpr size_t group_of(char c, size_t len) {
    const size_t letter = c >= 'a' && c <= 'z' ? static_cast<size_t>(c - 'a') : 26;
    return letter * kPhraseLengths + (len < kPhraseLengths ? len : kPhraseLengths - 1);
}
constexpr size_t group_of(std::string_view w) { return group_of(w.empty() ? '\0' : num::lower(w[0]), w.size()); }

struct PhraseIndex {
    std::array<Phrase, std::size(kPhrases)> sorted{};
    std::array<uint8_t, kPhraseGroups + 1> start{};
};

constexpr PhraseIndex build_phrase_index() {
    PhraseIndex ix;
    std::array<uint8_t, kPhraseGroups + 1> count{};
    for (const auto& p : kPhrases) ++count[group_of(p.words[0]) + 1];
    for (size_t g = 1; g <= kPhraseGroups; ++g) count[g] = static_cast<uint8_t>(count[g] + count[g - 1]);
    ix.start = count;
    for (const auto& p : kPhrases) ix.sorted[count[group_of(p.words[0])]++] = p;
    return ix;
}

constexpr PhraseIndex kPhraseIndex = build_phrase_index();
static_assert(std::size(kPhrases) < 256);

}  // namespace

// second_word_may_start's bytes: the first byte of each phrase's second word, and its upper case.
constexpr auto kSecondStarts = [] {
    std::array<bool, 256> out{};
    for (const Phrase& p : kPhrases) {
        if (p.n < 2 || p.words[1].empty()) throw "every phrase has a second word";
        const char c = p.words[1][0];
        out[static_cast<unsigned char>(c)] = true;
        if (c >= 'a' && c <= 'z') out[static_cast<unsigned char>(c - 'a' + 'A')] = true;
    }
    return out;
}();

bool second_word_may_start(char c) { return kSecondStarts[static_cast<unsigned char>(c)]; }

const Phrase* phrases_starting(std::string_view first, size_t& count) {
    const size_t g = group_of(first);
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
        if (t.slots[i].word == w) return {t.slots[i].flags, t.slots[i].kind, t.slots[i].role};
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

uint32_t word_flags(const Document& doc, uint32_t b, uint32_t e, uint32_t* out, TokenWord* words) {
    const KeyTable& kt = key_table();
    const Token* toks = doc.tokens.data();
    const WordKey* keys = doc.keys.data();
    uint32_t any = 0;
    for (uint32_t t = b; t < e; ++t) {
        uint32_t f = 0;
        TokenWord w;
        if (toks[t].kind == TokenKind::word) {
            if (keys[t].a == 0) {  // no key (long or non-ASCII word): text path, no cue word
                const std::string_view text = doc.text(toks[t]);
                const WordInfo wi = lookup(text);
                f = wi.flags | (periods::may_start_text(text) ? uint32_t{kPeriodStart} : 0u);
                w.kind = wi.kind;
                w.role = static_cast<uint8_t>(wi.role);
            } else {
                const KeyTable::Slot* s = kt.find(keys[t]);
                if (s) {
                    f = s->info.flags;
                    w.kind = s->info.kind;
                    w.role = static_cast<uint8_t>(s->info.role);
                    w.cues = s->cues;
                }
                if ((s && s->period_start) || periods::may_start_key(keys[t])) f |= kPeriodStart;
            }
        }
        out[t - b] = f;
        words[t - b] = w;
        any |= w.cues;
    }
    return any;
}

WordInfo lookup_token(const Document& doc, uint32_t token) {
    const WordKey& k = doc.keys[token];
    // No key (long or non-ASCII word): the text path keeps its exact-bytes matching.
    if (k.a == 0) return lookup(doc.text(doc.tokens[token]));
    const KeyTable::Slot* s = key_table().find(k);
    return s ? s->info : WordInfo{};
}

}  // namespace herald::analysis::words
