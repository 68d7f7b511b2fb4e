#include "compare.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <regex>
#include <vector>

namespace eval_metrics {
namespace {

std::string lower(const std::string& s) {
    std::string o(s);
    for (auto& c : o) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return o;
}

std::vector<std::string> words_of(const std::string& s) {
    std::vector<std::string> w;
    std::string cur;
    for (char c : s) {
        if (std::isalnum(static_cast<unsigned char>(c))) cur += c;
        else if (!cur.empty()) w.push_back(cur), cur.clear();
    }
    if (!cur.empty()) w.push_back(cur);
    return w;
}

bool near_opt(const std::optional<double>& a, const std::optional<double>& b) {
    if (!a || !b) return !a && !b;
    return near(*a, *b);
}

bool value_right(const Figure& p, const Figure& g) {
    if (!g.value) {
        // A change-only figure: its number is the change, and herald must not invent a level.
        if (p.value) return false;
        if (g.percent && !(p.percent && near(*p.percent, *g.percent))) return false;
        if (g.points && !(p.points && near(*p.points, *g.points))) return false;
        return true;
    }
    if (!p.value || !near(*p.value, *g.value)) return false;
    if (!g.unit.empty() && p.unit != g.unit) return false;
    if (g.high) {
        double plow = p.low ? *p.low : *p.value;
        return p.high && near(*p.high, *g.high) && near(plow, g.low ? *g.low : *g.value);
    }
    return !p.high || near(*p.high, *p.value);  // no range where the gold has none
}

// Herald's segment, or its entity when segment is null, against the most specific of the gold's.
bool entity_right(const Figure& p, const Figure& g, const Companies& companies) {
    const std::string& pred = p.segment.empty() ? p.entity : p.segment;
    const std::string& gold = g.segment.empty() ? g.entity : g.segment;
    if (entity_match(pred, gold)) return true;
    for (const auto& alt : g.segment_alts)
        if (entity_match(pred, alt)) return true;
    // A company total: another name of the same company ("Alphabet" for "Google"). Only where the
    // gold says there is no segment (the seeds gold keeps segments in `entity`).
    if (!g.has_segment_key || !g.segment.empty() || !p.segment.empty() || g.ticker.empty()) return false;
    for (const auto& c : companies)
        if (c.ticker == g.ticker && lower(c.name) == lower(p.entity)) return true;
    // The gold names the company by the first words of herald's canonical name, under another
    // listing's ticker ("ING" INGA.AS for herald's "ING Groep" ING): the same company.
    const std::vector<std::string> gw = words_of(lower(g.entity));
    for (const auto& c : companies) {
        if (c.ticker != p.ticker || lower(c.name) != lower(p.entity)) continue;
        const std::vector<std::string> cw = words_of(lower(c.name));
        if (!gw.empty() && gw.size() < cw.size() && std::equal(gw.begin(), gw.end(), cw.begin())) return true;
    }
    return false;
}

bool same_basis(const std::string& a, const std::string& b) {
    auto canon = [](const std::string& s) { return s == "sequential" ? std::string("qoq") : s; };
    return canon(a) == canon(b);
}

bool change_right(const Figure& p, const Figure& g) {
    if (!g.has_change) return !p.has_change;
    if (!p.has_change) return false;
    if ((g.has_direction_key || !g.direction.empty()) && p.direction != g.direction) return false;
    if (g.has_percent_key && !near_opt(p.percent, g.percent)) return false;
    if (g.has_percent_high_key) {
        // herald states a change range's high end on the metric's `high` when it has no level.
        auto ph = p.percent_high ? p.percent_high : (!p.value ? p.high : std::nullopt);
        if (!near_opt(ph, g.percent_high)) return false;
    }
    if (g.has_points_key && !near_opt(p.points, g.points)) return false;
    if ((g.has_basis_key || !g.basis.empty()) && !same_basis(p.basis, g.basis)) return false;
    return true;
}

bool period_right(const Figure& p, const Figure& g) {
    if (!g.has_period_key) return true;  // seeds gold: no period stated, not compared
    // The seeds gold (older format, before the guideline's forms) writes "in the quarter" as
    // "quarter": any quarter herald names for it is that report's.
    if (!g.has_segment_key && g.period == "quarter" && p.period.size() >= 2 && p.period[0] == 'Q' &&
        p.period[1] >= '1' && p.period[1] <= '4')
        return true;
    // It also writes a quarter without its year even where the item states the year (seed-000's
    // AWS "Q1" beside "2026"): the guideline, later, writes the year whenever the item states it,
    // as herald does. In that older format only, herald's same quarter with a year is right.
    if (!g.has_segment_key && g.period.size() == 2 && g.period[0] == 'Q' && p.period.size() == 7 &&
        p.period.compare(0, 3, g.period + " ") == 0)
        return true;
    return normalize_period(p.period) == normalize_period(g.period);
}

}  // namespace

bool near(double a, double b) { return std::fabs(a - b) <= 0.005 * std::fmax(std::fabs(a), std::fabs(b)) + 1e-9; }

bool entity_match(const std::string& pred, const std::string& gold) {
    std::string p = lower(pred), g = lower(gold);
    if (p == g) return true;
    if (p.empty() || g.empty()) return false;
    auto pw = words_of(p), gw = words_of(g);
    if (pw == gw) return true;  // punctuation aside ("Walmart U.S." / "Walmart US")
    auto initials = [](const std::vector<std::string>& w) {
        std::string i;
        for (auto& x : w) i += x[0];
        return i;
    };
    if (pw.size() == 1 && gw.size() > 1 && initials(gw) == pw[0]) return true;
    if (gw.size() == 1 && pw.size() > 1 && initials(pw) == gw[0]) return true;
    // Same head noun (last word, "business"/"segment"/"unit" aside) and not a single company name.
    auto head = [](std::vector<std::string> w) {
        while (!w.empty() && (w.back() == "business" || w.back() == "segment" || w.back() == "unit")) w.pop_back();
        return w.empty() ? std::string() : w.back();
    };
    return pw.size() + gw.size() > 2 && !head(pw).empty() && head(pw) == head(gw);
}

std::string normalize_period(const std::string& period) {
    std::string s;
    for (char c : period)
        if (!std::isspace(static_cast<unsigned char>(c)) && c != '-')
            s += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (s.rfind("FISCAL", 0) == 0) s = "FY" + s.substr(6);
    static const std::regex short_year("^(FY|Q[1-4]FY|H[12]FY|Q[1-4]|H[12]|9M)(\\d{2})$");
    static const std::regex fiscal_part("^(Q[1-4]|H[12])FY(\\d{4})$");
    static const std::regex year_first("^(?:FY)?(\\d{4})(Q[1-4]|H[12])$");
    static const std::regex plain_year("^(?:CY)?(\\d{4})$");
    std::smatch m;
    if (std::regex_match(s, m, short_year)) s = m.str(1) + "20" + m.str(2);
    if (std::regex_match(s, m, fiscal_part)) return m.str(1) + m.str(2);
    if (std::regex_match(s, m, year_first)) return m.str(2) + m.str(1);
    if (std::regex_match(s, m, plain_year)) return "FY" + m.str(1);
    return s;
}

bool same_span(const Figure& p, const Figure& g) {
    return g.begin >= 0 && p.begin >= 0 && p.field == g.field && p.begin < g.end && g.begin < p.end;
}

Verdict compare(const Figure& p, const Figure& g, const Companies& companies) {
    Verdict v;
    v.right[kKind] = p.kind == g.kind;
    v.right[kValue] = value_right(p, g);
    v.right[kEntity] = entity_right(p, g, companies);
    v.right[kChange] = change_right(p, g);
    v.right[kPeriod] = period_right(p, g);
    v.right[kForecast] = p.forecast == g.forecast;
    return v;
}

}  // namespace eval_metrics
