// Document and per-entity sentiment from sentence scores: a weighted sum over the sentences
// that carry sentiment, divided by the square root of their weight and saturated with tanh, so
// consistent evidence across many sentences reads stronger than one sentence alone.
#include <algorithm>
#include <cmath>

#include "entity_keys.hpp"
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
    // Clauses of every sentence, flat: sentence i owns [clause_begin[i], clause_begin[i + 1]).
    std::vector<uint32_t> clause_begin, clause_first;
    std::vector<double> clause_raw;
    // The companies of one sentence while it is attributed (at most kMaxSplit, else no split).
    static constexpr size_t kMaxSplit = 8;
    struct InSentence {
        size_t entity = 0;   // index into entities
        size_t clause = 0;   // first clause (relative to the sentence) that names it
    };
    struct Entity {
        std::string_view name, ticker;
        uint32_t mentions = 0;
        uint32_t first = 0;  // index of its first mention: ties keep document order
        Accumulator acc;
    };
    std::vector<Entity> entities;
    // Entities by key ('T' ticker, 'E' name of one without a ticker, 'N' any name) and the entity
    // of each mention: lookups, not walks over every entity (an event may name thousands).
    detail::EntityKeys keys;
    std::vector<uint32_t> mention_entity;
    std::vector<uint32_t> seen_in;  // per entity: 1 + the last sentence its overflow share went to

    // A document names a few entities: they are walked, as a hash costs more; past kScan the
    // index is built and kept.
    static constexpr size_t kScan = 8;
    bool indexed = false;

    void clear_entities() {
        entities.clear();
        keys.clear();
        indexed = false;
    }
    void index(uint32_t i) {
        const Entity& e = entities[i];
        if (!e.ticker.empty()) keys.add('T', e.ticker, i);
        else keys.add('E', e.name, i);
        keys.add('N', e.name, i);
    }
    void add_entity(std::string_view name, std::string_view ticker, uint32_t first) {
        const auto i = static_cast<uint32_t>(entities.size());
        auto& e = entities.emplace_back();
        e.name = name;
        e.ticker = ticker;
        e.first = first;
        if (indexed) {
            index(i);
        } else if (entities.size() > kScan) {
            for (uint32_t j = 0; j <= i; ++j) index(j);
            indexed = true;
        }
    }
    uint32_t entity_of(const Mention& m) const {
        if (indexed) return m.ticker.empty() ? keys.find('E', m.company) : keys.find('T', m.ticker);
        for (uint32_t x = 0; x < entities.size(); ++x) {
            const auto& e = entities[x];
            if (m.ticker.empty() ? (e.ticker.empty() && detail::same_text(e.name, m.company))
                                 : detail::same_text(e.ticker, m.ticker))
                return x;
        }
        return detail::EntityKeys::kNone;
    }
    // Is there an entity with this ticker (when not empty) or this name?
    bool has_entity(std::string_view ticker, std::string_view name) const {
        if (indexed)
            return (!ticker.empty() && keys.find('T', ticker) != detail::EntityKeys::kNone) ||
                   keys.find('N', name) != detail::EntityKeys::kNone;
        for (const auto& x : entities)
            if ((!ticker.empty() && x.ticker == ticker) || x.name == name) return true;
        return false;
    }
};

SentimentScorer::SentimentScorer(std::shared_ptr<const Lexicon> lexicon)
    : lexicon_(std::move(lexicon)), scratch_(std::make_unique<Scratch>(lexicon_->impl())) {}
SentimentScorer::~SentimentScorer() = default;

SentenceComposer& SentimentScorer::composer() { return scratch_->composer; }

void SentimentScorer::score(const Document& doc, const std::vector<Mention>& mentions,
                            const std::vector<Metric>& metrics, Analysis& out, Explanation* explain) {
    scratch_->composer.index(doc);
    aggregate(doc, mentions, metrics, out, explain);
}

void SentimentScorer::aggregate(const Document& doc, const std::vector<Mention>& mentions,
                                const std::vector<Metric>& metrics, Analysis& out, Explanation* explain) {
    Scratch& sc = *scratch_;
    sc.sentence_scores.resize(doc.sentences.size());
    sc.clause_begin.clear();
    sc.clause_first.clear();
    sc.clause_raw.clear();
    Accumulator document;
    double lean_sum = 0, lean_weight = 0;  // the learned layer's lean where it said neutral
    sc.composer.set_mentions(&mentions);
    for (size_t i = 0; i < doc.sentences.size(); ++i) {
        const Sentence& s = doc.sentences[i];
        ExplainSentence* ex = nullptr;
        if (explain) ex = &explain->sentences.emplace_back();
        double v = sc.composer.score(doc, s, metrics, ex);
        sc.sentence_scores[i] = v;
        sc.clause_begin.push_back(static_cast<uint32_t>(sc.clause_first.size()));
        for (size_t c = 0; c < sc.composer.clause_count(); ++c) {
            sc.clause_first.push_back(sc.composer.clause_first(c));
            sc.clause_raw.push_back(sc.composer.clause_raw(c));
        }
        document.add(field_weight(s.field), v);
        if (const double lean = sc.composer.lean(); lean != 0) {
            lean_sum += field_weight(s.field) * lean;
            lean_weight += field_weight(s.field);
        }
    }
    sc.composer.set_mentions(nullptr);
    out.sentiment.score = document.value();
    // No evidence but the layer's lean (a post or headline it calls neutral): a score inside
    // the neutral band whose sign says which way the text leans, for the document and for the
    // companies nothing else scores.
    const double lean = out.sentiment.score == 0.0 && lean_weight > 0 ? tuning::kLean * lean_sum / lean_weight : 0.0;
    out.sentiment.score += lean;
    out.sentiment.label = label_for(out.sentiment.score);

    sc.clause_begin.push_back(static_cast<uint32_t>(sc.clause_first.size()));

    // Per entity: the sentences that name it or refer to it, each counted once. Where a sentence
    // names several companies in different clauses ("Nvidia jumped 8%, while AMD fell 4%"),
    // each takes the clauses from its first one up to the next company's (leading clauses go to
    // the first company); companies in one clause share it.
    sc.entities.clear();
    sc.clear_entities();
    sc.seen_in.clear();
    sc.mention_entity.resize(mentions.size());
    for (uint32_t k0 = 0; k0 < mentions.size();) {
        const uint32_t si = mentions[k0].sentence;
        uint32_t k1 = k0;
        while (k1 < mentions.size() && mentions[k1].sentence == si) ++k1;
        const uint32_t cb = sc.clause_begin[si], ce = sc.clause_begin[si + 1];
        Scratch::InSentence here[Scratch::kMaxSplit];
        size_t n_here = 0;
        bool overflow = false;
        for (uint32_t k = k0; k < k1; ++k) {
            const Mention& m = mentions[k];
            size_t ei = sc.entity_of(m);
            if (ei == detail::EntityKeys::kNone) {
                ei = sc.entities.size();
                sc.add_entity(m.company, m.ticker, k);
            }
            sc.mention_entity[k] = static_cast<uint32_t>(ei);
            if (!m.is_reference) ++sc.entities[ei].mentions;
            // The clause holding the mention: the last one starting at or before it.
            const uint32_t c = static_cast<uint32_t>(
                std::upper_bound(sc.clause_first.begin() + cb + 1, sc.clause_first.begin() + (ce > cb ? ce : cb + 1),
                                 m.token) -
                sc.clause_first.begin() - 1);
            size_t h = 0;
            while (h < n_here && here[h].entity != ei) ++h;
            if (h < n_here) continue;  // named earlier in the sentence: its first clause counts
            if (n_here == Scratch::kMaxSplit) {
                overflow = true;
                continue;
            }
            here[n_here++] = {ei, c - cb};
        }
        const double whole = sc.sentence_scores[si];
        const double w = field_weight(doc.sentences[si].field);
        bool split = !overflow && n_here > 1;
        if (split) {
            split = false;  // only when the companies sit in different clauses
            for (size_t h = 1; h < n_here; ++h) split |= here[h].clause != here[0].clause;
        }
        for (size_t h = 0; h < n_here; ++h) {
            double v = whole;
            if (split) {
                size_t from = here[h].clause, to = ce - cb;
                bool first = true;
                for (size_t g = 0; g < n_here; ++g) {
                    if (here[g].clause < from) first = false;
                    if (here[g].clause > from && here[g].clause < to) to = here[g].clause;
                }
                if (first) from = 0;
                double raw = 0.0;
                for (size_t c = from; c < to; ++c) raw += sc.clause_raw[cb + c];
                v = SentenceComposer::squash(raw);
            }
            sc.entities[here[h].entity].acc.add(w, v);
        }
        // Beyond kMaxSplit companies in one sentence: the rest take the whole sentence.
        // (Once per entity: at its first mention in the sentence.)
        if (overflow) {
            sc.seen_in.resize(sc.entities.size(), 0);
            for (uint32_t k = k0; k < k1; ++k) {
                const uint32_t ei = sc.mention_entity[k];
                bool seen = sc.seen_in[ei] == si + 1;
                sc.seen_in[ei] = si + 1;
                for (size_t h = 0; h < n_here; ++h) seen |= here[h].entity == ei;
                if (!seen) sc.entities[ei].acc.add(w, whole);
            }
        }
        k0 = k1;
    }
    // A text about one company: its sentences that do not name it ("Net sales rose 12 %") are
    // about it too, so it takes the document's tone.
    if (sc.entities.size() == 1) sc.entities[0].acc = document;
    // Named only by references would mean a reference without a company: cannot happen, but
    // an entity the event names that the text never mentions still gets the document's tone.
    for (const EntityHint& h : doc.event().entities) {
        const bool found = sc.has_entity(h.ticker, h.name);
        if (found || h.name.empty()) continue;
        sc.add_entity(h.name, h.ticker, static_cast<uint32_t>(mentions.size() + sc.entities.size()));
        sc.entities.back().acc = document;
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
        if (r.sentiment.score == 0.0) r.sentiment.score = lean;
        r.sentiment.label = label_for(r.sentiment.score);
        out.entities.push_back(r);
    }
}

}  // namespace herald::analysis
