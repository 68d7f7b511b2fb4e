#pragma once
// Test support: hand-built mentions (what the EntityFinder would give) and a one-call pipeline
// of Document -> quantities -> metrics, so metric tests do not depend on the alias table.
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "herald/analysis/metrics.hpp"
#include "herald/analysis/quantities.hpp"

namespace herald::analysis::testing {

struct Name {
    std::string_view text, entity, company, ticker;
    bool segment;
};

// The names the tests use, as the alias table has them.
inline const std::vector<Name>& names() {
    static const std::vector<Name> v{
        {"Amazon Web Services", "AWS", "Amazon", "AMZN", true},
        {"Amazon", "Amazon", "Amazon", "AMZN", false},
        {"AWS", "AWS", "Amazon", "AMZN", true},
        {"Trainium", "Trainium", "Amazon", "AMZN", true},
        {"Anthropic", "Anthropic", "Anthropic", "", false},
        {"Microsoft", "Microsoft", "Microsoft", "MSFT", false},
        {"Azure", "Azure", "Microsoft", "MSFT", true},
        {"Nokia", "Nokia", "Nokia", "NOK", false},
        {"Acme", "Acme", "Acme", "ACME", false},
        {"Globex", "Globex", "Globex", "GLBX", false},
        {"Toyota", "Toyota", "Toyota", "TM", false},
        {"Lexus", "Lexus", "Toyota", "TM", true},
        {"Advanced Micro Devices", "AMD", "AMD", "AMD", false},
        {"Palo Alto Networks", "Palo Alto Networks", "Palo Alto Networks", "PANW", false},
        {"Deere", "Deere", "Deere", "DE", false},
        {"JD Sports Fashion", "JD Sports", "JD Sports", "JD.L", false},
        {"JD Sports", "JD Sports", "JD Sports", "JD.L", false},
        {"Siemens", "Siemens", "Siemens", "SIEGY", false},
        {"Jio Platforms", "Jio Platforms", "Reliance Industries", "RELIANCE.NS", true},
        {"Saint Laurent", "Saint Laurent", "Kering", "KER.PA", true},
        {"Bottega Veneta", "Bottega Veneta", "Kering", "KER.PA", true},
        {"Gucci", "Gucci", "Kering", "KER.PA", true},
        {"Kering", "Kering", "Kering", "KER.PA", false},
        {"Volvo", "Volvo", "Volvo", "VOLVY", false},
    };
    return v;
}

inline bool word_char(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

// Whole-word, case-sensitive matches of names(), longest first at each position.
inline void find_mentions(const Document& doc, std::vector<Mention>& out) {
    out.clear();
    for (uint32_t si = 0; si < doc.sentences.size(); ++si) {
        const Sentence& s = doc.sentences[si];
        for (uint32_t t = s.first_token; t < s.last_token; ++t) {
            const Token& tk = doc.tokens[t];
            std::string_view field = doc.event().field(tk.field);
            for (const auto& n : names()) {
                if (field.compare(tk.begin, n.text.size(), n.text) != 0) continue;
                size_t e = tk.begin + n.text.size();
                if (e < field.size() && word_char(field[e])) continue;
                Mention m;
                m.entity = n.entity;
                m.company = n.company;
                m.ticker = n.ticker;
                m.span = {tk.field, tk.begin, static_cast<uint32_t>(e)};
                m.sentence = si;
                m.token = t;
                m.is_segment = n.segment;
                out.push_back(m);
                while (t + 1 < s.last_token && doc.tokens[t + 1].begin < e) ++t;
                break;
            }
        }
    }
}

// "kind entity/segment value-or-percent" of every metric, joined by "; ".
inline std::string describe(const std::vector<Metric>& ms) {
    std::string out;
    for (const auto& m : ms) {
        if (!out.empty()) out += "; ";
        out += std::string(metric_kind_name(m.kind)) + " " + std::string(m.entity) + "/" + std::string(m.segment);
        char buf[64];
        if (m.has_value) std::snprintf(buf, sizeof buf, " %g", m.value);
        else std::snprintf(buf, sizeof buf, " %g%%", m.change.percent);
        out += buf;
    }
    return out;
}

inline bool near(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::fmax(1.0, std::fabs(b)); }

// The first metric with this value, or null.
inline const Metric* with_value(const std::vector<Metric>& ms, double v) {
    for (const Metric& m : ms)
        if (m.has_value && near(m.value, v)) return &m;
    return nullptr;
}

// The period of the first metric with this value; "(no metric)" when there is none.
inline std::string_view period_of(const std::vector<Metric>& ms, double v) {
    const Metric* m = with_value(ms, v);
    return m ? m->period.view() : std::string_view("(no metric)");
}

// The entity of the first metric with this value; "(no metric)" when there is none.
inline std::string_view entity_of(const std::vector<Metric>& ms, double v) {
    const Metric* m = with_value(ms, v);
    return m ? m->entity : std::string_view("(no metric)");
}

// The first metric of this kind, or null.
inline const Metric* metric_of(const std::vector<Metric>& ms, MetricKind k) {
    for (const Metric& m : ms)
        if (m.kind == k) return &m;
    return nullptr;
}

struct Run {
    Event event;
    Document doc;
    std::vector<Mention> mentions;
    std::vector<Quantity> quantities;
    std::vector<Metric> metrics;

    const std::vector<Metric>& on(std::string_view body, std::string_view summary = {}) {
        event.clear();
        event.body = body;
        event.summary = summary;
        event.has_published_at = true;
        event.published_at_ms = 1777583400000;  // 2026-04-30
        return analyze();
    }
    // A news item of headline, summary and body, published 2026-12-01.
    const std::vector<Metric>& item(std::string_view headline, std::string_view summary, std::string_view body = {}) {
        return item_at(1796083200000, headline, summary, body);  // 2026-12-01
    }
    // The same published at `ms` (milliseconds since the epoch).
    const std::vector<Metric>& item_at(int64_t ms, std::string_view headline, std::string_view summary,
                                       std::string_view body = {}) {
        event.clear();
        event.headline = headline;
        event.summary = summary;
        event.body = body;
        event.has_published_at = true;
        event.published_at_ms = ms;
        return analyze();
    }
    const std::vector<Metric>& analyze() {
        doc.build(event);
        find_mentions(doc, mentions);
        quantities.clear();
        metrics.clear();
        QuantityExtractor().extract(doc, quantities);
        MetricExtractor().extract(doc, mentions, quantities, metrics);
        return metrics;
    }
};

}  // namespace herald::analysis::testing
