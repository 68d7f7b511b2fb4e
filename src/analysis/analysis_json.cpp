// The `herald analyze` line (docs/contracts.md "Analysis"). Optional fields are omitted when absent,
// so a reader can tell "not stated" from zero.
#include "herald/analysis/analysis_json.hpp"

#include <utility>

#include "herald/analysis/event_types.hpp"
#include "herald/core/time.hpp"

namespace herald::analysis {

namespace {

void write_span(core::JsonWriter& w, const Span& s) {
    w.key("field");
    w.string(field_name(s.field));
    w.key("span");
    w.begin_array();
    w.integer(s.begin);
    w.integer(s.end);
    w.end_array();
}

void write_change(core::JsonWriter& w, const Change& c) {
    w.key("change");
    w.begin_object();
    if (c.direction != Direction::none) {
        w.key("direction");
        w.string(direction_name(c.direction));
    }
    if (c.has_percent) {
        w.key("percent");
        w.number(c.percent);
    }
    if (c.has_percent_high) {
        w.key("percent_high");
        w.number(c.percent_high);
    }
    if (c.has_points) {
        w.key("points");
        w.number(c.points);
    }
    if (c.has_amount) {
        w.key("amount");
        w.number(c.amount);
    }
    if (c.basis != Basis::none) {
        w.key("basis");
        w.string(basis_name(c.basis));
    }
    w.end_object();
}

void write_explain(core::JsonWriter& w, const Explanation& e) {
    w.key("explain");
    w.begin_array();
    for (const auto& s : e.sentences) {
        w.begin_object();
        write_span(w, s.span);
        w.number_field("score", s.score);
        w.key("terms");
        w.begin_array();
        for (const auto& t : s.terms) {
            w.begin_object();
            w.string_field("term", t.term);
            w.number_field("weight", t.weight);
            w.string_field("rule", t.rule);
            w.end_object();
        }
        w.end_array();
        w.end_object();
    }
    w.end_array();
}

// Why an entity has its relevance (--explain): the points of each part and the crowd factor.
void write_relevance_parts(core::JsonWriter& w, const RelevanceParts& p) {
    w.key("relevance_parts");
    w.begin_object();
    const std::pair<std::string_view, double> parts[] = {
        {"title", p.title}, {"lead", p.lead}, {"share", p.share}, {"mentions", p.mentions}, {"crowd", p.crowd}};
    for (const auto& [name, value] : parts) {
        w.key(name);
        w.number(value);
    }
    w.end_object();
}

}  // namespace

void write_sentiment_json(core::JsonWriter& w, const Sentiment& s) {
    w.begin_object();
    w.key("score");
    w.number(s.score);
    w.key("label");
    w.string(label_name(s.label));
    w.end_object();
}

void write_metric_json(core::JsonWriter& w, const Metric& m) {
    w.begin_object();
    w.key("kind");
    w.string(metric_kind_name(m.kind));
    if (!m.entity.empty()) {
        w.key("entity");
        w.string(m.entity);
    }
    // Always written: null says the figure is the company's total, not a segment's.
    w.key("segment");
    if (m.segment.empty()) w.null();
    else w.string(m.segment);
    if (!m.ticker.empty()) {
        w.key("ticker");
        w.string(m.ticker);
    }
    if (m.has_value) {
        w.key("value");
        w.number(m.value);
        if (m.is_range) {
            w.key("low");
            w.number(m.low);
            w.key("high");
            w.number(m.high);
        }
        if (!m.unit.empty()) {
            w.key("unit");
            w.string(m.unit.view());
        }
    }
    if (m.change.direction != Direction::none || m.change.has_percent || m.change.has_points) write_change(w, m.change);
    if (m.has_prior) {
        w.key("prior_value");
        w.number(m.prior_value);
    }
    if (!m.period.empty()) {
        w.key("period");
        w.string(m.period.view());
    }
    w.key("forecast");
    w.boolean(m.forecast);
    if (m.qualifier != Qualifier::none) {
        w.key("qualifier");
        w.string(qualifier_name(m.qualifier));
    }
    write_span(w, m.span);
    w.key("text");
    w.string(m.text);
    w.end_object();
}

void write_quantity_json(core::JsonWriter& w, const Quantity& q) {
    w.begin_object();
    w.number_field("value", q.value);
    w.string_field("unit", q.unit.view());
    if (q.is_range) {
        w.number_field("low", q.low);
        w.number_field("high", q.high);
    }
    if (q.qualifier != Qualifier::none) {
        w.string_field("qualifier", qualifier_name(q.qualifier));
    }
    write_span(w, q.span);
    w.string_field("text", q.text);
    w.end_object();
}

void write_corporate_event_json(core::JsonWriter& w, const CorporateEvent& e, const Analysis& a) {
    w.begin_object();
    w.key("type");
    w.string(e.name);
    w.key("polarity");
    w.string(polarity_name(e.polarity));
    if (e.entity < a.entities.size()) {
        const EntityResult& ent = a.entities[e.entity];
        w.key("company");
        w.string(ent.name);
        if (!ent.ticker.empty()) {
            w.key("ticker");
            w.string(ent.ticker);
        }
    }
    if (e.role != EventRole::none) {
        w.key("role");
        w.string(event_role_name(e.role));
    }
    if (!e.detail.empty()) {
        w.key("detail");
        w.string(e.detail);
    }
    if (e.has_figure) {
        w.key("figure");
        w.number(e.figure);
        if (!e.unit.empty()) {
            w.key("unit");
            w.string(e.unit.view());
        }
    }
    write_span(w, e.span);
    w.key("text");
    w.string(e.text);
    w.end_object();
}

void append_analysis_json(std::string& out, const Event& event, const Analysis& a, const Explanation* explain) {
    core::JsonWriter w(out);
    w.begin_object();
    w.key("id");
    w.string(event.id);
    if (event.has_published_at) {
        w.key("published_at");
        w.raw("\"");  // the writer places the value; the timestamp is appended in place, without a temporary
        core::append_rfc3339(out, event.published_at_ms);
        out.push_back('"');
    }
    w.key("sentiment");
    write_sentiment_json(w, a.sentiment);
    w.key("entities");
    w.begin_array();
    for (size_t i = 0; i < a.entities.size(); ++i) {
        const EntityResult& e = a.entities[i];
        w.begin_object();
        w.key("name");
        w.string(e.name);
        if (!e.ticker.empty()) {
            w.key("ticker");
            w.string(e.ticker);
        }
        w.key("mentions");
        w.integer(e.mentions);
        w.key("relevance");
        w.integer(e.relevance);
        if (explain && i < explain->relevance.size()) write_relevance_parts(w, explain->relevance[i]);
        w.key("sentiment");
        write_sentiment_json(w, e.sentiment);
        w.end_object();
    }
    w.end_array();
    w.key("metrics");
    w.begin_array();
    for (const auto& m : a.metrics) write_metric_json(w, m);
    w.end_array();
    w.key("quantities");
    w.begin_array();
    for (const auto& q : a.quantities) write_quantity_json(w, q);
    w.end_array();
    w.key("events");
    w.begin_array();
    for (const auto& e : a.events) write_corporate_event_json(w, e, a);
    w.end_array();
    if (explain) write_explain(w, *explain);
    w.end_object();
}

}  // namespace herald::analysis
