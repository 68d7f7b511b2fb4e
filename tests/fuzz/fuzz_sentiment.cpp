// libFuzzer target: the whole Analyzer on arbitrary input. Input that parses as an event (JSON)
// is analysed as that event, with its tickers and entity hints; anything else is text fields.
// Invariants: scores in [-1, 1] and finite, label == label_for(score) for the document and every
// entity, every entity mentioned at least once (except those only the event's `entities` name),
// most mentioned first, and the explanation's spans inside their fields.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "herald/analysis/analyzer.hpp"
#include "herald/parse/event_parser.hpp"

using namespace herald::analysis;

namespace {

void check_sentiment(const Sentiment& s, const char* what) {
    FUZZ_CHECK(std::isfinite(s.score), what);
    FUZZ_CHECK(s.score >= -1.0 && s.score <= 1.0, what);
    FUZZ_CHECK(s.label == label_for(s.score), what);
}

bool named_by_event(const Event& event, const EntityResult& e) {
    for (const EntityHint& h : event.entities)
        if (h.name == e.name && h.ticker == e.ticker) return true;
    return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static herald::parse::EventParser parser;
    static Analyzer analyzer(Resources::builtin());
    static Event event;
    static Analysis out;
    static Explanation explain;
    static std::string detail;

    std::string_view payload(reinterpret_cast<const char*>(data), size);
    if (parser.parse(payload, event, detail) != herald::parse::ErrorCode::none)
        herald::fuzz::text_event(data, size, event);

    // Every other input with an explanation, so both paths of score() run.
    Explanation* ex = (size & 1) ? &explain : nullptr;
    explain.clear();
    analyzer.analyze(event, out, ex);

    check_sentiment(out.sentiment, "document sentiment out of range or label mismatch");
    for (const EntityResult& e : out.entities) {
        check_sentiment(e.sentiment, "entity sentiment out of range or label mismatch");
        // docs/contracts.md "Analysis" lists the entities an event names even when its text never mentions them.
        FUZZ_CHECK(e.mentions > 0 || named_by_event(event, e), "entity without mentions");
        FUZZ_CHECK(!e.name.empty(), "entity without a name");
    }
    for (size_t i = 1; i < out.entities.size(); ++i)
        FUZZ_CHECK(out.entities[i - 1].mentions >= out.entities[i].mentions, "entities not most mentioned first");
    for (const Quantity& q : out.quantities) herald::fuzz::check_quantity(event, q);
    for (const Metric& m : out.metrics) herald::fuzz::check_metric(event, m);
    if (ex) {
        for (const ExplainSentence& s : explain.sentences) {
            FUZZ_CHECK(std::isfinite(s.score), "explained sentence score not finite");
            std::string_view f = event.field(s.span.field);
            FUZZ_CHECK(s.span.begin <= s.span.end && s.span.end <= f.size(), "explained sentence outside its field");
            for (const ExplainTerm& t : s.terms) FUZZ_CHECK(std::isfinite(t.weight), "explained term weight not finite");
        }
    }
    return 0;
}
