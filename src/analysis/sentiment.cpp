// Document and per-entity sentiment from sentence scores: a weighted sum over the sentences
// that carry sentiment, divided by the square root of their weight and saturated with tanh, so
// consistent evidence across many sentences reads stronger than one sentence alone.
#include <algorithm>
#include <cmath>

#include "entity_attribution.hpp"
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
    // The terms of every sentence, flat as the clauses: sentence i owns [term_begin[i], term_begin[i + 1]).
    std::vector<uint32_t> term_begin;
    std::vector<SentenceComposer::Contribution> terms;
    std::vector<int32_t> clause_owner;  // attribute()'s scratch
    // The companies of one sentence while it is attributed (at most kMaxSplit, else no split).
    static constexpr size_t kMaxSplit = 8;
    struct InSentence {
        size_t entity = 0;  // index into entities
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

    // The steps of SentimentScorer::aggregate, in order.
    void score_sentences(const Document& doc, const std::vector<Mention>& mentions, const std::vector<Metric>& metrics,
                         Explanation* explain, Accumulator& document, double& lean_sum, double& lean_weight);
    Accumulator unnamed_sentences(const Document& doc, const std::vector<Mention>& mentions) const;
    bool companies_of(const std::vector<Mention>& mentions, uint32_t k0, uint32_t k1, InSentence* here, size_t& n_here,
                      uint8_t* slot);
    void credit_sentence(const Document& doc, const std::vector<Mention>& mentions, uint32_t k0, uint32_t k1);
    void add_unmentioned(const Document& doc, size_t mention_count, const Accumulator& document);
    void write_entities(double lean, Analysis& out);
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

// Every sentence scored (its clauses and terms kept, flat, for the attribution), the document's
// tone summed up, and the learned layer's lean where it said neutral.
void SentimentScorer::Scratch::score_sentences(const Document& doc, const std::vector<Mention>& mentions,
                                               const std::vector<Metric>& metrics, Explanation* explain,
                                               Accumulator& document, double& lean_sum, double& lean_weight) {
    sentence_scores.resize(doc.sentences.size());
    clause_begin.clear();
    clause_first.clear();
    term_begin.clear();
    terms.clear();
    composer.set_mentions(&mentions);
    for (size_t i = 0; i < doc.sentences.size(); ++i) {
        const Sentence& s = doc.sentences[i];
        ExplainSentence* ex = nullptr;
        if (explain) ex = &explain->sentences.emplace_back();
        double v = composer.score(doc, s, metrics, ex);
        sentence_scores[i] = v;
        clause_begin.push_back(static_cast<uint32_t>(clause_first.size()));
        for (size_t c = 0; c < composer.clause_count(); ++c) clause_first.push_back(composer.clause_first(c));
        term_begin.push_back(static_cast<uint32_t>(terms.size()));
        terms.insert(terms.end(), composer.contributions().begin(), composer.contributions().end());
        document.add(field_weight(s.field), v);
        if (const double lean = composer.lean(); lean != 0) {
            lean_sum += field_weight(s.field) * lean;
            lean_weight += field_weight(s.field);
        }
    }
    composer.set_mentions(nullptr);
    clause_begin.push_back(static_cast<uint32_t>(clause_first.size()));
    term_begin.push_back(static_cast<uint32_t>(terms.size()));
    // Past the last sentence's starts, values above every token (clause_holding_padded).
    clause_first.insert(clause_first.end(), kClausePad, UINT32_MAX);
}

void SentimentScorer::explain_sentences(const Document& doc, const std::vector<Mention>& mentions,
                                        const std::vector<Metric>& metrics, Explanation& explain) {
    SentenceComposer& composer = scratch_->composer;
    composer.set_mentions(&mentions);
    for (const Sentence& s : doc.sentences) composer.score(doc, s, metrics, &explain.sentences.emplace_back());
    composer.set_mentions(nullptr);
}

// The sentences that name no company.
Accumulator SentimentScorer::Scratch::unnamed_sentences(const Document& doc, const std::vector<Mention>& mentions) const {
    Accumulator unnamed;
    for (size_t si = 0, k = 0; si < doc.sentences.size(); ++si) {
        const bool named = k < mentions.size() && mentions[k].sentence == si;
        while (k < mentions.size() && mentions[k].sentence == si) ++k;
        if (!named) unnamed.add(field_weight(doc.sentences[si].field), sentence_scores[si]);
    }
    return unnamed;
}

// The companies that one sentence's mentions [k0, k1) name (entities added as they first come),
// and each mention's company slot; false when they are more than can be split.
bool SentimentScorer::Scratch::companies_of(const std::vector<Mention>& mentions, uint32_t k0, uint32_t k1,
                                            InSentence* here, size_t& n_here, uint8_t* slot) {
    bool overflow = k1 - k0 > detail::kMaxAttributed;
    for (uint32_t k = k0; k < k1; ++k) {
        const Mention& m = mentions[k];
        size_t ei = entity_of(m);
        if (ei == detail::EntityKeys::kNone) {
            ei = entities.size();
            add_entity(m.company, m.ticker, k);
        }
        mention_entity[k] = static_cast<uint32_t>(ei);
        if (!m.is_reference) ++entities[ei].mentions;
        size_t h = 0;
        while (h < n_here && here[h].entity != ei) ++h;
        if (h == n_here) {
            if (n_here == kMaxSplit) {
                overflow = true;
                continue;
            }
            here[n_here++] = {ei};
        }
        if (k - k0 < detail::kMaxAttributed) slot[k - k0] = static_cast<uint8_t>(h);
    }
    return !overflow;
}

// One sentence's score to the companies its mentions [k0, k1) name: each its own terms
// (entity_attribution.cpp: "Nvidia jumped 8%, while AMD fell 4%", "Stocks fell, but Costco
// rose"), or the whole sentence.
void SentimentScorer::Scratch::credit_sentence(const Document& doc, const std::vector<Mention>& mentions, uint32_t k0,
                                               uint32_t k1) {
    const uint32_t si = mentions[k0].sentence;
    InSentence here[kMaxSplit];
    uint8_t slot[detail::kMaxAttributed];
    size_t n_here = 0;
    const bool overflow = !companies_of(mentions, k0, k1, here, n_here, slot);
    const double whole = sentence_scores[si];
    const double w = field_weight(doc.sentences[si].field);
    double raw[kMaxSplit] = {};
    bool dropped = false, any_term = term_begin[si + 1] > term_begin[si];
    if (!overflow && any_term) {
        detail::SentenceParts parts;
        parts.doc = &doc;
        parts.sentence = &doc.sentences[si];
        parts.clause_first = clause_first.data() + clause_begin[si];
        parts.clauses = clause_begin[si + 1] - clause_begin[si];
        parts.terms = terms.data() + term_begin[si];
        parts.term_count = term_begin[si + 1] - term_begin[si];
        parts.mentions = mentions.data() + k0;
        parts.mention_count = k1 - k0;
        parts.slot = slot;
        if (clause_owner.size() < parts.clauses) clause_owner.resize(parts.clauses);
        parts.clause_owner = clause_owner.data();
        dropped = detail::attribute(parts, raw);
    }
    // One company and every term its own, or no term (the learned layer's tone alone): the
    // whole sentence; else each company its terms.
    const bool split = !overflow && any_term && (n_here > 1 || dropped);
    for (size_t h = 0; h < n_here; ++h)
        entities[here[h].entity].acc.add(w, split ? SentenceComposer::squash(raw[h]) : whole);
    // Beyond kMaxSplit companies in one sentence: the rest take the whole sentence.
    // (Once per entity: at its first mention in the sentence.)
    if (overflow) {
        seen_in.resize(entities.size(), 0);
        for (uint32_t k = k0; k < k1; ++k) {
            const uint32_t ei = mention_entity[k];
            bool seen = seen_in[ei] == si + 1;
            seen_in[ei] = si + 1;
            for (size_t h = 0; h < n_here; ++h) seen |= here[h].entity == ei;
            if (!seen) entities[ei].acc.add(w, whole);
        }
    }
}

// Named only by references would mean a reference without a company: cannot happen, but an
// entity the event names that the text never mentions still gets the document's tone.
void SentimentScorer::Scratch::add_unmentioned(const Document& doc, size_t mention_count, const Accumulator& document) {
    for (const EntityHint& h : doc.event().entities) {
        const bool found = has_entity(h.ticker, h.name);
        if (found || h.name.empty()) continue;
        add_entity(h.name, h.ticker, static_cast<uint32_t>(mention_count + entities.size()));
        entities.back().acc = document;
    }
}

// The entities, most mentioned first, with their scores (the lean where nothing else scores).
void SentimentScorer::Scratch::write_entities(double lean, Analysis& out) {
    std::sort(entities.begin(), entities.end(), [](const Entity& a, const Entity& b) {
        return a.mentions != b.mentions ? a.mentions > b.mentions : a.first < b.first;
    });
    out.entities.clear();
    for (const auto& e : entities) {
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

void SentimentScorer::aggregate(const Document& doc, const std::vector<Mention>& mentions,
                                const std::vector<Metric>& metrics, Analysis& out, Explanation* explain) {
    Scratch& sc = *scratch_;
    Accumulator document;
    double lean_sum = 0, lean_weight = 0;  // the learned layer's lean where it said neutral
    sc.score_sentences(doc, mentions, metrics, explain, document, lean_sum, lean_weight);
    out.sentiment.score = document.value();
    // No evidence but the layer's lean (a post or headline it calls neutral): a score inside
    // the neutral band whose sign says which way the text leans, for the document and for the
    // companies nothing else scores.
    const double lean = out.sentiment.score == 0.0 && lean_weight > 0 ? tuning::kLean * lean_sum / lean_weight : 0.0;
    out.sentiment.score += lean;
    out.sentiment.label = label_for(out.sentiment.score);
    const Accumulator unnamed = sc.unnamed_sentences(doc, mentions);  // the sentences naming no company

    // Per entity: the sentences that name it or refer to it, each counted once, with the terms
    // of each sentence that are about it.
    sc.entities.clear();
    sc.clear_entities();
    sc.seen_in.clear();
    sc.mention_entity.resize(mentions.size());
    for (uint32_t k0 = 0; k0 < mentions.size();) {
        uint32_t k1 = k0;
        while (k1 < mentions.size() && mentions[k1].sentence == mentions[k0].sentence) ++k1;
        sc.credit_sentence(doc, mentions, k0, k1);
        k0 = k1;
    }
    // A text about one company: its sentences that do not name it ("Net sales rose 12 %") are
    // about it too.
    if (sc.entities.size() == 1) {
        sc.entities[0].acc.sum += unnamed.sum;
        sc.entities[0].acc.weight += unnamed.weight;
    }
    sc.add_unmentioned(doc, mentions.size(), document);
    sc.write_entities(lean, out);
}

}  // namespace herald::analysis
