// The metric reader's pass gates (SentenceReader::run): a pass the sentence's word classes say
// can yield nothing is not called. Every gate must be exact: the metrics of a corpus read with
// the gates and with every pass run (MetricExtractor::set_pass_gates(false)) are the same bytes.
#include <doctest/doctest.h>

#include <fstream>
#include <string>
#include <vector>

#include "../../shared_data.hpp"
#include "herald/analysis/analysis_json.hpp"
#include "herald/core/json_writer.hpp"
#include "metrics_support.hpp"

using namespace herald::analysis;

namespace {

// A string field of one NDJSON line ("key":"..." with or without a space), unescaped.
std::string field_of(const std::string& line, const std::string& key) {
    size_t p = line.find("\"" + key + "\":");
    if (p == std::string::npos) return {};
    p += key.size() + 3;
    while (p < line.size() && line[p] == ' ') ++p;
    if (p >= line.size() || line[p] != '"') return {};
    std::string out;
    for (++p; p < line.size() && line[p] != '"'; ++p) {
        if (line[p] != '\\' || p + 1 >= line.size()) {
            out += line[p];
            continue;
        }
        const char e = line[++p];
        if (e == 'n') out += '\n';
        else if (e == 't') out += '\t';
        else if (e == 'u' && p + 4 < line.size()) {
            const unsigned cp = static_cast<unsigned>(std::stoul(line.substr(p + 1, 4), nullptr, 16));
            p += 4;
            if (cp < 0x80) out += static_cast<char>(cp);
            else if (cp < 0x800) out += static_cast<char>(0xC0 | (cp >> 6)), out += static_cast<char>(0x80 | (cp & 0x3F));
            else out += static_cast<char>(0xE0 | (cp >> 12)), out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += e;
        }
    }
    return out;
}

struct Item {
    std::string headline, summary, body;
};

// The metrics of one item as JSON lines, read with or without the pass gates.
std::string metrics_json(const Item& it, bool gates, size_t& n) {
    Event e;
    e.headline = it.headline;
    e.summary = it.summary;
    e.body = it.body;
    e.has_published_at = true;
    e.published_at_ms = 1796083200000;  // 2026-12-01
    Document doc;
    doc.build(e);
    std::vector<Mention> mentions;
    testing::find_mentions(doc, mentions);
    std::vector<Quantity> quantities;
    QuantityExtractor().extract(doc, quantities);
    std::vector<Metric> metrics;
    MetricExtractor mx;
    mx.set_pass_gates(gates);
    mx.extract(doc, mentions, quantities, metrics);
    n += metrics.size();
    std::string json;
    for (const Metric& m : metrics) {
        herald::core::JsonWriter w(json);
        write_metric_json(w, m);
        json += "\n";
    }
    return json;
}

void add_file(std::vector<Item>& items, std::ifstream& in) {
    for (std::string line; std::getline(in, line);)
        items.push_back({field_of(line, "headline"), field_of(line, "summary"), field_of(line, "body")});
}

// Sentences each gated pass acts on, so the corpus reaches every gate's both sides.
const char* const kPassSentences[] = {
    "Toyota delivered 384,122 vehicles in the quarter, including 121,000 Lexus cars.",  // count_pass: count noun
    "Acme plans to cut about 2,200 jobs, or roughly 6% of its workforce.",              // job noun
    "Globex added 5.1 million mobile customers in the third quarter.",                  // customers
    "Boeing sold 121 737s and 24 787s in the quarter.",                                 // sold + model (no count noun)
    "Deliveries rose 7% to 497,000 in the quarter.",                                    // a count kind phrase
    "Net orders totalled 161 aircraft.",                                                // orders
    "Acme expects ad revenue of about $3 billion in 2026, more than double last year.",  // multiple_after
    "Revenue of $12 billion, nearly triple the year before, beat estimates.",
    "Revenue and EPS grew 5% and 7%, respectively.",                                    // respectively_lists
    "Revenue and operating income were $3 billion and $1 billion, respectively.",
    "Acme revenue doubled, while Globex operating income halved.",                      // multiplier_pass
    "Registrations fell 31% to 12,000 cars in October, according to Cox Automotive.",   // drop_market_figures
    "Sales in China declined 6%, according to industry data.",
    "Toyota sold 955,000 vehicles. Sales in China declined 6%.",                        // unit_sales
    // tag_tokens visits only the words word_flags picks (kCueTagged's stop words, forecast and
    // comparator words); without gates it visits every token (word_columns_test checks the picks).
    "Acme raised its outlook as e-commerce sales jumped 27% in the quarter.",           // "as"
    "Acme agreed to buy a 2.9% stake in Globex for $1 billion and will co-develop chips.",  // "and"
    "Acme raised its profit target to $2.1 billion after first-half net profit rose 15%.",  // "after"
    "Acme wants its cloud revenue to grow 70% a year.",                                 // "to"
    "Acme targets revenue of $5 billion by 2028.",                                      // "by"
    "Acme revenue of $3 billion fell short of its forecast of $3.2 billion.",           // "short"
};

}  // namespace

TEST_CASE("the metric reader's pass gates change no metric of the corpus") {
    std::vector<Item> items;
    for (const char* f : {"/data/sample-feed.ndjson", "/data/eval/metrics-news.ndjson", "/data/eval/filings-dev.ndjson",
                          "/data/eval/events-items.ndjson", "/data/eval/events-items-extra.ndjson",
                          "/data/eval/relevance-items.ndjson", "/data/eval/metrics-gold-filings/filings-dev.ndjson"}) {
        std::ifstream in(std::string(HERALD_SOURCE_DIR) + f);
        REQUIRE_MESSAGE(in, f);
        add_file(items, in);
    }
    if (std::ifstream in; herald::testing::open_shared_data("seeds.ndjson", in)) add_file(items, in);
    for (const char* s : kPassSentences) items.push_back({"", s, ""});
    REQUIRE(items.size() > 500);
    size_t gated = 0, ungated = 0;
    for (const Item& it : items) {
        const std::string a = metrics_json(it, true, gated), b = metrics_json(it, false, ungated);
        if (a != b) FAIL_CHECK("gated and ungated metrics differ on \"", it.headline, "\" / \"", it.summary.substr(0, 120),
                               "\":\n", a, "---\n", b);
    }
    CHECK(gated == ungated);
    CHECK(gated > 1000);  // the corpus holds metrics: the comparison is not of empty outputs
}

TEST_CASE("each gated pass acts on its own sentences (the gate lets them through)") {
    // Without these, the corpus test above could pass with a gate that never opens.
    testing::Run r;
    CHECK(testing::metric_of(r.on("Toyota sold 955,000 vehicles in the quarter."), MetricKind::deliveries));
    CHECK(testing::metric_of(r.on("Acme plans to cut about 2,200 jobs."), MetricKind::job_cuts));
    CHECK(testing::metric_of(r.on("Globex added 5.1 million mobile customers in the third quarter."), MetricKind::subscribers));
    const auto& doubled = r.on("Acme expects ad revenue of about $3 billion in 2026, more than double last year.");
    REQUIRE(testing::metric_of(doubled, MetricKind::revenue));
    CHECK(testing::metric_of(doubled, MetricKind::revenue)->change.direction == Direction::up);
    const auto& halved = r.on("Acme revenue doubled, while Globex operating income halved.");
    REQUIRE(testing::metric_of(halved, MetricKind::operating_income));
    CHECK(testing::metric_of(halved, MetricKind::operating_income)->change.percent == -50.0);
}
