// Alias table parsing. One company per line, tab-separated:
//   TICKER <TAB> Canonical name <TAB> alias | alias ... <TAB> segment | product ...
// and reference phrases carried to the last named company:
//   @reference <TAB> the company | it | its
// Start-up only: throws std::runtime_error("FILE:LINE: message") on a bad line.
#include <algorithm>
#include <stdexcept>

#include "aliases_impl.hpp"
#include "quantities_units.hpp"
#include "table_loading.hpp"

namespace herald::data {
extern const std::string_view aliases_companies;
}

namespace herald::analysis {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

[[noreturn]] void fail(std::string_view file, size_t line, const std::string& msg) {
    throw std::runtime_error(std::string(file) + ":" + std::to_string(line) + ": " + msg);
}

template <class F>
void for_each_alt(std::string_view list, F&& f) {
    while (!list.empty()) {
        size_t bar = list.find('|');
        std::string_view a = trim(list.substr(0, bar));
        list = bar == std::string_view::npos ? std::string_view{} : list.substr(bar + 1);
        if (!a.empty()) f(a);
    }
}

bool all_caps(std::string_view w) {
    bool letter = false;
    for (char c : w) {
        if (c >= 'a' && c <= 'z') return false;
        if (c >= 'A' && c <= 'Z') letter = true;
    }
    return letter;
}

// Tickers of one or two letters ("A", "GE") or spelling common words ("NOW", "ALL") would match
// ordinary text; only the others also count as aliases of their company.
bool ticker_is_safe_alias(std::string_view t) {
    static constexpr std::string_view kWords[] = {"ALL", "NOW", "CAT", "LOW", "KEY", "ARE", "HAS", "CAN", "FOR",
                                                  "AND", "THE", "ONE", "BIG", "ICE", "CEO", "USA", "NEW", "ANY",
                                                  "RACE",
                                                  // Tickers added with the 2026-12 companies: words, acronyms
                                                  // ("LNG", "CVE", "ASX", "ETR"), other companies' names
                                                  // (EQT AB, "SWK Holdings") or a segment ("DGX": Nvidia's).
                                                  "WELL", "TAP", "APP", "GAP", "DASH", "PINS", "SNAP", "WOLF",
                                                  "LITE", "ALLY", "OWL", "PEG", "TEL", "PSA", "LNG", "FANG",
                                                  "PATH", "COR", "HOG", "AXON", "MLM", "TXT", "GIS", "SIRI",
                                                  "SAN", "BUD", "BCE", "IMO", "DGX", "BAM", "WPM", "CVE",
                                                  "ASX", "MFG", "WIT", "EQT", "VMC", "RCI", "SWK", "ETR",
                                                  // words of wire flashes ("*UBS 3Q NET PROFIT $2.5B")
                                                  "NET", "MET"};
    if (t.size() < 3) return false;
    for (auto w : kWords)
        if (w == t) return false;
    return true;
}

}  // namespace

uint32_t AliasTable::Impl::company_by_ticker(std::string_view ticker) const {
    for (uint32_t i = 0; i < companies.size(); ++i)
        if (companies[i].ticker == ticker) return i;
    return UINT32_MAX;
}

namespace {

// One parse of an alias file into the table: the scratch for interning an alias's words and the
// line being read (for errors).
struct AliasParser {
    AliasTable::Impl& t;
    std::string_view file;
    size_t line_no = 0;
    std::vector<std::string_view> toks;
    std::vector<uint32_t> ids;

    void intern_all(std::string_view term) {
        detail::split_term(term, toks);
        ids.clear();
        for (auto w : toks) {
            uint32_t id = t.words.intern(w);
            if (id == detail::kNoWord) fail(file, line_no, "word too long: " + std::string(w));
            ids.push_back(id);
        }
        if (ids.empty() || ids.size() > 255) fail(file, line_no, "alias must have 1 to 255 words");
        if (t.starting.size() < t.words.size()) t.starting.resize(t.words.size());
    }

    // How the text must write the alias to match it (docs/sentiment.md, "Entities").
    void set_case(AliasEntry& en, std::string_view first, std::string_view alias, bool guarded) {
        en.first = first;
        en.exact_case = all_caps(first) && first.size() <= 5;
        en.needs_capital = !first.empty() && first[0] >= 'A' && first[0] <= 'Z';
        en.guarded = guarded;
        en.digit_lead = alias[0] >= '0' && alias[0] <= '9';
        Unit currency{};
        en.currency_code = en.exact_case && units::iso_code(alias, currency);
        en.written = t.keep(alias);
        t.digit_names |= en.digit_lead;
    }

    void add_alias(std::string_view alias, uint32_t company, bool segment) {
        // "?Target": a common word that names the company only in context (alias_context.cpp).
        const bool guarded = alias.size() > 1 && alias.front() == '?';
        if (guarded) alias.remove_prefix(1);
        intern_all(alias);
        std::string_view first = t.keep(toks[0]);
        auto& list = t.starting[ids[0]];
        // The same words already known: the later line wins (extension files re-map aliases).
        for (uint32_t e : list) {
            AliasEntry& en = t.entries[e];
            if (en.length == ids.size() && std::equal(ids.begin(), ids.end(), t.entry_words.begin() + en.words_begin)) {
                en.company = company;
                en.segment = segment;
                en.entity = segment ? t.keep(alias) : t.companies[company].name;
                // A later "?Dow" after the ticker "DOW": the common word's rules from now on.
                if (guarded) set_case(en, first, alias, guarded);
                // A form written in lower case ("thyssenkrupp" after "Thyssenkrupp") matches lower-case text too.
                if (!first.empty() && first[0] >= 'a' && first[0] <= 'z') en.needs_capital = false;
                return;
            }
        }
        AliasEntry en;
        en.words_begin = static_cast<uint32_t>(t.entry_words.size());
        en.length = static_cast<uint8_t>(ids.size());
        t.entry_words.insert(t.entry_words.end(), ids.begin(), ids.end());
        en.company = company;
        en.segment = segment;
        en.entity = segment ? t.keep(alias) : t.companies[company].name;
        set_case(en, first, alias, guarded);
        t.entries.push_back(en);
        list.push_back(static_cast<uint32_t>(t.entries.size() - 1));
        std::stable_sort(list.begin(), list.end(),
                         [&](uint32_t a, uint32_t b) { return t.entries[a].length > t.entries[b].length; });
    }

    // "@reference <TAB> the company | it | its".
    void add_references(const std::vector<std::string_view>& cols) {
        if (cols.size() < 2) fail(file, line_no, "@reference needs a tab, then phrases separated by '|'");
        for_each_alt(cols[1], [&](std::string_view ref) {
            intern_all(ref);
            t.references.push_back(ids);
        });
    }

    // "TICKER <TAB> Canonical name <TAB> aliases <TAB> segments".
    void add_company(const std::vector<std::string_view>& cols) {
        if (cols.size() < 2 || cols[0].empty() || cols[1].empty())
            fail(file, line_no, "expected TICKER<TAB>Company name<TAB>aliases|...<TAB>segments|... (tab-separated)");
        if (cols.size() > 4) fail(file, line_no, "too many tab-separated columns (at most 4)");
        uint32_t company = t.company_by_ticker(cols[0]);
        if (company == UINT32_MAX) {
            t.companies.push_back({t.keep(cols[1]), t.keep(cols[0])});
            company = static_cast<uint32_t>(t.companies.size() - 1);
        } else {
            t.companies[company].name = t.keep(cols[1]);
        }
        add_alias(cols[1], company, false);
        if (ticker_is_safe_alias(cols[0])) add_alias(cols[0], company, false);  // "AMZN", "$AMZN"
        else if (all_caps(cols[0])) {
            bool known = false;
            for (auto& c : t.cashtags)
                if (c.ticker == cols[0]) known = (c.company = company, true);
            if (!known) t.cashtags.push_back({t.keep(cols[0]), company});
        }
        if (cols.size() > 2) for_each_alt(cols[2], [&](std::string_view a) { add_alias(a, company, false); });
        if (cols.size() > 3) for_each_alt(cols[3], [&](std::string_view a) { add_alias(a, company, true); });
    }
};

}  // namespace

void AliasTable::Impl::parse(std::string_view text, std::string_view file) {
    AliasParser parser{*this, file};
    std::vector<std::string_view> cols;
    detail::for_each_line(text, [&](std::string_view line, size_t line_no) {
        parser.line_no = line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (trim(line).empty() || trim(line).front() == '#') return;
        cols.clear();
        for (size_t start = 0;;) {
            size_t tab = line.find('\t', start);
            cols.push_back(trim(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start)));
            if (tab == std::string_view::npos) break;
            start = tab + 1;
        }
        if (cols[0] == "@reference") parser.add_references(cols);
        else parser.add_company(cols);
    });
    starting.resize(words.size());
    reference_starting.assign(words.size(), {});
    auto mark_lower = [&](uint32_t id) {
        std::string_view w = words.word(id);
        if (!w.empty() && w.size() < 64) lower_start[static_cast<unsigned char>(w[0])] |= uint64_t{1} << w.size();
    };
    for (uint32_t r = 0; r < references.size(); ++r) {
        reference_starting[references[r][0]].push_back(r);
        mark_lower(references[r][0]);
    }
    for (const AliasEntry& en : entries)
        if (!en.needs_capital && !en.exact_case) mark_lower(entry_words[en.words_begin]);
    for (uint32_t id = 0; id < words.size(); ++id) {
        const std::string_view w = words.word(id);  // folded: an ASCII token has the same first byte
        if (!w.empty() && w.size() < 64) word_start[static_cast<unsigned char>(w[0])] |= uint64_t{1} << w.size();
    }
    index_starts();
}

void AliasTable::Impl::index_starts() {
    start_lists.clear();
    auto flatten = [&](const std::vector<std::vector<uint32_t>>& by_word, auto words_of, std::vector<Starts>& out) {
        out.assign(by_word.size(), Starts{});
        for (size_t id = 0; id < by_word.size(); ++id) {
            Starts& st = out[id];
            st.all_begin = static_cast<uint32_t>(start_lists.size());
            start_lists.insert(start_lists.end(), by_word[id].begin(), by_word[id].end());
            st.all_end = st.one_begin = static_cast<uint32_t>(start_lists.size());
            for (uint32_t i : by_word[id])
                if (words_of(i) == 1) start_lists.push_back(i);
            st.one_end = static_cast<uint32_t>(start_lists.size());
        }
    };
    flatten(starting, [&](uint32_t e) { return size_t{entries[e].length}; }, entry_starts);
    flatten(reference_starting, [&](uint32_t r) { return references[r].size(); }, reference_starts);
}

AliasTable::AliasTable(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {
    for (const auto& c : impl_->companies)
        if (!c.ticker.empty()) tickers_.push_back(c.ticker);
    std::sort(tickers_.begin(), tickers_.end());
}

bool AliasTable::knows_ticker(std::string_view ticker) const {
    return std::binary_search(tickers_.begin(), tickers_.end(), ticker);
}
AliasTable::~AliasTable() = default;
size_t AliasTable::company_count() const { return impl_->companies.size(); }

std::shared_ptr<const AliasTable> AliasTable::builtin() {
    static const std::shared_ptr<const AliasTable> kBuiltin =
        detail::build_table<AliasTable>(herald::data::aliases_companies, "data/aliases/companies.tsv", nullptr, "alias");
    return kBuiltin;
}

std::shared_ptr<const AliasTable> AliasTable::load(const std::string& extension_file) {
    return detail::build_table<AliasTable>(herald::data::aliases_companies, "data/aliases/companies.tsv", &extension_file,
                                           "alias");
}

}  // namespace herald::analysis
