// The reader's first pass over a sentence: word flags per token, the kind phrases ("hits"),
// the figures' tokens, clause bounds and forecast cues. Later passes only read what it marks.
#include "metrics_reader.hpp"
#include "metric_kinds.hpp"
#include "numbers.hpp"

namespace herald::analysis::metric_reader {

void SentenceReader::run(uint32_t q_begin, uint32_t q_end, Carry& carry) {
    last_mention_ = carry.last_mention;
    last_product_ = carry.last_product;
    last_company_ = carry.last_company;
    tag_tokens();
    find_hits();
    map_figures(q_begin, q_end);
    unit_sales(carry.unit_sales);
    mark_amounts();
    join_ranges();
    // Pass gates: a pass that needs words the sentence does not hold (the OR of its tokens' cues
    // and flags, tag_tokens) is not called, so its code is not touched (the passes test the same
    // at entry; set_pass_gates(false) calls them all, which tests compare against).
    const bool all = !c_.gates;
    if (all || (figs_.size() >= 2 && (cues_any_ & W::kCueRespectively))) respectively_lists();
    first_metric_ = c_.out.size();
    money_pass();
    if (all || counts_possible()) count_pass();
    money_end_ = c_.out.size();
    values_after_money_ = false;
    change_pass();
    if (all || (words_any_ & (W::kDouble | W::kTriple | W::kHalve))) multiplier_pass();
    if (all || (c_.out.size() != first_metric_ && (cues_any_ & W::kCueSource))) drop_market_figures();
    // Carry context to later sentences: the last named entity and product phrase.
    for (uint32_t m = c_.mention_begin; m < c_.mention_end; ++m) {
        carry.note(c_.doc, c_.mentions[m]);
    }
    if (!product_seen_.empty()) carry.last_product = product_seen_;
    carry.unit_sales |= unit_sales_seen_;
}

void SentenceReader::tag_tokens() {
    first_ = c_.sent->first_token;
    last_ = c_.sent->last_token;
    const uint32_t n = last_ - first_;
    // The flags, then the tokens the walk below visits (word_flags' picks): one buffer.
    flags_.resize(2 * static_cast<size_t>(n));
    words_.resize(n);
    fl_ = flags_.data();
    tw_ = words_.data();
    // The walk below acts on numbers, punctuation, forecast and comparator words and the stop
    // words it compares (kCueTagged); word_flags lists those as it reads the word table, so the
    // other words (most) are not visited again. Without pass gates (tests) every token is.
    uint32_t* const picks = fl_ + n;
    uint32_t n_picks = W::word_flags(c_.doc, first(), last(), fl_, words_.data(), &words_any_, &cues_any_, picks);
    if (!c_.gates)
        for (n_picks = 0; n_picks < n; ++n_picks) picks[n_picks] = n_picks;
    const std::string_view field = c_.doc.event().field(c_.sent->field);
    const Token* toks = c_.doc.tokens.data() + first_;  // locals: the flag stores could alias members
    bool comma = false, cue = false, paren = false, years = false, colon = false;
    for (const uint32_t* p = picks, *pe = picks + n_picks; p != pe; ++p) {
        const uint32_t k = *p;
        if (toks[k].kind != TokenKind::punct) {
            // A number is a cue only as a year of four digits ("in 2027"): others are not asked.
            const bool year = toks[k].kind == TokenKind::number && toks[k].end - toks[k].begin == 4;
            years |= year;
            if (((fl_[k] & (W::kForecast | W::kStop)) || year) && forecast_cue(first_ + k)) {
                fl_[k] |= kForecastCue;
                cue = true;
                // An analysts' projection runs to the sentence's end, across commas ("Analysts
                // expect revenue of $16.2 billion, up 15%, and cloud growth of 70%").
                if ((fl_[k] & W::kForecast) && first_ + k < analyst_from_ && analyst_subject(first_ + k))
                    analyst_from_ = first_ + k;
            }
            if ((fl_[k] & W::kStop) && c_.doc.keys[first_ + k].a == word_key("as") && as_clause(first_ + k))
                fl_[k] |= kScopeEnd;
            if ((fl_[k] & W::kStop) && c_.doc.keys[first_ + k].a == word_key("and") && and_projection(first_ + k))
                fl_[k] |= kScopeEnd;
            if ((fl_[k] & W::kStop) && c_.doc.keys[first_ + k].a == word_key("after") && after_report(first_ + k))
                fl_[k] |= kScopeEnd;
            // "fell short of its forecast": a comparison, not a move.
            if ((fl_[k] & W::kComparator) && k > 0 && (fl_[k - 1] & W::kDown) && c_.doc.keys[first_ + k].a == word_key("short"))
                fl_[k - 1] &= ~W::kDown;
            continue;
        }
        const char ch = field[toks[k].begin];
        uint32_t f = 0;
        // "2,4 billion euros": a decimal comma between digits ends no clause.
        const size_t at = toks[k].begin;
        const bool in_number = ch == ',' && at > 0 && at + 1 < field.size() && num::is_digit(field[at - 1]) && num::is_digit(field[at + 1]);
        if ((ch == ',' && !in_number) || ch == '(' || static_cast<unsigned char>(ch) == 0xE2) f |= kPunctComma;
        if (ch == ';' || ch == ':') f |= kPunctComma | kPunctHard;
        fl_[k] = f;
        comma |= ch == ',';
        paren |= ch == '(';
        colon |= ch == ':';
    }
    comma_ = comma;
    paren_ = paren;
    colon_ = colon;
    years_ = years;
    forecast_cues_ = cue;
    for (uint32_t m = c_.mention_begin; m < c_.mention_end; ++m) {
        uint32_t e = mention_end_token(c_.doc, c_.mentions[m], last());
        for (uint32_t t = c_.mentions[m].token; t < e && t < last(); ++t)
            if (t >= first()) fl_[t - first_] |= kMentionFlag;
    }
}

void SentenceReader::find_hits() {
    hits_.clear();
    if (!(words_any_ & (W::kKind | W::kPhrase))) return;  // no kind word: no hit, no price target
    for (uint32_t t = first(); t < last(); ++t) {
        uint32_t f = F(t);
        if (!(f & (W::kKind | W::kPhrase))) continue;
        std::string_view x = c_.tok(t);
        W::PhraseMatch pm;
        if ((f & W::kPhrase) && t + 1 < last() && W::second_word_may_start(c_.field[c_.doc.tokens[t + 1].begin]))
            pm = W::match_phrase(x, [&](uint32_t k) { return c_.tok(t + k); },
                                 [&](uint32_t k) { return t + k < last() ? &c_.doc.keys[t + k] : nullptr; });
        // "gross profit as a percentage of net sales": the base of a ratio is no figure's kind.
        if (t >= first() + 2 && c_.doc.keys[t - 1].a == word_key("of") && c_.doc.keys[t - 2].a == word_key("percentage")) {
            t += pm.tokens ? pm.tokens - 1 : 0;
            continue;
        }
        Hit h;
        if (pm.tokens) {
            h = {t, t + pm.tokens, t, pm.kind, pm.loss, false, false};
            // "per share", "a share": EPS unless a per-share kind is named before ("a dividend of 52p a share").
            h.per_share = pm.kind == MetricKind::eps && pm.tokens <= 3 && (eq_ci(x, "per") || eq_ci(x, "a"));
        } else if (f & W::kKind) {
            h = {t, t + 1, t, tw_[t - first_].kind, (f & W::kLoss) != 0, (f & W::kForecast) != 0, false};
        } else {
            continue;
        }
        const bool metric = h.kind != W::kNotMetric;
        if (metric && kinds::row(h.kind).forecast) h.forecast = true;
        // "revenue guidance", "Trainium revenue commitments": the last kind word heads the phrase;
        // a generic word ("guidance", "target") takes the kind before it.
        if (!hits_.empty() && hits_.back().end == h.begin) {
            Hit& prev = hits_.back();
            prev.modifier = true;
            h.np_begin = prev.np_begin;
            if (metric && kinds::row(h.kind).generic && prev.kind != W::kNotMetric) {
                h.kind = prev.kind;
                h.loss = prev.loss;
            }
        }
        hits_.push_back(h);
        t = h.end - 1;
    }
    price_targets();
}

// A bare "target" in an analyst's note is the price target ("initiated ... with a Buy rating and
// a $340 target"); elsewhere it is the company's own (guidance, or the kind before it).
void SentenceReader::price_targets() {
    bool any = false;
    for (const Hit& h : hits_) any |= h.kind == MetricKind::guidance && h.end == h.np_begin + 1 && eq_ci(c_.tok(h.begin), "target");
    if (!any) return;
    bool analyst = false;
    for (uint32_t t = first(); t < last() && !analyst; ++t)
        analyst = role_of(t) == W::Role::analyst;
    if (!analyst) return;
    for (Hit& h : hits_)
        if (h.kind == MetricKind::guidance && h.end == h.np_begin + 1 && eq_ci(c_.tok(h.begin), "target"))
            h.kind = MetricKind::price_target;
}

void SentenceReader::map_figures(uint32_t q_begin, uint32_t q_end) {
    figs_.clear();
    const Token* toks = c_.doc.tokens.data();
    const uint32_t last = last_;
    uint32_t t = first_;
    for (uint32_t qi = q_begin; qi < q_end; ++qi) {
        const Quantity& q = c_.quantities[qi];
        while (t < last && toks[t].end <= q.span.begin) ++t;
        uint32_t e = t;
        while (e < last && toks[e].begin < q.span.end) ++e;
        // Written in place: a Fig built on the stack and copied in 16-byte blocks stalled on
        // store forwarding once per figure.
        Fig& fg = figs_.emplace_back();
        fg.q = qi;
        fg.tb = t;
        fg.te = e > t ? e : t + 1;
        fg.money = !q.unit.is_percent() && !is_bp(q.unit);
        if (fg.money)
            for (uint32_t k = fg.tb; k < fg.te && k < last; ++k) fl_[k - first_] |= kFigureFlag;
    }
}

// Sales counted in units are deliveries, not revenue: "global sales rose 2% to about 920,000
// vehicles", "vehicle sales volume rose 3% to 2.4 million units". Once an item counts its sales in
// units, a later "sales" of a sentence with no money figure is the same measure ("Sales in China
// declined 6%" after "Toyota sold 955,000 vehicles"). Runs after map_figures (money flags).
void SentenceReader::unit_sales(bool item_counts_units) {
    int money = -1;  // the sentence has a money figure; read at its first "sales" hit (most have none)
    for (size_t i = 0; i < hits_.size(); ++i) {
        Hit& h = hits_[i];
        if (h.kind != MetricKind::revenue || h.modifier) continue;
        const std::string_view w = c_.tok(h.end - 1);
        if (!eq_ci(w, "sales") && !eq_ci(w, "sale")) continue;
        if (money < 0) {
            money = 0;
            for (uint32_t t = first(); t < last() && !money; ++t) money = (F(t) & kFigureFlag) != 0;
        }
        bool units = item_counts_units && !money;
        const uint32_t stop = i + 1 < hits_.size() ? hits_[i + 1].begin : last();
        for (uint32_t t = h.end; !units && t < stop && t < h.end + 16; ++t) {
            if (F(t) & (kPunctHard | kFigureFlag)) break;  // money first: the sales are money
            if (c_.doc.tokens[t].kind != TokenKind::number) continue;
            for (uint32_t k = t + 1; !units && k < stop && k <= t + 2 && c_.doc.tokens[k].kind == TokenKind::word; ++k)
                units = role_at(k) == W::Role::count_noun;
        }
        if (!units) continue;
        h.kind = MetricKind::deliveries;
        unit_sales_seen_ = true;
    }
}

// The kind phrase a money figure heads or follows: "$37.6B in AWS revenue", "$20B run rate".
const Hit* SentenceReader::hit_after(const Fig& fg) const {
    uint32_t k = fg.te;
    // By the tokenizer's key (equal exactly when the word is, ignoring case): no text read.
    if (k < last()) {
        const uint64_t a = c_.doc.keys[k].a;
        if (a == word_key("in") || a == word_key("of") || a == word_key("on")) ++k;
    }
    const Hit* found = nullptr;
    for (uint32_t j = k; j < last() && j < k + 5; ++j) {
        if (const Hit* h = hit_beginning(j)) {
            if (!h->modifier) found = h;
            j = h->end - 1;
            if (!h->modifier) break;
            continue;
        }
        uint32_t f = F(j);
        const Token& tk = c_.doc.tokens[j];
        // A comparison ends the figure's phrase: "EPS of $1.87 beat estimates" is EPS, not estimates.
        if (tk.kind != TokenKind::word || (f & (W::kStop | W::kUp | W::kDown | W::kForecast | W::kComparator)) ||
            (f & kFigureFlag))
            break;
    }
    // "rose 12% to 171.5 billion yen on sales of 4.02 trillion yen": a kind after "on"/"in" that
    // introduces a figure of its own ("of" and a figure) is that figure's, not the one before's.
    if (found && k > fg.te && found->end + 1 < last() && c_.doc.keys[found->end].a == word_key("of") &&
        (F(found->end + 1) & kFigureFlag))
        return nullptr;
    // "drop 4% to Rs 14,200 crore on weaker refining margins": an amount introduces no margin.
    if (found && k > fg.te && (found->kind == MetricKind::operating_margin || found->kind == MetricKind::gross_margin))
        return nullptr;
    return found;
}

// The nearest kind phrase before a figure in its clause, not claimed across another money figure.
// A change may follow its kind's value ("revenue accelerated to $37.6B, up 28%"), so percentages
// look across money figures; money figures do not.
// The last unblocked hit in range is the nearest; a block between the latest candidate and the
// figure also lies between every earlier one and the figure, so only the latest is tested.
const Hit* SentenceReader::hit_before(uint32_t tb, uint32_t max_dist, bool across_figures) const {
    const uint32_t block = (across_figures ? 0u : kFigureFlag) | kPunctHard | W::kClause;
    auto it = hits_.begin() + static_cast<std::ptrdiff_t>(first_hit_ending_after(tb));
    while (it != hits_.begin()) {
        const Hit& h = *--it;
        if (tb - h.end > max_dist) return nullptr;
        if (h.modifier || h.per_share) continue;  // a per-share marker names only the figure right before it
        for (uint32_t j = h.end; j < tb; ++j)
            if (F(j) & block) return nullptr;
        return &h;
    }
    return nullptr;
}

// Does token t make its clause a projection? A forecast word, "by Q1"/"by 2028", or a later
// year after in/for/through.
// Words are compared by the tokenizer's key (a word equals a short literal ignoring case
// exactly when its key does; keyless words are long or non-ASCII).
bool SentenceReader::forecast_cue(uint32_t t) const {
    const uint32_t f = F(t);
    auto is = [&](uint32_t k, std::string_view w) { return c_.doc.keys[k].a == word_key(w); };  // w: <= 7 bytes
    if (f & W::kForecast) {
        // "topped the $2.05 consensus", "versus $0.95 expected": a yardstick, not a projection.
        // Not across a comma: "raised its target to $1,500 from $1,400, forecasting ..." projects.
        for (uint32_t k = t; k > first() && k + 6 > t;) {
            --k;
            if (F(k) & kPunctComma) break;
            if (F(k) & (W::kComparator | W::kPriorCue)) return false;
        }
        // "would have risen 3%", "could have been": what a past figure would have been, no projection.
        if ((is(t, "would") || is(t, "could") || is(t, "might") || is(t, "should")) && t + 1 < last() && is(t + 1, "have"))
            return false;
        // "September sales seen up 2%": a headline's projection; not "the biggest drop seen since".
        // "cut its 2026 capital spending plan to C$3.3 billion": a kind's plan; not "under the plan".
        if (is(t, "plan"))  // a kind word, or a phrase's second word ("capital spending")
            return t > first() && ((F(t - 1) & W::kKind) || (t > first() + 1 && (F(t - 2) & W::kPhrase)));
        if (is(t, "seen"))
            return t + 1 < last() && ((F(t + 1) & (W::kUp | W::kDown | W::kFlat)) || is(t + 1, "at") || is(t + 1, "between"));
        return !(is(t, "may") && c_.doc.tokens[t].capitalized);  // "May": a month
    }
    // "for cloud revenue to grow 70% a year", "to cut 2,000 jobs": an infinitive of a move is a projection. Not
    // "to reach"/"to hit", which follow reported moves ("rose 5% to reach a record").
    if ((f & W::kStop) && is(t, "to") && t + 1 < last()) {
        // Keys hold a word's first 8 bytes: "eliminate" also matches "eliminated", never after "to".
        static constexpr uint64_t kMoves[] = {word_key("grow"),   word_key("rise"),   word_key("increase"),
                                              word_key("climb"),  word_key("double"), word_key("triple"),
                                              word_key("exceed"), word_key("surpass"), word_key("decline"),
                                              word_key("fall"),   word_key("drop"),   word_key("expand"),
                                              word_key("eliminate"), word_key("lay"), word_key("shed"),
                                              word_key("slash"),  word_key("axe"),    word_key("reduce"),
                                              word_key("cut")};
        const uint64_t a = c_.doc.keys[t + 1].a;
        for (uint64_t w : kMoves)
            if (a == w) return true;
    }
    // Only "by" (a stop word) and numbers need their text read.
    if ((f & W::kStop) && is(t, "by") && t + 1 < last()) {
        std::string_view n = c_.tok(t + 1);
        if (n.size() >= 2 && (n[0] == 'Q' || n[0] == 'H' || (n[0] == 'F' && n[1] == 'Y'))) return true;
        if (n.size() == 4 && n[0] == '2' && n[1] == '0' && num::is_digit(n[2]) && num::is_digit(n[3])) return true;
    }
    if (c_.pub_year && c_.doc.tokens[t].kind == TokenKind::number) {
        std::string_view n = c_.tok(t);
        // "in 2027", "through fiscal 2028", "by FY 2028"
        const uint32_t p = t > first() + 1 && (is(t - 1, "fiscal") || is(t - 1, "fy")) ? t - 1 : t;
        if (n.size() == 4 && n[0] == '2' && p > first() &&
            (is(p - 1, "in") || is(p - 1, "for") || is(p - 1, "through") || (p < t && is(p - 1, "by")))) {
            int y = (n[0] - '0') * 1000 + (n[1] - '0') * 100 + (n[2] - '0') * 10 + (n[3] - '0');
            if (y > c_.pub_year) return true;
        }
    }
    return false;
}

// "as" opening a clause of its own ("raises outlook as e-commerce sales jump 27%"), not a
// comparison or a phrase ("as much as", "as expected", "such as", "as well as", "as of").
bool SentenceReader::as_clause(uint32_t t) const {
    static constexpr std::string_view kNot[] = {"much", "many", "high", "low", "little", "well", "of", "expected",
                                                "forecast", "planned", "part", "such", "long", "soon", "far",
                                                "usual", "previously", "guided", "promised", "a", "an"};
    const std::string_view next = c_.tok(t + 1);
    for (std::string_view w : kNot)
        if (eq_ci(next, w)) return false;
    if (t >= first() + 2 && eq_ci(c_.tok(t - 2), "as")) return false;  // the second "as" of "as big as"
    const std::string_view prev = c_.tok(t - 1);
    return !(eq_ci(prev, "such") || eq_ci(prev, "so") || eq_ci(prev, "same"));
}

// "and" opening a predicate of its own that projects: "agreed to buy 2.9% of Nokia for $1 billion
// and the two companies will co-develop ...", "cost about EUR 200m and will build edge
// computers". A modal up to five words after it, before any figure or punctuation: the projection
// is that predicate's, not the figures' before "and".
bool SentenceReader::and_projection(uint32_t t) const {
    static constexpr uint64_t kModals[] = {word_key("will"),  word_key("would"),   word_key("could"),
                                           word_key("should"), word_key("might"),  word_key("plans"),
                                           word_key("expects"), word_key("intends"), word_key("aims")};
    const Token* toks = c_.doc.tokens.data();
    for (uint32_t k = t + 1; k < last() && k <= t + 6; ++k) {
        if (toks[k].kind != TokenKind::word) return false;
        const uint64_t a = c_.doc.keys[k].a;
        for (uint64_t m : kModals)
            if (a == m) return true;
    }
    return false;
}

// "after" opening a clause that reports: "raised its profit target to ¥2.1 trillion after
// first-half net profit rose 15%". A past move verb (rose, fell, grew, jumped, declined, ...) up to
// eight words after it, before any punctuation: the projection before "after" ends there.
bool SentenceReader::after_report(uint32_t t) const {
    const Token* toks = c_.doc.tokens.data();
    for (uint32_t k = t + 1; k < last() && k <= t + 8; ++k) {
        if (toks[k].kind == TokenKind::punct) return false;
        if (toks[k].kind != TokenKind::word || !(F(k) & (W::kUp | W::kDown))) continue;
        const std::string_view x = c_.tok(k);
        if ((x.size() > 4 && x.substr(x.size() - 2) == "ed") || eq_ci(x, "rose") || eq_ci(x, "fell") ||
            eq_ci(x, "grew") || eq_ci(x, "sank") || eq_ci(x, "slid") || eq_ci(x, "shrank"))
            return true;
        // A headline tells what happened in the present tense: "cuts profit forecast after
        // like-for-like sales fall 2.4%" (a move verb, not an "-ing" form nor a noun in -s).
        if (toks[k].field == core::Field::headline && x.size() >= 3 && !(F(k) & kFigureFlag) && x.back() != 's' &&
            x.substr(x.size() - 3) != "ing" && (F(k - 1) & (W::kKind | W::kPhrase)))
            return true;
    }
    return false;
}

// Is the expectation word at t said by analysts ("Analysts expect", "Wall Street expects",
// "analysts polled by LSEG forecast")? An analyst word up to five tokens before it.
bool SentenceReader::analyst_subject(uint32_t t) const {
    for (uint32_t k = t; k > first() && k + 5 > t;) {
        --k;
        if (F(k) & (kPunctHard | W::kClause)) return false;
        if (role_of(k) == W::Role::analyst) return true;
    }
    return false;
}

// Every basis basis_after reads needs one of these in the sentence: a figure-dense sentence of
// none (a table, "revenue up 5% ...") is answered without its seven-token walk per change.
bool SentenceReader::basis_possible() const {
    if (words_any_ & (W::kAnnualized | W::kPeriodWord | W::kSequential)) return true;
    if (cues_any_ & (W::kCueYearAgo | W::kCueQuarterAgo | W::kCueAnnualized | W::kCueYear | W::kCueQuarter |
                     W::kCueBefore | W::kCueComparison))
        return true;
    for (uint32_t t = first(); t < last(); ++t)  // "y/y", "q/q": "/" is a symbol token
        if (c_.doc.tokens[t].kind == TokenKind::symbol && c_.field[c_.doc.tokens[t].begin] == '/') return true;
    return false;
}

// The cues are marked once per sentence (tag_tokens), not re-read per metric. Clause bounds and
// a running count of cues are tabled on the sentence's first metric, so each metric's test is
// O(1): walked per metric, a sentence of one long clause cost its length per figure.
bool SentenceReader::forecast_in(uint32_t b, uint32_t e) {
    // Both answers below need a cue token in the sentence (the clause's, or coordinated_forecast's
    // walk back): a sentence without one (a figure-dense table) is answered without its clauses.
    if (!forecast_cues_) return false;
    // Short sentences (nearly all) walk: cheaper than the table, and bounded.
    if (last_ - first_ <= kShortSentence || b > last() || e > last()) {
        const uint32_t ce = clause_end(e);
        const uint32_t cb = clause_begin(b);
        for (uint32_t t = cb; t < ce; ++t)
            if (F(t) & kForecastCue) return true;
        return coordinated_forecast(cb, ce);
    }
    if (!clauses_done_) table_clauses();
    const uint32_t n = last_ - first_ + 1;
    const uint32_t* cb = clauses_.data();
    const uint32_t* ce = cb + n;
    const uint32_t* cues = ce + n;  // cues[k]: cue tokens in [first, first + k)
    return cues[ce[e - first_] - first_] > cues[cb[b - first_] - first_] || coordinated_forecast(cb[b - first_], ce[e - first_]);
}

// "Acme expects revenue of $12.4 billion, up 17%, and an operating margin of 23.9%", "expects
// revenue of $72 billion, plus or minus 2%, with gross margins of about 74.5%": a clause opened
// by "and"/"with"/"plus" after a comma, stating no verb of its own, is one more object of the
// projection before it. The clause is [cb, ce); the walks are bounded (a hostile one-clause
// sentence costs no more per figure) and stop at a clause word, ";", ":" or "as".
bool SentenceReader::coordinated_forecast(uint32_t cb, uint32_t ce) const {
    if (cb <= first() + 1 || cb >= last() || !(F(cb - 1) & kPunctComma) || (F(cb - 1) & kPunctHard)) return false;
    const uint64_t open = c_.doc.keys[cb].a;
    // "plans to return about $4.5 billion, including $2.5 billion of buybacks": a part of the object.
    if (open != word_key("and") && open != word_key("with") && open != word_key("plus") && open != word_key("including"))
        return false;
    // "..., and it bought back $500 million of stock": a subject of its own opens a predicate of its own.
    const uint64_t subject = cb + 1 < last() ? c_.doc.keys[cb + 1].a : 0;
    if (subject == word_key("it") || subject == word_key("they") || subject == word_key("we")) return false;
    static constexpr uint64_t kVerbs[] = {word_key("reported"), word_key("posted"), word_key("said"), word_key("was"),
                                          word_key("were"),     word_key("had"),    word_key("is"),   word_key("are")};
    for (uint32_t t = cb; t < ce && t < cb + 24; ++t) {
        // A move of its own: "and margin fell 2%"; not a growth noun ("and organic sales growth of 3% to 4%").
        if ((F(t) & (W::kUp | W::kDown | W::kFlat)) && !(F(t) & W::kGrowthNoun)) return false;
        for (uint64_t v : kVerbs)
            if (c_.doc.keys[t].a == v) return false;
    }
    for (uint32_t t = cb - 1, n = 0; t > first() && n < 48; ++n) {
        --t;
        if (F(t) & kForecastCue) return true;
        if (F(t) & (kPunctHard | W::kClause | kScopeEnd)) return false;
    }
    return false;
}

void SentenceReader::table_clauses() {
    const uint32_t n = last_ - first_ + 1;
    clauses_.resize(3 * static_cast<size_t>(n));
    uint32_t* cb = clauses_.data();
    uint32_t* ce = cb + n;
    uint32_t* cues = ce + n;
    constexpr uint32_t kEnds = kPunctComma | W::kClause | kScopeEnd;
    cb[0] = first_;
    cues[0] = 0;
    for (uint32_t k = 1; k < n; ++k) {
        cb[k] = (fl_[k - 1] & kEnds) ? first_ + k : cb[k - 1];
        cues[k] = cues[k - 1] + ((fl_[k - 1] & kForecastCue) ? 1u : 0u);
    }
    ce[n - 1] = last_;
    for (uint32_t k = n - 1; k > 0; --k) ce[k - 1] = (fl_[k - 1] & kEnds) ? first_ + k - 1 : ce[k];
    clauses_done_ = true;
}

}  // namespace herald::analysis::metric_reader
