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

// A verb that pledges spending: its figure is a projection ("to invest", "commits", "earmarked").
bool pledge_verb(std::string_view x) {
    return any_of(x, {"invest", "invests", "investing", "commit", "commits", "committing", "pledge", "pledges",
                      "pledged", "pledging", "earmark", "earmarks", "earmarked", "earmarking", "pour", "pours",
                      "pouring", "spend", "spends", "spending"});
}

// A verb that reports spending done: the figure is capital spending, forecast only by its context.
bool spent_verb(std::string_view x) { return any_of(x, {"invested", "spent", "poured", "cost", "costing", "costs"}); }

bool investment_noun(std::string_view x) { return any_of(x, {"investment", "investments"}); }

// What a plant is called: "battery plant", "data centers", "fab", "campus".
bool facility_noun(std::string_view x) {
    return any_of(x, {"plant", "plants", "factory", "factories", "facility", "facilities", "fab", "fabs", "campus",
                      "hub", "site", "mill", "refinery", "center", "centers", "centre", "centres", "gigafactory",
                      "terminal", "mine"});
}

// Words that may stand between a verb and its figure: "invest an additional $912 million",
// "earmarked about $3 billion", "spend up to $5 billion".
bool filler(std::string_view x) {
    return any_of(x, {"a", "an", "the", "additional", "further", "another", "extra", "about", "around", "roughly",
                      "nearly", "almost", "approximately", "some", "over", "more", "than", "up", "to", "at",
                      "least", "as", "much", "total", "of", "its", "new", "fresh"});
}

}  // namespace

// The word right before the figure, past fillers ("invest an additional $912 million"), or
// first() when there is none within four tokens.
uint32_t SentenceReader::verb_before_figure(uint32_t tb) const {
    uint32_t k = tb;
    for (uint32_t n = 0; k > first() && n < 5; ++n) {
        --k;
        if (c_.doc.tokens[k].kind != TokenKind::word) return first();
        if (!filler(c_.tok(k))) return k;
    }
    return first();
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
// "North Carolina battery plant"; the first such phrase after "in"/"at" in [from, to), else empty.
// Plural or generic sites ("Virginia data centers", "an AI hub") name no one business.
std::string_view SentenceReader::facility_of(uint32_t from, uint32_t to) const {
    for (uint32_t t = from; t + 1 < last() && t < to; ++t) {
        if (!eq_ci(c_.tok(t), "in") && !eq_ci(c_.tok(t), "at")) continue;
        uint32_t b = t + 1;
        while (b < last() && (F(b) & W::kDeterminer)) ++b;
        for (uint32_t e = b; e < last() && e < b + 5; ++e) {
            if (c_.doc.tokens[e].kind != TokenKind::word || (F(e) & (W::kStop | kFigureFlag))) break;
            if (e > b && any_of(c_.tok(e), {"plant", "factory", "facility", "fab", "refinery", "mill", "gigafactory"})) {
                const Token& tb = c_.doc.tokens[b];
                const Token& te = c_.doc.tokens[e];
                return c_.field.substr(tb.begin, te.end - tb.begin);
            }
        }
    }
    return {};
}

// The capital-spending or stake hit of a money figure stated with an investment verb or noun,
// or null. Sets pledge_segment_ to the facility the money is for, when the sentence names one.
const Hit* SentenceReader::pledge_kind(const Fig& fg) {
    pledge_segment_ = {};
    const uint32_t v = verb_before_figure(fg.tb);
    const std::string_view verb = v > first() || (v == first() && fg.tb > first()) ? c_.tok(v) : std::string_view{};
    bool pledge = !verb.empty() && pledge_verb(verb);
    bool spent = !verb.empty() && spent_verb(verb);
    // "spend $2 billion" needs what it is spent on: "on data centers", "in Texas", "to build".
    if (pledge && (eq_ci(verb, "spend") || eq_ci(verb, "spends") || eq_ci(verb, "spending") || eq_ci(verb, "pour") ||
                   eq_ci(verb, "pours") || eq_ci(verb, "pouring"))) {
        const std::string_view next = c_.tok(fg.te);
        pledge = any_of(next, {"on", "in", "into", "to", "over", "through", "by"});
    }
    // "cost $X" is a facility's cost only: "a plant that cost about EUR 200m".
    if (spent && (eq_ci(verb, "cost") || eq_ci(verb, "costing") || eq_ci(verb, "costs"))) {
        bool facility = false;
        for (uint32_t k = v; k > first() && k + 8 > v && !facility;) facility = facility_noun(c_.tok(--k));
        spent = facility;
    }
    // Someone's pledge: a company named before the verb, or the company of earlier sentences
    // ("shoppers will spend $10 billion on gifts" is no company's).
    if (pledge && mention_from(v) == c_.mention_begin && !last_company_) pledge = false;
    bool noun = false;
    if (!pledge && !spent) {
        // "$4 billion investment", "investment of $3 billion", "investment there to about $14 billion".
        if (fg.te < last() && investment_noun(c_.tok(fg.te))) noun = true;
        for (uint32_t k = fg.tb; !noun && k > first() && k + 6 > fg.tb;) {
            --k;
            if (F(k) & (kPunctComma | W::kClause | kFigureFlag)) break;
            if (investment_noun(c_.tok(k))) {
                const std::string_view next = c_.tok(k + 1);
                noun = k + 1 == fg.tb || (F(k + 1) & W::kStop) || eq_ci(next, "there") || eq_ci(next, "plan") ||
                       eq_ci(next, "program") || eq_ci(next, "programme");
            }
        }
        // "a $2 billion battery plant", "EUR 200m factory": the facility costs the figure.
        for (uint32_t k = fg.te; !noun && k < last() && k < fg.te + 3; ++k) {
            if (c_.doc.tokens[k].kind != TokenKind::word || (F(k) & (W::kStop | kFigureFlag | W::kKind))) break;
            if (facility_noun(c_.tok(k))) spent = true;
        }
    }
    if (!pledge && !spent && !noun) return nullptr;
    pledge_hit_ = {};
    pledge_hit_.begin = pledge_hit_.np_begin = noun && fg.te < last() && investment_noun(c_.tok(fg.te)) ? fg.te : v;
    pledge_hit_.end = pledge_hit_.begin + 1;
    pledge_hit_.kind = MetricKind::capex;
    if (financial_investment(fg, v)) return nullptr;
    if (stake_after(fg)) {
        pledge_hit_.kind = MetricKind::deal_value;
        return &pledge_hit_;
    }
    // A pledge verb or a planned investment is spending to come; money spent is by its context.
    pledge_hit_.forecast = pledge || (noun && !spent);
    pledge_segment_ = facility_of(fg.te, fg.te + 12);
    if (pledge_segment_.empty()) pledge_segment_ = facility_of(first(), fg.tb);
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
    bool supply = false, secure = false, capacity = false, provide = false;
    for (uint32_t t = first(); t < last(); ++t) {
        if (c_.doc.tokens[t].kind != TokenKind::word) continue;
        const std::string_view x = c_.tok(t);
        // An acquisition, a merger or a stake: the deal's price.
        if (any_of(x, {"acquire", "acquires", "acquired", "acquiring", "acquisition", "buy", "buys", "buying",
                       "bought", "merger", "merge", "takeover", "buyout", "stake", "sell", "sells", "sale", "divest",
                       "spinoff"}))
            return h;
        supply |= any_of(x, {"provide", "provides", "providing", "supply", "supplies", "supplying", "cloud",
                             "compute", "computing", "capacity", "services", "contract", "contracts"});
        secure |= any_of(x, {"secure", "secures", "securing"});
        capacity |= eq_ci(x, "capacity");
        provide |= any_of(x, {"provide", "provides", "providing", "supply", "supplies", "supplying"});
    }
    // "to secure capacity", "a capacity deal": the company buys; "to provide capacity": it sells.
    const bool buyer = secure || (capacity && !provide);
    if (!supply) return h;
    pledge_hit_ = *h;
    pledge_hit_.kind = buyer ? MetricKind::commitments : MetricKind::orders;
    return &pledge_hit_;
}

}  // namespace herald::analysis::metric_reader
