// eval-metrics' scoring rules: periods, entity-or-segment, change, ranges, pairing, doubtful gold.
#include <doctest/doctest.h>

#include "compare.hpp"
#include "score.hpp"

using namespace eval_metrics;

namespace {

Figure parse(const char* json) {
    static simdjson::dom::parser parser;
    return read_figure(parser.parse(std::string(json)).value());
}

// A gold figure in the new format: every key stated.
Figure gold(const char* extra) {
    std::string s = std::string(R"({"kind":"revenue","entity":"Walmart","segment":null,"ticker":"WMT","value":1e9,)") +
                    R"("low":null,"high":null,"unit":"USD","change":null,"prior_value":null,"period":"Q3 2026",)" +
                    R"("forecast":false,"qualifier":null,"text":"$1 billion","field":"summary")" + extra + "}";
    static simdjson::dom::parser parser;
    return read_figure(parser.parse(s).value());
}

}  // namespace

TEST_CASE("periods compare in the guideline's form whatever the spelling") {
    CHECK(normalize_period("Q3 FY26") == "Q32026");
    CHECK(normalize_period("Q3 2026") == "Q32026");
    CHECK(normalize_period("FY26") == "FY2026");
    CHECK(normalize_period("fiscal 2026") == "FY2026");
    CHECK(normalize_period("2026") == "FY2026");
    CHECK(normalize_period("2026 Q3") == "Q32026");
    CHECK(normalize_period("H1 2025") == "H12025");
    CHECK(normalize_period("Q3") != normalize_period("Q3 2026"));
    CHECK(normalize_period("quarter") != normalize_period("Q3"));
}

TEST_CASE("herald's segment, or its entity when segment is null, against the most specific gold name") {
    Figure g = gold(R"(,"segment_alts":["Walmart Connect"])");
    g.segment = "advertising";
    CHECK(compare(parse(R"({"kind":"revenue","entity":"Walmart","segment":"advertising","value":1e9,"unit":"USD","period":"Q3 2026"})"), g)
              .right[kEntity]);
    CHECK(compare(parse(R"({"kind":"revenue","entity":"Walmart Connect","value":1e9,"unit":"USD"})"), g).right[kEntity]);
    CHECK_FALSE(compare(parse(R"({"kind":"revenue","entity":"Walmart","ticker":"WMT","value":1e9,"unit":"USD"})"), g)
                    .right[kEntity]);
    // A company total: the company by name, or by another name herald knows for that ticker; a
    // segment herald reports as the entity is not the company.
    Figure total = gold("");
    Companies companies{{"Walmart Inc", "WMT"}};
    CHECK(compare(parse(R"({"kind":"revenue","entity":"Walmart Inc","ticker":"WMT","value":1e9})"), total, companies)
              .right[kEntity]);
    CHECK_FALSE(compare(parse(R"({"kind":"revenue","entity":"Walmart Inc","ticker":"WMT","value":1e9})"), total)
                    .right[kEntity]);
    CHECK_FALSE(compare(parse(R"({"kind":"revenue","entity":"Walmart U.S.","ticker":"WMT"})"), total, companies)
                    .right[kEntity]);
    CHECK_FALSE(compare(parse(R"({"kind":"revenue","entity":"Walmart","segment":"Sam's Club","ticker":"WMT"})"), total,
                        companies)
                    .right[kEntity]);
    // The gold's name is the first words of herald's canonical name, under another listing's ticker.
    Figure ing = gold("");
    ing.entity = "ING";
    ing.ticker = "INGA.AS";
    Companies ing_group{{"ING Groep", "ING"}};
    CHECK(compare(parse(R"({"kind":"revenue","entity":"ING Groep","ticker":"ING","value":1e9,"unit":"USD"})"), ing, ing_group)
              .right[kEntity]);
    CHECK_FALSE(compare(parse(R"({"kind":"revenue","entity":"ING Groep","ticker":"ING","value":1e9,"unit":"USD"})"), ing)
                    .right[kEntity]);
    CHECK_FALSE(compare(parse(R"({"kind":"revenue","entity":"INGKA","ticker":"ING","value":1e9,"unit":"USD"})"), ing,
                        Companies{{"INGKA", "ING"}})
                    .right[kEntity]);
}

TEST_CASE("stated null fields must be null; the seeds gold's absent ones are not compared") {
    Figure g = gold("");
    Figure p = parse(R"({"kind":"revenue","entity":"Walmart","value":1e9,"unit":"USD","period":"Q3 2026","change":{"direction":"up","percent":5}})");
    CHECK_FALSE(compare(p, g).right[kChange]);
    Figure seeds = parse(R"({"kind":"revenue","entity":"Walmart","value":1e9,"unit":"USD","change":{"direction":"up"}})");
    CHECK(compare(p, seeds).right[kChange]);   // percent and basis not stated: not compared
    CHECK(compare(p, seeds).right[kPeriod]);   // no period key: not compared
    // The seeds gold's "quarter" ("in the quarter") is the report's quarter, whatever herald names.
    Figure seeds_q = parse(R"({"kind":"capex","entity":"Amazon","value":1e9,"unit":"USD","period":"quarter"})");
    CHECK(compare(parse(R"({"kind":"capex","entity":"Amazon","value":1e9,"unit":"USD","period":"Q1"})"), seeds_q).right[kPeriod]);
    CHECK_FALSE(compare(parse(R"({"kind":"capex","entity":"Amazon","value":1e9,"unit":"USD","period":"FY2026"})"), seeds_q)
                    .right[kPeriod]);
    // The seeds gold's year-less quarter ("Q1" where the item states 2026) is herald's same
    // quarter with its year; another quarter or year-less form is not.
    Figure seeds_q1 = parse(R"({"kind":"revenue","entity":"AWS","value":1e9,"unit":"USD","period":"Q1"})");
    CHECK(compare(parse(R"({"kind":"revenue","entity":"AWS","value":1e9,"unit":"USD","period":"Q1 2026"})"), seeds_q1).right[kPeriod]);
    CHECK_FALSE(compare(parse(R"({"kind":"revenue","entity":"AWS","value":1e9,"unit":"USD","period":"Q2 2026"})"), seeds_q1)
                    .right[kPeriod]);
    CHECK_FALSE(compare(parse(R"({"kind":"revenue","entity":"AWS","value":1e9,"unit":"USD","period":"FY2026"})"), seeds_q1)
                    .right[kPeriod]);
    // The guideline's gold writes the year whenever the item states it: "Q1" is then year-less.
    Figure new_q1 = gold("");
    new_q1.period = "Q1";
    CHECK_FALSE(compare(parse(R"({"kind":"revenue","entity":"Walmart","value":1e9,"unit":"USD","period":"Q1 2026"})"), new_q1)
                    .right[kPeriod]);
    // The guideline's gold never writes "quarter": there it is compared as written.
    Figure new_q = gold("");
    new_q.period = "quarter";
    CHECK_FALSE(compare(p, new_q).right[kPeriod]);
    Figure basis = gold(R"(,"change":{"direction":"up","percent":5,"percent_high":null,"points":null,"basis":null})");
    basis.has_change = true, basis.direction = "up", basis.percent = 5.0, basis.has_direction_key = basis.has_percent_key =
        basis.has_basis_key = true;
    CHECK(compare(p, basis).right[kChange]);
    Figure pq = parse(R"({"kind":"revenue","value":1e9,"unit":"USD","change":{"direction":"up","percent":5,"basis":"yoy"}})");
    CHECK_FALSE(compare(pq, basis).right[kChange]);  // the gold states no basis
}

TEST_CASE("ranges: both ends of a value range, the high end of a change range") {
    Figure g = parse(R"({"kind":"eps","value":2.6,"low":2.6,"high":2.65,"unit":"USD","segment":null})");
    CHECK(compare(parse(R"({"kind":"eps","value":2.6,"low":2.6,"high":2.65,"unit":"USD"})"), g).right[kValue]);
    CHECK_FALSE(compare(parse(R"({"kind":"eps","value":2.6,"unit":"USD"})"), g).right[kValue]);
    Figure c = parse(R"({"kind":"revenue","value":null,"change":{"direction":"up","percent":4.8,"percent_high":5.1,"points":null,"basis":null}})");
    CHECK(compare(parse(R"({"kind":"revenue","low":4.8,"high":5.1,"change":{"direction":"up","percent":4.8}})"), c).right[kChange]);
    CHECK_FALSE(compare(parse(R"({"kind":"revenue","change":{"direction":"up","percent":4.8}})"), c).right[kChange]);
    // A change-only figure: a level herald invents is a wrong value.
    CHECK_FALSE(compare(parse(R"({"kind":"revenue","value":5.1,"unit":"%","change":{"direction":"up","percent":4.8}})"), c)
                    .right[kValue]);
}

TEST_CASE("pairing: overlapping spans first, one to one; doubtful gold is not scored") {
    std::vector<Figure> g{gold(""), gold(R"(,"doubtful":true,"note":"x")")};
    g[1].text = "53%";
    g[0].begin = 10, g[0].end = 20, g[1].begin = 30, g[1].end = 33;
    Figure right = parse(R"({"kind":"revenue","entity":"Walmart","ticker":"WMT","value":1e9,"unit":"USD","period":"Q3 2026","field":"summary","span":[10,20]})");
    Figure on_doubtful = parse(R"({"kind":"revenue","change":{"direction":"up","percent":53},"field":"summary","span":[30,33]})");
    Figure stray = parse(R"({"kind":"net_income","value":7,"unit":"USD","field":"summary","span":[50,52]})");
    Tally t;
    Listing list;
    score_event("e1", g, {stray, on_doubtful, right}, {}, t, list);
    CHECK(t.gold == 1);
    CHECK(t.doubtful == 1);
    CHECK(t.all_right == 1);
    CHECK(t.kind_value == 1);
    CHECK(t.pred == 3);
    CHECK(t.pred_on_doubtful == 1);
    CHECK(t.by_kind.size() == 1);  // the doubtful figure's kind is not scored either
    CHECK(t.by_kind["revenue"].gold == 1);
    CHECK(t.by_kind["revenue"].all_right == 1);
    CHECK(list.false_positives.size() == 1);
    CHECK(list.misses.empty());
}

TEST_CASE("a gold text is found at its n-th occurrence in its field") {
    struct Ev {
        std::string summary = "rose to $1 billion, then fell to $1 billion";
    } ev;
    std::vector<Figure> g{gold(""), gold(""), gold("")};
    g[2].text = "$9 billion";
    auto field = [](const void* e, std::string_view f) -> std::string_view {
        return f == "summary" ? std::string_view(static_cast<const Ev*>(e)->summary) : std::string_view();
    };
    CHECK(locate(g, &ev, field) == 1);
    CHECK(g[0].begin == 8);
    CHECK(g[1].begin == 33);
    CHECK(g[2].begin == -1);
}
