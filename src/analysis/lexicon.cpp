// Lexicon file parsing: "[section]" headers, then "term | term ... = value" lines.
// Start-up only: throws std::runtime_error("FILE:LINE: message") on a bad line.
#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "lexicon_impl.hpp"
#include "table_loading.hpp"

namespace herald::data {
extern const std::string_view lexicon_finance;
extern const std::string_view lexicon_learned;
}

namespace herald::analysis {

namespace {

enum class Section {
    none, valence, negator, intensifier, hedge, contrast, measure, direction, comparator, expectation, period, prior, award, business, move, state, inverter, quality, position, payment, object, restraint
};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

bool section_of(std::string_view name, Section& out) {
    static constexpr std::pair<std::string_view, Section> kSections[] = {
        {"valence", Section::valence},         {"negator", Section::negator},     {"intensifier", Section::intensifier},
        {"downtoner", Section::intensifier},   {"hedge", Section::hedge},         {"contrast", Section::contrast},
        {"measure", Section::measure},         {"direction", Section::direction}, {"comparator", Section::comparator},
        {"expectation", Section::expectation}, {"prior", Section::prior},          {"award", Section::award},
        {"business", Section::business},       {"move", Section::move},           {"state", Section::state},
        {"inverter", Section::inverter},       {"quality", Section::quality},     {"position", Section::position},
        {"payment", Section::payment},         {"object", Section::object},       {"period", Section::period},
        {"restraint", Section::restraint}};
    for (auto& [n, s] : kSections)
        if (n == name) {
            out = s;
            return true;
        }
    return false;
}

bool parse_float(std::string_view s, float& out) {
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

[[noreturn]] void fail(std::string_view file, size_t line, const std::string& msg) {
    throw std::runtime_error(std::string(file) + ":" + std::to_string(line) + ": " + msg);
}

// Reads "= v1 v2" fields into the roles of one section.
void apply(Section sec, const std::vector<std::string_view>& vals, TermRoles& r, std::string_view file, size_t line) {
    auto need_number = [&](size_t i, float lo, float hi, const char* what) {
        float v = 0;
        if (i >= vals.size() || !parse_float(vals[i], v) || v < lo || v > hi)
            fail(file, line,
                 std::string("expected ") + what + " between " + std::to_string(lo).substr(0, 5) + " and " +
                     std::to_string(hi).substr(0, 5) + " after '='");
        return v;
    };
    switch (sec) {
        case Section::valence:
            r.valence = need_number(0, -1.0f, 1.0f, "a valence");
            r.has_valence = true;
            break;
        case Section::negator: r.negator = true; break;
        case Section::intensifier: r.intensity = need_number(0, 0.0f, 3.0f, "a multiplier"); break;
        case Section::hedge: r.hedge = need_number(0, 0.0f, 1.0f, "a multiplier"); break;
        case Section::contrast:
            if (vals.size() == 1 && vals[0] == "before") r.contrast = 1;
            else if (vals.size() == 1 && vals[0] == "clause") r.contrast = 2;
            else if (vals.size() == 1 && vals[0] == "boundary") r.contrast = 3;
            else
                fail(file, line,
                     "contrast terms take '= before' (but, however), '= clause' (although, despite) or '= boundary' (as, because)");
            break;
        case Section::measure:
            if (vals.empty() || (vals[0] != "good" && vals[0] != "bad" && vals[0] != "neutral"))
                fail(file, line, "measure terms take '= good', '= bad' or '= neutral', then optional base valence and importance");
            r.measure = vals[0] == "good" ? 1 : vals[0] == "bad" ? -1 : 0;
            r.neutral_measure = vals[0] == "neutral";
            r.measure_base = vals.size() > 1 ? need_number(1, -1.0f, 1.0f, "a base valence") : 0.0f;
            r.importance = vals.size() > 2 ? need_number(2, 0.0f, 3.0f, "an importance") : 1.0f;
            break;
        case Section::direction:
            if (vals.empty() || (vals[0] != "up" && vals[0] != "down"))
                fail(file, line, "direction terms take '= up' or '= down', then an optional strength");
            r.direction = vals[0] == "up" ? 1 : -1;
            r.strength = vals.size() > 1 ? need_number(1, 0.0f, 3.0f, "a strength") : 1.0f;
            break;
        case Section::comparator:
            // "more" and "less" compare amounts: with an earlier period only ("7 % more passengers than a year
            // before"); against expectations their side is the move's ("fell more than expected").
            if (vals.size() != 1 || (vals[0] != "better" && vals[0] != "worse" && vals[0] != "more" && vals[0] != "less"))
                fail(file, line, "comparator terms take '= better', '= worse', '= more' or '= less'");
            r.comparator = static_cast<int8_t>((vals[0] == "better" || vals[0] == "more" ? 1 : -1) *
                                               (vals[0] == "more" || vals[0] == "less" ? 2 : 1));
            break;
        case Section::expectation: r.expectation = true; break;
        case Section::period: r.period = true; break;
        case Section::prior: r.prior_marker = true; break;
        case Section::award: r.deal = 1; break;
        case Section::business: r.deal = 2; break;
        case Section::move: r.move = true; break;
        case Section::quality: r.quality = true; break;
        case Section::inverter: r.inverts = true; break;
        case Section::position:
            r.valence = need_number(0, -1.0f, 1.0f, "a valence");
            r.has_valence = true;
            r.position = true;
            break;
        case Section::state:
            if (vals.size() != 1 || (vals[0] != "new" && vals[0] != "prior" && vals[0] != "agent"))
                fail(file, line, "state terms take '= new' (to, into), '= prior' (from) or '= agent' (by)");
            r.state = vals[0] == "new" ? 1 : vals[0] == "prior" ? 2 : 3;
            break;
        case Section::object: r.object = true; break;
        case Section::restraint:
            if (vals.size() != 1 || (vals[0] != "restriction" && vals[0] != "lifts"))
                fail(file, line, "restraint terms take '= restriction' (curbs, sanctions) or '= lifts' (lift, lifted)");
            r.restraint = vals[0] == "restriction" ? 1 : 2;
            break;
        case Section::payment:
            if (vals.size() != 1 || (vals[0] != "payer" && vals[0] != "settles"))
                fail(file, line, "payment terms take '= payer' (pay, paid) or '= settles' (settle, resolve)");
            r.payment = vals[0] == "payer" ? 1 : 2;
            break;
        case Section::none: break;
    }
}

// Later files override earlier ones field by field.
void merge(TermRoles& into, Section sec, const TermRoles& from) {
    switch (sec) {
        case Section::valence: into.valence = from.valence; into.has_valence = true; break;
        case Section::negator: into.negator = true; break;
        case Section::intensifier: into.intensity = from.intensity; break;
        case Section::hedge: into.hedge = from.hedge; break;
        case Section::contrast: into.contrast = from.contrast; break;
        case Section::measure:
            into.measure = from.measure;
            into.neutral_measure = from.neutral_measure;
            into.measure_base = from.measure_base;
            into.importance = from.importance;
            break;
        case Section::direction: into.direction = from.direction; into.strength = from.strength; break;
        case Section::comparator: into.comparator = from.comparator; break;
        case Section::expectation: into.expectation = true; break;
        case Section::period: into.period = true; break;
        case Section::prior: into.prior_marker = true; break;
        case Section::award:
        case Section::business: into.deal = from.deal; break;
        case Section::move: into.move = true; break;
        case Section::quality: into.quality = true; break;
        case Section::inverter: into.inverts = true; break;
        case Section::position:
            into.valence = from.valence;
            into.has_valence = true;
            into.position = true;
            break;
        case Section::state: into.state = from.state; break;
        case Section::payment: into.payment = from.payment; break;
        case Section::object: into.object = true; break;
        case Section::restraint: into.restraint = from.restraint; break;
        case Section::none: break;
    }
}

// The values after '=' ("0.8 up"), split at blanks.
void split_values(std::string_view v, std::vector<std::string_view>& vals) {
    vals.clear();
    while (!v.empty()) {
        size_t sp = v.find_first_of(" \t");
        vals.push_back(v.substr(0, sp));
        v = sp == std::string_view::npos ? std::string_view{} : trim(v.substr(sp));
    }
}

}  // namespace

void Lexicon::Impl::parse(std::string_view text, std::string_view file) {
    Section sec = Section::none;
    std::vector<std::string_view> vals, term_words;
    std::vector<uint32_t> ids;
    detail::for_each_line(text, [&](std::string_view line, size_t line_no) {
        if (size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
        line = trim(line);
        if (line.empty()) return;
        if (line.front() == '[') {
            if (line.back() != ']' || !section_of(trim(line.substr(1, line.size() - 2)), sec))
                fail(file, line_no,
                     "unknown section " + std::string(line) +
                         "; use [valence] [negator] [intensifier] [downtoner] [hedge] [contrast] [measure] "
                         "[direction] [comparator] [expectation] [period] [prior] [award] [business] [move] [state] [inverter] [quality] [position] [payment] [object] [restraint]");
            return;
        }
        if (sec == Section::none) fail(file, line_no, "term before any [section] header");
        size_t eq = line.find('=');
        std::string_view terms = trim(line.substr(0, eq == std::string_view::npos ? line.size() : eq));
        split_values(eq != std::string_view::npos ? trim(line.substr(eq + 1)) : std::string_view{}, vals);
        TermRoles roles;
        apply(sec, vals, roles, file, line_no);
        while (!terms.empty()) {
            size_t bar = terms.find('|');
            std::string_view term = trim(terms.substr(0, bar));
            terms = bar == std::string_view::npos ? std::string_view{} : terms.substr(bar + 1);
            if (term.empty()) fail(file, line_no, "empty term between '|'");
            detail::split_term(term, term_words);
            ids.clear();
            for (auto w : term_words) {
                uint32_t id = words.intern(w);
                if (id == detail::kNoWord) fail(file, line_no, "word too long: " + std::string(w));
                ids.push_back(id);
            }
            if (ids.size() > 255) fail(file, line_no, "term has too many words");
            if (word_roles.size() < words.size()) word_roles.resize(words.size());
            if (starting.size() < words.size()) starting.resize(words.size());
            if (ids.size() == 1) {
                merge(word_roles[ids[0]], sec, roles);
                continue;
            }
            merge(phrase_of(ids).roles, sec, roles);
        }
    });
    index();
}

LexPhrase& Lexicon::Impl::phrase_of(const std::vector<uint32_t>& ids) {
    // An existing phrase with the same words is overridden, else a new one is added.
    for (uint32_t p : starting[ids[0]]) {
        LexPhrase& ph = phrases[p];
        if (ph.length == ids.size() && std::equal(ids.begin(), ids.end(), phrase_words.begin() + ph.words_begin))
            return ph;
    }
    LexPhrase ph;
    ph.words_begin = static_cast<uint32_t>(phrase_words.size());
    ph.length = static_cast<uint8_t>(ids.size());
    phrase_words.insert(phrase_words.end(), ids.begin(), ids.end());
    phrases.push_back(ph);
    auto& list = starting[ids[0]];
    list.push_back(static_cast<uint32_t>(phrases.size() - 1));
    std::stable_sort(list.begin(), list.end(), [&](uint32_t a, uint32_t b) { return phrases[a].length > phrases[b].length; });
    return phrases.back();
}

void Lexicon::Impl::index() {
    word_roles.resize(words.size());
    starting.resize(words.size());
    word_active.assign(words.size() + 1, 0);
    word_term.assign(words.size(), 0);
    visit_alone.assign(words.size() + 1, 1);
    for (uint32_t id = 0; id < words.size(); ++id) {
        word_term[id] = word_roles[id].any();
        word_active[id + 1] = word_term[id] || !starting[id].empty();
        visit_alone[id + 1] = word_term[id];
    }
    phrase_heads.clear();
    heads_begin.assign(words.size() + 1, 0);
    for (uint32_t id = 0; id < words.size(); ++id) {
        heads_begin[id] = static_cast<uint32_t>(phrase_heads.size());
        for (uint32_t p : starting[id]) phrase_heads.push_back({p, phrase_words[phrases[p].words_begin + 1]});
        // By second word, so a lookup stops once past it ("a" and "from" start a dozen phrases
        // each); stable: among phrases with the same two first words the longest stays first.
        std::stable_sort(phrase_heads.begin() + heads_begin[id], phrase_heads.end(),
                         [](const Head& a, const Head& b) { return a.second < b.second; });
    }
    heads_begin[words.size()] = static_cast<uint32_t>(phrase_heads.size());
    std::fill(phrase_pairs.begin(), phrase_pairs.end(), 0);
    for (uint32_t id = 0; id < words.size(); ++id)
        for (uint32_t h = heads_begin[id]; h < heads_begin[id + 1]; ++h) {
            const uint32_t b = pair_bit(id, phrase_heads[h].second);
            phrase_pairs[b >> 6] |= uint64_t{1} << (b & 63);
        }
}

// Every lexicon carries the compiled-in learned layer; rules_only() copies one and turns it off.
Lexicon::Lexicon(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {
    if (impl_->use_learned && impl_->learned.empty())
        impl_->learned.parse(herald::data::lexicon_learned, "data/lexicon/learned.tsv");
}
Lexicon::~Lexicon() = default;
size_t Lexicon::term_count() const {
    size_t n = impl_->phrases.size();
    for (const auto& r : impl_->word_roles) n += r.any();
    return n;
}

size_t Lexicon::learned_feature_count() const { return impl_->use_learned ? impl_->learned.feature_count() : 0; }

std::shared_ptr<const Lexicon> Lexicon::builtin() {
    // Parsed once per process; every scorer shares it.
    static const std::shared_ptr<const Lexicon> kBuiltin =
        detail::build_table<Lexicon>(herald::data::lexicon_finance, "data/lexicon/finance.lex", nullptr, "lexicon");
    return kBuiltin;
}

std::shared_ptr<const Lexicon> Lexicon::rules_only() { return rules_only(*builtin()); }

std::shared_ptr<const Lexicon> Lexicon::rules_only(const Lexicon& base) {
    auto impl = std::make_unique<Impl>(base.impl());
    impl->use_learned = false;
    impl->learned = LearnedModel();
    return std::make_shared<const Lexicon>(std::move(impl));
}

std::shared_ptr<const Lexicon> Lexicon::with_learned(const Lexicon& base, std::string_view weights, std::string_view file) {
    auto impl = std::make_unique<Impl>(base.impl());
    impl->use_learned = true;
    impl->learned = LearnedModel();
    impl->learned.parse(weights, file);
    return std::make_shared<const Lexicon>(std::move(impl));
}

std::shared_ptr<const Lexicon> Lexicon::load(const std::string& extension_file) {
    return detail::build_table<Lexicon>(herald::data::lexicon_finance, "data/lexicon/finance.lex", &extension_file,
                                        "lexicon");
}

}  // namespace herald::analysis
