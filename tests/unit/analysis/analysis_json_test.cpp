#include <doctest/doctest.h>

#include <string>

#include "herald/analysis/analysis_json.hpp"

using namespace herald::analysis;

namespace {

Metric aws_revenue() {
    Metric m;
    m.kind = MetricKind::revenue;
    m.entity = "Amazon";
    m.segment = "AWS";
    m.ticker = "AMZN";
    m.has_value = true;
    m.value = 37600000000.0;
    m.unit = Unit::of("USD");
    m.change.direction = Direction::up;
    m.change.has_percent = true;
    m.change.percent = 28.0;
    m.change.basis = Basis::yoy;
    m.period.set("Q1");
    m.span = {Field::summary, 17, 23};
    m.text = "$37.6B";
    return m;
}

std::string metric_json(const Metric& m) {
    std::string s;
    herald::core::JsonWriter w(s);
    write_metric_json(w, m);
    return s;
}

std::string quantity_json(const Quantity& q) {
    std::string s;
    herald::core::JsonWriter w(s);
    write_quantity_json(w, q);
    return s;
}

}  // namespace

TEST_CASE("metric json has the docs/contracts.md fields in order") {
    CHECK(metric_json(aws_revenue()) ==
          R"({"kind":"revenue","entity":"Amazon","segment":"AWS","ticker":"AMZN","value":37600000000,"unit":"USD",)"
          R"("change":{"direction":"up","percent":28,"basis":"yoy"},"period":"Q1","forecast":false,)"
          R"("field":"summary","span":[17,23],"text":"$37.6B"})");
}

TEST_CASE("metric json omits absent optional fields") {
    Metric m;
    m.kind = MetricKind::eps;
    m.entity = "Amazon";
    m.change.direction = Direction::up;
    m.change.has_percent = true;
    m.change.percent = 21.0;
    m.forecast = true;
    m.span = {Field::summary, 3, 6};
    m.text = "21%";
    CHECK(metric_json(m) == R"({"kind":"eps","entity":"Amazon","segment":null,"change":{"direction":"up","percent":21},)"
                            R"("forecast":true,"field":"summary","span":[3,6],"text":"21%"})");
}

TEST_CASE("metric json writes prior value, qualifier and negative values") {
    Metric m;
    m.kind = MetricKind::net_income;
    m.entity = "Acme";
    m.has_value = true;
    m.value = -1200000.0;
    m.unit = Unit::of("EUR");
    m.has_prior = true;
    m.prior_value = -4500000.0;
    m.change.direction = Direction::up;
    m.qualifier = Qualifier::about;
    m.span = {Field::body, 0, 4};
    m.text = "(1.2)";
    CHECK(metric_json(m) == R"({"kind":"net_income","entity":"Acme","segment":null,"value":-1200000,"unit":"EUR",)"
                            R"("change":{"direction":"up"},"prior_value":-4500000,"forecast":false,)"
                            R"J("qualifier":"about","field":"body","span":[0,4],"text":"(1.2)"})J");
}

TEST_CASE("metric json: segment always written (null for a company total), value and change ranges") {
    Metric m;
    m.kind = MetricKind::eps;
    m.entity = "Walmart";
    m.has_value = true;
    m.value = 2.60;
    m.is_range = true;
    m.low = 2.60;
    m.high = 2.65;
    m.unit = Unit::of("USD");
    m.forecast = true;
    m.span = {Field::summary, 0, 14};
    m.text = "$2.60 to $2.65";
    CHECK(metric_json(m) == R"({"kind":"eps","entity":"Walmart","segment":null,"value":2.6,"low":2.6,"high":2.65,)"
                            R"("unit":"USD","forecast":true,"field":"summary","span":[0,14],"text":"$2.60 to $2.65"})");
    Metric g;
    g.kind = MetricKind::revenue;
    g.entity = "Walmart";
    g.segment = "Walmart U.S.";
    g.change.direction = Direction::up;
    g.change.has_percent = true;
    g.change.percent = 4.8;
    g.change.has_percent_high = true;
    g.change.percent_high = 5.1;
    g.forecast = true;
    g.span = {Field::summary, 0, 8};
    g.text = "4.8-5.1%";
    CHECK(metric_json(g) == R"({"kind":"revenue","entity":"Walmart","segment":"Walmart U.S.",)"
                            R"("change":{"direction":"up","percent":4.8,"percent_high":5.1},)"
                            R"("forecast":true,"field":"summary","span":[0,8],"text":"4.8-5.1%"})");
}

TEST_CASE("quantity json: plain, range and qualifier") {
    Quantity q;
    q.value = 37600000000.0;
    q.unit = Unit::of("USD");
    q.span = {Field::summary, 17, 23};
    q.text = "$37.6B";
    CHECK(quantity_json(q) == R"({"value":37600000000,"unit":"USD","field":"summary","span":[17,23],"text":"$37.6B"})");

    Quantity r;
    r.value = 20;
    r.unit = Unit::of("%");
    r.is_range = true;
    r.low = 20;
    r.high = 25;
    r.span = {Field::headline, 0, 6};
    r.text = "20-25%";
    CHECK(quantity_json(r) ==
          R"({"value":20,"unit":"%","low":20,"high":25,"field":"headline","span":[0,6],"text":"20-25%"})");

    Quantity o;
    o.value = 1e11;
    o.unit = Unit::of("USD");
    o.qualifier = Qualifier::over;
    o.span = {Field::text, 5, 12};
    o.text = "$100B-plus";
    CHECK(quantity_json(o) ==
          R"({"value":100000000000,"unit":"USD","qualifier":"over","field":"text","span":[5,12],"text":"$100B-plus"})");
}

TEST_CASE("analysis line: id, published_at, sentiment, entities, metrics, quantities") {
    Event e;
    e.id = "seed-000";
    e.has_published_at = true;
    e.published_at_ms = 1777583400000;
    Analysis a;
    a.sentiment = {0.78, Label::strongly_positive};
    a.entities.push_back({"Amazon", "AMZN", 6, {0.74, Label::strongly_positive}});
    a.metrics.push_back(aws_revenue());
    Quantity q;
    q.value = 37600000000.0;
    q.unit = Unit::of("USD");
    q.span = {Field::summary, 17, 23};
    q.text = "$37.6B";
    a.quantities.push_back(q);
    std::string out = "prefix:";
    append_analysis_json(out, e, a);
    CHECK(out ==
          R"(prefix:{"id":"seed-000","published_at":"2026-04-30T21:10:00Z",)"
          R"("sentiment":{"score":0.78,"label":"strongly positive"},)"
          R"("entities":[{"name":"Amazon","ticker":"AMZN","mentions":6,"relevance":0,"sentiment":{"score":0.74,"label":"strongly positive"}}],)"
          R"("metrics":[{"kind":"revenue","entity":"Amazon","segment":"AWS","ticker":"AMZN","value":37600000000,"unit":"USD",)"
          R"("change":{"direction":"up","percent":28,"basis":"yoy"},"period":"Q1","forecast":false,)"
          R"("field":"summary","span":[17,23],"text":"$37.6B"}],)"
          R"("quantities":[{"value":37600000000,"unit":"USD","field":"summary","span":[17,23],"text":"$37.6B"}],"events":[]})");
}

TEST_CASE("analysis line without published_at, entity ticker or explanation; explain when given") {
    Event e;
    e.id = "x\"1";
    Analysis a;
    a.entities.push_back({"Acme", "", 1, {}});
    std::string out;
    append_analysis_json(out, e, a);
    CHECK(out == R"({"id":"x\"1","sentiment":{"score":0,"label":"neutral"},)"
                 R"("entities":[{"name":"Acme","mentions":1,"relevance":0,"sentiment":{"score":0,"label":"neutral"}}],)"
                 R"("metrics":[],"quantities":[],"events":[]})");

    Explanation ex;
    ex.sentences.push_back({{Field::headline, 0, 10}, -0.5, {{"fell", -0.5, "lexicon"}}});
    out.clear();
    append_analysis_json(out, e, Analysis{}, &ex);
    CHECK(out == R"({"id":"x\"1","sentiment":{"score":0,"label":"neutral"},"entities":[],"metrics":[],"quantities":[],"events":[],)"
                 R"("explain":[{"field":"headline","span":[0,10],"score":-0.5,"terms":[{"term":"fell","weight":-0.5,"rule":"lexicon"}]}]})");
}
