// libFuzzer target: arbitrary text as an event's fields through Document::build, EntityFinder,
// QuantityExtractor and MetricExtractor. Invariants: tokens, sentences, mentions, quantities and
// metrics lie inside their field with begin <= end; values finite; ranges low <= high.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "fuzz_support.hpp"
#include "herald/analysis/document.hpp"
#include "herald/analysis/entities.hpp"
#include "herald/analysis/metrics.hpp"
#include "herald/analysis/quantities.hpp"

using namespace herald::analysis;

namespace {

void check_document(const Event& e, const Document& doc) {
    for (const Token& t : doc.tokens) {
        FUZZ_CHECK(t.begin < t.end, "empty or reversed token");
        FUZZ_CHECK(t.end <= e.field(t.field).size(), "token beyond its field");
    }
    for (const Sentence& s : doc.sentences) {
        FUZZ_CHECK(s.begin <= s.end && s.end <= e.field(s.field).size(), "sentence outside its field");
        FUZZ_CHECK(s.first_token <= s.last_token && s.last_token <= doc.tokens.size(), "sentence token range");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static Event event;
    static Document doc;
    static EntityFinder finder(AliasTable::builtin());
    static QuantityExtractor quantities;
    static MetricExtractor metrics;
    static std::vector<Mention> mentions;
    static std::vector<Quantity> qs;
    static std::vector<Metric> ms;

    herald::fuzz::text_event(data, size, event);
    doc.build(event);
    check_document(event, doc);

    mentions.clear();
    finder.find(doc, mentions);
    for (const Mention& m : mentions) {
        herald::fuzz::check_span(event, m.span, event.field(m.span.field).substr(m.span.begin, m.span.end - m.span.begin),
                                 "mention span outside its field");
        FUZZ_CHECK(m.span.begin < m.span.end || m.is_reference, "empty mention span");
        FUZZ_CHECK(m.sentence < doc.sentences.size(), "mention sentence out of range");
        FUZZ_CHECK(m.token < doc.tokens.size(), "mention token out of range");
        FUZZ_CHECK(!m.company.empty(), "mention without a company");
    }

    qs.clear();
    quantities.extract(doc, qs);
    for (const Quantity& q : qs) herald::fuzz::check_quantity(event, q);

    ms.clear();
    metrics.extract(doc, mentions, qs, ms);
    for (const Metric& m : ms) herald::fuzz::check_metric(event, m);
    return 0;
}
