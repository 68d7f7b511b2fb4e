// Matching of the event type table over one document: the tokens with a word of the table (the
// cues, found by the Analyzer's one probe per token for every table) are read sentence by
// sentence, and patterns are matched only from the rarer cues that can start one. Scratch is
// reused: no allocation once the buffers have grown.
#include "event_scratch.hpp"

namespace herald::analysis {

EventTypeClassifier::EventTypeClassifier(std::shared_ptr<const EventTypeTable> table)
    : table_(std::move(table)), s_(std::make_unique<Scratch>()) {
    s_->t = &table_->impl();
}

EventTypeClassifier::~EventTypeClassifier() = default;


void EventTypeClassifier::classify(const Document& doc, const std::vector<Mention>& mentions, Analysis& a) {
    if (a.entities.empty()) return;
    s_->look_up(doc, *table_);
    run(doc, mentions, a, s_->own);
}

void EventTypeClassifier::classify(const Document& doc, const std::vector<Mention>& mentions, Analysis& a,
                                   const EventTokenIds& looked_up) {
    if (a.entities.empty()) return;
    if (looked_up.filled_from(doc, *table_)) return run(doc, mentions, a, looked_up);
    s_->look_up(doc, *table_);
    run(doc, mentions, a, s_->own);
}

void EventTypeClassifier::run(const Document& doc, const std::vector<Mention>& mentions, Analysis& a,
                              const EventTokenIds& ids_in) {
    Scratch& s = *s_;
    const EventTypeTable::Impl& t = *s.t;
    s.doc = &doc;
    s.mentions = &mentions;
    s.companies_built = false;
    s.rater_mention = -1;
    s.is_rater.assign(a.entities.size(), 0);
    s.is_customer.assign(a.entities.size(), 0);
    const EventTokenIds* ids = &ids_in;
    s.spread(doc, *ids);
    s.unconfirmed.assign(t.rows.size(), 0);
    // Only sentences holding a cue (a token with a word of the table) are read, and of them only
    // the cues: what classes and words the sentence holds, so that a pattern whose classes and
    // words are not all there is not tried, and which tokens may start a pattern.
    const EventTokenIds::Cue* cue = ids->cues.data();
    const EventTokenIds::Cue* const cues_end = cue + ids->cue_count;
    for (uint32_t si = 0; si < doc.sentences.size() && cue != cues_end; ++si) {
        const Sentence& sent = doc.sentences[si];
        while (cue != cues_end && cue->token < sent.first_token) ++cue;
        if (cue == cues_end || cue->token >= sent.last_token) continue;
        ClassSet present;
        uint64_t words = 0;
        s.anchor_at.clear();
        for (; cue != cues_end && cue->token < sent.last_token; ++cue) {
            const EventTypeTable::Impl::Cue& c = t.cue_info[cue->id];
            present.add(c.maybe);
            words |= c.bits;
            if (c.anchor) s.anchor_at.push_back(cue->token);
        }
        if (s.anchor_at.empty()) continue;
        bool question = sent.last_token > sent.first_token && s.text(sent.last_token - 1) == "?";
        uint32_t last_row = UINT32_MAX, last_row_at = UINT32_MAX;
        // A stated detail ([terminated]) carries to later matches of its row in its clause.
        uint32_t carry_row = UINT32_MAX, carry_until = 0;
        std::string_view carry_detail;
        for (uint32_t tk : s.anchor_at) {
            for (uint32_t pi : t.anchors[s.ids[tk]]) {
                const Pattern& p = t.patterns[pi];
                if (p.row == last_row && last_row_at == tk) continue;  // the row already matched here
                if ((p.need_words & ~words) != 0 || !present.covers(p.need_classes)) continue;
                if (p.after_class >= 0 && !s.after(sent, tk, p)) continue;
                uint32_t end;
                int32_t object;
                bool hedged;
                if (!s.match(p, tk, sent.last_token, end, object, hedged)) continue;
                last_row = p.row;
                last_row_at = tk;
                const Row& row = t.rows[p.row];
                // A [none] pattern is an exception: it matches so that the row's others do not.
                if (p.none) continue;
                const bool headline = sent.field == Field::headline;
                if (!headline && s.unconfirmed[p.row]) continue;
                // Negation and hedges in the clause before the match or in its gaps.
                uint32_t from = s.scope_start(sent, tk);
                if (question) continue;
                if (hedged || s.class_in(from, tk, t.negator) || s.class_in(from, tk, t.hedge)) {
                    if (headline) s.unconfirmed[p.row] = 1;
                    continue;
                }
                if ((row.unless_before_class >= 0 && s.class_in(s.subclause_start(sent, tk), tk, row.unless_before_class)) ||
                    s.class_in(sent.first_token, sent.last_token, row.unless_class) ||
                    s.class_in(s.clause_start(sent, tk), tk, t.background) || s.opens_in_past(sent) ||
                    s.recalled(sent, tk))
                    continue;
                const bool carries = carry_row == p.row && tk < carry_until && p.detail.empty();
                s.record(si, tk, end, object, p, carries ? carry_detail : std::string_view(), a);
                if (!p.detail.empty()) {
                    carry_row = p.row;
                    carry_detail = p.detail;
                    carry_until = s.clause_end(sent, end);
                }
            }
        }
    }
    s.drop_customers(a);
    s.demote_raters(a);
}

}  // namespace herald::analysis
