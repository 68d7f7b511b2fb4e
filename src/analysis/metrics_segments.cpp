// The business a metric is about: its segment (a unit, product, brand or region the text
// attributes the figure to), while its entity stays the company; and figures stated for several
// companies together, which are no one company's metric. The words are read by segments.*.
#include "metrics_reader.hpp"

namespace herald::analysis::metric_reader {

segments::View SentenceReader::segment_view() const {
    return {c_.doc, first_, last_, fl_, c_.mentions.data() + c_.mention_begin, c_.mention_end - c_.mention_begin};
}

// "total revenue", "consolidated net income", "group sales": the company's total, whatever
// business the sentence named before ("OCI revenue to reach $166 billion ... and total revenue
// of $225 billion").
bool SentenceReader::total_before(const Hit* h) const {
    if (!(cues_any_ & W::kCueTotal)) return false;  // none of its words in the sentence: no walk per figure
    for (uint32_t t = h->np_begin, k = 0; t > first() && k < 2; --t, ++k) {
        const std::string_view w = c_.tok(t - 1);
        if (eq_ci(w, "total") || eq_ci(w, "consolidated") || eq_ci(w, "group") || eq_ci(w, "overall")) return true;
    }
    return false;
}

// Entity and ticker (attribute_entity), then the segment: a segment or product name the entity
// step found (in the kind's phrase or the nearest one), else business words right before the
// kind ("e-commerce sales", "Walmart U.S. comparable sales") or after it ("revenue from
// advertising", "sales in Greater China"). Per-share figures are the company's.
void SentenceReader::attribute(Metric& m, const Hit* h, uint32_t tb, uint32_t te, bool np_after) {
    attribute_entity(m, h, tb, te, np_after);
    // "global sales, including Lexus, rose 2%": a business the total includes (or excludes) is
    // not the figure's business.
    if (entity_mention_ && entity_mention_->is_segment && m.segment == entity_mention_->entity &&
        entity_mention_->token > first()) {
        const std::string_view w = c_.tok(entity_mention_->token - 1);
        if (eq_ci(w, "including") || eq_ci(w, "includes") || eq_ci(w, "excluding") || eq_ci(w, "incl"))
            m.segment = {};
    }
    if (m.kind == MetricKind::eps || m.kind == MetricKind::price_target || m.kind == MetricKind::dividend) {
        m.segment = {};
        return;
    }
    if (!forced_segment_.empty()) {
        m.segment = forced_segment_;
        return;
    }
    if (!h || h->begin == h->end) return;  // segment_move's hit is the segment's name itself
    // A pledge's or a contract's words name what is bought ("Chile", "cloud deal"), no business
    // of the company: only a segment's name (the entity step's) is its segment.
    if (h == &pledge_hit_) return;
    // A segment named only in an earlier sentence is not this figure's business: "AWS revenue
    // rose 20% ... Net income was $21.2 billion" is Amazon's.
    if (entity_mention_ && entity_mention_ == last_mention_ && !entity_mention_in_phrase_) m.segment = {};
    if (total_before(h)) {
        m.segment = {};
        return;
    }
    // A name inside the kind's phrase ("AWS revenue") is the business; so is the nearest one,
    // unless the kind's own words name another ("AWS ... while e-commerce sales rose 27%").
    const segments::View v = segment_view();
    std::string_view named = segments::before_kind(v, h->np_begin);
    // "Membership fee income": the fees are the business line, named with them; so is a bank's
    // "fixed income" (the bare kind word "income" after a business word).
    if (!named.empty() && ((h->end > h->begin + 1 && eq_ci(c_.tok(h->begin), "fee")) ||
                           (h->end == h->begin + 1 && eq_ci(c_.tok(h->begin), "income")))) {
        const Token& last_tok = c_.doc.tokens[h->end - 1];
        const char* line_end = c_.field.data() + last_tok.end;
        if (named.data() >= c_.field.data() && named.data() < line_end)
            named = std::string_view(named.data(), static_cast<size_t>(line_end - named.data()));
    }
    if (named.empty()) {
        // A few words after the kind, never past the figure: after_kind reads no further.
        uint32_t stop = tb >= h->end ? tb : last();
        if (stop > h->end + 8) stop = h->end + 8;
        named = segments::after_kind(v, h->end, stop);
    }
    if (named.empty() && m.segment.empty() && tb >= h->end) named = business_after_figure(v, te);
    // "Reliance Q2 profit" of Reliance Industries: the first words of the company's name are the
    // company, no business of it.
    const bool company_words = !named.empty() && m.entity.size() > named.size() + 1 &&
                               m.entity.substr(0, named.size()) == named && m.entity[named.size()] == ' ';
    if (!named.empty() && named != m.entity && !company_words && !(entity_mention_in_phrase_ && !m.segment.empty()))
        m.segment = named;
    if (named.empty() && m.segment.empty()) m.segment = segment_referred(h->np_begin);
    if (named.empty() && m.segment.empty()) {
        named = subject_business(h);
        if (named != m.entity) m.segment = named;
    }
    if (m.segment.empty()) m.segment = opening_place();
}

// "In Central America, same-store sales grew 3.5% and total sales rose 5.8%": a place the
// sentence opens with (one to three region words after "In" and an optional "the", then a
// comma) is the business of its figures that name none. Empty when the sentence does not open so.
std::string_view SentenceReader::opening_place() const {
    uint32_t t = first();
    if (t + 2 >= last() || c_.doc.keys[t].a != word_key("in")) return {};
    ++t;
    if (c_.doc.keys[t].a == word_key("the")) ++t;
    const uint32_t b = t;
    while (t < last() && t < b + 3 && c_.doc.tokens[t].kind == TokenKind::word && segments::is_region_word(c_.tok(t))) ++t;
    if (t == b || t >= last() || c_.tok(t) != ",") return {};
    const Token& e = c_.doc.tokens[t - 1];
    const uint32_t from = c_.doc.tokens[b].begin;
    return c_.field.substr(from, e.end - from);
}

// "Mobile Networks reported an operating loss of EUR 48 million", "Electric Utilities and
// Infrastructure earned $1.35 billion": a name of two to five capitalised words opening the
// sentence, no company the item names, right before a verb of a result, is the business the
// figure after it is about. Empty when the sentence does not open so.
std::string_view SentenceReader::subject_business(const Hit* h) const {
    // The opening name and its verb are the sentence's, read at its first figure; so is the first
    // clause end after the verb (the flags read are set by tag_tokens): O(1) per figure after.
    if (subject_verb_ == kUnread) read_subject_verb();
    const uint32_t t = subject_verb_;
    if (t == kNoSubject || h->begin <= t || subject_stop_ < h->begin) return {};
    const Token& a = c_.doc.tokens[first()];
    const Token& b = c_.doc.tokens[t - 1];
    return c_.field.substr(a.begin, b.end - a.begin);
}

// subject_business's sentence part: the verb after an opening name of two words or more
// (kNoSubject when the sentence does not open so) and the first clause end from it.
void SentenceReader::read_subject_verb() const {
    subject_verb_ = kNoSubject;
    uint32_t t = first(), words = 0;
    for (; t < last() && t < first() + 5; ++t) {
        const Token& tk = c_.doc.tokens[t];
        const std::string_view w = c_.tok(t);
        if (words && (eq_ci(w, "and") || w == "&")) continue;
        if (tk.kind != TokenKind::word || !tk.capitalized || (F(t) & (kMentionFlag | W::kKind | W::kPhrase | W::kStop | W::kDeterminer)))
            break;
        // A company's legal form ends a company's name, no business's: "ING Groep NV reported",
        // "Nokia Oyj posted", "Atlas Copco AB reported".
        static constexpr std::string_view kForms[] = {"inc",  "corp", "co",  "ltd",   "group", "plc", "holdings", "it",
                                                      "its",  "nv",   "ag",  "se",    "sa",    "oyj", "ab",       "asa",
                                                      "spa",  "llc",  "limited", "kk",  "bhd",   "tbk", "n.v."};
        for (std::string_view f : kForms)
            if (eq_ci(w, f)) return;
        ++words;
    }
    if (words < 2 || t >= last()) return;
    const std::string_view v = c_.tok(t);
    if (!(eq_ci(v, "reported") || eq_ci(v, "posted") || eq_ci(v, "earned") || eq_ci(v, "recorded") || eq_ci(v, "generated") ||
          eq_ci(v, "swung")))
        return;
    subject_verb_ = t;
    subject_stop_ = t;
    while (subject_stop_ < last() && !(F(subject_stop_) & (kPunctHard | kPunctComma | W::kClause))) ++subject_stop_;
}

// "revenue rose 5% in Europe", "revenue grew 20% quarter over quarter in Data Center": the
// business or region named after the figure, past the words of its basis (at most five).
std::string_view SentenceReader::business_after_figure(const segments::View& v, uint32_t te) const {
    if (!(cues_any_ & W::kCueIn)) return {};  // it ends at "in": a sentence without one has no answer
    uint32_t t = te;
    for (uint32_t n = 0; t < last() && n < 5; ++t, ++n) {
        const std::string_view w = c_.tok(t);
        if (!eq_ci(w, "year") && !eq_ci(w, "over") && !eq_ci(w, "quarter") && !eq_ci(w, "on") && !eq_ci(w, "a") &&
            !eq_ci(w, "basis") && !eq_ci(w, "sequentially") && !eq_ci(w, "annually"))
            break;
    }
    if (t >= last() || !eq_ci(c_.tok(t), "in")) return {};
    return segments::after_kind(v, t, t + 6 < last() ? t + 6 : last());
}

// "Commercial Airplanes revenue rose 49% ..., while the segment's operating margin was negative
// 50.6%", "Aerospace Technologies sales were $15.5 billion ... Segment margin was 26.1%": a kind
// phrase after "segment" or "the segment's / unit's / division's" is about the business the
// item's latest segment figure named. Empty when none (at most kMaxCandidates metrics back).
std::string_view SentenceReader::segment_referred(uint32_t np_begin) const {
    if (np_begin <= first()) return {};
    uint32_t t = np_begin - 1;
    std::string_view w = c_.tok(t);
    // The possessive is its own token or the word's end ("segment's").
    auto strip = [](std::string_view x, std::string_view suffix) {
        return x.size() > suffix.size() && x.substr(x.size() - suffix.size()) == suffix ? x.substr(0, x.size() - suffix.size()) : x;
    };
    std::string_view owner = strip(strip(w, "'s"), "\xE2\x80\x99s");
    bool possessive = owner.size() < w.size();
    if (!possessive && (w == "'s" || w == "\xE2\x80\x99s") && t > first()) owner = c_.tok(--t), possessive = true;
    if (possessive) {  // "the segment's / unit's / division's / business's"
        if (!eq_ci(owner, "segment") && !eq_ci(owner, "unit") && !eq_ci(owner, "division") && !eq_ci(owner, "business"))
            return {};
        if (t <= first() || !eq_ci(c_.tok(t - 1), "the")) return {};
    } else if (!eq_ci(w, "segment")) {  // "Segment margin", "segment profit"
        return {};
    }
    for (size_t i = c_.out.size(), k = 0; i > c_.event_first && k < kMaxCandidates; ++k) {
        const Metric& m = c_.out[--i];
        if (!m.segment.empty()) return m.segment;
    }
    return {};
}

// Is a figure whose kind phrase is h and whose tokens are [tb, te) stated for several
// companies together ("combined capital expenditures of Microsoft, Alphabet, Amazon and Meta")?
// The clause around the figure is read at most kCombinedReach tokens each way: per figure, a
// walk to the clause's ends would cost a hostile one-clause sentence of n figures n^2.
bool SentenceReader::combined_figure(const Hit* h, uint32_t tb, uint32_t te) {
    if (!h || h->begin == h->end) return false;
    if (combined_possible_ < 0) combined_possible_ = segments::combined_possible(segment_view(), cues_any_ & W::kCueJoint) ? 1 : 0;
    if (!combined_possible_) return false;
    constexpr uint32_t kCombinedReach = 24;
    if (clause_words_ < 0) clause_words_ = segments::clause_words_of(segment_view()) ? 1 : 0;
    const uint32_t b = h->np_begin < tb ? h->np_begin : tb;
    const uint32_t e = h->end > te ? h->end : te;
    // Without a combine word in the sentence, `combined` reads the clause's start only within the
    // 5 words before the kind phrase and its end only to ask whether it is the phrase's end: the
    // walks stop there (a sentence of figures paid 48 steps per figure for nothing).
    const uint32_t floor = clause_words_ || h->np_begin < 5 ? 0 : h->np_begin - 5;
    const uint32_t reach = clause_words_ ? kCombinedReach : 1;
    uint32_t cb = b, ce = e;
    while (cb > first() && cb > floor && b - cb < kCombinedReach && !(F(cb - 1) & (kPunctComma | W::kClause))) --cb;
    while (ce < last() && ce - e < reach && !(F(ce) & (kPunctComma | W::kClause))) ++ce;
    return segments::combined(segment_view(), cb, ce, h->np_begin, h->end, clause_words_ != 0);
}

// Is a change whose kind phrase is h, at tokens [tb, te), about the business of `value`? The
// change is attributed as a metric of its own would be, and both must name the same company and
// segment.
bool SentenceReader::same_business(const Metric& value, const Hit* h, uint32_t tb, uint32_t te) {
    Metric probe;
    probe.kind = h->kind;
    attribute(probe, h, tb, te, false);
    return probe.segment == value.segment && (probe.entity.empty() || value.entity.empty() || probe.entity == value.entity);
}

// "global advertising grew 53%", "cloud rose 30%": a change of the business its verb's subject
// names, when no kind word names the figure. The verb is right before the figure, or before "by".
bool SentenceReader::business_move(const Fig& fg, const Quantity& q) {
    uint32_t verb = fg.tb;
    if (verb > first() && eq_ci(c_.tok(verb - 1), "by")) --verb;
    if (verb <= first() + 1) return false;
    --verb;
    const uint32_t f = F(verb);
    if (!(f & (W::kUp | W::kDown))) return false;
    const std::string_view x = c_.tok(verb);
    const bool growth = eq_ci(x, "grew") || eq_ci(x, "grows") || eq_ci(x, "expanded") || eq_ci(x, "shrank");
    const std::string_view business = segments::subject_of_move(segment_view(), verb, growth);
    if (business.empty()) return false;
    Change ch;
    set_percent(ch, direction_in(verb, verb + 1, false), q);
    if (ch.direction == Direction::none) return false;
    ch.basis = basis_after(fg.te, fg.te, fg.te);
    // "YouTube ads rose 10% to $11.2 billion": the amount after "to" is the business's revenue,
    // with the change (no kind word gave it a metric of its own).
    for (const Fig& lv : figs_) {
        if (lv.tb != fg.te + 1 || !lv.money || lv.metric >= 0 || lv.range_end || !eq_ci(c_.tok(fg.te), "to")) continue;
        const Quantity& lq = c_.quantities[lv.q];
        if (lq.unit.view() == "count") break;
        const Hit kind = made_hit(verb, MetricKind::revenue);
        Metric m;
        take_value(m, lq);
        m.change = ch;
        forced_segment_ = business;
        push_metric(m, &kind, lv.tb, lv.te);
        forced_segment_ = {};
        return true;
    }
    business_change(ch, business, verb, fg, q);
    return true;
}

// The change of the business's revenue, named by the business's own words, which attribution
// reads before token `at` (the move verb, or "growth").
void SentenceReader::business_change(const Change& ch, std::string_view business, uint32_t at, const Fig& fg,
                                     const Quantity& q) {
    const Hit kind = made_hit(at, MetricKind::revenue);
    forced_segment_ = business;
    attach_change(ch, &kind, fg.tb, fg.te, q);
    forced_segment_ = {};
}

// "Beauty organic sales increased 5%, grooming rose 1% and fabric and home care grew 2%",
// "Comparable sales in the Americas rose 2%, while Asia Pacific fell 5%": a list of businesses'
// moves whose kind only the first clause names. The figure right before made the sentence's
// latest metric, a business's move; this clause is "[, while/and/but] <business> <move verb> N%".
bool SentenceReader::elided_move(size_t fi, const Quantity& q) {
    if (fi == 0 || c_.out.size() <= first_metric_) return false;
    const Fig& fg = figs_[fi];
    const Fig& prev = figs_[fi - 1];
    uint32_t verb = fg.tb;
    if (verb > first() && eq_ci(c_.tok(verb - 1), "by")) --verb;
    if (verb <= prev.te + 1 || !(F(--verb) & (W::kUp | W::kDown))) return false;
    const Metric& last_m = c_.out.back();
    const Quantity& pq = c_.quantities[prev.q];
    if (last_m.segment.empty() || !last_m.change.has_percent || is_margin(last_m.kind) || !pq.unit.is_percent() ||
        last_m.span.begin != pq.span.begin || last_m.span.field != pq.span.field)
        return false;
    uint32_t s = prev.te;
    if (s < verb && c_.tok(s) == ",") ++s;
    if (s < verb && (eq_ci(c_.tok(s), "while") || eq_ci(c_.tok(s), "and") || eq_ci(c_.tok(s), "whereas") ||
                     eq_ci(c_.tok(s), "but")))
        ++s;
    if (s == prev.te) return false;  // "rose 5% in Europe and fell 3%": no new clause, no subject of its own
    if (s < verb && (eq_ci(c_.tok(s), "the") || eq_ci(c_.tok(s), "its"))) ++s;
    if (s >= verb || verb - s > 5) return false;
    const segments::View v = segment_view();
    static constexpr std::string_view kNoBusiness[] = {"it",     "they",    "this",   "that",     "which",  "costs",
                                                       "expenses", "prices", "volumes", "volume", "spending", "demand",
                                                       "traffic", "in",      "at",     "from",     "of",     "to"};
    for (uint32_t t = s; t < verb; ++t) {
        const std::string_view w = c_.tok(t);
        if (c_.doc.tokens[t].kind != TokenKind::word && w != "&") return false;
        if ((F(t) & (W::kStock | W::kUp | W::kDown)) || hit_beginning(t) || (v.mention_at(t) && !v.mention_at(t)->is_segment))
            return false;
        for (std::string_view n : kNoBusiness)
            if (eq_ci(w, n)) return false;
    }
    Change ch;
    set_percent(ch, direction_in(verb, verb + 1, false), q);
    if (ch.direction == Direction::none) return false;
    ch.basis = basis_after(fg.te, fg.te, fg.te);
    const Hit kind = made_hit(verb, last_m.kind);
    forced_segment_ = c_.field.substr(c_.doc.tokens[s].begin, c_.doc.tokens[verb - 1].end - c_.doc.tokens[s].begin);
    attach_change(ch, &kind, fg.tb, fg.te, q);
    forced_segment_ = {};
    return true;
}

}  // namespace herald::analysis::metric_reader
