// Counts: numbers of units the count kinds measure (deliveries, subscribers, job cuts). They are
// no quantities (a bare number is not one), so this pass reads them from the number tokens:
// "delivered 384,122 vehicles", "301.6 million paid subscribers", "cut 2,200 defense jobs",
// "deliveries rose 7% to 497,000"; and "cut 10% of its workforce" (job cuts in %).
#include "metric_kinds.hpp"
#include "metrics_reader.hpp"
#include "numbers.hpp"
#include "periods_scanner.hpp"

namespace herald::analysis::metric_reader {

namespace {

bool is_count_kind(MetricKind k) { return k != W::kNotMetric && kinds::row(k).unit == kinds::UnitKind::count; }

// "million", "mn", "m", "billion", "bn", "thousand", "k": the power of ten, else 0.
int scale_of(std::string_view w) {
    if (eq_ci(w, "million") || eq_ci(w, "mn") || eq_ci(w, "mln") || eq_ci(w, "m")) return 6;
    if (eq_ci(w, "billion") || eq_ci(w, "bn") || eq_ci(w, "b")) return 9;
    if (eq_ci(w, "thousand") || eq_ci(w, "k")) return 3;
    return 0;
}

// The word at token k names counted units (a count or job noun, or a count kind's word).
bool count_word(const Document& doc, uint32_t k) {
    const W::WordInfo wi = W::lookup_token(doc, k);
    return wi.role == W::Role::count_noun || wi.role == W::Role::job_noun ||
           ((wi.flags & W::kKind) && is_count_kind(wi.kind));
}

}  // namespace

// Can sentence s hold a count figure? A number with a count word up to four words after it
// ("2,200 defense jobs") or a count kind word up to five tokens before it ("deliveries rose 7%
// to 497,000"). Sentences with no quantity are read only when this holds (and, tested first by the
// caller, they hold a digit).
bool count_sentence(const Document& doc, const Sentence& s) {
    const Token* toks = doc.tokens.data();
    for (uint32_t t = s.first_token; t < s.last_token; ++t) {
        if (toks[t].kind != TokenKind::number) continue;
        for (uint32_t k = t + 1; k < s.last_token && k <= t + 4 && toks[k].kind == TokenKind::word; ++k)
            if (count_word(doc, k)) return true;
        for (uint32_t k = t; k > s.first_token && k + 5 > t;) {
            --k;
            if (toks[k].kind != TokenKind::word) continue;
            const W::WordInfo wi = W::lookup_token(doc, k);
            if ((wi.flags & W::kKind) && is_count_kind(wi.kind)) return true;
        }
    }
    return false;
}

// The number at token t with its scale word: value, and the token after it in te. False for
// what is no count: a year, a number glued to letters.
bool SentenceReader::read_count(uint32_t t, double& value, uint32_t& te) const {
    const Token& tk = c_.doc.tokens[t];
    num::Decimal d;
    if (!num::parse_decimal(c_.field, tk.begin, d)) return false;
    // "Microsoft 365", "Boeing 737": a number right after a name is part of it.
    if (t > first() && !d.grouped && (F(t - 1) & kMentionFlag) && c_.doc.tokens[t].space_before) return false;
    // "Switch 2 hardware sales", "Model 3 deliveries": a small whole number right after a capitalised
    // word (not the sentence's first, nor a kind or function word) names a product, no count.
    if (t > first() + 1 && !d.grouped && d.decimals == 0 && d.int_digits <= 2 && c_.doc.tokens[t].space_before &&
        c_.doc.tokens[t - 1].kind == TokenKind::word && c_.doc.tokens[t - 1].capitalized &&
        !(F(t - 1) & (W::kKind | W::kPhrase | W::kStop | W::kDeterminer)) && !(t + 1 < last() && scale_of(c_.tok(t + 1))))
        return false;
    te = t + 1;
    while (te < last() && c_.doc.tokens[te].begin < d.end) ++te;
    if (d.end < c_.field.size() && num::is_alpha(c_.field[d.end]) && c_.doc.tokens[t].end > d.end) return false;
    const int scale = te < last() ? scale_of(c_.tok(te)) : 0;
    if (scale) ++te;
    // "in 2025": a year, not a count.
    if (!scale && !d.grouped && d.decimals == 0 && d.int_digits == 4 && d.mantissa >= 1900 && d.mantissa <= 2100)
        return false;
    value = num::scaled(d, scale);
    return true;
}

// The count kind of a number at [tb, te): a count kind word after it ("301.6 million
// subscribers"), a job noun after it with a cut verb before ("cut 2,200 defense jobs"), or a
// count kind word before it ("delivered 384,122 vehicles", "deliveries rose 7% to 497,000").
// `made` receives a synthesized hit for job nouns.
const Hit* SentenceReader::count_kind(uint32_t tb, uint32_t te, Hit& made) const {
    // "shipments of 195 million to 205 million tonnes", "gold production of 412,000 ounces": a
    // physical quantity, not a count of units delivered.
    static constexpr std::string_view kMeasures[] = {"tonnes", "tons",    "ounces",  "oz",      "barrels", "pounds", "lbs",
                                                     "carats", "kilograms", "litres", "liters", "gallons", "bushels", "boe"};
    for (uint32_t k = te; k < last() && k < te + 5; ++k) {  // past a range's high end: "195 million to 205 million tonnes"
        if (c_.doc.tokens[k].kind == TokenKind::number || scale_of(c_.tok(k)) || eq_ci(c_.tok(k), "to")) continue;
        if (c_.doc.tokens[k].kind != TokenKind::word) break;
        for (std::string_view m : kMeasures)
            if (eq_ci(c_.tok(k), m)) return nullptr;
        break;
    }
    bool units = !model_text(te).empty();  // a count noun follows: "497,000 vehicles", "121 737s"
    uint32_t customers = 0;                  // ... that counts customers: "5.1 million mobile customers"
    for (uint32_t k = te; !units && k < last() && k < te + 3; ++k) {
        if (c_.doc.tokens[k].kind != TokenKind::word || (F(k) & (W::kStop | kFigureFlag))) break;
        if (const Hit* h = hit_at(k)) return is_count_kind(h->kind) ? h : nullptr;
        units |= role_of(k) == W::Role::count_noun;
        if (units && tw_[k - first_].kind == MetricKind::subscribers) customers = k;
        if (role_of(k) == W::Role::job_noun) {
            if (!cut_verb_before(tb)) return nullptr;
            made = made_hit(k, MetricKind::job_cuts);
            return &made;
        }
    }
    // "added 5.1 million mobile customers", "gained 300,000 accounts": customers won are subscribers.
    if (customers && gain_before(tb)) {
        made = made_hit(customers, MetricKind::subscribers);  // the noun: its words before it are the segment
        return &made;
    }
    // "sold 955,000 vehicles": units sold are deliveries.
    if (units && sold_before(tb)) {
        made = made_hit(tb, MetricKind::deliveries);
        return &made;
    }
    // "delivered 160 airplanes in the quarter, including 121 737s and 24 787s": a breakdown of
    // the count before it takes its kind, however far back that kind is named.
    // "sales, including Lexus, rose 2% to about 920,000 vehicles": the new level of a move reaches
    // back to the move's subject.
    const bool level = units && tb > first() + 1 && eq_ci(c_.tok(qualifier_before(tb) == Qualifier::none ? tb - 1 : tb - 2), "to");
    const Hit* h = hit_before(tb, units && breakdown_before(tb) ? 32 : level ? 14 : 8);
    // "net orders totalled 161 aircraft": an order counted in units.
    if (h && h->kind == MetricKind::orders && units) return h;
    if (!h || !is_count_kind(h->kind)) return nullptr;
    // Right after the kind, after a linking word ("to", "of", "reached") or before units: not "on Oct. 13".
    if (!units && h->end != tb && !(F(link_before(tb) - 1) & (W::kStop | W::kUp | W::kDown)) && !eq_ci(c_.tok(link_before(tb) - 1), "hit"))
        return nullptr;
    return h;
}

// Can count_pass find a count? count_kind gives a kind only through a count (or orders) kind
// phrase, a count or job noun, or "sold" before units: a sentence of none skips the pass.
bool SentenceReader::counts_possible() const {
    if (cues_any_ & (W::kCueCounted | W::kCueSold)) return true;
    for (const Hit& h : hits_)
        if (h.kind == MetricKind::orders || is_count_kind(h.kind)) return true;
    return false;
}

// A count after from/versus/against is the earlier value of the sentence's count before it.
bool SentenceReader::earlier_count(uint32_t tb, uint32_t te, double value) {
    if (!prior_cue_before(tb)) return false;
    for (size_t i = c_.out.size(); i > first_metric_; --i) {
        Metric& m = c_.out[i - 1];
        if (!(m.unit == Unit::of("count")) || !m.has_value || m.has_prior) continue;
        m.has_prior = true;
        m.prior_value = value;
        direction_from_prior(m);
        if (m.change.basis == Basis::none) m.change.basis = prior_period_basis(m, te);
        return true;
    }
    return true;  // an earlier value whose later one was not read is no metric either
}

// "between 41,500 and 43,500 vehicles", "72,000 to 75,000 vehicles", "1.5 to 1.7 million units":
// a count range whose low end [t, te) was read into low. On success high and high_te (the token
// after the high end) are set, and a scale written once is both ends' ("1.5 to 1.7 million").
// "from 400,000 to 450,000" is a move, no range.
bool SentenceReader::count_range(uint32_t t, uint32_t te, double& low, double& high, uint32_t& high_te) const {
    if (te + 1 >= last() || c_.doc.tokens[te + 1].kind != TokenKind::number || t <= first()) return false;
    const std::string_view link = c_.tok(te), before = c_.tok(t - 1);
    const bool between = eq_ci(link, "and") && eq_ci(before, "between");
    if (!between && !(eq_ci(link, "to") && !eq_ci(before, "from"))) return false;
    double h = 0;
    uint32_t he = te + 1;
    if (!read_count(te + 1, h, he)) return false;
    double l = low;
    const int scale = scale_of(c_.tok(he - 1));
    if (scale && !scale_of(c_.tok(te - 1))) l *= scale == 9 ? 1e9 : scale == 6 ? 1e6 : 1e3;
    if (!(h > l) || h > 2 * l) return false;  // a range rises, by at most its low end
    low = l, high = h, high_te = he;
    return true;
}

// "users hit a record 416 million", "reached a new high of", "shipments of about 850,000": the
// token a count's link word ends before, past "a", "record", "new" and a qualifier (tb itself when
// none).
uint32_t SentenceReader::link_before(uint32_t tb) const {
    uint32_t k = tb;
    while (k > first() + 1 && k + 3 > tb &&
           (eq_ci(c_.tok(k - 1), "a") || eq_ci(c_.tok(k - 1), "record") || eq_ci(c_.tok(k - 1), "new")))
        --k;
    // "of about", "to roughly": a qualifier of one word after "of", "to" or a move.
    if (k == tb && k > first() + 2 && qualifier_before(tb) != Qualifier::none && c_.doc.tokens[k - 1].kind == TokenKind::word &&
        !(F(k - 1) & (W::kStop | W::kUp | W::kDown)) &&
        (eq_ci(c_.tok(k - 2), "of") || eq_ci(c_.tok(k - 2), "to") || (F(k - 2) & (W::kUp | W::kDown))))
        --k;
    return k;
}

// "added", "adds", "adding", "gained", "won", "signed up" right before a count (past a qualifier).
bool SentenceReader::gain_before(uint32_t tb) const {
    uint32_t k = tb;
    for (int n = 0; n < 3 && k > first() + 1; ++n) {
        const std::string_view q = c_.tok(k - 1);
        if (!(eq_ci(q, "about") || eq_ci(q, "around") || eq_ci(q, "some") || eq_ci(q, "nearly") || eq_ci(q, "over") ||
              eq_ci(q, "more") || eq_ci(q, "than") || eq_ci(q, "at") || eq_ci(q, "least") || eq_ci(q, "a") || eq_ci(q, "record") ||
              eq_ci(q, "net") || eq_ci(q, "roughly") || eq_ci(q, "almost")))
            break;
        --k;
    }
    if (k <= first()) return false;
    const std::string_view x = c_.tok(k - 1);
    return eq_ci(x, "added") || eq_ci(x, "adds") || eq_ci(x, "add") || eq_ci(x, "adding") || eq_ci(x, "gained") ||
           eq_ci(x, "won") || eq_ci(x, "signed");
}

// A model designation right after a count: "121 737s", "24 787s", "30 A350s" (a plural of a
// name with digits). Its text without the plural s is the segment the count is about.
std::string_view SentenceReader::model_text(uint32_t k) const {
    if (k >= last() || !c_.doc.tokens[k].space_before) return {};
    // The word's bytes from the field: the tokenizer may split "737s" into a number and "s".
    const size_t b = c_.doc.tokens[k].begin;
    size_t e = b;
    while (e < c_.field.size() && e < b + 12 &&
           (num::is_alpha(c_.field[e]) || (c_.field[e] >= '0' && c_.field[e] <= '9') || c_.field[e] == '-'))
        ++e;
    const std::string_view x = c_.field.substr(b, e - b);
    if (x.size() < 3 || x.size() >= 12 || x.back() != 's') return {};
    bool digit = false;
    for (size_t i = 0; i + 1 < x.size(); ++i) {
        const char ch = x[i];
        if (ch >= '0' && ch <= '9') digit = true;
        else if (!((ch >= 'A' && ch <= 'Z') || ch == '-')) return {};
    }
    // "the 1990s", "the 80s": decades, not models.
    if (x.size() <= 5 && x[x.size() - 2] == '0' && x.find_first_not_of("0123456789") == x.size() - 1) return {};
    return digit ? x.substr(0, x.size() - 1) : std::string_view{};
}

// "sold", "sells", "selling" right before a count (past "about", "more than", "some").
bool SentenceReader::sold_before(uint32_t tb) const {
    for (uint32_t k = tb, n = 0; k > first() && n < 3; ++n) {
        --k;
        const std::string_view x = c_.tok(k);
        if (eq_ci(x, "sold") || eq_ci(x, "sells") || eq_ci(x, "sell") || eq_ci(x, "selling")) return true;
        if (!(eq_ci(x, "about") || eq_ci(x, "around") || eq_ci(x, "some") || eq_ci(x, "than") || eq_ci(x, "more") ||
              eq_ci(x, "nearly") || eq_ci(x, "over") || eq_ci(x, "roughly")))
            return false;
    }
    return false;
}

// "including 121 737s and 24 787s": the count is one part of a list after "including".
bool SentenceReader::breakdown_before(uint32_t tb) const {
    for (uint32_t k = tb, n = 0; k > first() && n < 8; ++n) {
        --k;
        const std::string_view x = c_.tok(k);
        if (eq_ci(x, "including") || eq_ci(x, "includes") || eq_ci(x, "incl")) return true;
        const bool part = c_.doc.tokens[k].kind == TokenKind::number || !c_.doc.tokens[k].space_before || eq_ci(x, "and") ||
                          eq_ci(x, ",") || role_at(k) == W::Role::count_noun;
        if (!part) return false;
    }
    return false;
}

// "about 2,000 jobs", "more than 1,500 positions", "up to 700 roles".
Qualifier SentenceReader::qualifier_before(uint32_t t) const {
    const std::string_view a = c_.tok(t - 1), b = t >= first() + 2 ? c_.tok(t - 2) : std::string_view{};
    if (eq_ci(a, "about") || eq_ci(a, "around") || eq_ci(a, "approximately") || eq_ci(a, "roughly") || eq_ci(a, "some"))
        return Qualifier::about;
    if (eq_ci(a, "over") || (eq_ci(a, "than") && eq_ci(b, "more")) || (eq_ci(a, "least") && eq_ci(b, "at")))
        return Qualifier::over;
    if (eq_ci(a, "nearly") || eq_ci(a, "almost") || (eq_ci(a, "to") && eq_ci(b, "up")) || (eq_ci(a, "than") && eq_ci(b, "less")))
        return Qualifier::under;
    return Qualifier::none;
}

// A cut verb up to eight tokens before tb in its clause ("plans to cut about 2,000 jobs").
bool SentenceReader::cut_verb_before(uint32_t tb) const {
    for (uint32_t k = tb; k > first() && k + 8 > tb;) {
        --k;
        if (F(k) & (kPunctHard | W::kClause | kFigureFlag)) return false;
        if (role_of(k) == W::Role::cut_verb) return true;
    }
    return false;
}

// "to" and a number right after te, or after a short period phrase ("in the quarter to 48.3
// million").
bool SentenceReader::level_after(uint32_t te) const {
    uint32_t k = te;
    if (k < last() && (eq_ci(c_.tok(k), "in") || eq_ci(c_.tok(k), "during") || eq_ci(c_.tok(k), "over")))
        for (uint32_t n = 0; ++k < last() && !eq_ci(c_.tok(k), "to"); ++n)
            if (n == 4 || (c_.doc.tokens[k].kind != TokenKind::word && !periods::year_token(c_.doc, k))) return false;
    return k + 1 < last() && c_.doc.keys[k].a == word_key("to") && c_.doc.tokens[k + 1].kind == TokenKind::number;
}

void SentenceReader::count_pass() {
    const size_t before = c_.out.size();
    size_t fi = 0;
    for (uint32_t t = first(); t < last() && !c_.full; ++t) {
        if (c_.doc.tokens[t].kind != TokenKind::number) continue;
        while (fi < figs_.size() && figs_[fi].te <= t) ++fi;
        if (fi < figs_.size() && figs_[fi].tb <= t) continue;  // part of a money or percent figure
        double value = 0, high = 0;
        uint32_t te = t;
        if (!read_count(t, value, te)) continue;
        const bool range = count_range(t, te, value, high, te);
        Hit made;
        const Hit* h = count_kind(t, te, made);
        if (!h) continue;
        // "subscribers grew by 410,000 to 9.8 million", "grew by 1.9 million in the quarter to 48.3
        // million": the change of the count after "to", no count. (Compared by the tokenizer's keys:
        // one load and compare per count.)
        if (t > first() && c_.doc.keys[t - 1].a == word_key("by") && level_after(te)) {
            t = te - 1;
            continue;
        }
        // "net additions were 96,000, against 71,000 in the April-June quarter": an earlier count.
        if (earlier_count(t, te, value)) {
            t = te - 1;
            continue;
        }
        Metric m;
        m.kind = h->kind;
        m.has_value = true;
        m.value = value;
        if (range) m.is_range = true, m.low = value, m.high = high;
        m.unit = Unit::of("count");
        m.qualifier = qualifier_before(t);
        const Token& b = c_.doc.tokens[t];
        const Token& e = c_.doc.tokens[te - 1];
        m.span = {b.field, b.begin, e.end};
        m.text = c_.field.substr(b.begin, e.end - b.begin);
        attribute(m, h, t, te, h->begin >= te);
        if (const std::string_view model = model_text(te); !model.empty()) m.segment = model;
        finish(m, t, te, h);
        if (h->end <= t) m.change.direction = direction_to(h, t);
        // "kept its full-year target of around 820 deliveries": a projection that did not move.
        if (m.forecast && m.change.direction == Direction::none && role_before(t, W::Role::reaffirm, 10))
            m.change.direction = Direction::flat;
        unit_sales_seen_ |= h == &made && h->kind == MetricKind::deliveries;
        // A part of a breakdown takes no change stated for the whole before "including".
        if (breakdown_before(t) && n_breakdowns_ < kMaxBreakdowns) breakdowns_[n_breakdowns_++] = b.begin;
        push(m);
        t = te - 1;
    }
    if (c_.out.size() > before && before > first_metric_) sort_metrics(before);
}

// Count metrics come after the money pass's: the sentence's metrics go back to figure order,
// which attach_change's search relies on. Both runs are in figure order, so one merge through a
// reused buffer (linear; an insertion sort was quadratic on "revenue $5B 300 subscribers ...").
void SentenceReader::sort_metrics(size_t counts_begin) {
    const size_t end = c_.out.size();
    merged_.clear();
    size_t a = first_metric_, b = counts_begin;
    while (a < counts_begin || b < end) {
        const bool take_a = b == end || (a < counts_begin && c_.out[a].span.begin <= c_.out[b].span.begin);
        merged_.push_back(c_.out[take_a ? a++ : b++]);
    }
    std::copy(merged_.begin(), merged_.end(), c_.out.begin() + static_cast<std::ptrdiff_t>(first_metric_));
    for (size_t i = first_metric_; i < end; ++i)
        last_of_kind_[static_cast<size_t>(c_.out[i].kind)] = static_cast<int32_t>(i);
}

// "cut 10% of its workforce", "eliminate 5% of jobs": job cuts as a share of staff; so is a share
// right after the sentence's job-cut count ("cut about 2,800 jobs, or roughly 6% of its
// workforce", "14,000 corporate roles, about 4% of its corporate workforce"), its cut verb further back.
bool SentenceReader::job_share(const Fig& fg, const Quantity& q) {
    uint32_t k = fg.te + 1;  // after "of"
    while (k < last() && k < fg.te + 4 && (F(k) & W::kDeterminer)) ++k;
    if (k + 1 < last() && role_of(k) != W::Role::job_noun && role_of(k + 1) == W::Role::job_noun &&
        c_.doc.tokens[k].kind == TokenKind::word && !(F(k) & (W::kStop | W::kKind)))
        ++k;  // "of its corporate workforce"
    if (k >= last() || c_.doc.tokens[k].kind != TokenKind::word) return false;
    const Metric* count = role_of(k) == W::Role::job_noun ? after_job_count(fg.tb) : nullptr;
    if (role_of(k) != W::Role::job_noun || !(count || cut_verb_before(fg.tb))) return false;
    const bool forecast = count && count->forecast;  // the share is of the same cut: planned or done alike
    const Hit made = made_hit(k, MetricKind::job_cuts);
    Metric m;
    take_value(m, q);
    const size_t before = c_.out.size();
    push_metric(m, &made, fg.tb, fg.te);
    if (count && c_.out.size() > before) c_.out.back().forecast = forecast;
    return true;
}

// Is the share at token tb right after the sentence's job-cut count and a comma (", or",
// ", about", ", roughly")?
const Metric* SentenceReader::after_job_count(uint32_t tb) const {
    uint32_t k = tb;
    for (int n = 0; n < 2 && k > first() && !(F(k - 1) & kPunctComma); ++n) --k;  // "or", "about", "roughly"
    if (k <= first() || !(F(k - 1) & kPunctComma)) return nullptr;
    const Token& comma = c_.doc.tokens[k - 1];
    for (size_t i = c_.out.size(); i > first_metric_; --i) {
        const Metric& m = c_.out[i - 1];
        if (m.span.field != comma.field || m.span.end > comma.begin) continue;
        const bool count = m.kind == MetricKind::job_cuts && m.unit == Unit::of("count") && comma.begin - m.span.end < 48;
        return count ? &m : nullptr;
    }
    return nullptr;
}

}  // namespace herald::analysis::metric_reader
