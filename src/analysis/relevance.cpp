// Relevance per company: title, lead, share of sentences and mention count, scaled down when
// the story spreads its mentions over many companies (a round-up).
#include "herald/analysis/relevance.hpp"

#include <cmath>

#include "entity_keys.hpp"

namespace herald::analysis {

namespace {

constexpr double kTitlePoints = 40.0, kLeadPoints = 20.0, kSharePoints = 25.0, kMentionPoints = 15.0;
// A story about up to this many companies (by the spread of its mentions) is not a round-up.
constexpr double kCrowdFree = 2.0;
// Mentions at which the mention points are full.
constexpr double kFullMentions = 4.0;

}  // namespace

RelevanceScorer::RelevanceScorer() : keys_(std::make_unique<detail::EntityKeys>()) {}
RelevanceScorer::~RelevanceScorer() = default;

void RelevanceScorer::score(const Document& doc, const std::vector<Mention>& mentions, Analysis& out) {
    const size_t n = out.entities.size();
    seen_.assign(n, Seen{});
    mention_counts_.assign(n, 0);
    if (n == 0) return;
    // The title: the headline's sentences, or the first sentence of a story without a headline.
    title_sentences_ = 0;
    for (const Sentence& s : doc.sentences) title_sentences_ += s.field == Field::headline;
    if (title_sentences_ == 0 && !doc.sentences.empty()) title_sentences_ = 1;
    total_sentences_ = static_cast<uint32_t>(doc.sentences.size());

    // Entities by ticker, or by name when they have none, as sentiment keys them.
    detail::EntityKeys& keys = *keys_;
    keys.clear();
    for (size_t i = 0; i < n; ++i) {
        const EntityResult& e = out.entities[i];
        if (!e.ticker.empty()) keys.add('T', e.ticker, static_cast<uint32_t>(i));
        else keys.add('E', e.name, static_cast<uint32_t>(i));
    }
    // Mentions of one alias share its strings: a run of them (the same company named again and
    // again) costs one lookup, found again by the key's address.
    std::string_view memo_key;
    char memo_tag = 0;  // none yet
    uint32_t memo = detail::EntityKeys::kNone;
    for (const Mention& m : mentions) {
        const std::string_view key = m.ticker.empty() ? m.company : m.ticker;
        const char tag = m.ticker.empty() ? 'E' : 'T';
        uint32_t i;
        if (tag == memo_tag && key.data() == memo_key.data() && key.size() == memo_key.size()) {
            i = memo;
        } else {
            i = keys.find(tag, key);
            memo_key = key;
            memo_tag = tag;
            memo = i;
        }
        if (i == detail::EntityKeys::kNone) continue;
        Seen& s = seen_[i];
        // Documents are in order, so a sentence is counted once at its first mention.
        if (s.last_sentence != m.sentence) {
            ++s.sentences;
            s.last_sentence = m.sentence;
        }
        if (s.first_sentence == UINT32_MAX) s.first_sentence = m.sentence;
        s.in_title |= m.sentence < title_sentences_;
        if (!m.is_reference) ++mention_counts_[i];
    }
    // Effective number of companies: the inverse Herfindahl index of their mention counts, so a
    // story about one company that names ten others once stays about one, and a round-up naming
    // fifteen companies once each counts fifteen.
    double sum = 0.0, sum_sq = 0.0;
    for (uint32_t c : mention_counts_) {
        sum += c;
        sum_sq += static_cast<double>(c) * c;
    }
    const double effective = sum_sq > 0 ? sum * sum / sum_sq : 1.0;
    crowd_ = effective <= kCrowdFree ? 1.0 : std::sqrt(kCrowdFree / effective);
    for (size_t i = 0; i < n; ++i) {
        RelevanceParts p = parts(i);
        double v = (p.title + p.lead + p.share + p.mentions) * p.crowd;
        out.entities[i].relevance = static_cast<uint8_t>(std::lround(v < 0 ? 0 : v > 100 ? 100 : v));
    }
}

RelevanceParts RelevanceScorer::parts(size_t entity) const {
    RelevanceParts p;
    if (entity >= seen_.size()) return p;
    const Seen& s = seen_[entity];
    p.crowd = crowd_;
    if (s.first_sentence == UINT32_MAX) return p;  // never named in the text (a provider tag)
    if (s.in_title) p.title = kTitlePoints;
    // Lead: full in the title or the first sentence after it, falling with the square of how
    // far into the rest of the story the first mention is.
    const uint32_t rest = total_sentences_ > title_sentences_ ? total_sentences_ - title_sentences_ : 0;
    if (s.first_sentence < title_sentences_ || rest == 0) {
        p.lead = kLeadPoints;
    } else {
        double f = static_cast<double>(s.first_sentence - title_sentences_) / rest;
        p.lead = kLeadPoints * (1.0 - f) * (1.0 - f);
    }
    double share = total_sentences_ ? static_cast<double>(s.sentences) / total_sentences_ : 0.0;
    p.share = kSharePoints * (share * 1.5 > 1.0 ? 1.0 : share * 1.5);
    double m = mention_counts_[entity] / kFullMentions;
    p.mentions = kMentionPoints * (m > 1.0 ? 1.0 : m);
    return p;
}

}  // namespace herald::analysis
