// Document and per-entity sentiment from sentence scores: a weighted sum over the sentences
// that carry sentiment, divided by the square root of their weight and saturated with tanh, so
// consistent evidence across many sentences reads stronger than one sentence alone.
#include <algorithm>
#include <cmath>

#include "sentiment_internal.hpp"

namespace herald::analysis {

namespace {

double field_weight(Field f) {
    switch (f) {
        case Field::headline: return tuning::kHeadlineWeight;
        case Field::summary: return tuning::kSummaryWeight;
        default: return tuning::kBodyWeight;
    }
}

struct Accumulator {
    double sum = 0.0;     // sum of weight x score
    double weight = 0.0;  // sum of weights of sentences with a score
    void add(double w, double s) {
        if (s == 0.0) return;
        sum += w * s;
        weight += w;
    }
    double value() const { return weight > 0 ? std::tanh(tuning::kDocumentGain * sum / std::sqrt(weight)) : 0.0; }
};

}  // namespace

struct SentimentScorer::Scratch {
    explicit Scratch(const Lexicon::Impl& lex) : composer(lex) {}
    SentenceComposer composer;
    std::vector<double> sentence_scores;
    struct Entity {
        std::string_view name, ticker;
        uint32_t mentions = 0;
        uint32_t first = 0;  // index of its first mention: ties keep document order
        uint32_t last_sentence = UINT32_MAX;
        Accumulator acc;
    };
    std::vector<Entity> entities;
};

SentimentScorer::SentimentScorer(std::shared_ptr<const Lexicon> lexicon)
    : lexicon_(std::move(lexicon)), scratch_(std::make_unique<Scratch>(lexicon_->impl())) {}
SentimentScorer::~SentimentScorer() = default;

void SentimentScorer::score(const Document& doc, const std::vector<Mention>& mentions,
                            const std::vector<Metric>& metrics, Analysis& out, Explanation* explain) {
    Scratch& sc = *scratch_;
    sc.composer.index(doc);
    sc.sentence_scores.resize(doc.sentences.size());
    Accumulator document;
    for (size_t i = 0; i < doc.sentences.size(); ++i) {
        const Sentence& s = doc.sentences[i];
        ExplainSentence* ex = nullptr;
        if (explain) ex = &explain->sentences.emplace_back();
        double v = sc.composer.score(doc, s, metrics, ex);
        sc.sentence_scores[i] = v;
        document.add(field_weight(s.field), v);
    }
    out.sentiment.score = document.value();
    out.sentiment.label = label_for(out.sentiment.score);

    // Per entity: the sentences that name it or refer to it, each counted once.
    sc.entities.clear();
    for (uint32_t k = 0; k < mentions.size(); ++k) {
        const Mention& m = mentions[k];
        Scratch::Entity* e = nullptr;
        for (auto& x : sc.entities)
            if (m.ticker.empty() ? (x.ticker.empty() && x.name == m.company) : x.ticker == m.ticker) {
                e = &x;
                break;
            }
        if (!e) {
            e = &sc.entities.emplace_back();
            e->name = m.company;
            e->ticker = m.ticker;
            e->first = k;
        }
        if (!m.is_reference) ++e->mentions;
        if (e->last_sentence != m.sentence) {
            e->last_sentence = m.sentence;
            e->acc.add(field_weight(doc.sentences[m.sentence].field), sc.sentence_scores[m.sentence]);
        }
    }
    // Named only by references would mean a reference without a company: cannot happen, but
    // an entity the event names that the text never mentions still gets the document's tone.
    for (const EntityHint& h : doc.event().entities) {
        bool found = false;
        for (auto& x : sc.entities)
            if ((!h.ticker.empty() && x.ticker == h.ticker) || x.name == h.name) found = true;
        if (found || h.name.empty()) continue;
        auto& e = sc.entities.emplace_back();
        e.name = h.name;
        e.ticker = h.ticker;
        e.first = static_cast<uint32_t>(mentions.size() + sc.entities.size());
        e.acc = document;
    }
    std::sort(sc.entities.begin(), sc.entities.end(), [](const Scratch::Entity& a, const Scratch::Entity& b) {
        return a.mentions != b.mentions ? a.mentions > b.mentions : a.first < b.first;
    });
    out.entities.clear();
    for (const auto& e : sc.entities) {
        EntityResult r;
        r.name = e.name;
        r.ticker = e.ticker;
        r.mentions = e.mentions;
        r.sentiment.score = e.acc.value();
        r.sentiment.label = label_for(r.sentiment.score);
        out.entities.push_back(r);
    }
}

}  // namespace herald::analysis
