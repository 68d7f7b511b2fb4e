// Whose a metric is when its sentence names no company the alias table knows (metrics_names.hpp):
// moved out of metrics.cpp, which walks the document.
#include "metrics_names.hpp"

#include <algorithm>

#include "herald/core/ascii.hpp"
#include "metrics_reader.hpp"
#include "numbers.hpp"
#include "periods_text.hpp"

namespace herald::analysis::metric_names {

namespace {

// A word that names a period, not a company, though capitalised: "Q3", "H1", "9M", "FY27",
// "July-September", "October" ("Kuaishou Q3 revenue up 14%", "LG Energy Solution July-September
// operating profit jumps 34%": the name ends before it).
bool period_word(std::string_view w) {
    if (w.size() >= 2 && w.size() <= 4 && (w[0] == 'Q' || w[0] == 'H') && num::is_digit(w[1])) return true;
    if (w.size() >= 2 && num::is_digit(w[0]) && w[1] == 'M') return true;
    if (w.size() >= 2 && w[0] == 'F' && w[1] == 'Y') return true;
    const size_t dash = w.find('-');
    return periods::month(dash == std::string_view::npos ? w : w.substr(0, dash)) != 0;
}

// "Telstra's" -> "Telstra": the tokenizer keeps a possessive whole, a company's name has none.
std::string_view without_possessive(std::string_view w) {
    if (w.size() > 2 && w.substr(w.size() - 2) == "'s") return w.substr(0, w.size() - 2);
    if (w.size() > 4 && w.substr(w.size() - 4) == "\xE2\x80\x99s") return w.substr(0, w.size() - 4);
    return w;
}

// The company a headline opens with when the alias table does not know it: "Infosys narrows
// revenue forecast", "South32 agrees to buy ..." (one to three capitalised words, then a lower-case
// word). Words that open headlines about no company are not names.
std::string_view headline_subject(const Document& doc) {
    static constexpr std::string_view kNotNames[] = {
        "A",       "An",      "Analysis", "Analysts", "Breaking", "Earnings", "EU",      "Exclusive", "Factbox",
        "Fed",     "Global",  "How",      "Investors", "Markets", "Oil",     "Preview", "Shares",    "Stocks",
        "The",     "UK",      "Update",   "US",        "U.S.",    "Wall",    "What",    "Why"};
    const std::string_view field = doc.event().headline;
    uint32_t t = 0, n = 0;
    const uint32_t nt = static_cast<uint32_t>(doc.tokens.size());
    while (t + n < nt && n < 4) {
        const Token& tk = doc.tokens[t + n];
        if (tk.field != core::Field::headline || tk.kind != TokenKind::word || !tk.capitalized) break;
        if (period_word(field.substr(tk.begin, tk.end - tk.begin))) break;
        ++n;
    }
    if (n == 0 || n > 3 || t + n >= nt) return {};
    const Token& next = doc.tokens[t + n];
    const bool period_next = next.capitalized && period_word(field.substr(next.begin, next.end - next.begin));
    if (next.field != core::Field::headline || next.kind != TokenKind::word || (next.capitalized && !period_next))
        return {};
    // "Uniqlo owner Fast Retailing posts ...", "Gucci parent Kering ...": the brand's owner is the
    // company (one to three capitalised words after the owner word).
    const std::string_view role = field.substr(next.begin, next.end - next.begin);
    if (role == "owner" || role == "parent" || role == "maker" || role == "operator") {
        uint32_t e = t + n + 1;
        while (e < nt && e < t + n + 4 && doc.tokens[e].field == core::Field::headline &&
               doc.tokens[e].kind == TokenKind::word && doc.tokens[e].capitalized)
            ++e;
        if (e > t + n + 1)
            return without_possessive(field.substr(doc.tokens[t + n + 1].begin, doc.tokens[e - 1].end - doc.tokens[t + n + 1].begin));
    }
    const std::string_view first = field.substr(doc.tokens[t].begin, doc.tokens[t].end - doc.tokens[t].begin);
    for (std::string_view w : kNotNames)
        if (first == w) return {};
    // "Europe's airlines: ...", "China's banks ...": a place owning a group is no company.
    if (n == 1 && first.size() > 2 && first.substr(first.size() - 2) == "'s" &&
        segments::is_region_word(first.substr(0, first.size() - 2)))
        return {};
    return without_possessive(field.substr(doc.tokens[t].begin, doc.tokens[t + n - 1].end - doc.tokens[t].begin));
}

// The last word of a name is a company's legal form ("NV", "AG", "Oyj", "Plc").
bool legal_form(std::string_view name) {
    const size_t sp = name.rfind(' ');
    const std::string_view w = sp == std::string_view::npos ? name : name.substr(sp + 1);
    static constexpr std::string_view kForms[] = {"nv", "n.v.", "ag", "se", "sa", "oyj", "ab", "asa", "spa", "plc",
                                                  "inc", "corp", "co", "ltd", "llc", "limited", "kk", "bhd", "tbk"};
    for (std::string_view f : kForms)
        if (core::ascii::iequals(w, f)) return true;
    return false;
}

// A nationality written before a company's name in releases ("Finnish Rautaniemi").
bool nationality(std::string_view w) {
    static constexpr std::string_view kNationalities[] = {
        "Austrian", "Belgian", "British", "Danish", "Dutch", "Estonian", "Finnish", "French", "German", "Icelandic",
        "Italian", "Latvian", "Lithuanian", "Norwegian", "Polish", "Russian", "Spanish", "Swedish", "Swiss"};
    for (std::string_view n : kNationalities)
        if (w == n) return true;
    return false;
}

// An item with no headline (a bare sentence, as PhraseBank and quantity test sets give them) names
// its company where its first sentence opens: "Halvorsen Mining shipped ...", "Kvarn Trucks'
// orders rose ...", "Carrow Logistics handled ...", "Kestrel Air flew ...", "Kalmora Oyj 's net profit ...", "Finnish Rautaniemi reported ...". One to
// three capitalised words (after a nationality, before a legal form, both dropped), then a
// possessive or a reporting verb; sentences that open with their figure's kind ("Operating profit
// rose ...") or a preposition name no one.
std::string_view lead_subject(const Document& doc) {
    static constexpr std::string_view kVerbs[] = {
        "added", "announced", "booked", "carried", "cut", "cuts", "delivered", "earned", "employs", "ended",
        "expects", "flew", "generated", "handled", "harvested", "lifted", "operates", "plans", "posted",
        "produced", "proposes", "raised", "recorded", "reported", "reports", "said", "says", "shipped", "sold",
        "swung", "will", "won"};
    const auto& toks = doc.tokens;
    const uint32_t nt = static_cast<uint32_t>(toks.size());
    if (nt < 3) return {};
    const core::Field f = toks[0].field;
    const std::string_view field = doc.event().field(f);
    auto word = [&](uint32_t t) { return field.substr(toks[t].begin, toks[t].end - toks[t].begin); };
    auto capital = [&](uint32_t t) {
        return t < nt && toks[t].field == f && toks[t].kind == TokenKind::word && toks[t].capitalized &&
               !period_word(word(t));
    };
    const uint32_t b = capital(0) && capital(1) && nationality(word(0)) ? 1 : 0;
    uint32_t e = b;
    while (e < b + 4 && capital(e)) {
        const std::string_view w = word(e++);
        if (without_possessive(w).size() < w.size()) break;  // "Meridia SE's EPS": the name ends at 's
    }
    if (e == b || e - b > 3 || e >= nt) return {};
    uint32_t last = e;  // one past the name's last word
    if (last - b > 1 && legal_form(word(last - 1))) --last;
    const std::string_view tail = word(e - 1), next = toks[e].field == f ? word(e) : std::string_view{};
    const bool apostrophe = next == "'" || next == "\xE2\x80\x99";
    const bool possessive = without_possessive(tail).size() < tail.size() || next == "'s" ||
                            (apostrophe && e + 1 < nt && word(e + 1) == "s") ||
                            (apostrophe && tail.back() == 's' && !toks[e].space_before);
    bool verb = false;
    for (std::string_view v : kVerbs) verb = verb || next == v;
    if (!possessive && !verb) return {};
    const std::string_view name = field.substr(toks[b].begin, toks[last - 1].end - toks[b].begin);
    // Nor does a kind's own word before a participle ("Revenue generated in Europe was ...").
    static constexpr std::string_view kNotNames[] = {"The",      "This",     "It",      "Our",     "We",
                                                     "Its",      "Net",      "Operating", "Revenue", "Revenues",
                                                     "Sales",    "Cash",     "Profit",  "Income",  "Earnings",
                                                     "Turnover", "Orders",   "Total",   "Gross",   "Free"};
    for (std::string_view w : kNotNames)
        if (word(b) == w) return {};
    return without_possessive(name);
}

// "Jefferies cuts Puma price target to €18", "Broker raises target on Zentra": in an analyst's
// note the headline opens with the broker; its figures are the company the target is on (one to
// three capitalised words right before "(price) target", or after "target on"). Empty when none.
std::string_view covered_company(const Document& doc) {
    const std::string_view field = doc.event().headline;
    const auto& toks = doc.tokens;
    auto text = [&](uint32_t t) { return field.substr(toks[t].begin, toks[t].end - toks[t].begin); };
    auto name_word = [&](uint32_t t) {
        return toks[t].field == core::Field::headline && toks[t].kind == TokenKind::word && toks[t].capitalized;
    };
    for (uint32_t t = 0; t < toks.size() && toks[t].field == core::Field::headline; ++t) {
        // A capitalised "Target" is a name (the retailer) or a title-case headline, whose capitals name nothing.
        if (toks[t].capitalized || !core::ascii::iequals(text(t), "target")) continue;
        const uint32_t k = t > 0 && core::ascii::iequals(text(t - 1), "price") ? t - 1 : t;
        uint32_t b = k;
        while (b > 0 && k - b < 3 && name_word(b - 1)) --b;
        if (b < k) return without_possessive(field.substr(toks[b].begin, toks[k - 1].end - toks[b].begin));
        uint32_t e = t + 2;
        if (e < toks.size() && core::ascii::iequals(text(t + 1), "on"))
            while (e < toks.size() && e < t + 5 && name_word(e)) ++e;
        if (e > t + 2) return without_possessive(field.substr(toks[t + 2].begin, toks[e - 1].end - toks[t + 2].begin));
    }
    return {};
}

// A company the alias table does not know, named in the figure's own sentence before it and in
// the headline: "IAG said operating profit ... rose 25%, while Lufthansa cut its ... forecast to
// about EUR 1.6 billion" under "Europe's airlines: IAG profit climbs 25%, Lufthansa cuts
// forecast". One to three capitalised words (a kind word, a function word or a region is none),
// the nearest before the figure, at most 30 tokens back; empty when none.
// Tokens [a, b) of one field that neither end a sentence nor may be a name: a later walk
// steps over them at once (metrics of a figure-dense sentence walk back over the same tokens).
struct PlainRun {
    core::Field field = core::Field::text;
    uint32_t a = 0, b = 0;
    uint32_t cursor = 0;  // first_token_at's last answer
};

// The first token at or after the start of metric m (tokens are in field order, then by offset),
// as std::lower_bound finds it. The metrics come nearly in token order, so the search starts at
// the last answer (`cursor`) and gallops forward: a few compares instead of a binary search of
// the whole document per metric.
uint32_t first_token_at(const decltype(Document::tokens)& toks, const Metric& m, uint32_t& cursor) {
    const auto before = [&m](const Token& tk) {
        return tk.field != m.span.field ? tk.field < m.span.field : tk.begin < m.span.begin;
    };
    const uint32_t n = static_cast<uint32_t>(toks.size());
    const uint32_t c = std::min(cursor, n);
    uint32_t lo = 0, hi = c;
    if (c < n && before(toks[c])) {  // after c: the answer is in [lo, hi]
        lo = c + 1;
        for (uint32_t step = 1;; step *= 2) {
            const uint32_t probe = lo + step - 1;
            if (probe >= n || !before(toks[probe])) {
                hi = std::min(probe, n);
                break;
            }
            lo = probe + 1;
        }
    } else if (c > 0 && !before(toks[c - 1])) {  // before c - 1 or at it
        hi = c - 1;
    } else {
        lo = c;  // at c
    }
    cursor = static_cast<uint32_t>(std::partition_point(toks.begin() + lo, toks.begin() + hi, before) - toks.begin());
    return cursor;
}

std::string_view unknown_name_before(const Document& doc, const Metric& m, PlainRun& plain) {
    const std::string_view headline = doc.event().headline;
    if (headline.empty() || m.span.field == core::Field::headline) return {};
    const auto& toks = doc.tokens;
    const std::string_view field = doc.event().field(m.span.field);
    const uint32_t t0 = first_token_at(toks, m, plain.cursor);
    const bool same_field = plain.field == m.span.field && plain.b > plain.a;
    uint32_t low = t0;  // [low, t0) walked and plain so far
    bool all_plain = true;
    std::string_view found;
    for (uint32_t t = t0, k = 0; t > 0 && k < 30;) {
        if (same_field && t > plain.a && t <= plain.b) {  // token t - 1 is in the plain run
            const uint32_t skip = std::min(t - plain.a, 30 - k);
            t -= skip;
            k += skip;
            if (all_plain) low = t;
            continue;
        }
        const Token& tk = toks[t - 1];
        if (tk.field != m.span.field) break;
        // Only a one-byte token can be the end of the sentence before: the others' text is read
        // only when they may be a name.
        const uint32_t len = tk.end - tk.begin;
        if (len == 1) {
            const char c = field[tk.begin];
            if (c == '.' || c == ';' || c == '!' || c == '?') break;  // the sentence before
        }
        --t;
        ++k;
        if (tk.kind != TokenKind::word || !tk.capitalized || len < 3) {
            if (all_plain) low = t;
            continue;
        }
        all_plain = false;
        const std::string_view w = without_possessive(field.substr(tk.begin, len));
        if (period_word(w)) continue;
        if (words::lookup_token(doc, t).flags & (words::kKind | words::kPhrase | words::kStop | words::kDeterminer |
                                                  words::kForecast | words::kClause))
            continue;
        if (segments::is_region_word(w) || segments::is_business_word(w)) continue;
        // The name is written in the headline as a word of its own.
        for (size_t at = headline.find(w); at != std::string_view::npos && found.empty(); at = headline.find(w, at + 1)) {
            const bool starts = at == 0 || !num::is_alpha(headline[at - 1]);
            const bool ends = at + w.size() >= headline.size() || !num::is_alpha(headline[at + w.size()]);
            if (starts && ends) found = w;
        }
        if (!found.empty()) {
            // "Fast Retailing Co said": the capitalised words before it that the headline writes
            // with it are the name's too (at most two).
            for (uint32_t b = t; b > 0 && b + 2 > t;) {
                const Token& pk = toks[b - 1];
                if (pk.field != m.span.field || pk.kind != TokenKind::word || !pk.capitalized) break;
                const std::string_view longer = field.substr(pk.begin, tk.end - pk.begin);
                const size_t at = headline.find(longer);
                if (at == std::string_view::npos || (at > 0 && num::is_alpha(headline[at - 1]))) break;
                found = without_possessive(longer);
                --b;
            }
            break;
        }
    }
    if (low < t0) {
        if (same_field && plain.b >= low && plain.a <= t0)
            plain = {m.span.field, std::min(plain.a, low), std::max(plain.b, t0), plain.cursor};
        else
            plain = {m.span.field, low, t0, plain.cursor};
    }
    return found;
}

// The ticker of a company the alias table does not know, found by name: the event's ticker whose
// symbol (before an exchange suffix: "IAG.L") is the name, ignoring case; else the metric's own
// (the primary company's) when the name opens the headline ("Infosys narrows ..." over
// tickers ["INFY"]); else none. Any other ticker is another company's, and a `for: ticker` rule
// keyed on it would fire on this company's figures ("Lufthansa" must not carry "IAG.L").
std::string_view ticker_of_name(const Document& doc, std::string_view name, std::string_view subject,
                                std::string_view ticker) {
    for (std::string_view t : doc.event().tickers) {
        const size_t dot = t.find_first_of(".:");
        if (core::ascii::iequals(t.substr(0, dot), name)) return t;
    }
    const bool opens = subject.size() >= name.size() && subject.substr(0, name.size()) == name &&
                       (subject.size() == name.size() || subject[name.size()] == ' ');
    return opens ? ticker : std::string_view{};
}

// A metric no name was found for is the company's the event names with its ticker elsewhere
// ("Delta raises dividend" over "Delta Air Lines raised ..."), else the headline's subject.
// The names of the first kMaxTickers tickers are collected in one pass over the mentions, and only
// when a metric lacks a name: linear in metrics and mentions.
// Can a segment name the company itself? Only a capitalised one (cheap test before the headline is read).
bool may_name_company(std::string_view segment) { return segment[0] >= 'A' && segment[0] <= 'Z'; }

// The segment is the headline's subject, or the subject followed by more of its name and a
// legal form ("ING Groep NV" for "ING").
bool names_subject(std::string_view segment, std::string_view subject) {
    if (subject.empty()) return false;
    if (segment == subject) return true;
    // "Finnish Rautaniemi" read as a business of an item that opens with it: the company.
    const size_t sp = segment.find(' ');
    if (sp != std::string_view::npos && segment.substr(sp + 1) == subject && nationality(segment.substr(0, sp)))
        return true;
    return segment.size() > subject.size() + 1 && segment.substr(0, subject.size()) == subject &&
           segment[subject.size()] == ' ' && legal_form(segment);
}

}  // namespace

void missing_entities(const Document& doc, const std::vector<Mention>& mentions, std::vector<Metric>& out, size_t from) {
    constexpr size_t kMaxTickers = 8;
    struct Named {
        std::string_view ticker, name;
    };
    Named named[kMaxTickers];
    size_t n_named = 0;
    bool read = false;
    std::string_view subject;
    bool lead = false;  // the subject opens a bare sentence (no headline): a business named so stays one
    PlainRun plain;  // what unknown_name_before's walks found plain, kept across the metrics
    for (size_t i = from; i < out.size(); ++i) {
        Metric& m = out[i];
        if (!m.entity.empty()) continue;
        const bool segment = !m.segment.empty();
        if (segment && !may_name_company(m.segment)) continue;
        if (!read) {
            read = true;
            subject = headline_subject(doc);
            if (subject.empty() && doc.event().headline.empty()) lead = !(subject = lead_subject(doc)).empty();
            if (const std::string_view covered = covered_company(doc); !covered.empty()) subject = covered;
            for (const Mention& mn : mentions) {
                if (mn.is_segment || mn.ticker.empty() || n_named == kMaxTickers) continue;
                bool seen = false;
                for (size_t k = 0; k < n_named && !seen; ++k) seen = named[k].ticker == mn.ticker;
                if (!seen) named[n_named++] = {mn.ticker, mn.company.empty() ? mn.entity : mn.company};
            }
        }
        // "ING Groep NV reported ...", "ING third-quarter net profit" under "ING ...": the business
        // read there is the headline's company itself, not one of its units.
        if (segment) {
            if (!names_subject(m.segment, subject) || (lead && m.segment == subject)) continue;
            m.segment = {};
            m.entity = subject;
            continue;
        }
        for (size_t k = 0; k < n_named && m.entity.empty(); ++k)
            if (named[k].ticker == m.ticker) m.entity = named[k].name;
        if (m.entity.empty()) {
            m.entity = unknown_name_before(doc, m, plain);
            if (!m.entity.empty()) m.ticker = ticker_of_name(doc, m.entity, subject, m.ticker);
        }
        if (m.entity.empty()) m.entity = subject;
    }
}

}  // namespace herald::analysis::metric_names
