// Money figures news states without a kind word, or with one that misleads: investment pledges
// ("will invest $9 billion in Virginia data centers", "a planned $4 billion investment", "a
// plant that cost EUR 200m") are capital spending, a projection unless spent already; stake
// investments ("to invest $1 billion in Nokia") are deals; and a contract or a supply deal
// ("signs $20 billion cloud deal", "a contract worth about $20 billion") is an order the seller
// won, or a commitment of the buyer ("a deal to secure computing capacity"), not a deal's price.
// Read per money figure only: no per-token cost.
#include "metric_kinds.hpp"
#include "metrics_reader.hpp"

namespace herald::analysis::metric_reader {

namespace {

bool any_of(std::string_view x, std::initializer_list<std::string_view> words) {
    for (std::string_view w : words)
        if (eq_ci(x, w)) return true;
    return false;
}

}  // namespace

// The pledge words are roles of the metric word table, read with the sentence's flags.
W::Role SentenceReader::role_at(uint32_t t) const {
    if (t >= last()) return W::Role::none;
    if (t >= first()) return role_of(t);
    return c_.doc.tokens[t].kind == TokenKind::word ? W::lookup_token(c_.doc, t).role : W::Role::none;
}

// The word right before the figure, past fillers ("invest an additional $912 million",
// "investment there to about $14 billion"), or tb when there is none within five tokens.
uint32_t SentenceReader::verb_before_figure(uint32_t tb) const {
    uint32_t k = tb;
    for (uint32_t n = 0; k > first() && n < 5; ++n) {
        --k;
        if (c_.doc.tokens[k].kind != TokenKind::word) return tb;
        if (role_at(k) != W::Role::filler) return k;
    }
    return tb;
}

// Is there a company (not a segment) named right after "in"/"into" after the figure ("invest $1
// billion in Nokia"), or a stake word in the clause? Then the money buys into a company.
bool SentenceReader::stake_after(const Fig& fg) const {
    uint32_t k = fg.te;
    if (k >= last() || !(eq_ci(c_.tok(k), "in") || eq_ci(c_.tok(k), "into"))) return false;
    ++k;
    while (k < last() && k < fg.te + 4 && (F(k) & W::kDeterminer)) ++k;
    for (uint32_t m = c_.mention_begin; m < c_.mention_end; ++m) {
        const Mention& mn = c_.mentions[m];
        if (mn.token == k) return !mn.is_segment;
    }
    return false;
}

// Money a bank or fund puts to work, no capital spending of its own: "finance and invest up to
// $1.5 trillion ... in industries", "invest $2 billion in AI startups", "in venture funds".
bool SentenceReader::financial_investment(const Fig& fg, uint32_t verb) const {
    if (verb >= first() + 2 && eq_ci(c_.tok(verb - 1), "and") &&
        any_of(c_.tok(verb - 2), {"finance", "lend", "facilitate", "underwrite", "raise", "manage"}))
        return true;
    for (uint32_t k = fg.te; k < last() && k < fg.te + 8; ++k) {
        if (F(k) & (kPunctComma | W::kClause | kFigureFlag)) break;
        if (any_of(c_.tok(k), {"industries", "companies", "startups", "start-ups", "funds", "fund", "ventures",
                               "firms", "securities", "bonds", "stocks", "equities", "portfolio", "treasuries"}))
            return true;
    }
    return false;
}

// The plant a pledge is for, a business of its own: "in its North Carolina battery plant" ->
// "North Carolina battery plant", "opened an automation plant", "a decision on its Baytown
// hydrogen plant"; the first such phrase after "in"/"at"/"on" or a determiner in tokens
// [from, to) of `field`, else empty. Plural or generic sites ("Virginia data centers", "an AI
// hub") name no one business. Reads the tokens directly: also used on the sentence before.
std::string_view facility_in(const Document& doc, std::string_view field, uint32_t from, uint32_t to) {
    auto text = [&](uint32_t k) {
        const Token& tk = doc.tokens[k];
        return field.substr(tk.begin, tk.end - tk.begin);
    };
    auto determiner = [&](uint32_t k) {
        return doc.tokens[k].kind == TokenKind::word && (W::lookup_token(doc, k).flags & W::kDeterminer);
    };
    for (uint32_t t = from; t + 1 < to; ++t) {
        const std::string_view x = text(t);
        if (!eq_ci(x, "in") && !eq_ci(x, "at") && !eq_ci(x, "on") && !determiner(t)) continue;
        uint32_t b = t + 1;
        while (b < to && determiner(b)) ++b;
        for (uint32_t e = b; e < to && e < b + 5; ++e) {
            if (doc.tokens[e].kind != TokenKind::word || (W::lookup_token(doc, e).flags & W::kStop)) break;
            if (e > b && any_of(text(e), {"plant", "factory", "facility", "fab", "refinery", "mill", "gigafactory"}))
                return field.substr(doc.tokens[b].begin, doc.tokens[e].end - doc.tokens[b].begin);
        }
    }
    return {};
}

std::string_view SentenceReader::facility_of(uint32_t from, uint32_t to) const {
    return facility_in(c_.doc, c_.field, from, to < last() ? to : last());
}

// The capital-spending or stake hit of a money figure stated with an investment verb or noun,
// or null. Sets pledge_segment_ to the facility the money is for, when the sentence names one.
const Hit* SentenceReader::pledge_kind(const Fig& fg) {
    pledge_segment_ = {};
    // Every answer below needs a word of one of the spending roles in the sentence (the roles it
    // reads are all of its own tokens'): without one, none of the four role probes per figure can.
    if (!(cues_any_ & W::kCueSpending)) return nullptr;
    const uint32_t v = verb_before_figure(fg.tb);
    const W::Role vr = v < fg.tb ? role_at(v) : W::Role::none;
    const std::string_view verb = v < fg.tb ? c_.tok(v) : std::string_view{};
    bool pledge = vr == W::Role::pledge;
    bool spent = vr == W::Role::spent;
    // "spend $2 billion" needs what it is spent on: "on data centers", "in Texas", "to build".
    if (pledge && (verb.substr(0, 3) == "spe" || verb.substr(0, 3) == "pou"))
        pledge = any_of(c_.tok(fg.te), {"on", "in", "into", "to", "over", "through", "by"});
    // "cost $X" is a facility's cost only: "a plant that cost about EUR 200m".
    if (spent && !verb.empty() && (verb[0] == 'c' || verb[0] == 'C')) {
        bool facility = false;
        for (uint32_t k = v; k > first() && k + 8 > v && !facility;) facility = role_at(--k) == W::Role::facility;
        spent = facility;
    }
    // Someone's pledge: a company named before the verb, or the company of earlier sentences
    // ("shoppers will spend $10 billion on gifts" is no company's).
    if (pledge && mention_from(v) == c_.mention_begin && !last_company_) pledge = false;
    // "$4 billion investment", "investment of $3 billion", "investment there to about $14 billion".
    const bool noun_after = !pledge && !spent && role_at(fg.te) == W::Role::investment;
    const bool noun = noun_after || (!pledge && !spent && vr == W::Role::investment);
    // "a $2 billion battery plant", "EUR 200m factory": the facility costs the figure.
    for (uint32_t k = fg.te; !pledge && !spent && !noun && k < last() && k < fg.te + 3; ++k) {
        if (c_.doc.tokens[k].kind != TokenKind::word || (F(k) & (W::kStop | kFigureFlag | W::kKind))) break;
        spent = role_at(k) == W::Role::facility;
    }
    if (!pledge && !spent && !noun) return nullptr;
    if (financial_investment(fg, v)) return nullptr;
    pledge_hit_ = {};
    pledge_hit_.begin = pledge_hit_.np_begin = noun_after ? fg.te : v;
    pledge_hit_.end = pledge_hit_.begin + 1;
    pledge_hit_.kind = MetricKind::capex;
    if (stake_after(fg)) {
        pledge_hit_.kind = MetricKind::deal_value;
        return &pledge_hit_;
    }
    // A pledge verb or a planned investment is spending to come; money spent is by its context.
    pledge_hit_.forecast = pledge || noun;
    pledge_segment_ = facility_of(fg.te, fg.te + 12);
    if (pledge_segment_.empty()) pledge_segment_ = facility_of(fg.tb > first() + 32 ? fg.tb - 32 : first(), fg.tb);
    // "... its Baytown hydrogen plant in 2027. The company has earmarked about $3 billion for the
    // first phase.": a pledge naming no plant and no business is for the plant just named.
    bool segment_named = false;  // "The company" is a mention of the company; a segment is another business
    for (uint32_t m = c_.mention_begin; m < c_.mention_end && m < c_.mention_begin + kFewMentions; ++m)
        segment_named |= c_.mentions[m].is_segment;
    if (pledge_segment_.empty() && c_.si > 0 && !segment_named && c_.mention_end - c_.mention_begin <= kFewMentions) {
        const Sentence& prev = c_.doc.sentences[c_.si - 1];
        if (prev.field == c_.sent->field && prev.last_token - prev.first_token <= 64)
            pledge_segment_ = facility_in(c_.doc, c_.field, prev.first_token, prev.last_token);
    }
    return &pledge_hit_;
}

// A deal that buys no company: "signs $9.7 billion AI cloud capacity deal", "a contract worth
// about $20 billion", "agreed a seven-year, $38 billion deal to provide ... GPUs". The seller's
// order, or the buyer's commitment when the deal secures capacity or a purchase. Takes the
// deal_value hit h and returns the hit to use.
const Hit* SentenceReader::contract_kind(const Hit* h) {
    if (h->kind != MetricKind::deal_value) return h;
    const std::string_view w = c_.tok(h->begin);
    if (!any_of(w, {"deal", "deals", "agreement", "agreements", "contract", "contracts", "pact"})) return h;
    // The sentence's words are read once (a hostile sentence of many deals costs no more per figure).
    enum : int8_t { kAcquisition = 1, kSupply = 2, kSecure = 4, kCapacity = 8, kProvide = 16 };
    if (contract_words_ < 0) {
        int8_t bits = 0;
        for (uint32_t t = first(); t < last(); ++t) {
            if (c_.doc.tokens[t].kind != TokenKind::word) continue;
            const std::string_view x = c_.tok(t);
            // An acquisition, a merger or a stake: the deal's price.
            if (any_of(x, {"acquire", "acquires", "acquired", "acquiring", "acquisition", "buy", "buys", "buying",
                           "bought", "merger", "merge", "takeover", "buyout", "stake", "sell", "sells", "sale",
                           "divest", "spinoff"}))
                bits |= kAcquisition;
            if (any_of(x, {"provide", "provides", "providing", "supply", "supplies", "supplying"})) bits |= kProvide | kSupply;
            if (any_of(x, {"cloud", "compute", "computing", "capacity", "services", "contract", "contracts"})) bits |= kSupply;
            if (any_of(x, {"secure", "secures", "securing"})) bits |= kSecure;
            if (eq_ci(x, "capacity")) bits |= kCapacity;
        }
        contract_words_ = bits;
    }
    const int8_t bits = contract_words_;
    if ((bits & kAcquisition) || !(bits & kSupply)) return h;
    // "to secure capacity", "a capacity deal": the company buys; "to provide capacity": it sells.
    const bool buyer = (bits & kSecure) || ((bits & kCapacity) && !(bits & kProvide));
    pledge_hit_ = *h;
    pledge_hit_.kind = buyer ? MetricKind::commitments : MetricKind::orders;
    return &pledge_hit_;
}

// "tariffs cost ¥1.4 trillion", "costing it about $600 million": what an expense took, no result
// ("a plant that cost EUR 200m" is a pledge, read before). "$4.9 billion 777X charge": a charge,
// impairment or provision named right after the figure (past a model name) is what it is.
bool SentenceReader::expense_figure(const Fig& fg) const {
    // Its answers need a cost word (a spending role's cue) or a hit of no metric in the sentence.
    if (!(cues_any_ & W::kCueSpending)) {
        if (not_metric_hits_ < 0)
            not_metric_hits_ = std::any_of(hits_.begin(), hits_.end(), [](const Hit& h) { return h.kind == W::kNotMetric; });
        if (!not_metric_hits_) return false;
    }
    for (uint32_t k = fg.tb, n = 0; k > first() && n < 4; ++n) {
        --k;
        if (F(k) & (kFigureFlag | kPunctHard | kPunctComma | W::kClause | W::kKind)) break;
        // Compared by the tokenizer's key (equal ignoring case exactly when the word is): no text read.
        const uint64_t a = c_.doc.keys[k].a;
        if (a == word_key("cost") || a == word_key("costs") || a == word_key("costing")) return true;
    }
    for (uint32_t k = fg.te; k < last() && k < fg.te + 3; ++k) {
        if (const Hit* h = hit_beginning(k)) return h->kind == W::kNotMetric;
        // "earnings of $7.8 billion beat estimates": the comparison's yardstick is no charge.
        if (F(k) & (kFigureFlag | kPunctHard | kPunctComma | W::kClause | W::kStop | W::kComparator)) break;
    }
    return false;
}

}  // namespace herald::analysis::metric_reader
